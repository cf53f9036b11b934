"""The marts as tables: rebuilt together at the end of an ingest, live views beside them, `biblioduck refresh`."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

import warehouse
from flows.cli.app import app
from tests.helpers import run_ingest
from tests.warehouse_factories import MARTS, load, page, paper, rows
from warehouse import marts
from warehouse.connection import apply_migrations


@pytest.fixture
def pages_dir(tmp_path: Path, fixtures_dir: Path) -> Path:
    """The demo pages, two clusters' problem pages (two of them held back) and a page that is no listing."""
    folder = tmp_path / "pages"
    shutil.copytree(fixtures_dir / "demo", folder)
    for fixture in fixtures_dir.glob("problems_*.txt"):
        shutil.copy(fixture, folder / fixture.name)
    (folder / "junk.html").write_bytes(b"<html><body><h1>404 Not Found</h1></body></html>")
    return folder


def mart_tables(db: Path) -> set[str]:
    return {name for (name,) in rows(db, "SELECT table_name FROM duckdb_tables()")}


def same_as_live(db: Path, mart: str) -> bool:
    """The mart table holds exactly what its live view computes now."""
    difference = f"(FROM {mart} EXCEPT ALL FROM {mart}_live) UNION ALL (FROM {mart}_live EXCEPT ALL FROM {mart})"
    return rows(db, f"SELECT count(*) FROM ({difference})") == [(0,)]


