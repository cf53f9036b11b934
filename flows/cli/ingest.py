"""`biblioduck ingest`: the main job, as a Prefect flow run."""

from __future__ import annotations

import json
import shlex
import signal
import sys
import time
from typing import Annotated, Any

import typer

from flows import defaults, prefect_setup, progress
from flows.cli.options import (
    EXIT_DATA_TEST,
    EXIT_DRIFT,
    EXIT_INTERRUPTED,
    EXIT_PREFECT,
    EXIT_REJECTED,
    EXIT_USAGE,
    EXIT_WAREHOUSE,
    DbOption,
    fail,
)
from flows.local_server import LocalServerError


def ingest_command(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, globs, http(s) URLs, or @list.txt files with one source per line.",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    rate_limit: Annotated[
        float, typer.Option("--rate-limit", min=0, help="Requests per second per host; 0 turns the limit off.")
    ] = defaults.RATE_LIMIT,
    reparse: Annotated[
        bool,
        typer.Option("--reparse", help="Re-parse every stored raw page with the current parser; fetch nothing."),
    ] = False,
    user_agent: Annotated[
        str | None,
        typer.Option("--user-agent", help="User agent for fetches and robots.txt.", show_default=defaults.USER_AGENT),
    ] = None,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", min=1, help="Largest response accepted, in bytes.")
    ] = defaults.MAX_BYTES,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host", help="Only fetch from these hosts (repeat the option for several).", show_default="any host"
        ),
    ] = None,
    ignore_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Do not consult robots.txt (only for sites you own).")
    ] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Pages per parse/load batch (one transaction each).")
    ] = defaults.BATCH_SIZE,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for a response before retrying.")
    ] = defaults.READ_TIMEOUT,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the run summary as one JSON object instead of a table.")
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Show Prefect's INFO log lines too (they always reach the run's logs)."),
    ] = False,
    fail_on_reject: Annotated[
        bool,
        typer.Option(
            "--fail-on-reject/--no-fail-on-reject",
            help="Exit with code 1 when any page was rejected, so a scheduler notices. Pages held back "
            "(incomplete or shrunk) exit 1 either way.",
        ),
    ] = True,
    accept_incomplete: Annotated[
        bool,
        typer.Option(
            "--accept-incomplete",
            help="Load the complete papers of pages that parsed incompletely (their problems go to "
            "page_problems) instead of holding the pages back.",
        ),
    ] = False,
    accept_shrink: Annotated[
        bool,
        typer.Option(
            "--accept-shrink",
            help="Load new page versions that list far fewer papers than the loaded ones (or any fewer, when "
            "they show fewer than they declare), instead of holding them back.",
        ),
    ] = False,
    shrink_ratio: Annotated[
        float,
        typer.Option(
            "--shrink-ratio", min=0, max=1,
            help="A new version has shrunk when it lists fewer than this share of the loaded papers...",
        ),
    ] = defaults.SHRINK_RATIO,
    shrink_min_drop: Annotated[
        int, typer.Option("--shrink-min-drop", min=1, help="...and at least this many papers fewer.")
    ] = defaults.SHRINK_MIN_DROP,
    drift_min_pages: Annotated[
        int,
        typer.Option(
            "--drift-min-pages", min=1,
            help="The drift breaker judges the run once this many pages were parsed...",
        ),
    ] = defaults.DRIFT_MIN_PAGES,
    drift_max_share: Annotated[
        float,
        typer.Option(
            "--drift-max-share", min=0, max=1,
            help="...and stops reading further sources when more than this share of them were incomplete.",
        ),
    ] = defaults.DRIFT_MAX_SHARE,
    dashboard: Annotated[
        bool,
        typer.Option(
            "--dashboard/--no-dashboard",
            help="Rebuild the dashboard HTML file at the end of the run and print its path.",
        ),
    ] = True,
    dashboard_out: Annotated[
        str | None,
        typer.Option(
            "--dashboard-out",
            metavar="PATH",
            help="Where to write the dashboard.",
            show_default="dashboard.html beside the warehouse file, var/dashboard.html for the default one",
        ),
    ] = None,
) -> None:
    """Load listing pages into the warehouse and print a run summary.

    Unchanged pages (same content hash, or HTTP 304) are skipped. Every page ends up loaded,
    unchanged, or rejected with a reason (see the rejects table). Runs as a Prefect flow: with
    PREFECT_API_URL unset it uses a local Prefect server already running on 127.0.0.1:4200
    (`biblioduck serve`, `prefect server start`), or else starts a temporary one for the run
    (state in PREFECT_HOME), so nothing needs configuring.

    A page that parses incompletely, or whose new version lists far fewer papers than the loaded
    one, is held back: stored raw, recorded in rejects (reason_code incomplete_parse or shrunk), and
    its loaded contribution kept. `ingest --reparse` loads held-back pages that now parse completely.

    Exit codes: 0 all pages loaded or unchanged; 1 some page rejected (unless --no-fail-on-reject)
    or held back; 2 bad usage; 3 the warehouse could not be opened (locked, not a DuckDB file, too
    new, its disk full); 4 no Prefect API (the temporary local server did not start); 5 the drift breaker
    stopped the run (too many incomplete pages; the sources it did not read are recorded as not_fetched);
    6 a data test (sql/tests/) failed: that batch was rolled back, and ingest_runs names the test.
    """
    if not sources and not reparse:
        raise typer.BadParameter("name at least one source, or use --reparse", param_hint="SOURCES")
    import warehouse

    db_path = str(warehouse.resolve_db_path(db))
    _check_before_prefect(db_path, list(sources or []), reparse)
    prefect_setup.apply_defaults()
    signal.signal(signal.SIGTERM, _interrupt)  # a scheduler's stop ends the run as Ctrl-C does
    reporter = _BarReporter()
    summary: dict | None = None
    try:
        # The temporary Prefect server (if one is needed) boots while everything below imports.
        with prefect_setup.prefect_api() as api:
            try:
                warehouse.preflight(db_path)  # the schema version needs DuckDB: checked while Prefect boots
                summary = _run_flow(
                    api,
                    verbose,
                    reporter,
                    sources=list(sources or []),
                    db=db_path,
                    rate_limit=rate_limit,
                    reparse=reparse,
                    user_agent=user_agent,
                    max_bytes=max_bytes,
                    allowed_hosts=list(allow_host) if allow_host else None,
                    respect_robots=not ignore_robots,
                    batch_size=batch_size,
                    timeout=timeout,
                    accept_incomplete=accept_incomplete,
                    accept_shrink=accept_shrink,
                    shrink_ratio=shrink_ratio,
                    shrink_min_drop=shrink_min_drop,
                    drift_min_pages=drift_min_pages,
                    drift_max_share=drift_max_share,
                    dashboard=dashboard,
                    dashboard_path=dashboard_out,
                )
            except warehouse.DataTestFailed as error:
                typer.echo(f"error: {error}", err=True)
                raise typer.Exit(EXIT_DATA_TEST) from None
            except warehouse.WarehouseError as error:
                typer.echo(f"error: {error}", err=True)
                raise typer.Exit(EXIT_WAREHOUSE) from None
    except LocalServerError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_PREFECT) from None
    except KeyboardInterrupt:
        if summary is None:
            typer.echo(_interrupted_line(db_path, reporter.run_id), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        # The run had ended (its summary is in ingest_runs) and only the shutdown was cut short: saying it
        # was interrupted would send the user to re-run for nothing.
        typer.echo(f"note: interrupted after the run had ended ({summary['status']}); nothing was lost", err=True)
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        _print_summary(summary, db_path)
    if summary["status"] == "drift_stopped":
        raise typer.Exit(EXIT_DRIFT)
    if summary["pages_quarantined"] or (fail_on_reject and summary["pages_rejected"]):
        raise typer.Exit(EXIT_REJECTED)


def _check_before_prefect(db_path: str, sources: list[str], reparse: bool) -> None:
    """What can be checked in milliseconds is checked before a Prefect server starts: a typo must not
    cost its start-up. A bad source among good ones is left to the run, which records it as rejected."""
    import warehouse
    from flows.acquire.sources import expand_sources

    try:
        warehouse.check_writable(db_path)
    except warehouse.WarehouseError as error:
        raise fail(str(error), EXIT_WAREHOUSE) from None
    if reparse:
        return
    expanded = expand_sources(sources)
    if skipped := expanded.skipped_summary():
        typer.echo(f"note: {skipped}", err=True)
    if not expanded.sources:
        for entry, reason in expanded.invalid:
            typer.echo(f"error: {entry}: {reason}", err=True)
        raise fail("no usable source: nothing to ingest", EXIT_USAGE)


def _run_flow(api: prefect_setup.PrefectApi, verbose: bool, reporter: _BarReporter, **parameters: object) -> dict:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from flows.ingest import ingest  # imports Prefect while the server boots

    if api.server is not None:
        api.server.wait_until_healthy()

    show = sys.stderr.isatty()
    with Progress(
        TextColumn("ingest"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("loaded {task.fields[loaded]}, unchanged {task.fields[unchanged]}, "
                   "rejected {task.fields[rejected]}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),  # the summary (and --json) owns stdout
        disable=not show, transient=True,
    ) as bar:
        task_id = bar.add_task("pages", total=None, rate="", loaded=0, unchanged=0, rejected=0)
        reporter.draw_on(bar, task_id)
        progress.install(reporter)
        try:
            # Prefect's log lines print above the bar, through the bar's console, instead of over it.
            with prefect_setup.run_settings(api.temporary), prefect_setup.console_logging(bar.console, verbose):
                state = ingest(**parameters, return_state=True)
        finally:
            progress.install(None)
    if state.is_failed():
        error = _root_exception(state)
        if error is not None:
            raise error
        raise RuntimeError(f"the ingest flow run failed: {state.message}")
    return state.result()


_RATE_EVERY_SECONDS = 0.25


class _BarReporter:
    """Draws what the flow reports (flows.progress) on the terminal's bar, and keeps the counts of
    committed pages for the line an interrupted run prints."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._task_id: Any = None
        self.run_id: str | None = None
        self._rate_shown_at: float | None = None

    def draw_on(self, bar: Any, task_id: Any) -> None:
        self._bar, self._task_id = bar, task_id

    def started(self, run_id: str) -> None:
        self.run_id = run_id

    def advance(self, pages: int, total: int | None) -> None:
        if total is not None:
            self._bar.update(self._task_id, total=total)
        self._bar.advance(self._task_id, pages)
        # Once shown, the rate is worked out a few times a second, not per page: the bar redraws no
        # faster, and finding the task and its speed per page cost ~0.09 s per 1,000 pages of the parse.
        now = time.monotonic()
        if self._rate_shown_at is not None and now - self._rate_shown_at < _RATE_EVERY_SECONDS:
            return
        task = next(task for task in self._bar.tasks if task.id == self._task_id)
        if task.speed:
            self._bar.update(self._task_id, rate=f"{task.speed:.0f} pages/s")
            self._rate_shown_at = now

    def counts(self, loaded: int, unchanged: int, rejected: int) -> None:
        self._bar.update(self._task_id, loaded=loaded, unchanged=unchanged, rejected=rejected)


def _interrupted_line(db_path: str, run_id: str | None) -> str:
    """What an interrupt kept, as the warehouse's own record of the run says (the batches' commits)."""
    import warehouse

    unknown = "interrupted; the current batch rolled back (see ingest_runs for what was committed)"
    if run_id is None:  # the interrupt came before the run was recorded, or its id was not reported yet
        return unknown
    try:
        committed = warehouse.committed_pages(db_path, run_id) or 0
    except warehouse.WarehouseError:
        return unknown
    return f"interrupted; {committed} pages committed, the current batch rolled back (run the ingest again to go on)"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _root_exception(state) -> BaseException | None:
    try:
        state.result()
    except BaseException as error:  # the flow's own exception, re-raised by Prefect
        return error
    return None


def _print_summary(summary: dict, db_path: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from warehouse.records import RUN_COUNTS

    table = Table(title=f"ingest {summary['status']}", title_justify="left")
    table.add_column("")
    table.add_column("count", justify="right")
    for label in RUN_COUNTS:
        table.add_row(label.replace("_", " "), str(summary[label]))
    for kind, count in summary["problems_by_kind"].items():
        table.add_row(f"problems: {kind}", str(count))
    busy = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in summary["stage_seconds"].items())
    console = Console()
    console.print(table)
    console.print(f"run {summary['run_id']}; busy time: {busy or 'none'}")
    console.print(f"warehouse: {db_path}")
    if summary.get("dashboard"):
        console.file.flush()
        typer.echo(f"dashboard: {summary['dashboard']}")  # one line, never wrapped: scripts read it
    for held in summary["quarantined"]:
        console.print(f"[red]held back[/red] {held['source']}: {held['reason']}")
    if summary["status"] == "drift_stopped":
        console.print("[red]stopped by the drift breaker[/red]: too many pages parsed incompletely")
    if summary["pages_rejected"]:
        query = shlex.quote(f"SELECT source, reason_code, reason FROM rejects WHERE run_id = '{summary['run_id']}'")
        console.print(f"rejected pages and reasons: biblioduck sql {query} --db {shlex.quote(db_path)}")
