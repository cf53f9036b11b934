"""Nothing incomplete is loaded as a success: held-back pages, shrunk reloads, removals counted, the drift breaker.

Real Prefect flow runs (temporary local server) on real DuckDB files; the exit codes through the console script.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import warehouse
from flows import defaults
from flows.parse.quarantine import DriftBreaker, QualityGate
from parsers import ListingPage, Problem, parse_page
from tests.helpers import BIBLIODUCK, accounted, run_ingest
from tests.warehouse_factories import paper

SEED_PAPERS = 10


@pytest.fixture
def seed(tmp_path, fixtures_dir) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(fixtures_dir / "demo" / "seed.txt", folder / "seed.txt")
    return folder / "seed.txt"


def _keep_first_papers(text: str, keep: int) -> str:
    """The seed with only its first `keep` papers, and its counts saying so: a complete, smaller page."""
    lines = text.split("\n")
    venues = [index for index, line in enumerate(lines) if line.endswith(("Conference Paper", "Journal Article"))]
    cut = lines[: venues[keep]] if keep < len(venues) else lines
    shown = "\n".join(cut).rstrip("\n")
    return shown.replace("10 papers", f"{keep} papers").replace("Possible papers\n\n10", f"Possible papers\n\n{keep}")


def _scalar(db: Path, sql: str):
    _, rows = warehouse.run_query(db, sql)
    return rows[0][0]


def test_the_shrunk_seed_helper_makes_a_complete_page(seed):
    page = parse_page(_keep_first_papers(seed.read_text(), 3), source="s.txt")
    assert len(page.papers) == 3 and page.is_complete


def test_an_incomplete_page_is_held_back_with_its_problems_and_raw_page(tmp_path, fixtures_dir, seed):
    db = tmp_path / "w.duckdb"
    incomplete = seed.parent / "missing_authors.txt"
    shutil.copy(fixtures_dir / "problems_missing_authors.txt", incomplete)
    summary = run_ingest(sources=[str(seed.parent)], db=str(db))

    assert (summary["pages_loaded"], summary["pages_rejected"], summary["pages_quarantined"]) == (1, 1, 1)
    assert summary["status"] == "partial" and accounted(summary)
    assert summary["quarantined"][0]["source"] == str(incomplete)
    assert summary["quarantined"][0]["reason_code"] == "incomplete_parse"
    _, rejects = warehouse.run_query(db, "SELECT source, reason_code, reason, problems, raw_sha256 FROM rejects")
    ((source, code, reason, problems, raw_sha256),) = rejects
    assert (source, code) == (str(incomplete), "incomplete_parse")
    assert reason.startswith("incomplete parse (count_mismatch, missing_authors)")
    assert {problem["kind"] for problem in problems} == {"missing_authors", "count_mismatch"}  # JSON, decoded
    # the raw page is kept, and nothing of it is loaded
    assert _scalar(db, f"SELECT count(*) FROM raw_pages WHERE sha256 = '{raw_sha256}'") == 1
    assert _scalar(db, f"SELECT count(*) FROM cluster_papers WHERE source = '{incomplete}'") == 0
    assert _scalar(db, "SELECT count(*) FROM papers") == SEED_PAPERS
    _, runs = warehouse.run_query(db, "SELECT status, pages_rejected, pages_quarantined FROM ingest_runs")
    assert runs == [("partial", 1, 1)]

    # held back again on the next run (it is not the loaded version), never loaded quietly
    again = run_ingest(sources=[str(seed.parent)], db=str(db))
    assert (again["pages_unchanged"], again["pages_quarantined"], again["pages_loaded"]) == (1, 1, 0)


def test_accept_incomplete_loads_the_complete_papers_and_records_the_problems(tmp_path, fixtures_dir):
    db = tmp_path / "w.duckdb"
    page = fixtures_dir / "problems_missing_authors.txt"
    summary = run_ingest(sources=[str(page)], db=str(db), accept_incomplete=True)
    assert (summary["pages_loaded"], summary["pages_rejected"], summary["status"]) == (1, 0, "succeeded")
    assert _scalar(db, "SELECT count(*) FROM papers") == 2
    _, kinds = warehouse.run_query(db, "SELECT kind FROM page_problems ORDER BY kind")
    assert kinds == [("count_mismatch",), ("missing_authors",)]


def test_a_shrunk_reload_keeps_the_loaded_contribution_until_accepted(tmp_path, seed):
    db = tmp_path / "w.duckdb"
    first = run_ingest(sources=[str(seed)], db=str(db))
    before_authorships = _scalar(db, "SELECT count(DISTINCT (paper_key, author_key)) FROM paper_authors")
    assert (first["papers_added"], first["clusters_added"]) == (10, 1)
    assert first["authorships_added"] == before_authorships
    seed.write_text(_keep_first_papers(seed.read_text(), 3))

    held = run_ingest(sources=[str(seed)], db=str(db))
    assert (held["pages_loaded"], held["pages_quarantined"], held["status"]) == (0, 1, "partial")
    assert held["quarantined"][0]["reason_code"] == "shrunk"
    assert "lists 3 papers, the loaded one 10" in held["quarantined"][0]["reason"]
    assert _scalar(db, "SELECT count(*) FROM papers") == SEED_PAPERS
    assert _scalar(db, "SELECT count(DISTINCT (paper_key, author_key)) FROM paper_authors") == before_authorships
    assert _scalar(db, "SELECT reason_code FROM rejects") == "shrunk"
    # the new version is stored raw beside the loaded one
    assert _scalar(db, f"SELECT count(*) FROM raw_pages WHERE source = '{seed}'") == 2

    # --reparse sees the held-back version too, and holds it back again...
    reparsed = run_ingest(sources=[], db=str(db), reparse=True)
    assert (reparsed["pages_loaded"], reparsed["pages_quarantined"]) == (0, 1)
    # ...until the shrink is accepted; then the removals are counted, in the summary and in ingest_runs
    accepted = run_ingest(sources=[], db=str(db), reparse=True, accept_shrink=True)
    assert (accepted["pages_loaded"], accepted["pages_quarantined"], accepted["status"]) == (1, 0, "succeeded")
    assert accepted["papers_removed"] == 7
    removed_authorships = before_authorships - _scalar(
        db, "SELECT count(DISTINCT (paper_key, author_key)) FROM paper_authors"
    )
    assert accepted["authorships_removed"] == removed_authorships > 0
    assert accepted["authors_removed"] > 0
    assert _scalar(db, "SELECT count(*) FROM papers") == 3
    row = warehouse.run_query(
        db, f"SELECT papers_removed, authorships_removed FROM ingest_runs WHERE run_id = '{accepted['run_id']}'"
    )[1]
    assert row == [(7, removed_authorships)]


def test_the_shrink_rule_needs_both_a_ratio_and_a_minimum_drop():
    gate = QualityGate()
    assert gate.shrunk(10, 4) and not gate.shrunk(10, 5)  # fewer than half
    assert not gate.shrunk(3, 1)  # fewer than half, but 3 fewer is the least drop that counts
    assert gate.shrunk(4, 1)
    assert gate.shrunk(6, 2)
    assert not QualityGate(shrink_min_drop=5).shrunk(6, 2)
    assert gate.shrink_ratio == defaults.SHRINK_RATIO


def test_a_page_cut_short_never_takes_away_papers_a_fuller_version_loaded():
    """A truncated listing (fewer paper blocks than declared) is complete on a first load; as a reload it is
    held back for any drop, however small: a download that stopped looks just like a site that cut the list."""
    spec = ListingPage(
        source="p", cluster_name="A", declared_papers=10, declared_author_rows=1,
        papers=[paper(f"T{index}", ["A B"]) for index in range(9)],
        problems=[Problem("truncated_listing", "the page declares 10 papers but shows only 9", None)],
    )
    gate = QualityGate()
    assert gate.hold(spec, "sha", loaded_papers=None) is None  # a first load
    assert gate.hold(spec, "sha", loaded_papers=9) is None  # nothing taken away
    held = gate.hold(spec, "sha", loaded_papers=10)
    assert held is not None and held.code == "shrunk"
    assert "lists 9 papers and shows fewer than the 10 it declares, the loaded one 10" in held.reason
    assert QualityGate(accept_shrink=True).hold(spec, "sha", loaded_papers=10) is None
    # the same drop on a page that declares what it shows is a real change of the listing, under the ratio rule
    declared = ListingPage(
        source="p", cluster_name="A", declared_papers=9, declared_author_rows=1, papers=spec.papers, problems=[]
    )
    assert gate.hold(declared, "sha", loaded_papers=10) is None


def test_a_reload_cut_off_mid_abstract_is_held_back_and_the_papers_stay(tmp_path, seed):
    db = tmp_path / "w.duckdb"
    run_ingest(sources=[str(seed)], db=str(db))
    before = _scalar(db, "SELECT sum(length(abstract)) FROM papers")
    lines = seed.read_text().split("\n")
    venues = [index for index, line in enumerate(lines) if line.endswith("Conference Paper")]
    abstract = venues[5] - 2  # the fifth paper's abstract, just above the sixth venue line
    seed.write_text("\n".join([*lines[:abstract], lines[abstract][:200]]))  # the file stops mid-word

    held = run_ingest(sources=[str(seed)], db=str(db))
    assert (held["pages_loaded"], held["pages_quarantined"], held["status"]) == (0, 1, "partial")
    assert held["quarantined"][0]["reason_code"] == "shrunk"
    assert _scalar(db, "SELECT count(*) FROM papers") == SEED_PAPERS
    assert _scalar(db, "SELECT sum(length(abstract)) FROM papers") == before


def test_the_drift_breaker_trips_only_past_its_sample_and_share():
    breaker = DriftBreaker(min_pages=20, max_share=0.2)
    breaker.record(19, 19)
    assert not breaker.tripped  # too few pages to judge
    breaker.record(1, 0)
    assert breaker.tripped
    calm = DriftBreaker(min_pages=20, max_share=0.2)
    calm.record(20, 4)
    assert not calm.tripped  # exactly 20% is not more than 20%


def test_the_drift_breaker_stops_reading_and_records_what_it_skipped(tmp_path, fixtures_dir, seed):
    db = tmp_path / "w.duckdb"
    folder = tmp_path / "drift"
    folder.mkdir()
    broken = (fixtures_dir / "problems_missing_title.txt").read_text()
    for number in range(4):
        # distinct clusters, so each page is its own source and content
        (folder / f"a{number}.txt").write_text(broken.replace("Dan Busbridge", f"Dan Busbridge {number:04d}", 1))
    for number in range(3):
        shutil.copy(seed, folder / f"b{number}.txt")
    summary = run_ingest(sources=[str(folder)], db=str(db), drift_min_pages=3, drift_max_share=0.5, batch_size=10)

    # the first batch is the breaker's sample (3 pages, all incomplete): nothing after it is read
    assert summary["status"] == "drift_stopped"
    assert (summary["pages_seen"], summary["pages_quarantined"], summary["pages_loaded"]) == (7, 3, 0)
    assert summary["pages_rejected"] == 7 and accounted(summary)
    _, codes = warehouse.run_query(db, "SELECT reason_code, count(*) FROM rejects GROUP BY ALL ORDER BY 1")
    assert codes == [("incomplete_parse", 3), ("not_fetched", 4)]
    assert _scalar(db, "SELECT status FROM ingest_runs") == "drift_stopped"
    assert _scalar(db, "SELECT count(*) FROM raw_pages") == 3  # what it read is kept


def test_exit_codes_for_held_back_pages_and_the_drift_breaker(tmp_path, fixtures_dir, seed):
    incomplete = seed.parent / "missing_title.txt"
    shutil.copy(fixtures_dir / "problems_missing_title.txt", incomplete)
    held = subprocess.run(
        [BIBLIODUCK, "ingest", str(seed.parent), "--db", str(tmp_path / "w.duckdb"), "--no-fail-on-reject"],
        capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "COLUMNS": "400"},
    )
    assert held.returncode == 1, held.stderr  # held back is never quiet, whatever --no-fail-on-reject says
    assert f"held back {incomplete}: incomplete parse (count_mismatch, missing_title)" in held.stdout
    drift = subprocess.run(
        [BIBLIODUCK, "ingest", str(incomplete), str(seed), "--db", str(tmp_path / "d.duckdb"),
         "--drift-min-pages", "1", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert drift.returncode == 5, drift.stderr
    assert json.loads(drift.stdout)["status"] == "drift_stopped"
