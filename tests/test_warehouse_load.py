"""load_pages on real DuckDB files: idempotency, dedup, most complete author lists, inference, changes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from parsers.records import Problem
from tests.warehouse_factories import (
    ELEVEN,
    FETCHED_AT,
    LINEAGE_COLUMNS,
    capped_and_complete,
    load,
    names,
    page,
    paper,
    raw_for,
    rows,
    snapshot,
    snapshot_columns,
    two_clusters_sharing_a_paper,
)
from warehouse import (
    PageRef,
    RawPage,
    Reject,
    RunSummary,
    WarehouseError,
    finish_run,
    iter_raw_pages,
    latest_versions,
    load_pages,
    open_warehouse,
    record_rejects,
    start_run,
    store_raw_pages,
)


def test_paper_listed_on_two_cluster_pages_is_one_row(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann, bo = two_clusters_sharing_a_paper()
    stats = load(db, "run-1", ann, bo)

    assert stats.pages_loaded == 2
    assert stats.papers_added == 3
    assert rows(db, "SELECT count(*), count(DISTINCT paper_key) FROM papers") == [(3, 3)]
    shared = rows(db, "SELECT paper_key, listed_on_pages FROM papers WHERE listed_on_pages = 2")
    assert len(shared) == 1
    (shared_key, _) = shared[0]
    assert rows(
        db,
        "SELECT c.name FROM cluster_papers cp JOIN clusters c USING (cluster_key) WHERE paper_key = ? ORDER BY 1",
        [shared_key],
    ) == [("Ann Lee",), ("Bo Chen",)]
    # authorship rows are not doubled by the second listing
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE paper_key = ?", [shared_key]) == [(3,)]
    assert rows(db, "SELECT count(*) FROM authors") == [(3,)]
    assert rows(db, "SELECT count(*) FROM clusters") == [(2,)]


def test_loading_the_same_pages_again_changes_nothing_but_ingest_runs(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann, bo = two_clusters_sharing_a_paper()
    load(db, "run-1", ann, bo)
    before = snapshot(db)

    again = load(db, "run-2", ann, bo)

    assert again.pages_loaded == 0
    assert again.pages_unchanged == 2
    assert (again.papers_added, again.papers_changed, again.authors_added, again.authors_changed) == (0, 0, 0, 0)
    assert snapshot(db) == before


def test_reparse_changes_only_lineage_columns(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann, bo = two_clusters_sharing_a_paper()
    load(db, "run-1", ann, bo)
    before = snapshot(db)

    stats = load(db, "run-2", ann, bo, skip_loaded=False)

    assert stats.pages_loaded == 2
    assert (stats.papers_added, stats.papers_changed, stats.authors_added, stats.authors_changed) == (0, 0, 0, 0)
    after = snapshot(db)
    assert after != before
    assert snapshot(db, drop_columns=LINEAGE_COLUMNS) == {
        table: sorted(table_rows, key=repr) for table, table_rows in snapshot_without_lineage_from(before, db).items()
    }
    assert rows(db, "SELECT DISTINCT run_id FROM papers") == [("run-2",)]


def snapshot_without_lineage_from(before: dict, db: Path) -> dict:
    """Drop the lineage columns from an earlier snapshot, by position, using the file's column order."""
    trimmed = {}
    with open_warehouse(db, read_only=True) as connection:
        for relation, relation_rows in before.items():
            columns = snapshot_columns(connection, relation)
            keep = [index for index, column in enumerate(columns) if column not in LINEAGE_COLUMNS]
            trimmed[relation] = [tuple(row[index] for index in keep) for row in relation_rows]
    return trimmed


@pytest.mark.parametrize("capped_first", [True, False])
def test_most_complete_author_list_wins_in_either_load_order(tmp_path: Path, capped_first: bool) -> None:
    capped, complete = capped_and_complete()
    order = [capped, complete] if capped_first else [complete, capped]
    db = tmp_path / f"w-{capped_first}.duckdb"
    for listing in order:
        load(db, f"run-{listing.source}", listing)

    listed = rows(
        db,
        "SELECT a.name, pa.position, pa.inferred FROM paper_authors pa JOIN authors a USING (author_key) "
        "ORDER BY pa.position",
    )
    assert listed == [(name, index, False) for index, name in enumerate(ELEVEN, start=1)]
    assert rows(db, "SELECT author_count FROM papers") == [(11,)]


