"""`biblioduck sql`, `export` and `schema`, and export_parquet, against real warehouse files."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from tests.helpers import REPO
from tests.warehouse_factories import CONTRACT_TABLES, FETCHED_AT, MARTS, load, page, paper, rows
from warehouse import export_parquet

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    load(
        path,
        "run-1",
        page("s1", "Ann Lee", [paper("Shared", ["Ann Lee", "Bo Chen"]), paper("Solo; 'quoted'", ["Ann Lee"])]),
        page("s2", "Bo Chen", [paper("Shared", ["Ann Lee", "Bo Chen"])]),
    )
    return path


def test_sql_prints_a_table(db: Path) -> None:
    result = runner.invoke(app, ["sql", "SELECT title FROM papers ORDER BY title", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Shared" in result.output
    assert "Solo; 'quoted'" in result.output
    assert "2 rows" in result.output


def test_sql_prints_csv_and_json(db: Path) -> None:
    query = "SELECT name, papers, first_year FROM author_stats ORDER BY name"
    as_csv = runner.invoke(app, ["sql", query, "--format", "csv", "--db", str(db)])
    assert as_csv.exit_code == 0, as_csv.output
    assert list(csv.reader(io.StringIO(as_csv.output))) == [
        ["name", "papers", "first_year"],
        ["Ann Lee", "2", "2024"],
        ["Bo Chen", "1", "2024"],
    ]
    as_json = runner.invoke(app, ["sql", "SELECT * FROM clusters ORDER BY name", "--format", "json", "--db", str(db)])
    assert as_json.exit_code == 0, as_json.output
    clusters = json.loads(as_json.output)
    assert [cluster["name"] for cluster in clusters] == ["Ann Lee", "Bo Chen"]
    assert clusters[0]["first_seen"].startswith("2025-03-01T12:00:00")


def test_sql_takes_the_database_from_the_environment(db: Path) -> None:
    result = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM papers", "--format", "csv"], env={"BIBLIODUCK_DB": str(db)}
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "2"]


def test_sql_errors_are_one_line_and_exit_non_zero(db: Path, tmp_path: Path) -> None:
    bad_query = runner.invoke(app, ["sql", "SELECT nope FROM papers", "--db", str(db)])
    assert bad_query.exit_code == 1
    assert bad_query.output.startswith("error: query failed:")
    assert "Traceback" not in bad_query.output

    for nothing in ("", "  ", ";", "\n-- a comment only"):
        empty = runner.invoke(app, ["sql", nothing, "--db", str(db)])
        assert (empty.exit_code, empty.output) == (1, "error: query failed: it holds no SQL statement\n"), nothing

    write_attempt = runner.invoke(app, ["sql", "DELETE FROM papers", "--db", str(db)])
    assert write_attempt.exit_code == 1
    assert rows(db, "SELECT count(*) FROM papers") == [(2,)]

    # a warehouse that cannot be used exits 3 in every command, as in ingest
    missing = runner.invoke(app, ["sql", "SELECT 1", "--db", str(tmp_path / "missing.duckdb")])
    assert missing.exit_code == 3
    assert "no warehouse at" in missing.output
    # and so does a command that changes what an ingest loaded, leaving no new empty warehouse behind
    changers = (["refresh"], ["identity", "link", "Ann Lee", "Ann Leigh", "--reason", "r"], ["identity", "resolve"])
    for command in changers:
        typo = runner.invoke(app, [*command, "--db", str(tmp_path / "typo.duckdb")])
        assert (typo.exit_code, "no warehouse at" in typo.output) == (3, True), command
        assert not (tmp_path / "typo.duckdb").exists(), command

    not_duckdb = tmp_path / "notes.txt"
    not_duckdb.write_text("hello")
    for command in (["sql", "SELECT 1"], ["export", "--parquet", str(tmp_path / "out")], ["schema"]):
        foreign = runner.invoke(app, [*command, "--db", str(not_duckdb)])
        assert foreign.exit_code == 3, command
        assert len(foreign.output.strip().splitlines()) == 1
        assert "not a biblioduck warehouse" in foreign.output
    assert not_duckdb.read_text() == "hello"


def test_schema_lists_tables_columns_and_descriptions(db: Path, tmp_path: Path) -> None:
    for args in (["schema", "--db", str(db)], ["schema", "--db", str(tmp_path / "not-yet.duckdb")]):
        result = runner.invoke(app, args, terminal_width=200)
        assert result.exit_code == 0, result.output
        for name in (*CONTRACT_TABLES, *MARTS):
            assert f"{name}:" in result.output
        assert "hex SHA-256 of content" in result.output
    assert not (tmp_path / "not-yet.duckdb").exists()


def test_export_writes_parquet_readable_by_pyarrow(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "snapshots"
    result = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output

    files = {path.stem: path for path in out.iterdir() if path.name != "manifest.json"}
    identity = {"persons", "author_persons", "person_links", "person_suspects", "identity_overrides"}
    assert set(files) == set(CONTRACT_TABLES) | set(MARTS) | {"raw_stylesheets", "page_stylesheets"} | identity
    assert all(path.suffix == ".parquet" for path in files.values())  # no temporary files left behind
    for name, path in files.items():
        table = pq.read_table(path)
        assert table.num_rows == rows(db, f'SELECT count(*) FROM "{name}"')[0][0], name
    papers = pq.read_table(files["papers"]).to_pylist()
    assert sorted(paper_row["title"] for paper_row in papers) == ["Shared", "Solo; 'quoted'"]
    assert "content" not in pq.read_table(files["raw_pages"]).column_names  # the bytes only with --raw


def test_export_writes_a_manifest_and_internal_tables_and_raw_bytes_only_when_asked(db: Path, tmp_path: Path) -> None:
    from warehouse import start_run

    start_run(db, "run-0", FETCHED_AT)
    start_run(db, "run-1", FETCHED_AT + timedelta(hours=1))
    default, everything = tmp_path / "default", tmp_path / "everything"
    assert runner.invoke(app, ["export", "--parquet", str(default), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["export", "--parquet", str(everything), "--db", str(db), "--all", "--raw"])
    assert result.exit_code == 0, result.output

    manifest = json.loads((default / "manifest.json").read_text())
    (latest_run,) = rows(db, "SELECT run_id FROM ingest_runs ORDER BY started_at DESC LIMIT 1")[0]
    assert manifest["run_id"] == latest_run
    assert manifest["schema_version"] == rows(db, "SELECT max(version) FROM schema_version")[0][0]
    assert {name: entry["rows"] for name, entry in manifest["files"].items()} == {
        path.stem: pq.read_metadata(path).num_rows for path in default.glob("*.parquet")
    }
    assert {entry["kind"] for entry in manifest["files"].values()} == {"contract", "mart"}
    # every contract table of the README's warehouse table is written, persons and overrides included
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("| name | one row per |", 1)[1].split("\n\n", 1)[0]
    named = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    contract = {name for cell in named for name in re.findall(r"`(\w+)`", cell)}
    written = {name for name, entry in manifest["files"].items() if entry["kind"] == "contract"}
    assert contract == written

    internal = {name for name, entry in json.loads((everything / "manifest.json").read_text())["files"].items()
                if entry["kind"] == "internal"}
    assert {"loaded_pages", "page_listings", "listing_authors", "papers_by_id", "author_stats_live"} <= internal
    assert not internal & {path.stem for path in default.glob("*.parquet")}
    raw = pq.read_table(everything / "raw_pages.parquet")
    assert raw.column("content").type in (pa.binary(), pa.large_binary())
    assert sorted(raw.column("sha256").to_pylist()) == sorted(
        sha for (sha,) in rows(db, "SELECT sha256 FROM raw_pages")
    )


def test_the_export_opens_in_duckdb_and_pandas_with_the_right_dtypes(db: Path, tmp_path: Path) -> None:
    import duckdb
    import pandas as pd

    load(db, "run-2", page("s9", "Ann Lee", [paper("Undated", ["Ann Lee"], year=None)]))
    out = tmp_path / "snapshots"
    export_parquet(db, out)
    memory = duckdb.connect(":memory:")
    try:
        for path in out.glob("*.parquet"):
            memory.execute(f"CREATE VIEW \"{path.stem}\" AS FROM read_parquet('{path}')")
        for name in ("papers", "paper_authors", "author_stats", "annual_output"):
            assert memory.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall() == rows(
                db, f"SELECT * FROM {name} ORDER BY ALL"
            ), name
    finally:
        memory.close()

    papers = pd.read_parquet(out / "papers.parquet")
    assert papers["year"].isna().sum() == 1
    assert str(papers["year"].dtype) == "Int32"  # an integer with nulls, not a float
    assert str(papers["author_count"].dtype) == "Int32"
    runs = pd.read_parquet(out / "ingest_runs.parquet")
    assert str(runs["started_at"].dtype).startswith("datetime64")
    stats = pd.read_parquet(out / "author_stats.parquet")
    assert str(stats["papers"].dtype) == "Int64"


def test_a_failed_export_leaves_no_folder(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_text("not a database")
    out = tmp_path / "snapshots"
    result = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(bad)])
    assert result.exit_code == 3
    assert not out.exists()
    result = runner.invoke(app, ["export", "--parquet", str(out), "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 3
    assert not out.exists()


def test_export_replaces_earlier_snapshots(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "snapshots"
    first = export_parquet(db, out)
    load(db, "run-2", page("s3", "Cy Dorn", [paper("Third", ["Cy Dorn"])]))
    second = export_parquet(db, out)
    assert first == second
    assert pq.read_table(out / "papers.parquet").num_rows == 3


def test_the_warehouse_commands_do_not_import_prefect(db: Path) -> None:
    check = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from flows.cli.app import app\n"
        f"result = CliRunner().invoke(app, ['sql', 'SELECT 1', '--db', {str(db)!r}])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'prefect' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", check], cwd=REPO, check=True)


def test_json_columns_print_as_json_not_as_strings_of_json(db: Path) -> None:
    from warehouse import RunSummary, finish_run, start_run

    start_run(db, "run-j", datetime(2025, 3, 1, tzinfo=UTC))
    finish_run(db, RunSummary(run_id="run-j", status="succeeded", problems_by_kind={"truncated_listing": 2}))
    query = "SELECT problems_by_kind FROM ingest_runs WHERE run_id = 'run-j'"
    as_json = runner.invoke(app, ["sql", query, "--format", "json", "--db", str(db)])
    assert json.loads(as_json.output) == [{"problems_by_kind": {"truncated_listing": 2}}]
    as_csv = runner.invoke(app, ["sql", query, "--format", "csv", "--db", str(db)])
    assert as_csv.output.splitlines()[1] == '"{""truncated_listing"": 2}"'
