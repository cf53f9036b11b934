"""Loading pages: raw pages stored as received, parsed pages merged set-based, one transaction per batch.

Each page's contribution lands in fact tables keyed by the page's integer id (page_listings,
listing_authors) and is written once. The contract objects papers, paper_authors, authors,
cluster_papers, clusters and venues are views over the facts (sql/views/); the load keeps only their
small bookkeeping tables current: paper_choice and inferred_authorships, recomputed for just the
keys the batch touched, and author_forms, a dictionary of every author form seen, which only grows.
So the result depends on which pages are loaded, never on their order, and reloading a page
replaces what it said before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path

import pyarrow as pa

from flows.acquire.records import PageRef, RawPage, Stylesheet
from parsers.records import ListingPage
from warehouse.connection import Connection, in_transaction, open_warehouse
from warehouse.data_tests import enforce_data_tests
from warehouse.identity import resolve_touched
from warehouse.records import LoadStats, PageVersion
from warehouse.sqlfiles import sql_text
from warehouse.staging import StagedBatch, stage_pages, stage_raw_pages, stage_stylesheets

_SCAN_CHUNK_ROWS = 4096
_BATCH_RELATIONS = (
    "staged_raw_pages",
    "staged_pages",
    "staged_papers",
    "staged_forms",
    "staged_authorships",
    "staged_problems",
)


def store_raw_pages(db: str | Path, pages: Sequence[RawPage], *, lock_timeout: float | None = None) -> None:
    """Store pages as received, with their linked stylesheets; a (source, sha256) already stored is left as
    it is, and so is the set of stylesheets stored with it."""
    if not pages:
        return
    sheets, links = stage_stylesheets(pages)
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        connection.register("staged_raw_pages", stage_raw_pages(pages))
        connection.register("staged_raw_stylesheets", sheets)
        connection.register("staged_page_stylesheets", links)

        def store() -> None:
            connection.execute(sql_text("load/store_raw_pages.sql"))
            if links.num_rows:
                connection.execute(sql_text("load/store_raw_stylesheets.sql"))
                connection.execute(sql_text("load/store_page_stylesheets.sql"))

        in_transaction(connection, store)


def load_pages(
    db: str | Path,
    run_id: str,
    parsed: Sequence[tuple[RawPage | PageRef, ListingPage]],
    *,
    skip_loaded: bool = True,
    lock_timeout: float | None = None,
    resolve_identity: bool = True,
) -> LoadStats:
    """Load parsed pages in one transaction. RawPage items are stored in raw_pages too; PageRef items
    name a raw page stored earlier.

    With skip_loaded (the default), a page whose content is already the loaded version of its source is
    skipped and counted unchanged, so loading the same pages twice changes nothing. The ingest decides
    what changed before it parses and passes skip_loaded=False: every page it hands over is loaded (for
    a re-parse of content already loaded, only lineage columns change).

    resolve_identity=False leaves persons as they are (the identity benchmark measures what resolution
    adds to a load with it); `identity resolve` catches up later."""
    return load_staged(
        db, run_id, stage_pages(parsed), skip_loaded=skip_loaded, lock_timeout=lock_timeout,
        resolve_identity=resolve_identity,
    )


def load_staged(
    db: str | Path,
    run_id: str,
    batch: StagedBatch,
    *,
    skip_loaded: bool = True,
    lock_timeout: float | None = None,
    resolve_identity: bool = True,
) -> LoadStats:
    """load_pages for a batch already flattened to Arrow (see warehouse.staging)."""
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        for name, table in zip(
            _BATCH_RELATIONS,
            (batch.raw_pages, batch.pages, batch.papers, batch.forms, batch.authorships, batch.problems),
            strict=True,
        ):
            connection.register(name, _in_scan_chunks(table))
        has_raw = batch.raw_pages.num_rows > 0
        return in_transaction(
            connection,
            lambda: _merge_tested_batch(connection, Path(db), run_id, skip_loaded, has_raw, resolve_identity),
        )


def _merge_tested_batch(
    connection: Connection, db: Path, run_id: str, skip_loaded: bool, has_raw: bool, resolve_identity: bool
) -> LoadStats:
    """Merge, run the data tests, and add the counts to the run's row: all before the batch commits."""
    stats = _merge_batch(connection, run_id, skip_loaded, has_raw=has_raw, resolve_identity=resolve_identity)
    if stats.pages_loaded:
        enforce_data_tests(connection, db)  # raises, and so rolls the batch back, when a rule is broken
    connection.execute(
        sql_text("queries/add_batch_counts.sql"),
        {"run_id": run_id, **{f.name: getattr(stats, f.name) for f in fields(stats)}},
    )
    return stats


