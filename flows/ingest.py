"""The `ingest` Prefect flow: sources in, warehouse up to date, a run summary out.

    expand sources -> per batch: acquire (read/fetch, skip unchanged) -> store raw
                   -> parse (pure) -> load (one transaction) -> summary

Tasks work on batches of pages, never on single papers, so Prefect's per-task cost stays small
next to the work. Fetches within a batch run concurrently in threads; DuckDB uses both cores
while it loads.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

import warehouse
from flows import progress
from flows.acquire import AcquiredBatch, acquire
from flows.batch_parse import ParsedBatch, parse_batch
from flows.fetch import Fetcher, FetchPolicy
from flows.sources import Source, expand_sources
from flows.stage_clock import StageClock
from warehouse import LoadStats, PageVersion, RawPage, Reject, RunSummary

DEFAULT_BATCH_SIZE = 500


@dataclass(slots=True)
class Run:
    """What the flow accumulates while it goes; becomes the run summary."""

    db: str
    summary: RunSummary
    clock: StageClock = field(default_factory=StageClock)
    problems: Counter[str] = field(default_factory=Counter)
    stats: LoadStats = field(default_factory=LoadStats)

    def count_rejects(self, rejects: Sequence[Reject]) -> None:
        self.summary.pages_rejected += len(rejects)
        logger = get_run_logger()
        for reject in rejects:
            logger.warning("rejected %s: %s", reject.source, reject.reason)


@task(name="acquire-pages", cache_policy=NO_CACHE)
def acquire_task(
    run: Run, sources: list[Source], known: dict[str, PageVersion], fetcher: Fetcher | None, fetch_workers: int
) -> AcquiredBatch:
    """Read or fetch a batch and drop the unchanged pages, then store the rest raw before parsing."""
    with run.clock.time("acquire"):
        batch = acquire(sources, known, fetcher, fetch_workers=fetch_workers)
    with run.clock.time("store_raw"):
        warehouse.store_raw_pages(run.db, [*batch.changed, *batch.stored_only])
    return batch


@task(name="parse-pages", cache_policy=NO_CACHE)
def parse_task(run: Run, pages: list[RawPage]) -> ParsedBatch:
    with run.clock.time("parse"):
        return parse_batch(pages)


@task(name="load-pages", cache_policy=NO_CACHE)
def load_task(run: Run, parsed: ParsedBatch, reparse: bool) -> LoadStats:
    with run.clock.time("load"):
        run_id = run.summary.run_id
        stats = warehouse.load_pages(run.db, run_id, parsed.pages, reparse=reparse) if parsed.pages else LoadStats()
        rejected = [*parsed.upstream_rejected, *parsed.rejected]
        if rejected:
            warehouse.record_rejects(run.db, run_id, rejected)
    return stats


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

    With `reparse`, the sources are ignored and every stored raw page is parsed again with the
    current parser, without fetching. Returns the run summary as a dict.
    """
    logger = get_run_logger()
    run = Run(db=db, summary=RunSummary(run_id=_run_id(), status="failed"))
    warehouse.start_run(db, run.summary.run_id, datetime.now(UTC))
    try:
        if reparse:
            _reparse_stored(run, batch_size)
        else:
            policy = FetchPolicy(
                rate_limit=rate_limit,
                max_bytes=max_bytes,
                allowed_hosts=frozenset(allowed_hosts) if allowed_hosts else None,
                respect_robots=respect_robots,
                read_timeout=timeout,
                **({"user_agent": user_agent} if user_agent else {}),
            )
            _ingest_sources(run, sources, batch_size, fetch_workers, policy)
        _close_books(run)
    finally:
        run.summary.ended_at = datetime.now(UTC)
        warehouse.finish_run(db, run.summary)
    summary = run.summary
    logger.info(
        "run %s %s: %d seen, %d loaded, %d unchanged, %d rejected; busy seconds %s",
        summary.run_id, summary.status, summary.pages_seen, summary.pages_loaded, summary.pages_unchanged,
        summary.pages_rejected, run.clock.seconds(),
    )
    _publish_artifact(summary)
    return {**_summary_dict(summary), "stage_seconds": run.clock.seconds()}


