"""The `ingest` Prefect flow: sources in, warehouse up to date, a run summary out.

    expand sources -> per batch: acquire (read/fetch, skip unchanged) -> store raw
                   -> parse (pure) -> load (one transaction) -> summary

Tasks work on batches of pages, never on single papers, so Prefect's per-task cost stays small
next to the work. Fetches within a batch run concurrently in threads; DuckDB uses both cores
while it loads.
"""

from __future__ import annotations

import functools
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import TerminationSignal
from prefect.states import Failed
from prefect.utilities.annotations import quote

import warehouse
from flows import defaults, progress
from flows.acquire.batch import AcquiredBatch, acquire
from flows.acquire.fetch import Fetcher, FetchPolicy
from flows.acquire.records import RawPage, Reject
from flows.acquire.sources import Source, expand_sources
from flows.acquire.stylesheets import StylesheetCache
from flows.crash_recovery import recover_flow_runs
from flows.dashboard import DashboardFile, build_dashboard, default_dashboard_path
from flows.parse.batch import ParsedBatch, parse_batch
from flows.parse.quarantine import DriftBreaker, QualityGate
from flows.stage_clock import StageClock
from warehouse import LOAD_COUNTS, RUN_COUNTS, LoadStats, PageVersion, RunSummary

T = TypeVar("T")


@dataclass(slots=True)
class Run:
    """What the flow accumulates while it goes; becomes the run summary."""

    db: str
    summary: RunSummary
    clock: StageClock = field(default_factory=StageClock)
    problems: Counter[str] = field(default_factory=Counter)
    stats: LoadStats = field(default_factory=LoadStats)
    drift_stopped: bool = False

    gate: QualityGate = field(default_factory=QualityGate)
    breaker: DriftBreaker = field(default_factory=DriftBreaker)

    def count_rejects(self, rejects: Sequence[Reject]) -> None:
        self.summary.pages_rejected += len(rejects)
        logger = get_run_logger()
        for reject in rejects:
            if reject.quarantined:
                self.summary.pages_quarantined += 1
                self.summary.quarantined.append((reject.source, reject.code, reject.reason))
                logger.error("held back %s: %s", reject.source, reject.reason)
            else:
                logger.warning("rejected %s: %s", reject.source, reject.reason)


@dataclass(frozen=True, slots=True)
class TaskFailure:
    """A warehouse error a task returns instead of raising: Prefect logs a raised error with its
    traceback, and a full disk or a failed data test is an expected end, told in one line."""

    error: warehouse.WarehouseError


def _expected_errors(work: Callable[..., T]) -> Callable[..., T | TaskFailure]:
    @functools.wraps(work)
    def guarded(*args: Any, **kwargs: Any) -> T | TaskFailure:
        try:
            return work(*args, **kwargs)
        except warehouse.WarehouseError as error:
            return TaskFailure(error)

    return guarded


def _checked(result: T | TaskFailure) -> T:
    """A task's result, or its warehouse error raised again, now in the flow (which ends in one line)."""
    if isinstance(result, TaskFailure):
        raise result.error
    return result


@task(name="acquire-pages", cache_policy=NO_CACHE)
@_expected_errors
def acquire_task(
    run: Run,
    sources: list[Source],
    known: dict[str, PageVersion],
    fetcher: Fetcher | None,
    fetch_workers: int,
    stylesheets: StylesheetCache | None,
) -> AcquiredBatch:
    """Read or fetch a batch and drop the unchanged pages, then store the rest raw before parsing."""
    with run.clock.time("acquire"):
        batch = acquire(sources, known, fetcher, fetch_workers=fetch_workers, stylesheets=stylesheets)
    with run.clock.time("store_raw"):
        warehouse.store_raw_pages(run.db, [*batch.changed, *batch.stored_only])
    return batch


@task(name="parse-pages", cache_policy=NO_CACHE)
@_expected_errors
def parse_task(run: Run, pages: list[RawPage]) -> ParsedBatch:
    """Parse, then hold back what the quality gate refuses (measured against the loaded versions)."""
    with run.clock.time("parse"):
        loaded = warehouse.loaded_paper_counts(run.db, [raw.source for raw in pages])
        return parse_batch(pages, run.gate, loaded, on_page=progress.page_done())