def test_load_order_does_not_change_any_table(tmp_path: Path) -> None:
    capped, complete = capped_and_complete()
    ann, bo = two_clusters_sharing_a_paper()
    forward, backward = tmp_path / "forward.duckdb", tmp_path / "backward.duckdb"
    pages = [capped, complete, ann, bo]
    for listing in pages:
        load(forward, f"run-{listing.source}", listing)
    for listing in reversed(pages):
        load(backward, f"run-{listing.source}", listing)
    assert snapshot(forward) == snapshot(backward)


def test_capped_list_lacking_the_cluster_name_implies_an_authorship(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    capped, complete = capped_and_complete()
    load(db, "run-1", capped)

    inferred = rows(
        db,
        "SELECT a.name, pa.position, pa.inferred, pa.inferred_from FROM paper_authors pa "
        "JOIN authors a USING (author_key) WHERE pa.inferred",
    )
    assert inferred == [("Author J", None, True, "https://example.org/author-j")]
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE NOT inferred") == [(8,)]

    # once the complete list shows Author J, the inferred row gives way to the listed one
    load(db, "run-2", complete)
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE inferred") == [(0,)]
    assert rows(
        db, "SELECT pa.position FROM paper_authors pa JOIN authors a USING (author_key) WHERE a.name = 'Author J'"
    ) == [(10,)]


def test_no_inference_when_the_capped_list_shows_the_name_with_a_homonym_number(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shown_with_number = [*names(7), "Chen Huang 0001"]
    listing = page("https://example.org/chen", "Chen Huang", [paper("Homonyms", shown_with_number)])
    load(db, "run-1", listing)
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE inferred") == [(0,)]
    assert rows(db, "SELECT name, homonym FROM authors WHERE homonym IS NOT NULL") == [("Chen Huang", "0001")]


def test_no_inference_from_an_uncapped_list(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    listing = page("https://example.org/x", "Xi Wu", [paper("Short List", names(7))])
    load(db, "run-1", listing)
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE inferred") == [(0,)]


def test_a_changed_page_replaces_its_contribution(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann_v1 = page(
        "https://example.org/ann",
        "Ann Lee",
        [paper("Kept", ["Ann Lee"]), paper("Shared", ["Ann Lee", "Bo Chen"]), paper("Dropped", ["Ann Lee"])],
    )
    bo = page("https://example.org/bo", "Bo Chen", [paper("Shared", ["Ann Lee", "Bo Chen"])])
    load(db, "run-1", ann_v1, bo)

    ann_v2 = page(
        "https://example.org/ann", "Ann Lee", [paper("Kept", ["Ann Lee"]), paper("New One", ["Ann Lee", "Di Ng"])]
    )
    stats = load_pages(db, "run-2", [(raw_for(ann_v2, FETCHED_AT + timedelta(days=1)), ann_v2)])

    assert (stats.pages_loaded, stats.papers_added, stats.papers_removed) == (1, 1, 1)
    assert rows(db, "SELECT title FROM papers ORDER BY title") == [("Kept",), ("New One",), ("Shared",)]
    assert rows(
        db,
        "SELECT p.title, cp.position FROM cluster_papers cp JOIN papers p USING (paper_key) "
        "WHERE cp.source = 'https://example.org/ann' ORDER BY cp.position",
    ) == [("Kept", 1), ("New One", 2)]
    # "Shared" left Ann's page but Bo's page still lists it
    assert rows(
        db,
        "SELECT cp.source FROM cluster_papers cp JOIN papers p USING (paper_key) WHERE p.title = 'Shared'",
    ) == [("https://example.org/bo",)]
    # the dropped paper's authorships are gone; Di Ng arrived
    assert rows(db, "SELECT count(*) FROM paper_authors") == [(5,)]
    assert rows(db, "SELECT name FROM authors ORDER BY name") == [("Ann Lee",), ("Bo Chen",), ("Di Ng",)]
    cluster = rows(db, "SELECT first_seen, last_seen FROM clusters WHERE name = 'Ann Lee'")
    assert cluster == [(FETCHED_AT, FETCHED_AT + timedelta(days=1))]
    # both versions stay in raw_pages; the second one is the loaded contribution
    versions = latest_versions(db, ["https://example.org/ann"])
    assert versions["https://example.org/ann"].sha256 == raw_for(ann_v2, FETCHED_AT + timedelta(days=1)).sha256
    assert versions["https://example.org/ann"].loaded
    assert rows(db, "SELECT count(*) FROM raw_pages WHERE source = 'https://example.org/ann'") == [(2,)]


def test_load_stats_count_what_each_batch_changed(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann = page("https://example.org/ann", "Ann Lee", [paper("One", ["Ann Lee", "Bo Chen"]), paper("Two", ["Ann Lee"])])
    first = load(db, "run-1", ann)
    assert (first.papers_added, first.authors_added) == (2, 2)
    assert (first.authorships_added, first.authorships_removed, first.clusters_added) == (3, 0, 1)

    # Bo's page: "One" again with a longer abstract (it now speaks for the paper), Bo in a new form, Cy new
    bo = page(
        "https://example.org/bo",
        "Bo Chen",
        [paper("One", ["Ann Lee", "BO CHEN"], abstract="A longer abstract."), paper("Three", ["Cy Dee"])],
    )
    second = load(db, "run-2", bo)
    assert (second.papers_added, second.papers_changed, second.papers_removed) == (1, 1, 0)
    assert (second.authors_added, second.authors_changed, second.authors_removed) == (1, 1, 0)
    # "One" keeps its pairs under Bo's listing; "Three" brings Cy
    assert (second.authorships_added, second.authorships_removed) == (1, 0)
    assert (second.clusters_added, second.clusters_removed) == (1, 0)

    # Bo's page changes: "Three" and with it Cy leave; "One" falls back to Ann's listing
    bo_v2 = page("https://example.org/bo", "Bo Chen", [paper("Four", ["Bo Chen"])])
    third = load_pages(db, "run-3", [(raw_for(bo_v2, FETCHED_AT + timedelta(days=1)), bo_v2)])
    assert (third.papers_added, third.papers_changed, third.papers_removed) == (1, 1, 1)
    assert (third.authors_added, third.authors_changed, third.authors_removed) == (0, 0, 1)
    assert (third.authorships_added, third.authorships_removed) == (1, 1)  # Four-Bo in, Three-Cy out
    assert (third.clusters_added, third.clusters_removed) == (0, 0)

    # the page now describes another cluster: one cluster in, one out
    bo_v3 = page("https://example.org/bo", "Bo C. Chen", [paper("Four", ["Bo Chen"])])
    fourth = load_pages(db, "run-4", [(raw_for(bo_v3, FETCHED_AT + timedelta(days=2)), bo_v3)])
    assert (fourth.clusters_added, fourth.clusters_removed) == (1, 1)
    assert (fourth.authorships_added, fourth.authorships_removed, fourth.papers_removed) == (0, 0, 0)
    assert rows(db, "SELECT name FROM clusters ORDER BY name") == [("Ann Lee",), ("Bo C. Chen",)]
    assert rows(db, "SELECT abstract FROM papers WHERE title = 'One'") == [("An abstract.",)]


def test_a_failing_batch_leaves_the_previous_state(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ann, bo = two_clusters_sharing_a_paper()
    load(db, "run-1", ann, bo)
    before = snapshot(db)

    broken = page("https://example.org/ann", "Ann Lee", [paper("Fine", ["Ann Lee"]), paper("x", ["Ann Lee"])])
    broken.papers[1].title = None  # type: ignore[assignment]  # violates papers.title NOT NULL mid-batch
    with pytest.raises(Exception, match="NOT NULL"):
        load(db, "run-2", broken)

    assert snapshot(db) == before


WEIRD_NAMES = [
    'Seán O\'Brien-"Bob"',
    "Robert'); DROP TABLE papers;--",
    "Zoë 🦆 Quackworth",
    "محمد الفاسي",
    "עדי כהן",
    "Back\\slash $1 %s {name}",
]


def test_weird_strings_are_stored_verbatim(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    abstract = ("Ünïcödé ✓ \"quoted\" 'single'; semicolon -- not a comment\n" * 2000)[:100_000]
    title = "Robert'); DROP TABLE papers;-- 🦆 \u202eRTL override\u202c «title»"
    listing = page(
        'file:///tmp/it\'s "here"; ok.html',
        "Zoë 🦆 Quackworth",
        [paper(title, WEIRD_NAMES, abstract=abstract, urls=["https://x.org/?q='a';b"])],
    )
    load(db, "run-'1'", listing)

    assert rows(db, "SELECT title, abstract, urls FROM papers") == [(title, abstract, ["https://x.org/?q='a';b"])]
    assert len(abstract) == 100_000
    stored = rows(db, "SELECT a.name FROM paper_authors pa JOIN authors a USING (author_key) ORDER BY pa.position")
    assert [name for (name,) in stored] == WEIRD_NAMES
    assert rows(db, "SELECT source, run_id FROM cluster_papers") == [(listing.source, "run-'1'")]
    assert rows(db, "SELECT count(*) FROM papers") == [(1,)]


def test_every_derived_row_points_to_a_stored_raw_page(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    capped, complete = capped_and_complete()
    ann, bo = two_clusters_sharing_a_paper()
    load(db, "run-1", capped, complete, ann, bo)
    for table in ("papers", "authors", "paper_authors", "cluster_papers", "clusters", "venues", "loaded_pages"):
        orphans = rows(
            db,
            f"SELECT count(*) FROM {table} t WHERE t.run_id IS NULL OR NOT EXISTS "
            "(SELECT 1 FROM raw_pages r WHERE r.sha256 = t.raw_sha256 AND r.source = t.source)",
        )
        assert orphans == [(0,)], table


def test_problems_rejects_and_run_bookkeeping(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    start_run(db, "run-1", FETCHED_AT)
    problem = Problem(kind="missing_year", message="no year on the venue line", where=14)
    listing = page("s1", "Ann Lee", [paper("T", ["Ann Lee"], year=None)], problems=[problem])
    stats = load(db, "run-1", listing)
    broken = RawPage(source="s2", content=b"\x00\x01binary", fetched_at=FETCHED_AT)
    store_raw_pages(db, [broken])
    record_rejects(
        db,
        "run-1",
        [
            Reject(source="s2", reason="binary content", problems=[problem], raw_sha256=broken.sha256),
            Reject(source="https://example.org/timeout", reason="timed out"),
        ],
    )
    finish_run(
        db,
        RunSummary(
            run_id="run-1",
            status="partial",
            pages_seen=3,
            pages_fetched=2,
            pages_loaded=stats.pages_loaded,
            pages_rejected=2,
            problems_by_kind={"missing_year": 1},
            papers_added=stats.papers_added,
        ),
    )

    assert rows(db, "SELECT kind, message, location, raw_sha256 FROM page_problems ORDER BY kind") == [
        ("missing_year", "no year on the venue line", "14", raw_for(listing).sha256),
        (
            "undated_paper_apart",
            "paper without a year kept apart: no listing with a year has this title",
            "paper 1",
            raw_for(listing).sha256,
        ),
    ]
    assert rows(db, "SELECT source, raw_sha256 IS NULL, problems->0->>'kind' FROM rejects ORDER BY source") == [
        ("https://example.org/timeout", True, None),
        ("s2", False, "missing_year"),
    ]
    assert rows(
        db,
        "SELECT status, pages_loaded, pages_rejected, problems_by_kind->>'missing_year', papers_added, "
        "ended_at IS NOT NULL FROM ingest_runs",
    ) == [("partial", 1, 2, "1", 1, True)]
    with pytest.raises(WarehouseError, match="start_run"):
        finish_run(db, RunSummary(run_id="never-started", status="failed"))

    # a new version of the page without the problem clears it
    fixed = page("s1", "Ann Lee", [paper("T", ["Ann Lee"], year=2024)])
    load(db, "run-2", fixed)
    assert rows(db, "SELECT count(*) FROM page_problems") == [(0,)]


def test_raw_pages_versions_and_reparse_source(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    assert latest_versions(db, ["a"]) == {}
    old = RawPage("a", b"old", fetched_at=FETCHED_AT, etag='"v1"', last_modified="Sat, 01 Mar 2025 12:00:00 GMT")
    new = RawPage("a", b"new", fetched_at=FETCHED_AT + timedelta(hours=1), etag='"v2"')
    other = RawPage("b", b"bee", fetched_at=FETCHED_AT)
    store_raw_pages(db, [old, new, other])
    store_raw_pages(db, [old, new, other])  # idempotent
    assert rows(db, "SELECT count(*) FROM raw_pages") == [(3,)]

    versions = latest_versions(db, ["a", "b", "never-seen"])
    assert set(versions) == {"a", "b"}
    assert (versions["a"].sha256, versions["a"].etag, versions["a"].loaded) == (new.sha256, '"v2"', False)

    # a page loaded by reference to its stored raw version
    load_pages(db, "run-1", [(PageRef("a", new.sha256), page("a", "Ann Lee", [paper("T", ["Ann Lee"])]))])
    assert latest_versions(db, ["a"])["a"].loaded
    assert rows(db, "SELECT last_seen FROM clusters") == [(new.fetched_at,)]

    latest = list(iter_raw_pages(db, chunk_size=1))
    assert [(raw.source, raw.content) for raw in latest] == [("a", b"new"), ("b", b"bee")]
    assert latest[0] == new


def test_raw_page_rejects_a_wrong_sha256() -> None:
    with pytest.raises(ValueError, match="does not match"):
        RawPage("a", b"content", sha256="0" * 64)


def test_factory_pages_are_distinct_by_content() -> None:
    first = page("s1", "Ann Lee", [paper("T", ["Ann Lee"])])
    second = page("s1", "Ann Lee", [paper("T", ["Ann Lee", "Bo Chen"])])
    assert raw_for(first).sha256 != raw_for(second).sha256