def _ingest_sources(
    run: Run, sources: list[str], batch_size: int, fetch_workers: int, policy: FetchPolicy
) -> None:
    logger = get_run_logger()
    summary = run.summary
    expanded = expand_sources(sources)
    invalid = [Reject(source=entry, reason=reason) for entry, reason in expanded.invalid]
    if invalid:
        warehouse.record_rejects(run.db, summary.run_id, invalid)
        run.count_rejects(invalid)
    summary.pages_seen = len(expanded.sources) + len(invalid)
    logger.info("run %s: %d sources (%d invalid)", summary.run_id, summary.pages_seen, len(invalid))
    progress.advance(len(invalid), summary.pages_seen)

    fetcher = Fetcher(policy, pool_maxsize=fetch_workers) if any(s.kind == "url" for s in expanded.sources) else None
    # One read for the whole run: what each source looked like when last loaded (hash, validators).
    known = warehouse.latest_versions(run.db, [source.location for source in expanded.sources])

    def acquire_batch(sources_batch: list[Source]) -> AcquiredBatch:
        acquired = acquire_task(run, quote(sources_batch), quote(known), fetcher, fetch_workers)
        summary.pages_fetched += acquired.fetched
        summary.pages_unchanged += len(acquired.unchanged)
        run.count_rejects(acquired.rejected)
        progress.advance(len(acquired.unchanged) + len(acquired.rejected))
        return acquired

    # Large task inputs are quoted: Prefect would otherwise walk every page, paper and author
    # looking for futures, which cost more than the parse. One batch at a time: overlapping parse
    # with load measured slower on two cores (in a thread the parse fights the load for the GIL;
    # in a worker process it competes with DuckDB's threads and the Prefect server for the CPU).
    try:
        for sources_batch in _batches(expanded.sources, batch_size):
            acquired = acquire_batch(sources_batch)
            parsed = parse_task(run, quote(acquired.changed))
            _account_parsed(run, parsed, acquired.rejected)
            logger.info(
                "batch: %d changed, %d unchanged, %d rejected",
                len(acquired.changed), len(acquired.unchanged), len(acquired.rejected) + len(parsed.rejected),
            )
            run.stats += load_task(run, quote(parsed), False)
            progress.advance(len(parsed.pages) + len(parsed.rejected))
    finally:
        if fetcher is not None:
            fetcher.close()


def _account_parsed(run: Run, parsed: ParsedBatch, upstream_rejected: list[Reject]) -> None:
    run.problems.update(parsed.problems)
    run.count_rejects(parsed.rejected)
    parsed.upstream_rejected = upstream_rejected  # recorded with the batch's load


def _reparse_stored(run: Run, batch_size: int) -> None:
    """Re-parse the latest stored version of every source with the current parser; fetch nothing."""
    raw_pages = warehouse.iter_raw_pages(run.db, chunk_size=batch_size)
    while chunk := list(islice(raw_pages, batch_size)):
        parsed = parse_task(run, quote(chunk))
        _account_parsed(run, parsed, [])
        run.summary.pages_seen += len(chunk)
        run.stats += load_task(run, quote(parsed), True)
        progress.advance(len(chunk))


def _close_books(run: Run) -> None:
    summary, stats = run.summary, run.stats
    summary.pages_loaded = stats.pages_loaded
    summary.pages_unchanged += stats.pages_unchanged
    summary.papers_added, summary.papers_changed = stats.papers_added, stats.papers_changed
    summary.authors_added, summary.authors_changed = stats.authors_added, stats.authors_changed
    summary.problems_by_kind = dict(sorted(run.problems.items()))
    summary.status = "partial" if summary.pages_rejected else "succeeded"


def _batches(items: Sequence[Source], size: int) -> Iterator[list[Source]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


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
