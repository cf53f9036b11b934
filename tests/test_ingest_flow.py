"""The ingest flow as a real Prefect flow run (temporary local server), on real DuckDB files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import warehouse
from tests.helpers import accounted, run_ingest

TABLES = ("raw_pages", "clusters", "papers", "authors", "paper_authors", "cluster_papers", "venues")


def snapshot(db: Path) -> dict[str, list]:
    tables = {}
    for table in TABLES:
        _, rows = warehouse.run_query(db, f"SELECT * FROM {table}")
        tables[table] = sorted(map(repr, rows))
    return tables


@pytest.fixture
def pages_dir(tmp_path, fixtures_dir) -> Path:
    """The demo pages and the problem pages that still parse completely (the others are held back)."""
    folder = tmp_path / "pages"
    shutil.copytree(fixtures_dir / "demo", folder)
    for name in ("problems_count_mismatch.txt", "problems_bad_venue.txt", "problems_no_abstract.txt"):
        shutil.copy(fixtures_dir / name, folder / name)
    return folder


def test_files_load_once_then_are_unchanged(tmp_path, pages_dir):
    db = tmp_path / "w.duckdb"
    first = run_ingest(sources=[str(pages_dir)], db=str(db))
    assert first["status"] == "succeeded"
    pages = len(list(pages_dir.glob("*.txt")) + list(pages_dir.glob("*.html")))
    assert (first["pages_seen"], first["pages_loaded"], first["pages_rejected"]) == (pages, pages, 0)
    assert first["problems_by_kind"]["truncated_listing"] == 1
    assert accounted(first)
    # problems_bad_venue.txt lists a seed paper under a venue line without a year: it joins that paper
    _, counted = warehouse.run_query(db, "SELECT count(*), count(year) FROM papers")
    assert counted == [(10, 10)]
    _, jason = warehouse.run_query(db, "SELECT papers FROM author_stats WHERE name = 'Jason Ramapuram'")
    assert jason == [(10,)]
    before = snapshot(db)

    second = run_ingest(sources=[str(pages_dir)], db=str(db))
    assert (second["pages_loaded"], second["pages_unchanged"]) == (0, pages)
    assert accounted(second)
    assert snapshot(db) == before

    _, runs = warehouse.run_query(db, "SELECT run_id, pages_loaded, pages_unchanged, status FROM ingest_runs")
    assert sorted(row[1:] for row in runs) == sorted([(pages, 0, "succeeded"), (0, pages, "succeeded")])
    assert {row[0] for row in runs} == {first["run_id"], second["run_id"]}


def test_a_changed_file_is_reloaded_and_bad_sources_are_rejected(tmp_path, pages_dir):
    db = tmp_path / "w.duckdb"
    run_ingest(sources=[str(pages_dir)], db=str(db))
    seed = pages_dir / "seed.txt"
    seed.write_text(seed.read_text().replace("Distillation Scaling Laws", "Distillation Scaling Laws Revisited"))
    (pages_dir / "junk.html").write_bytes(b"<html><body><h1>404 Not Found</h1></body></html>")
    summary = run_ingest(sources=[str(pages_dir), str(tmp_path / "missing.txt")], db=str(db))
    assert summary["pages_loaded"] == 1
    assert summary["pages_rejected"] == 2
    assert summary["status"] == "partial"
    assert accounted(summary)
    _, rejects = warehouse.run_query(db, "SELECT source, reason, raw_sha256 IS NOT NULL FROM rejects ORDER BY source")
    assert rejects == [
        (str(tmp_path / "missing.txt"), "no such file or directory", False),
        (str(pages_dir / "junk.html"), "no 'Author name cluster' heading found", True),
    ]
    _, titles = warehouse.run_query(
        db,
        "SELECT p.title FROM cluster_papers c JOIN papers p USING (paper_key) WHERE c.source = ? AND c.position = 1",
        [str(seed)],
    )
    assert titles == [("Distillation Scaling Laws Revisited",)]


def test_reparse_changes_only_lineage(tmp_path, pages_dir):
    db = tmp_path / "w.duckdb"
    first = run_ingest(sources=[str(pages_dir)], db=str(db))
    _, before = warehouse.run_query(db, "SELECT paper_key, title, abstract FROM papers ORDER BY paper_key")
    again = run_ingest(sources=[], db=str(db), reparse=True)
    assert again["pages_seen"] == first["pages_loaded"]
    assert again["pages_loaded"] == first["pages_loaded"]
    assert accounted(again)
    _, after = warehouse.run_query(db, "SELECT paper_key, title, abstract FROM papers ORDER BY paper_key")
    assert after == before
    _, lineage = warehouse.run_query(db, "SELECT DISTINCT run_id FROM papers")
    assert lineage == [(again["run_id"],)]


def test_run_summary_is_published_as_a_prefect_artifact(tmp_path, pages_dir):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    summary = run_ingest(sources=[str(pages_dir / "seed.txt")], db=str(tmp_path / "w.duckdb"))
    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["biblioduck-run-summary"]))
        )
    mine = [artifact for artifact in artifacts if summary["run_id"] in (artifact.data or "")]
    assert len(mine) == 1
    assert "| pages loaded | 1 |" in mine[0].data


def test_batch_size_does_not_change_the_result(tmp_path, pages_dir):
    """Many small batches pipeline parse and load; the warehouse must come out the same."""
    whole, pieces = tmp_path / "whole.duckdb", tmp_path / "pieces.duckdb"
    run_ingest(sources=[str(pages_dir)], db=str(whole))
    summary = run_ingest(sources=[str(pages_dir)], db=str(pieces), batch_size=2)
    assert accounted(summary) and summary["pages_rejected"] == 0

    def content(db: Path) -> dict:
        tables = {}
        for table in ("papers", "authors", "paper_authors", "cluster_papers"):
            _, rows = warehouse.run_query(db, f"SELECT * EXCLUDE (run_id) FROM {table}")
            tables[table] = sorted(map(repr, rows))
        return tables

    assert content(pieces) == content(whole)


def test_a_run_without_db_honours_biblioduck_db(tmp_path, pages_dir, monkeypatch):
    target = tmp_path / "from-env.duckdb"
    monkeypatch.setenv("BIBLIODUCK_DB", str(target))
    summary = run_ingest(sources=[str(pages_dir / "seed.txt")])  # as a deployment run without `db`
    assert summary["pages_loaded"] == 1
    _, papers = warehouse.run_query(target, "SELECT count(*) FROM papers")
    assert papers == [(10,)]


def test_first_and_last_seen_are_when_the_ingest_read_the_file_not_its_mtime(tmp_path, pages_dir):
    import os
    from datetime import UTC, datetime

    seed = pages_dir / "seed.txt"
    os.utime(seed, (978_307_200, 978_307_200))  # saved in 2001
    started = datetime.now(UTC)
    run_ingest(sources=[str(seed)], db=str(tmp_path / "w.duckdb"))
    _, seen = warehouse.run_query(tmp_path / "w.duckdb", "SELECT first_seen, last_seen FROM clusters")
    ((first_seen, last_seen),) = seen
    assert started <= first_seen <= last_seen <= datetime.now(UTC)


def test_the_demo_pages_give_the_seed_exactly(tmp_path, fixtures_dir):
    """What `make run` loads: 10 papers, cluster "Jason Ramapuram" declaring 10, the seed's authorships."""
    from parsers import parse_page

    db = tmp_path / "w.duckdb"
    summary = run_ingest(sources=[str(fixtures_dir / "demo")], db=str(db))
    assert (summary["pages_rejected"], summary["status"]) == (0, "succeeded")
    seed = parse_page((fixtures_dir / "demo" / "seed.txt").read_bytes(), source="seed.txt")
    _, papers = warehouse.run_query(db, "SELECT title FROM papers ORDER BY title")
    assert papers == sorted((paper.title,) for paper in seed.papers) and len(papers) == 10
    _, clusters = warehouse.run_query(db, "SELECT name, declared_papers FROM clusters")
    assert clusters == [(seed.cluster_name, 10)] == [("Jason Ramapuram", seed.declared_papers)]
    _, shown = warehouse.run_query(
        db, "SELECT p.title, a.name, pa.position FROM paper_authors pa JOIN papers p USING (paper_key) "
        "JOIN authors a USING (author_key) WHERE NOT pa.inferred ORDER BY 1, 3"
    )
    expected = sorted(
        (paper.title, author.name, position)
        for paper in seed.papers
        for position, author in enumerate(paper.authors, start=1)
    )
    assert sorted(shown) == expected
    _, overview = warehouse.run_query(db, "SELECT missing_papers FROM cluster_overview")
    assert overview == [(0,)]