def _in_scan_chunks(table: pa.Table) -> pa.Table:
    # DuckDB scans an Arrow table one record batch per thread: a batch staged as one big chunk keys its
    # titles and names on one core. Slicing is zero-copy.
    return pa.Table.from_batches(table.to_batches(max_chunksize=_SCAN_CHUNK_ROWS), schema=table.schema)


def _merge_batch(
    connection: Connection, run_id: str, skip_loaded: bool, *, has_raw: bool, resolve_identity: bool = True
) -> LoadStats:
    params = {"run_id": run_id}
    run = connection.execute
    if has_raw:  # the ingest stores raw pages before parsing and hands over PageRefs only
        run(sql_text("load/store_raw_pages.sql"))
    run(sql_text("load/seen_pages.sql"))
    run(sql_text("load/batch_pages.sql"), {"skip_loaded": skip_loaded})
    pages_loaded, unchanged = _counts(connection, sql_text("load/count_batch_pages.sql"))
    stats = LoadStats(pages_loaded=pages_loaded, pages_unchanged=unchanged)
    if pages_loaded == 0:
        return stats

    # key the batch, and note what it may change, before anything is replaced
    keying = ("batch_forms", "batch_papers", "replaced_pages", "affected_titles", "affected_papers", "replaced_authors")
    for step in keying:
        run(sql_text(f"load/{step}.sql"))
    stats.authors_added, stats.authors_changed = _counts(connection, sql_text("load/count_new_authors.sql"))
    run(sql_text("load/affected_authorships.sql"))
    run(sql_text("load/authorships_before.sql"))
    run(sql_text("load/clusters_before.sql"))

    for step in ("forget_replaced_contributions", "insert_author_forms", "insert_page_listings"):
        run(sql_text(f"load/{step}.sql"))
    run(sql_text("load/insert_listing_authors.sql"))
    run(sql_text("load/insert_page_problems.sql"), params)
    run(sql_text("load/upsert_loaded_pages.sql"), params)
    run(sql_text("load/undated_verdicts.sql"))  # an undated listing joins its dated paper, or says why not
    run(sql_text("load/join_undated_listings.sql"))

    run(sql_text("load/next_paper_choice.sql"))
    stats.papers_added, stats.papers_changed, stats.papers_removed = _counts(
        connection, sql_text("load/count_paper_changes.sql")
    )
    run(sql_text("load/apply_paper_choice.sql"))
    run(sql_text("load/apply_inferred_authorships.sql"))
    if resolve_identity:
        run(sql_text("load/identity_touched.sql"))
        resolve_touched(connection)  # persons, for the name blocks this batch touched
    (stats.authors_removed,) = _counts(connection, sql_text("load/count_removed_authors.sql"))
    stats.authorships_added, stats.authorships_removed = _counts(
        connection, sql_text("load/count_authorship_changes.sql")
    )
    stats.clusters_added, stats.clusters_removed = _counts(connection, sql_text("load/count_cluster_changes.sql"))
    return stats