@task(name="load-pages", cache_policy=NO_CACHE)
@_expected_errors
def load_task(run: Run, parsed: ParsedBatch, rejected: list[Reject]) -> LoadStats:
    """Load the parsed pages in one transaction, then record this batch's rejects.

    Whether a page changed was decided once, in acquire (or asked for, by --reparse): every page
    handed over here is loaded."""
    with run.clock.time("load"):
        run_id = run.summary.run_id
        stats = LoadStats()
        if parsed.pages:
            stats = warehouse.load_pages(run.db, run_id, parsed.pages, skip_loaded=False)
        if rejected:
            warehouse.record_rejects(run.db, run_id, rejected)
    return stats


@task(name="refresh-marts", cache_policy=NO_CACHE)
def refresh_task(run: Run) -> list[str]:
    """Rebuild the mart tables in one transaction: all of them when the run changed the facts, else the
    run marts (run history, rejects), since the run itself is news."""
    with run.clock.time("refresh"):
        return warehouse.refresh_marts(run.db, run_id=run.summary.run_id, facts_changed=_facts_changed(run.stats))


def _facts_changed(stats: LoadStats) -> bool:
    return stats.pages_loaded > 0 or any(getattr(stats, name) for name in LOAD_COUNTS)


@task(name="build-dashboard", cache_policy=NO_CACHE)
def dashboard_task(run: Run, path: str | None) -> DashboardFile | None:
    """Rewrite the dashboard file from the fresh marts; None when it cannot be written."""
    target = path or default_dashboard_path(run.db)
    with run.clock.time("dashboard"):
        try:
            built = build_dashboard(run.db, target)
        except OSError as error:  # the run's data is loaded and its marts rebuilt: say so, do not fail it
            get_run_logger().error("could not write the dashboard %s: %s", target, error.strerror or error)
            return None
    get_run_logger().info("dashboard: %s (%d bytes)", built.path, built.size_bytes)
    return built


@flow(name="biblioduck-ingest", log_prints=False, validate_parameters=False)
def ingest(
    sources: list[str],
    db: str | None = None,
    rate_limit: float = defaults.RATE_LIMIT,
    reparse: bool = False,
    user_agent: str | None = None,
    max_bytes: int = defaults.MAX_BYTES,
    allowed_hosts: list[str] | None = None,
    respect_robots: bool = True,
    batch_size: int = defaults.BATCH_SIZE,
    fetch_workers: int = defaults.FETCH_WORKERS,
    timeout: float = defaults.READ_TIMEOUT,
    accept_incomplete: bool = False,
    accept_shrink: bool = False,
    shrink_ratio: float = defaults.SHRINK_RATIO,
    shrink_min_drop: int = defaults.SHRINK_MIN_DROP,
    drift_min_pages: int = defaults.DRIFT_MIN_PAGES,
    drift_max_share: float = defaults.DRIFT_MAX_SHARE,
    dashboard: bool = True,
    dashboard_path: str | None = None,
) -> dict:
    """Load listing pages (files, folders, globs, @lists, http(s) URLs) into the warehouse.

    With `reparse`, the sources are ignored and every stored raw page is parsed again with the
    current parser, without fetching. Without `db`, the warehouse is $BIBLIODUCK_DB, else
    var/biblioduck.duckdb. Pages that parse incompletely, or whose new version lists far
    fewer papers than the loaded one, are held back (see flows.parse.quarantine). At the end the mart
    tables are rebuilt and, with `dashboard`, the dashboard file (default: flows.dashboard.default_dashboard_path).
    Returns the run summary.
    """
    logger = get_run_logger()
    db = str(warehouse.resolve_db_path(db))  # a deployment run without `db` honours $BIBLIODUCK_DB
    run = Run(
        db=db,
        summary=RunSummary(run_id=_run_id(), status="failed"),
        gate=QualityGate(accept_incomplete, accept_shrink, shrink_ratio, shrink_min_drop),
        breaker=DriftBreaker(drift_min_pages, drift_max_share),
    )
    crashed = warehouse.start_run(db, run.summary.run_id, datetime.now(UTC))
    progress.started(run.summary.run_id)
    for run_id in crashed:
        logger.warning("run %s had died without finishing: marked crashed, with the counts it committed", run_id)
    try:
        recover_flow_runs(db)
    except Exception as error:  # closing old records must never stop a new run
        logger.warning("could not mark the flow runs of crashed ingests Crashed: %s", error)
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
    except warehouse.WarehouseError as error:
        # Expected failures end the run with a one-line message, not a traceback in the run's log: the
        # batch in flight rolled back, every committed batch stays, and the row says how the run ended.
        _close_books(run)
        run.summary.status = "failed"
        if isinstance(error, warehouse.DataTestFailed):
            run.summary.status = "test_failed"
            run.summary.failed_test, run.summary.failed_test_rows = error.test, error.sample
        _finish_quietly(run)
        logger.error("run %s %s: %s", run.summary.run_id, run.summary.status, error)
        return Failed(message=str(error), data=error)
    except (KeyboardInterrupt, TerminationSignal):  # Ctrl-C or SIGTERM: the batch in flight rolled back
        _close_books(run)
        run.summary.status = "interrupted"
        _finish_quietly(run)
        raise
    except BaseException as error:
        _close_books(run)
        if _from_interrupt(error):
            # An interrupt that landed inside Prefect's own bookkeeping (creating a task run) comes out as
            # another error, e.g. "Task run is not set" from its crash handler: still an interrupt.
            run.summary.status = "interrupted"
            _finish_quietly(run)
            raise KeyboardInterrupt from error
        run.summary.status = "failed"
        _finish_quietly(run)
        raise
    run.summary.ended_at = datetime.now(UTC)
    try:
        warehouse.finish_run(db, run.summary)
        refresh_task(quote(run))
    except warehouse.WarehouseError as error:  # the pages are committed; the run's row or marts could not be
        logger.error("run %s: %s", run.summary.run_id, error)
        return Failed(message=str(error), data=error)
    built = dashboard_task(quote(run), dashboard_path) if dashboard else None
    summary = run.summary
    logger.info(
        "run %s %s: %d seen, %d loaded, %d unchanged, %d rejected; busy seconds %s",
        summary.run_id, summary.status, summary.pages_seen, summary.pages_loaded, summary.pages_unchanged,
        summary.pages_rejected, run.clock.seconds(),
    )
    _publish_artifact(summary)
    if built is not None:
        _publish_dashboard_link(built)
    return {
        **_summary_dict(summary),
        "stage_seconds": run.clock.seconds(),
        "dashboard": str(built.path.resolve()) if built is not None else None,
    }