def test_every_mart_is_a_table_built_by_the_ingest_in_one_transaction(tmp_path: Path, pages_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[str(pages_dir)], db=str(db))
    assert summary["pages_loaded"] > 0
    assert set(MARTS) == set(marts.mart_names())
    assert set(MARTS) <= mart_tables(db)
    views = {name for (name,) in rows(db, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
    assert {f"{mart}_live" for mart in MARTS} <= views
    for mart in MARTS:
        assert same_as_live(db, mart), mart
    refreshed = rows(db, "SELECT mart, run_id, transaction_id, row_count FROM mart_refreshes")
    assert {mart for mart, *_ in refreshed} == set(MARTS)
    assert {run_id for _, run_id, _, _ in refreshed} == {summary["run_id"]}
    assert len({transaction for _, _, transaction, _ in refreshed}) == 1  # one transaction for all of them
    for mart, _, _, count in refreshed:
        assert rows(db, f"SELECT count(*) FROM {mart}") == [(count,)]
    # the marts carry what the facts hold: the run itself and its rejects are in the run marts
    assert rows(db, "SELECT count(*) FROM annual_output") != [(0,)]
    assert rows(db, "SELECT run_id FROM run_history") == [(summary["run_id"],)]
    assert rows(db, "SELECT sum(pages) FROM rejects_per_reason") == [(summary["pages_rejected"],)]


def test_an_ingest_that_changes_no_fact_rebuilds_only_the_run_marts(tmp_path: Path, pages_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    second = run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    assert second["pages_unchanged"] == 1 and second["pages_loaded"] == 0
    by_run = dict(rows(db, "SELECT mart, run_id FROM mart_refreshes"))
    assert {mart for mart, run in by_run.items() if run == second["run_id"]} == set(marts.run_marts())
    assert {mart for mart, run in by_run.items() if run == first["run_id"]} == set(MARTS) - marts.run_marts()
    assert sorted(run for (run,) in rows(db, "SELECT run_id FROM run_history")) == sorted(
        [first["run_id"], second["run_id"]]
    )
    for mart in MARTS:
        assert same_as_live(db, mart), mart


def test_a_run_that_stopped_before_its_rebuild_is_caught_up_by_the_next_one(tmp_path: Path, pages_dir: Path) -> None:
    """A run interrupted, failed or killed after committing batches leaves the marts behind the facts; the
    next run rebuilds them all even when it changes nothing itself."""
    db = tmp_path / "w.duckdb"
    run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    # a run that committed one batch and died before its end
    warehouse.start_run(db, "cut-short", datetime.now(UTC))
    load(db, "cut-short", page("https://x/b", "Bo Chen", [paper("Two", ["Bo Chen", "Cy Dorn"])]), refresh=False)
    assert not same_as_live(db, "author_stats")
    again = run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    assert again["pages_unchanged"] == 1 and again["pages_loaded"] == 0
    for mart in MARTS:
        assert same_as_live(db, mart), mart
    assert {run for (run,) in rows(db, "SELECT DISTINCT run_id FROM mart_refreshes")} == {again["run_id"]}
    # caught up: the run after that rebuilds only the run marts again
    third = run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    by_run = dict(rows(db, "SELECT mart, run_id FROM mart_refreshes"))
    assert {mart for mart, run in by_run.items() if run == third["run_id"]} == set(marts.run_marts())


def test_an_override_after_a_run_that_stopped_early_rebuilds_every_mart(tmp_path: Path, pages_dir: Path) -> None:
    """Rebuilding only the marts that count persons would leave them ahead of the others."""
    db = tmp_path / "w.duckdb"
    run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(db))
    warehouse.start_run(db, "cut-short", datetime.now(UTC))
    load(db, "cut-short", page("https://x/b", "Bo Chen", [paper("Two", ["Bo Chen", "Cy Dorn"])]), refresh=False)
    warehouse.add_override(db, "unlink", "Xavier Suau", "Xavier Suau Cuadros", reason="two people", who="ana")
    for mart in MARTS:
        assert same_as_live(db, mart), mart


def test_marts_keep_the_old_rows_until_a_refresh_and_refresh_rebuilds_them(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("a", "Ann Lee", [paper("One", ["Ann Lee", "Bo Chen"])]))
    before = rows(db, "SELECT name, papers FROM author_stats ORDER BY name")
    load(db, "run-2", page("b", "Bo Chen", [paper("Two", ["Bo Chen", "Cy Dorn"])]), refresh=False)
    # a reader of the mart sees the marts of the last refresh; the live view sees the load
    assert rows(db, "SELECT name, papers FROM author_stats ORDER BY name") == before
    assert not same_as_live(db, "author_stats")

    result = CliRunner().invoke(app, ["refresh", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"rebuilt {len(MARTS)} marts" in result.output
    for mart in MARTS:
        assert same_as_live(db, mart), mart
    assert rows(db, "SELECT name, papers FROM author_stats ORDER BY name") == rows(
        db,
        "SELECT name, count(DISTINCT paper_key) FROM paper_authors JOIN authors USING (author_key) "
        "GROUP BY name ORDER BY name",
    )


def test_refresh_of_a_missing_file_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "not.duckdb"
    bad.write_text("not a database")
    result = CliRunner().invoke(app, ["refresh", "--db", str(bad)])
    assert result.exit_code == 3
    assert "error:" in result.output


def test_a_mart_built_from_an_older_definition_is_rebuilt_with_its_dependents_on_open(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("a", "Ann Lee", [paper("One", ["Ann Lee", "Bo Chen"])]))
    connection = duckdb.connect(str(db))
    try:
        before = dict(connection.execute("SELECT mart, transaction_id FROM mart_refreshes").fetchall())
        # as an older biblioduck left it: author_stats built from other SQL, author_shares from the current one
        connection.execute("UPDATE mart_refreshes SET definition_sha256 = 'older' WHERE mart = 'author_stats'")
        connection.execute("DELETE FROM author_stats")
        apply_migrations(connection)  # what the first open to write in a process does
        after = dict(connection.execute("SELECT mart, transaction_id FROM mart_refreshes").fetchall())
    finally:
        connection.close()
    rebuilt = {mart for mart in MARTS if after[mart] != before[mart]}
    assert rebuilt == marts.dependents(["author_stats"])
    assert {"author_stats", "author_shares"} <= rebuilt
    assert same_as_live(db, "author_stats")


def test_a_warehouse_whose_marts_are_views_gets_tables(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("a", "Ann Lee", [paper("One", ["Ann Lee", "Bo Chen"])]))
    connection = duckdb.connect(str(db))
    try:
        # the shape of a file before migration 029: the marts are views under their own names
        connection.execute("DROP TABLE author_shares")
        connection.execute("DROP TABLE author_stats")
        connection.execute("CREATE VIEW author_stats AS FROM author_stats_live")
        connection.execute("DELETE FROM mart_refreshes")
        apply_migrations(connection)
    finally:
        connection.close()
    assert {"author_stats", "author_shares"} <= mart_tables(db)
    assert same_as_live(db, "author_stats") and same_as_live(db, "author_shares")


def test_the_new_marts_agree_with_sql_over_the_contract_views(tmp_path: Path, pages_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    run_ingest(sources=[str(pages_dir)], db=str(db))
    assert rows(db, "SELECT year, venue_kind, papers FROM annual_output ORDER BY ALL") == rows(
        db,
        "SELECT year, coalesce(venue_kind, 'unknown'), count(*) FROM papers WHERE year IS NOT NULL "
        "GROUP BY ALL ORDER BY ALL",
    )
    assert rows(db, "SELECT venue, papers FROM top_venues ORDER BY rank") == rows(
        db, "SELECT venue, papers FROM venues ORDER BY papers DESC, venue, venue_kind"
    )
    assert rows(db, "SELECT sum(papers) FROM author_output_by_year") == rows(
        db, "SELECT count(*) FROM paper_authors JOIN papers USING (paper_key) WHERE year IS NOT NULL"
    )
    assert rows(db, "SELECT name, first_author_share FROM author_shares ORDER BY rank") == rows(
        db,
        "SELECT name, round(first_author_papers / papers, 4) FROM author_stats ORDER BY papers DESC, name, author_key",
    )
    # the network of a cluster: its author at the centre, an edge per pair sharing one of its papers
    clusters = rows(db, "SELECT cluster_key, name FROM clusters ORDER BY name")
    assert len(clusters) == 2
    for cluster_key, name in clusters:
        assert rows(
            db, "SELECT name, x, y FROM cluster_network_nodes WHERE cluster_key = ? AND rank = 0", [cluster_key]
        ) == [(name, 0.0, 0.0)]
        shared = rows(
            db,
            "WITH listed AS (SELECT DISTINCT paper_key FROM cluster_papers WHERE cluster_key = ?), "
            "authorships AS (SELECT paper_key, author_key FROM paper_authors SEMI JOIN listed USING (paper_key)) "
            "SELECT one.author_key, other.author_key, count(*) FROM authorships AS one JOIN authorships AS other "
            "ON one.paper_key = other.paper_key AND one.author_key < other.author_key GROUP BY ALL ORDER BY ALL",
            [cluster_key],
        )
        edges = rows(
            db,
            "SELECT author_key_a, author_key_b, papers FROM cluster_network_edges WHERE cluster_key = ? ORDER BY ALL",
            [cluster_key],
        )
        assert edges == shared and edges
    # coverage: the truncated page is counted, declared against loaded
    assert rows(
        db, "SELECT name, declared_papers, loaded_papers, truncated_pages FROM cluster_coverage ORDER BY name"
    ) == rows(
        db,
        "SELECT name, declared_papers, loaded_papers, (SELECT count(DISTINCT source) FROM page_problems AS p "
        "JOIN cluster_papers AS cp USING (source) "
        "WHERE p.kind = 'truncated_listing' AND cp.cluster_key = o.cluster_key) "
        "FROM cluster_overview AS o ORDER BY name",
    )
    assert rows(db, "SELECT sum(truncated_pages) FROM cluster_coverage") == [(1,)]
    assert rows(db, "SELECT reason_code, pages FROM rejects_per_reason ORDER BY ALL") == rows(
        db, "SELECT reason_code, count(*) FROM rejects GROUP BY ALL ORDER BY ALL"
    )
    totals = rows(db, "SELECT papers, authors, authorships, clusters FROM warehouse_totals")
    assert totals == rows(
        db,
        "SELECT (FROM (SELECT count(*) FROM papers)), (FROM (SELECT count(*) FROM authors)), "
        "(FROM (SELECT count(*) FROM paper_authors)), (FROM (SELECT count(*) FROM clusters))",
    )


def test_the_problems_of_each_run_are_counted_by_kind(tmp_path: Path, pages_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[str(pages_dir)], db=str(db))
    assert summary["problems_by_kind"]
    assert dict(rows(db, "SELECT kind, problems FROM problems_per_run")) == summary["problems_by_kind"]


def test_refresh_marts_rejects_an_unknown_mart(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("a", "Ann Lee", [paper("One", ["Ann Lee"])]))
    with pytest.raises(warehouse.UnknownMart, match="no such mart"):
        warehouse.refresh_marts(db, only=["nope"])


def test_last_authorship_counts_every_list_the_site_did_not_cap(tmp_path: Path) -> None:
    """Only a list of exactly the site's cap of 8 may hide its last author: a longer list (another
    rendering of the site) shows it, as a shorter one does."""
    db = tmp_path / "w.duckdb"
    eleven = [f"Long Author{index}" for index in range(10)] + ["Xena Last"]
    eight = [f"Capped Author{index}" for index in range(7)] + ["Yuri Eighth"]
    five = [f"Short Author{index}" for index in range(4)] + ["Zora Fifth"]
    load(db, "r1", page("p1", "Xena Last", [paper("Eleven", eleven), paper("Eight", eight), paper("Five", five)]))
    for mart in ("author_stats", "author_stats_by_name"):
        shown = f"SELECT name, last_author_papers FROM {mart} WHERE name IN ('Xena Last', 'Yuri Eighth', 'Zora Fifth')"
        counts = dict(rows(db, shown))
        assert counts == {"Xena Last": 1, "Yuri Eighth": 0, "Zora Fifth": 1}, mart


def test_every_mart_that_counts_authors_counts_persons(tmp_path: Path) -> None:
    """One person printed two ways is one author everywhere a dashboard shows authors: in the output over
    time, a venue's authors and the header, as in author_stats."""
    db = tmp_path / "w.duckdb"
    load(
        db, "r1",
        page("p1", "Xavier Suau", [
            paper("First", ["Xavier Suau", "Ann Lee"], year=2023),
            paper("Second", ["Xavier Suau Cuadros", "Ann Lee"], year=2024),
        ]),
    )
    ((person, papers),) = rows(db, "SELECT person_id, papers FROM author_stats WHERE name LIKE 'Xavier%'")
    assert papers == 2  # the two names are one person
    over_time = "SELECT person_id, year, papers FROM author_output_by_year WHERE name LIKE 'Xavier%' ORDER BY year"
    assert rows(db, over_time) == [(person, 2023, 1), (person, 2024, 1)]
    assert rows(db, "SELECT authors FROM top_venues WHERE venue = 'ICML'") == [(2,)]
    assert rows(db, "SELECT persons, authors FROM warehouse_totals") == [(2, 3)]


def test_a_person_is_called_the_same_in_persons_and_the_marts_when_its_groups_tie(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", page("p1", "Hana Nowak", [
        paper("One", ["Hana Nowak", "Ann Lee"]), paper("Two", ["Luca Young", "Bo Chen"]),
    ]))
    warehouse.add_override(db, "link", "Hana Nowak", "Luca Young", reason="one person, two names", who="ana")
    named = rows(db, "SELECT p.name, s.name FROM persons AS p JOIN author_stats AS s USING (person_id)")
    assert len(named) == 3 and all(in_persons == in_marts for in_persons, in_marts in named), named
    assert rows(db, "SELECT count(*) FROM author_stats WHERE papers = 2") == [(1,)]  # the link holds
