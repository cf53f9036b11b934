"""Parsed pages to Arrow tables: the one shape every load goes through.

load_pages builds a StagedBatch from ListingPage objects; bulk producers (the benchmark, a future
re-keying job) may build one directly from Arrow arrays and call load_staged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from flows.acquire.records import PageRef, RawPage
from parsers.records import ListingPage

_TIMESTAMP = pa.timestamp("us", tz="UTC")

RAW_PAGES_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("sha256", pa.string()),
        ("content", pa.binary()),
        ("fetched_at", _TIMESTAMP),
        ("http_status", pa.int32()),
        ("content_type", pa.string()),
        ("etag", pa.string()),
        ("last_modified", pa.string()),
    ]
)
PAGES_SCHEMA = pa.schema(
    [
        ("page_index", pa.int32()),
        ("source", pa.string()),
        ("sha256", pa.string()),
        ("cluster_name", pa.string()),
        ("declared_papers", pa.int32()),
        ("declared_author_rows", pa.int32()),
        ("fetched_at", _TIMESTAMP),
    ]
)
PAPERS_SCHEMA = pa.schema(
    [
        ("paper_row", pa.int32()),
        ("page_index", pa.int32()),
        ("position", pa.int32()),
        ("venue_line", pa.string()),
        ("venue", pa.string()),
        ("venue_kind", pa.string()),
        ("year", pa.int32()),
        ("publication_type", pa.string()),
        ("title", pa.string()),
        ("abstract", pa.string()),
        ("urls", pa.list_(pa.string())),
        ("author_count", pa.int32()),
        ("authors_capped", pa.bool_()),
    ]
)
FORMS_SCHEMA = pa.schema(
    [("form_index", pa.int32()), ("name", pa.string()), ("homonym", pa.string()), ("raw", pa.string())]
)
AUTHORSHIPS_SCHEMA = pa.schema(
    [("paper_row", pa.int32()), ("page_index", pa.int32()), ("position", pa.int32()), ("form_index", pa.int32())]
)
PROBLEMS_SCHEMA = pa.schema(
    [("page_index", pa.int32()), ("kind", pa.string()), ("message", pa.string()), ("location", pa.string())]
)


@dataclass(frozen=True, slots=True)
class StagedBatch:
    """One batch of pages as Arrow tables (schemas above). raw_pages holds the RawPage items only.

    Rows point at each other by small integers instead of repeating strings: page_index numbers pages
    0, 1, ... in source order (the load relies on that order for its deterministic lineage), paper_row
    numbers papers, and form_index numbers the distinct (name, homonym, raw) author forms, so keys are
    computed once per distinct form and every join of the load is an integer join.
    """

    raw_pages: pa.Table
    pages: pa.Table
    papers: pa.Table
    forms: pa.Table
    authorships: pa.Table
    problems: pa.Table


def stage_raw_pages(pages: Sequence[RawPage]) -> pa.Table:
    return pa.Table.from_pylist(
        [
            {
                "source": page.source,
                "sha256": page.sha256,
                "content": page.content,
                "fetched_at": page.fetched_at,
                "http_status": page.http_status,
                "content_type": page.content_type,
                "etag": page.etag,
                "last_modified": page.last_modified,
            }
            for page in pages
        ],
        schema=RAW_PAGES_SCHEMA,
    )


def stage_pages(parsed: Sequence[tuple[RawPage | PageRef, ListingPage]]) -> StagedBatch:
    """Flatten parsed pages into Arrow. The RawPage/PageRef source is authoritative (the parser may have
    been given a temporary path); a source given twice keeps its last version."""
    latest_by_source: dict[str, tuple[RawPage | PageRef, ListingPage]] = {}
    for origin, page in parsed:
        latest_by_source[origin.source] = (origin, page)

    raw_pages = [origin for origin, _ in latest_by_source.values() if isinstance(origin, RawPage)]
    pages: dict[str, list] = {name: [] for name in PAGES_SCHEMA.names}
    papers: dict[str, list] = {name: [] for name in PAPERS_SCHEMA.names}
    authorships: dict[str, list] = {name: [] for name in AUTHORSHIPS_SCHEMA.names}
    problems: dict[str, list] = {name: [] for name in PROBLEMS_SCHEMA.names}
    form_indexes: dict[tuple[str, str | None, str], int] = {}

    for page_index, source in enumerate(sorted(latest_by_source)):
        origin, page = latest_by_source[source]
        pages["page_index"].append(page_index)
        pages["source"].append(source)
        pages["sha256"].append(origin.sha256)
        pages["cluster_name"].append(page.cluster_name)
        pages["declared_papers"].append(page.declared_papers)
        pages["declared_author_rows"].append(page.declared_author_rows)
        pages["fetched_at"].append(origin.fetched_at)
        for paper in page.papers:
            # paper_row ties authors to their listing even if the page repeats a position number
            paper_row = len(papers["paper_row"])
            papers["paper_row"].append(paper_row)
            papers["page_index"].append(page_index)
            papers["position"].append(paper.position)
            papers["venue_line"].append(paper.venue_line)
            papers["venue"].append(paper.venue)
            papers["venue_kind"].append(paper.venue_kind)
            papers["year"].append(paper.year)
            papers["publication_type"].append(paper.publication_type)
            papers["title"].append(paper.title)
            papers["abstract"].append(paper.abstract)
            papers["urls"].append(list(paper.urls))
            papers["author_count"].append(len(paper.authors))
            papers["authors_capped"].append(paper.authors_capped)
            for position, author in enumerate(paper.authors, start=1):
                authorships["paper_row"].append(paper_row)
                authorships["page_index"].append(page_index)
                authorships["position"].append(position)
                form = (author.name, author.homonym, author.raw)
                authorships["form_index"].append(form_indexes.setdefault(form, len(form_indexes)))
        for problem in page.problems:
            problems["page_index"].append(page_index)
            problems["kind"].append(problem.kind)
            problems["message"].append(problem.message)
            problems["location"].append(None if problem.where is None else str(problem.where))

    forms = pa.table(
        {
            "form_index": pa.array(range(len(form_indexes)), pa.int32()),
            "name": [name for name, _, _ in form_indexes],
            "homonym": [homonym for _, homonym, _ in form_indexes],
            "raw": [raw for _, _, raw in form_indexes],
        },
        schema=FORMS_SCHEMA,
    )
    return StagedBatch(
        raw_pages=stage_raw_pages(raw_pages),
        pages=pa.Table.from_pydict(pages, schema=PAGES_SCHEMA),
        papers=pa.Table.from_pydict(papers, schema=PAPERS_SCHEMA),
        forms=forms,
        authorships=pa.Table.from_pydict(authorships, schema=AUTHORSHIPS_SCHEMA),
        problems=pa.Table.from_pydict(problems, schema=PROBLEMS_SCHEMA),
    )
