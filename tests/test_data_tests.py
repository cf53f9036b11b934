"""The data tests of sql/tests/: each rule broken on purpose is caught, in a batch and by `biblioduck check`."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from tests.warehouse_factories import load, page, paper, raw_for, rows
from warehouse import DataTestFailed, check_warehouse, open_warehouse, stage_pages
from warehouse.load import load_staged
from warehouse.sqlfiles import data_test_files

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    load(
        path,
        "run-1",
        page("s1", "Ann Lee", [paper("Shared", ["Ann Lee", "Bo Chen"]), paper("Solo", ["Ann Lee"], year=2023)]),
        page("s2", "Bo Chen", [paper("Shared", ["Ann Lee", "Bo Chen"]), paper("Bo Alone", ["Bo Chen"])]),
        # a cluster whose name no author list shows: the cluster page is the only source of that author
        page("s3", "Zed Quill", [paper("Others", ["Cy Dorn"], venue="NeurIPS")]),
    )
    return path


def write(db: Path, *statements: str) -> None:
    with open_warehouse(db, read_only=False) as connection:
        for statement in statements:
            connection.execute(statement)


def write_without_view_refresh(db: Path, *statements: str) -> None:
    """Change view definitions: a writer of this process would put the shipped views back on open."""
    import duckdb

    connection = duckdb.connect(str(db))
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def failing(db: Path) -> dict[str, int]:
    return {result.name: result.failing_rows for result in check_warehouse(db) if not result.passed}


def test_a_clean_warehouse_passes_every_test(db: Path) -> None:
    results = check_warehouse(db)
    assert [result.name for result in results] == [path.stem for path in data_test_files()]
    assert len(results) == 11
    assert all(result.passed for result in results)


def test_every_test_file_says_why_its_rule_matters() -> None:
    for path in data_test_files():
        text = path.read_text()
        assert text.startswith("-- test: "), path
        assert "-- Why: " in text, path


FIRST_PAPER = "(SELECT min(paper_id) FROM paper_choice)"
BREAKS = {
    "unique_paper_key": [f"INSERT INTO paper_choice SELECT * FROM paper_choice WHERE paper_id = {FIRST_PAPER}"],
    "unique_author_key": [
        "UPDATE author_forms SET author_key = (SELECT max(author_key) FROM author_forms) "
        "WHERE author_key = (SELECT min(author_key) FROM author_forms)"
    ],
    "papers_required_columns": [f"UPDATE paper_choice SET paper_key = NULL WHERE paper_id = {FIRST_PAPER}"],
    "authors_required_columns": ["UPDATE loaded_pages SET cluster_author_name = NULL WHERE source = 's3'"],
    "paper_authors_reference_papers": [
        "INSERT INTO inferred_authorships SELECT 42, cluster_author_id, source FROM loaded_pages WHERE source = 's1'"
    ],
    "paper_authors_reference_authors": [f"INSERT INTO inferred_authorships SELECT {FIRST_PAPER}, 4242, 's1'"],
    "cluster_papers_reference_papers": [f"DELETE FROM paper_choice WHERE paper_id = {FIRST_PAPER}"],
    "authorships_match_parse": [
        "DELETE FROM listing_authors WHERE position = 2 "
        "AND page_id = (SELECT page_id FROM loaded_pages WHERE source = 's1')"
    ],
}
# Views can only disagree with their tables when a definition is wrong: ship a wrong one.
VIEW_BREAKS = {
    "cluster_papers_reference_clusters": (
        "CREATE OR REPLACE VIEW clusters AS SELECT * FROM clusters_ok WHERE source <> 's2'"
    ),
    "papers_per_venue_year_matches_papers": (
        "CREATE OR REPLACE VIEW papers_per_venue_year_live AS SELECT venue, venue_kind, year, papers + 1 AS papers "
        "FROM papers_per_venue_year_live_ok"
    ),
    "cluster_overview_matches_cluster_papers": (
        "CREATE OR REPLACE VIEW cluster_overview_live AS SELECT * REPLACE (loaded_papers - 1 AS loaded_papers) "
        "FROM cluster_overview_live_ok"
    ),
}


@pytest.mark.parametrize("test", sorted(BREAKS))
def test_breaking_a_table_rule_is_caught(db: Path, test: str) -> None:
    write(db, *BREAKS[test])
    assert test in failing(db)


@pytest.mark.parametrize("test", sorted(VIEW_BREAKS))
def test_breaking_a_view_rule_is_caught(db: Path, test: str) -> None:
    # a mart's rule reads its live view (the mart table is rebuilt from it at the end of an ingest)
    view = {"cluster_papers_reference_clusters": "clusters"}.get(test, test.split("_matches_")[0] + "_live")
    definition = rows(db, "SELECT sql FROM duckdb_views() WHERE view_name = ?", [view])[0][0]
    write_without_view_refresh(db, definition.replace(f"VIEW {view} AS", f"VIEW {view}_ok AS", 1), VIEW_BREAKS[test])
    assert test in failing(db)


def test_every_rule_has_a_break() -> None:
    assert sorted([*BREAKS, *VIEW_BREAKS]) == sorted(path.stem for path in data_test_files())


def test_a_batch_that_breaks_a_rule_is_rolled_back(db: Path) -> None:
    """A broken loader (here: staging that drops an author) never commits: the whole batch rolls back."""
    listing = page("s4", "Di Eng", [paper("Four Hands", ["Di Eng", "Ed Fox", "Flo Gu"])])
    batch = stage_pages([(raw_for(listing), listing)])
    dropped = pa.compute.not_equal(batch.authorships["position"], 2)
    broken = batch.__class__(**{**vars_of(batch), "authorships": batch.authorships.filter(dropped)})
    before = rows(db, "SELECT count(*) FROM loaded_pages"), rows(db, "SELECT count(*) FROM raw_pages")

    with pytest.raises(DataTestFailed) as caught:
        load_staged(db, "run-2", broken)

    assert caught.value.test == "authorships_match_parse"
    assert caught.value.sample and caught.value.sample[0]["source"] == "s4"
    assert "authorships_match_parse" in str(caught.value) and "\n" not in str(caught.value)
    assert (rows(db, "SELECT count(*) FROM loaded_pages"), rows(db, "SELECT count(*) FROM raw_pages")) == before
    load_staged(db, "run-3", batch)  # the same batch, staged correctly, loads
    assert rows(db, "SELECT count(*) FROM loaded_pages") == [(4,)]


def vars_of(batch) -> dict:
    return {name: getattr(batch, name) for name in batch.__dataclass_fields__}


def test_check_command_exit_codes(db: Path, tmp_path: Path) -> None:
    clean = runner.invoke(app, ["check", "--db", str(db)])
    assert clean.exit_code == 0, clean.output
    assert "11 of 11 data tests passed" in clean.output

    write(db, *BREAKS["authorships_match_parse"])
    broken = runner.invoke(app, ["check", "--db", str(db)])
    assert broken.exit_code == 6, broken.output
    assert "FAIL authorships_match_parse: 1 rows" in broken.output
    assert '"source": "s1"' in broken.output

    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_text("hello")
    bad = runner.invoke(app, ["check", "--db", str(not_duckdb)])
    assert bad.exit_code == 3
    assert "not a biblioduck warehouse" in bad.output


def test_an_ingest_whose_batch_breaks_a_rule_exits_6_and_records_it(tmp_path: Path, seed_bytes: bytes) -> None:
    import subprocess

    from parsers import parse_page
    from tests.helpers import BIBLIODUCK
    from warehouse import RawPage, load_pages

    db = tmp_path / "w.duckdb"
    raw = RawPage(source="first-copy.txt", content=seed_bytes)
    load_pages(db, "run-1", [(raw, parse_page(seed_bytes, source=raw.source))])
    write(db, *BREAKS["unique_author_key"])  # two authors now share a key; the next batch touching them fails
    second = tmp_path / "pages" / "seed.txt"
    second.parent.mkdir()
    second.write_bytes(seed_bytes)

    result = subprocess.run([BIBLIODUCK, "ingest", str(second), "--db", str(db)], capture_output=True, text=True)

    assert result.returncode == 6, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and "data test unique_author_key failed" in errors[0]
    assert "Traceback" not in result.stderr
    (row,) = rows(db, "SELECT status, failed_test, json_array_length(failed_test_rows) FROM ingest_runs "
                      "WHERE run_id <> 'run-1'")
    assert row[:2] == ("test_failed", "unique_author_key") and row[2] >= 1
    assert rows(db, "SELECT count(*) FROM loaded_pages") == [(1,)]  # the batch was rolled back
