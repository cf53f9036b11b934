"""Factories and helpers for the warehouse tests: ListingPage objects built by hand, table snapshots."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parsers.records import Author, ListingPage, Paper, Problem
from warehouse import RawPage, load_pages, open_warehouse, refresh_marts, run_query

FETCHED_AT = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
CONTRACT_TABLES = (
    "raw_pages",
    "clusters",
    "papers",
    "authors",
    "paper_authors",
    "cluster_papers",
    "venues",
    "ingest_runs",
    "rejects",
    "page_problems",
)
MARTS = (
    "papers_per_venue_year", "author_stats", "coauthor_pairs", "cluster_overview", "author_stats_by_name",
    "coauthor_pairs_by_name",
    "annual_output", "top_venues", "author_output_by_year", "author_shares", "cluster_network_nodes",
    "cluster_network_edges", "cluster_coverage", "problems_per_run", "rejects_per_reason", "run_history",
    "warehouse_totals",
)
LINEAGE_COLUMNS = frozenset({"run_id"})
_HOMONYM = re.compile(r"^(?P<name>.*\S)\s+(?P<homonym>\d{4})$")


def author(raw: str) -> Author:
    match = _HOMONYM.match(raw)
    if match:
        return Author(name=match["name"], homonym=match["homonym"], raw=raw)
    return Author(name=raw, homonym=None, raw=raw)


def paper(
    title: str,
    authors: Sequence[str],
    *,
    year: int | None = 2024,
    venue: str | None = "ICML",
    position: int = 1,
    abstract: str | None = "An abstract.",
    urls: Sequence[str] = (),
) -> Paper:
    return Paper(
        position=position,
        venue_line=f"{venue} Conference {year} Conference Paper" if venue else None,
        venue=venue,
        venue_kind="Conference" if venue else None,
        year=year,
        publication_type="Conference Paper",
        title=title,
        authors=[author(name) for name in authors],
        abstract=abstract,
        urls=list(urls),
    )


def page(source: str, cluster_name: str, papers: Sequence[Paper], *, problems: Sequence[Problem] = ()) -> ListingPage:
    numbered = []
    for index, listed in enumerate(papers, start=1):
        listed.position = index
        numbered.append(listed)
    return ListingPage(
        source=source,
        cluster_name=cluster_name,
        declared_papers=len(numbered),
        declared_author_rows=1,
        papers=numbered,
        problems=list(problems),
    )


def raw_for(listing: ListingPage, fetched_at: datetime = FETCHED_AT) -> RawPage:
    """A raw page whose bytes are the listing's JSON, so different listings get different sha256."""
    content = json.dumps(listing.to_dict(), ensure_ascii=False, sort_keys=True).encode()
    return RawPage(
        source=listing.source,
        content=content,
        fetched_at=fetched_at,
        http_status=200,
        content_type="application/json",
    )


def load(db: Path, run_id: str, *listings: ListingPage, skip_loaded: bool = True, refresh: bool = True):
    """Load the listings, then rebuild the mart tables, as the end of an ingest does."""
    stats = load_pages(db, run_id, [(raw_for(listing), listing) for listing in listings], skip_loaded=skip_loaded)
    if refresh:
        refresh_marts(db, run_id=run_id)
    return stats


# page_id, form_id and person_id are surrogates handed out in load order (what they point to is compared
# through the views); decided_at stamps when a person link was last re-decided
SURROGATE_COLUMNS = frozenset(
    {"page_id", "form_id", "person_id", "person_id_a", "person_id_b", "last_person_id", "decided_at"}
)


def snapshot_columns(connection, relation: str, drop_columns: frozenset[str] = frozenset()) -> list[str]:
    return [
        column
        for (column,) in connection.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [relation]
        ).fetchall()
        if column not in drop_columns
        and column not in SURROGATE_COLUMNS
        and not (relation == "schema_version" and column == "applied_at")
    ]


# What records runs rather than what the pages say: differs between two loads of the same pages.
RUN_BOOKKEEPING = (
    "ingest_runs", "mart_refreshes", "run_history", "run_history_live", "problems_per_run", "problems_per_run_live",
    "rejects_per_reason", "rejects_per_reason_live", "warehouse_totals", "warehouse_totals_live",
)


def snapshot(
    db: Path, *, drop_columns: frozenset[str] = frozenset(), skip: Sequence[str] = ("ingest_runs", "mart_refreshes")
):
    """Every table's and view's rows, sorted, keyed by name: two equal snapshots mean equal contents."""
    with open_warehouse(db, read_only=True) as connection:
        relations = [
            relation
            for (relation,) in connection.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                "UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
                "ORDER BY 1"
            ).fetchall()
            if relation not in skip
        ]
        result: dict[str, list[tuple[Any, ...]]] = {}
        for relation in relations:
            selected = ", ".join(f'"{column}"' for column in snapshot_columns(connection, relation, drop_columns))
            if not selected:  # identity_state: a surrogate counter only
                continue
            result[relation] = sorted(connection.execute(f'SELECT {selected} FROM "{relation}"').fetchall(), key=repr)
        return result


def rows(db: Path, query: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
    return run_query(db, query, list(params) if params else None)[1]


def names(count: int, prefix: str = "Author") -> list[str]:
    return [f"{prefix} {chr(ord('A') + index)}" for index in range(count)]


ELEVEN = names(11)
SHARED_TITLE = "Distillation Scaling Laws"


def two_clusters_sharing_a_paper() -> tuple:
    ann = page(
        "https://example.org/ann",
        "Ann Lee",
        [paper(SHARED_TITLE, ["Ann Lee", "Bo Chen", "Cy Dorn"]), paper("Only Ann", ["Ann Lee"], year=2023)],
    )
    bo = page(
        "https://example.org/bo",
        "Bo Chen",
        # same paper, different punctuation and case in the title: still one paper
        [paper("distillation  scaling-laws", ["Ann Lee", "Bo Chen", "Cy Dorn"]), paper("Only Bo", ["Bo Chen"])],
    )
    return ann, bo


def capped_and_complete() -> tuple:
    # Ann is the 10th of 11 authors: a list capped at 8 does not show her.
    capped = page("https://example.org/author-j", "Author J", [paper("Big Collaboration", ELEVEN[:8])])
    complete = page("https://example.org/zed", "Author A", [paper("Big Collaboration", ELEVEN)])
    return capped, complete
