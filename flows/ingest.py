"""The `ingest` Prefect flow: sources in, warehouse up to date, a run summary out.

    expand sources -> per batch: acquire (read/fetch, skip unchanged) -> store raw
                   -> parse (pure) -> load (one transaction) -> summary

Tasks work on batches of pages, never on single papers, so Prefect's per-task cost stays small
next to the work. Parsing batch k+1 overlaps loading batch k: DuckDB releases the GIL while it
merges, so the two cores are both busy.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

import warehouse
from flows import progress
from flows.acquire import AcquiredBatch, acquire
from flows.fetch import Fetcher, FetchPolicy
from flows.sources import Source, expand_sources
from parsers import ListingPage, NotAListingPage, parse_page
from warehouse import LoadStats, PageRef, RawPage, Reject, RunSummary

DEFAULT_BATCH_SIZE = 250


@dataclass(slots=True)
class ParsedBatch:
    pages: list[tuple[PageRef, ListingPage]] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)


@task(name="acquire-pages", cache_policy=NO_CACHE)
def acquire_task(db: str, sources: list[Source], fetcher: Fetcher | None, fetch_workers: int) -> AcquiredBatch:
    """Read or fetch a batch, drop the unchanged pages, and store the rest raw before parsing."""
    known = warehouse.latest_versions(db, [source.location for source in sources])
    batch = acquire(sources, known, fetcher, fetch_workers=fetch_workers)
    warehouse.store_raw_pages(db, [*batch.changed, *batch.stored_only])
    return batch


@task(name="parse-pages", cache_policy=NO_CACHE)
def parse_task(pages: list[RawPage]) -> ParsedBatch:
    return parse_batch(pages)


def parse_batch(pages: Iterable[RawPage]) -> ParsedBatch:
    parsed = ParsedBatch()
    for raw in pages:
        try:
            page = parse_page(raw.content, source=raw.source, content_type=raw.content_type)
        except NotAListingPage as error:
            parsed.rejected.append(Reject(source=raw.source, reason=error.reason, raw_sha256=raw.sha256))
            continue
        parsed.problems.update(problem.kind for problem in page.problems)
        parsed.pages.append((PageRef(raw.source, raw.sha256), page))
    return parsed


@task(name="load-pages", cache_policy=NO_CACHE)
def load_task(db: str, run_id: str, parsed: ParsedBatch, rejected: list[Reject], reparse: bool) -> LoadStats:
    stats = warehouse.load_pages(db, run_id, parsed.pages, reparse=reparse) if parsed.pages else LoadStats()
    if rejected:
        warehouse.record_rejects(db, run_id, rejected)
    return stats


def _batches(items: Sequence[Source], size: int) -> Iterator[list[Source]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


@flow(name="biblioduck-ingest", log_prints=False, validate_parameters=False)
def ingest(
    sources: list[str],
    db: str = warehouse.DEFAULT_DB_PATH,
    rate_limit: float = 1.0,
    reparse: bool = False,
    user_agent: str | None = None,
    max_bytes: int = 10 * 1024 * 1024,
    allowed_hosts: list[str] | None = None,
    respect_robots: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fetch_workers: int = 8,
    timeout: float = 20.0,
) -> dict:
    """Load listing pages (files, folders, globs, @lists, http(s) URLs) into the warehouse.

    With `reparse`, every stored raw page is parsed again with the current parser, and the
    sources named (if any) are re-read even when unchanged. Returns the run summary as a dict.
    """
    logger = get_run_logger()
    run_id = _run_id()
    started_at = datetime.now(UTC)
    warehouse.start_run(db, run_id, started_at)
    summary = RunSummary(run_id=run_id, status="failed")
    problems: Counter[str] = Counter()
    try:
        if reparse:
            stats = _reparse_stored(db, run_id, batch_size, problems, summary)
        else:
            stats = _ingest_sources(db, run_id, sources, problems, summary, batch_size, fetch_workers,
                                    FetchPolicy(
                                        rate_limit=rate_limit,
                                        max_bytes=max_bytes,
                                        allowed_hosts=frozenset(allowed_hosts) if allowed_hosts else None,
                                        respect_robots=respect_robots,
                                        read_timeout=timeout,
                                        **({"user_agent": user_agent} if user_agent else {}),
                                    ))
        summary.pages_loaded = stats.pages_loaded
        summary.pages_unchanged += stats.pages_unchanged
        summary.papers_added, summary.papers_changed = stats.papers_added, stats.papers_changed
        summary.authors_added, summary.authors_changed = stats.authors_added, stats.authors_changed
        summary.problems_by_kind = dict(sorted(problems.items()))
        summary.status = "partial" if summary.pages_rejected else "succeeded"
    finally:
        summary.ended_at = datetime.now(UTC)
        warehouse.finish_run(db, summary)
    logger.info(
        "run %s %s: %d seen, %d loaded, %d unchanged, %d rejected",
        run_id, summary.status, summary.pages_seen, summary.pages_loaded, summary.pages_unchanged,
        summary.pages_rejected,
    )
    _publish_artifact(summary)
    return _summary_dict(summary)


def _ingest_sources(
    db: str,
    run_id: str,
    sources: list[str],
    problems: Counter[str],
    summary: RunSummary,
    batch_size: int,
    fetch_workers: int,
    policy: FetchPolicy,
) -> LoadStats:
    logger = get_run_logger()
    expanded = expand_sources(sources)
    invalid = [Reject(source=entry, reason=reason) for entry, reason in expanded.invalid]
    if invalid:
        warehouse.record_rejects(db, run_id, invalid)
        for reject in invalid:
            logger.warning("rejected %s: %s", reject.source, reject.reason)
    summary.pages_seen = len(expanded.sources) + len(invalid)
    summary.pages_rejected = len(invalid)
    logger.info("run %s: %d sources (%d invalid)", run_id, summary.pages_seen, len(invalid))
    progress.advance(len(invalid), summary.pages_seen)

    fetcher = None
    if any(source.kind == "url" for source in expanded.sources):
        fetcher = Fetcher(policy, pool_maxsize=max(fetch_workers, 1))
    stats = LoadStats()
    pending: PrefectFuture[LoadStats] | None = None
    pending_size = 0
    try:
        for sources_batch in _batches(expanded.sources, batch_size):
            acquired = acquire_task(db, sources_batch, fetcher, fetch_workers)
            summary.pages_fetched += acquired.fetched
            summary.pages_unchanged += len(acquired.unchanged)
            parsed = parse_task(acquired.changed)
            problems.update(parsed.problems)
            rejected = [*acquired.rejected, *parsed.rejected]
            summary.pages_rejected += len(rejected)
            for reject in rejected:
                logger.warning("rejected %s: %s", reject.source, reject.reason)
            if pending is not None:  # one writer at a time: the previous load must be done
                stats += pending.result()
                progress.advance(pending_size)
            pending = load_task.submit(db, run_id, parsed, rejected, False)
            pending_size = len(sources_batch)
            logger.info(
                "batch of %d: %d changed, %d unchanged, %d rejected",
                len(sources_batch), len(acquired.changed), len(acquired.unchanged), len(rejected),
            )
        if pending is not None:
            stats += pending.result()
            progress.advance(pending_size)
    finally:
        if fetcher is not None:
            fetcher.close()
    return stats


def _reparse_stored(
    db: str, run_id: str, batch_size: int, problems: Counter[str], summary: RunSummary
) -> LoadStats:
    """Re-parse the latest stored version of every source with the current parser; fetch nothing."""
    stats = LoadStats()
    raw_pages = warehouse.iter_raw_pages(db, chunk_size=batch_size)
    while True:
        chunk = [raw for _, raw in zip(range(batch_size), raw_pages, strict=False)]
        if not chunk:
            return stats
        parsed = parse_task(chunk)
        problems.update(parsed.problems)
        summary.pages_seen += len(chunk)
        summary.pages_rejected += len(parsed.rejected)
        stats += load_task(db, run_id, parsed, parsed.rejected, True)
        progress.advance(len(chunk))


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())


def _summary_dict(summary: RunSummary) -> dict:
    data = asdict(summary)
    data["ended_at"] = summary.ended_at.isoformat()
    return data


def _publish_artifact(summary: RunSummary) -> None:
    rows = [
        ("pages seen", summary.pages_seen),
        ("pages fetched", summary.pages_fetched),
        ("pages loaded", summary.pages_loaded),
        ("pages unchanged", summary.pages_unchanged),
        ("pages rejected", summary.pages_rejected),
        ("papers added", summary.papers_added),
        ("papers changed", summary.papers_changed),
        ("authors added", summary.authors_added),
        ("authors changed", summary.authors_changed),
        *((f"problems: {kind}", count) for kind, count in summary.problems_by_kind.items()),
    ]
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    create_markdown_artifact(
        key="biblioduck-run-summary",
        markdown=f"# biblioduck run {summary.run_id}: {summary.status}\n\n| | |\n|---|---|\n{table}\n",
        description="Pages seen, loaded, unchanged and rejected; papers and authors added or changed.",
    )
