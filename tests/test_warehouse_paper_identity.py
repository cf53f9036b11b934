"""One row per real paper: an undated listing joins the one dated paper with its title, or says why not;
the latest page of a cluster decides its declared counts. Real DuckDB files throughout."""

from __future__ import annotations

import itertools
from datetime import timedelta
from pathlib import Path

import pytest

from parsers import parse_page
from tests.warehouse_factories import FETCHED_AT, load, page, paper, raw_for, rows, snapshot
from warehouse import load_pages, refresh_marts

TITLE = "Sigmoid Self-Attention"


def _dated() -> object:
    return page("https://x/ann", "Ann Lee", [paper(TITLE, ["Ann Lee", "Bo Chen", "Cy Dorn"], year=2024)])


def _undated(authors=("Ann Lee", "Bo Chen"), source="https://x/bo") -> object:
    return page(source, "Bo Chen", [paper(TITLE, list(authors), year=None, venue=None), paper("Other", ["Bo Chen"])])


def _apart_problems(db: Path) -> list[tuple]:
    return rows(db, "SELECT source, location, message FROM page_problems WHERE kind = 'undated_paper_apart' ORDER BY 1")


def test_an_undated_listing_joins_the_one_dated_paper_with_its_title(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", _dated(), _undated())
    assert rows(db, "SELECT title, year, listed_on_pages, source FROM papers WHERE title = ?", [TITLE]) == [
        (TITLE, 2024, 2, "https://x/ann")  # the dated page speaks for the paper
    ]
    # each author counts the paper once
    assert rows(db, "SELECT name, papers FROM author_stats WHERE name IN ('Ann Lee', 'Cy Dorn') ORDER BY 1") == [
        ("Ann Lee", 1), ("Cy Dorn", 1)
    ]
    assert rows(db, "SELECT count(DISTINCT paper_key) FROM cluster_papers") == [(2,)]
    assert _apart_problems(db) == []


def test_the_dated_listing_speaks_even_when_the_undated_one_shows_more_authors(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    short = page("https://x/ann", "Ann Lee", [paper(TITLE, ["Ann Lee"], year=2024)])
    load(db, "r1", short, _undated(("Ann Lee", "Bo Chen", "Cy Dorn")))
    assert rows(db, "SELECT year, venue, source FROM papers WHERE title = ?", [TITLE]) == [(2024, "ICML", "https://x/ann")]


def test_the_result_does_not_depend_on_load_order_or_batching(tmp_path: Path) -> None:
    pages = [_dated(), _undated(), page("https://x/cy", "Cy Dorn", [paper(TITLE, ["Ann Lee"], year=2024)])]
    snapshots = []
    for index, order in enumerate(itertools.permutations(pages)):
        db = tmp_path / f"w{index}.duckdb"
        for step, listing in enumerate(order):
            load(db, f"r{step}", listing)
        snapshots.append(snapshot(db, drop_columns=frozenset({"run_id"})))
    one_batch = tmp_path / "one.duckdb"
    load(one_batch, "r0", *pages)
    snapshots.append(snapshot(one_batch, drop_columns=frozenset({"run_id"})))
    assert all(taken == snapshots[0] for taken in snapshots[1:])
    assert len([row for row in snapshots[0]["papers"] if row[1] == TITLE]) == 1


@pytest.mark.parametrize(
    ("pages", "reason"),
    [
        ((), "no listing with a year has this title"),
        (
            (
                page("https://x/ann", "Ann Lee", [paper(TITLE, ["Ann Lee", "Bo Chen"], year=2023)]),
                page("https://x/cy", "Cy Dorn", [paper(TITLE, ["Ann Lee", "Bo Chen"], year=2024)]),
            ),
            "2 papers with a year have this title (years 2023, 2024)",
        ),
        (
            (page("https://x/ann", "Ann Lee", [paper(TITLE, ["Ann Lee", "Dee Eve"], year=2024)]),),
            "its author list disagrees with the dated paper (2024) at position 2",
        ),
    ],
    ids=["no-dated-paper", "two-dated-papers", "authors-disagree"],
)
def test_otherwise_it_stays_apart_with_a_problem_saying_why(tmp_path: Path, pages, reason: str) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *pages, _undated())
    assert _apart_problems(db) == [("https://x/bo", "paper 1", f"paper without a year kept apart: {reason}")]
    assert rows(db, "SELECT count(*) FROM papers WHERE title = ? AND year IS NULL", [TITLE]) == [(1,)]


def test_a_page_listing_both_forms_keeps_them_apart(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    both = page(
        "https://x/bo", "Bo Chen",
        [paper(TITLE, ["Ann Lee", "Bo Chen"], year=2024), paper(TITLE, ["Ann Lee", "Bo Chen"], year=None, venue=None)],
    )
    load(db, "r1", both)
    assert [message for _, _, message in _apart_problems(db)] == [
        "paper without a year kept apart: its page also lists the dated paper (2024)"
    ]


def test_the_join_is_undone_when_the_dated_paper_goes_away(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", _dated(), _undated())
    assert rows(db, "SELECT count(*) FROM papers WHERE title = ?", [TITLE]) == [(1,)]
    changed = page("https://x/ann", "Ann Lee", [paper("Something else", ["Ann Lee"], year=2024)])
    stats = load(db, "r2", changed)
    assert rows(db, "SELECT year, source FROM papers WHERE title = ?", [TITLE]) == [(None, "https://x/bo")]
    # the undated page was not in the batch, and still it now says why its listing is apart
    assert [source for source, _, _ in _apart_problems(db)] == ["https://x/bo"]
    assert (stats.papers_added, stats.papers_removed) == (2, 1)  # "Something else" and the undated one; the dated one


def test_the_bad_venue_fixture_adds_no_second_paper(tmp_path: Path, fixtures_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    parsed = []
    for name in ("demo/seed.txt", "problems_bad_venue.txt"):
        content = (fixtures_dir / name).read_bytes()
        listing = parse_page(content, source=name)
        parsed.append((raw_for(listing), listing))
    load_pages(db, "r1", parsed)
    refresh_marts(db, run_id="r1")  # as the end of an ingest does: the marts are tables
    assert rows(db, "SELECT count(*), count(year) FROM papers") == [(10, 10)]
    seed_titles = rows(db, "SELECT count(*) FROM cluster_papers WHERE source = 'demo/seed.txt'")
    assert seed_titles == [(10,)]
    assert rows(db, "SELECT papers FROM author_stats WHERE name = 'Jason Ramapuram'") == [(10,)]


@pytest.mark.parametrize("newer_declares", [10, 12])
def test_the_most_recently_fetched_page_decides_the_declared_counts(tmp_path: Path, newer_declares: int) -> None:
    db = tmp_path / "w.duckdb"
    older_declares = 22 - newer_declares
    older = page("https://x/a", "Ann Lee", [paper("One", ["Ann Lee"])])
    newer = page("https://x/b", "ann lee", [paper("Two", ["Ann Lee"])])
    older.declared_papers, newer.declared_papers = older_declares, newer_declares
    load_pages(
        db, "r1",
        [(raw_for(newer, FETCHED_AT + timedelta(days=1)), newer), (raw_for(older, FETCHED_AT), older)],
    )
    refresh_marts(db, run_id="r1")
    assert rows(db, "SELECT declared_papers, source FROM clusters") == [(newer_declares, "https://x/b")]
    assert rows(db, "SELECT declared_papers FROM cluster_overview") == [(newer_declares,)]