def latest_versions(
    db: str | Path, sources: Sequence[str], *, lock_timeout: float | None = None
) -> dict[str, PageVersion]:
    """For each source with a stored raw page: its most recently fetched version and whether that version
    is the loaded one. Sources never stored are absent. A missing warehouse reads as empty."""
    if not sources or not Path(db).exists():
        return {}
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        rows = connection.execute(sql_text("queries/latest_versions.sql"), {"sources": list(sources)}).fetchall()
    return {
        source: PageVersion(sha256=sha, etag=etag, last_modified=modified, fetched_at=fetched, loaded=bool(loaded))
        for source, sha, etag, modified, fetched, loaded in rows
    }


def loaded_paper_counts(
    db: str | Path, sources: Sequence[str], *, lock_timeout: float | None = None
) -> dict[str, int]:
    """For each asked-for source with a loaded contribution: how many papers that version lists."""
    if not sources or not Path(db).exists():
        return {}
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        rows = connection.execute(sql_text("queries/loaded_paper_counts.sql"), {"sources": list(sources)}).fetchall()
    return {source: int(count) for source, count in rows}


def raw_page_count(db: str | Path, *, lock_timeout: float | None = None) -> int:
    """How many sources have a stored raw page (what iter_raw_pages yields); 0 for a missing warehouse."""
    if not Path(db).exists():
        return 0
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        (count,) = _counts(connection, sql_text("queries/count_stored_sources.sql"))
    return count


def iter_raw_pages(db: str | Path, *, chunk_size: int = 500, lock_timeout: float | None = None) -> Iterator[RawPage]:
    """The latest stored version of every source, in source order, for re-parsing.

    Reads in chunks and closes the file between them, so the caller may load batches while iterating.
    """
    if not Path(db).exists():
        return
    after_source = ""
    while True:
        with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
            rows = connection.execute(
                sql_text("queries/raw_pages_after.sql"), {"after_source": after_source, "chunk_size": chunk_size}
            ).fetchall()
            sheets = _stylesheets_of(connection, [(row[0], row[5]) for row in rows])
        for source, content, fetched_at, status, content_type, sha256, etag, last_modified in rows:
            yield RawPage(
                source=source,
                content=bytes(content),
                fetched_at=fetched_at,
                http_status=status,
                content_type=content_type,
                sha256=sha256,
                etag=etag,
                last_modified=last_modified,
                stylesheets=tuple(sheets.get((source, sha256), ())),
            )
        if len(rows) < chunk_size:
            return
        after_source = rows[-1][0]


def _stylesheets_of(connection: Connection, pages: list[tuple[str, str]]) -> dict[tuple[str, str], list[Stylesheet]]:
    found: dict[tuple[str, str], list[Stylesheet]] = {}
    if not pages:
        return found
    rows = connection.execute(
        sql_text("queries/stylesheets_of_pages.sql"),
        {"sources": [source for source, _ in pages], "sha256s": [sha for _, sha in pages]},
    ).fetchall()
    for source, page_sha, href, url, content, fetched_at, status, content_type, sha, etag, modified in rows:
        found.setdefault((source, page_sha), []).append(
            Stylesheet(href, url, bytes(content), fetched_at, status, content_type, sha, etag, modified)
        )
    return found


def latest_stylesheet(db: str | Path, url: str, *, lock_timeout: float | None = None) -> Stylesheet | None:
    """The most recently stored version of a stylesheet URL (href set to the URL), or None."""
    if not Path(db).exists():
        return None
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        row = connection.execute(sql_text("queries/latest_stylesheet.sql"), {"url": url}).fetchone()
    if row is None:
        return None
    url, content, fetched_at, status, content_type, sha, etag, modified = row
    return Stylesheet(url, url, bytes(content), fetched_at, status, content_type, sha, etag, modified)


def _counts(connection: Connection, query: str) -> tuple[int, ...]:
    row = connection.execute(query).fetchone()
    assert row is not None, query
    return tuple(int(value) for value in row)
