"""`biblioduck sql`, `export` and `schema`, and export_parquet, against real warehouse files."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from tests.helpers import REPO
from tests.warehouse_factories import CONTRACT_TABLES, MARTS, load, page, paper, rows
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

    write_attempt = runner.invoke(app, ["sql", "DELETE FROM papers", "--db", str(db)])
    assert write_attempt.exit_code == 1
    assert rows(db, "SELECT count(*) FROM papers") == [(2,)]

    # a warehouse that cannot be used exits 3 in every command, as in ingest
    missing = runner.invoke(app, ["sql", "SELECT 1", "--db", str(tmp_path / "missing.duckdb")])
    assert missing.exit_code == 3
    assert "no warehouse at" in missing.output

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

    files = {path.stem: path for path in out.iterdir()}
    assert set(CONTRACT_TABLES) | set(MARTS) <= set(files)
    assert all(path.suffix == ".parquet" for path in files.values())  # no temporary files left behind
    for name, path in files.items():
        table = pq.read_table(path)
        assert table.num_rows == rows(db, f'SELECT count(*) FROM "{name}"')[0][0], name
    papers = pq.read_table(files["papers"]).to_pylist()
    assert sorted(paper_row["title"] for paper_row in papers) == ["Shared", "Solo; 'quoted'"]
    assert pq.read_table(files["raw_pages"]).column("content").type in (pa.binary(), pa.large_binary())


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