def _from_interrupt(error: BaseException) -> bool:
    """Whether an interrupt is among the errors that led to this one."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, (KeyboardInterrupt, TerminationSignal)):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def _finish_quietly(run: Run) -> None:
    """Write the row of a failing run if the warehouse still takes writes; the first error is the one to report.

    On a full disk this write fails too: the row then stays 'running' and the next run marks it crashed
    with the counts its batches committed."""
    run.summary.ended_at = datetime.now(UTC)
    with suppress(warehouse.WarehouseError):
        warehouse.finish_run(run.db, run.summary)


def _ingest_sources(
    run: Run, sources: list[str], batch_size: int, fetch_workers: int, policy: FetchPolicy
) -> None:
    logger = get_run_logger()
    summary = run.summary
    expanded = expand_sources(sources)
    invalid = [Reject(source=entry, reason=reason, code="invalid_source") for entry, reason in expanded.invalid]
    if invalid:
        warehouse.record_rejects(run.db, summary.run_id, invalid)
        run.count_rejects(invalid)
    if skipped := expanded.skipped_summary():
        logger.info(skipped)
    summary.pages_seen = len(expanded.sources) + len(invalid)
    logger.info("run %s: %d sources (%d invalid)", summary.run_id, summary.pages_seen, len(invalid))
    progress.advance(len(invalid), summary.pages_seen)

    fetcher = Fetcher(policy, pool_maxsize=fetch_workers) if any(s.kind == "url" for s in expanded.sources) else None
    # One read for the whole run: what each source looked like when last loaded (hash, validators).
    known = warehouse.latest_versions(run.db, [source.location for source in expanded.sources])
    stylesheets = None
    if fetcher is not None:
        stylesheets = StylesheetCache(fetcher, lambda url: warehouse.latest_stylesheet(run.db, url))

    def acquire_batch(sources_batch: list[Source]) -> AcquiredBatch:
        acquired = _checked(
            acquire_task(quote(run), quote(sources_batch), quote(known), fetcher, fetch_workers, stylesheets)
        )
        summary.pages_fetched += acquired.fetched
        summary.pages_unchanged += len(acquired.unchanged)
        run.count_rejects(acquired.rejected)
        progress.advance(len(acquired.unchanged) + len(acquired.rejected))
        return acquired

    # Large task inputs, and the run itself, are quoted: Prefect would otherwise walk every page,
    # paper and author looking for futures, which cost more than the parse (and widened the window
    # in which an interrupt lands inside Prefect's bookkeeping). One batch at a time: overlapping parse
    # with load measured slower on two cores (in a thread the parse fights the load for the GIL;
    # in a worker process it competes with DuckDB's threads and the Prefect server for the CPU).
    try:
        remaining = list(expanded.sources)
        # The first batch is no larger than the drift breaker's sample, so a drifted site trips it
        # before a whole batch of pages has been fetched.
        size = min(batch_size, max(1, run.breaker.min_pages))
        while remaining:
            if run.breaker.tripped:
                _stop_for_drift(run, remaining)
                break
            sources_batch, remaining = remaining[:size], remaining[size:]
            acquired = acquire_batch(sources_batch)
            parsed = _checked(parse_task(quote(run), quote(acquired.changed)))
            _account_parsed(run, parsed)
            logger.info(
                "batch: %d changed, %d unchanged, %d rejected",
                len(acquired.changed), len(acquired.unchanged), len(acquired.rejected) + len(parsed.rejected),
            )
            run.stats += _checked(load_task(quote(run), quote(parsed), quote([*acquired.rejected, *parsed.rejected])))
            progress.counts(run.stats.pages_loaded, summary.pages_unchanged, summary.pages_rejected)
            size = batch_size
    finally:
        if fetcher is not None:
            fetcher.close()


def _stop_for_drift(run: Run, remaining: list[Source]) -> None:
    """Record every source the run will not read, so nothing asked for goes unaccounted."""
    reason = run.breaker.reason()
    get_run_logger().error("run %s stopped: %s (%d sources left)", run.summary.run_id, reason, len(remaining))
    skipped = [Reject(source=source.location, reason=reason, code="not_fetched") for source in remaining]
    warehouse.record_rejects(run.db, run.summary.run_id, skipped)
    run.summary.pages_rejected += len(skipped)
    run.drift_stopped = True
    progress.advance(len(skipped))


def _account_parsed(run: Run, parsed: ParsedBatch) -> None:
    run.problems.update(parsed.problems)
    run.count_rejects(parsed.rejected)
    run.breaker.record(parsed.parsed, parsed.incomplete)


def _reparse_stored(run: Run, batch_size: int) -> None:
    """Re-parse the latest stored version of every source with the current parser; fetch nothing.

    A page held back before is loaded now if the current parser reads it completely."""
    progress.advance(0, warehouse.raw_page_count(run.db))
    raw_pages = warehouse.iter_raw_pages(run.db, chunk_size=batch_size)
    while chunk := list(islice(raw_pages, batch_size)):
        parsed = _checked(parse_task(quote(run), quote(chunk)))
        _account_parsed(run, parsed)
        run.summary.pages_seen += len(chunk)
        run.stats += _checked(load_task(quote(run), quote(parsed), quote(parsed.rejected)))
        progress.counts(run.stats.pages_loaded, run.summary.pages_unchanged, run.summary.pages_rejected)


def _close_books(run: Run) -> None:
    summary, stats = run.summary, run.stats
    summary.pages_loaded = stats.pages_loaded
    for name in LOAD_COUNTS:
        setattr(summary, name, getattr(stats, name))
    summary.problems_by_kind = dict(sorted(run.problems.items()))
    if run.drift_stopped:
        summary.status = "drift_stopped"
    else:
        summary.status = "partial" if summary.pages_rejected else "succeeded"


def _run_id() -> str:
    from prefect.runtime import flow_run

    return str(flow_run.id or uuid.uuid4())


def _summary_dict(summary: RunSummary) -> dict:
    data = asdict(summary)
    data["ended_at"] = summary.ended_at.isoformat()
    data["quarantined"] = [
        {"source": source, "reason_code": code, "reason": reason} for source, code, reason in summary.quarantined
    ]
    return data


def _publish_artifact(summary: RunSummary) -> None:
    rows = [
        *((name.replace("_", " "), getattr(summary, name)) for name in RUN_COUNTS),
        *((f"problems: {kind}", count) for kind, count in summary.problems_by_kind.items()),
        *((f"held back ({code}): {source}", reason) for source, code, reason in summary.quarantined),
    ]
    table = "\n".join(f"| {label} | {value} |" for label, value in rows)
    create_markdown_artifact(
        key="biblioduck-run-summary",
        markdown=f"# biblioduck run {summary.run_id}: {summary.status}\n\n| | |\n|---|---|\n{table}\n",
        description="Pages seen, loaded, unchanged and rejected; papers and authors added or changed.",
    )


def _publish_dashboard_link(built: DashboardFile) -> None:
    create_link_artifact(
        key="biblioduck-dashboard",
        link=built.path.resolve().as_uri(),
        link_text=f"dashboard ({built.size_bytes / 1e6:.2f} MB)",
        description="The dashboard this run rebuilt: one HTML file over the marts, to open offline.",
    )
