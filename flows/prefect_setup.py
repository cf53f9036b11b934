"""How `biblioduck ingest` gets a Prefect API, and the settings it runs with.

With PREFECT_API_URL set, the run reports to that server. With nothing configured, Prefect would
start its own temporary server when the flow first calls the API: after this process has spent
seconds importing Prefect, and after importing the whole server in-process only to launch it.
Instead we launch `prefect server start --no-services` first thing and import while it boots,
which is the same temporary server, sooner; and when a local server already runs on the default
port we use it and skip the start-up altogether (see benchmarks/bench_prefect_startup.py).
BIBLIODUCK_PREFECT_SERVER=ephemeral keeps Prefect's own ephemeral mode.

Everything here runs before Prefect is imported: Prefect reads its settings once, at import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

from flows.local_server import DEFAULT_SERVER_PORT, LocalPrefectServer, api_healthy, api_url, ui_url

SERVER_MODE_VARIABLE = "BIBLIODUCK_PREFECT_SERVER"
# "off" runs with Prefect's own defaults, so benchmarks can measure what the tuning saves.
TUNING_VARIABLE = "BIBLIODUCK_PREFECT_TUNING"
INGEST_SERVER_LOG = "biblioduck-ingest-server.log"
EMBEDDED_DEFAULTS = {
    # A cold start (first run, migrations) on a small machine can pass Prefect's 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # Nothing to phone home to, and an ingest registers no blocks.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",  # the SDK's own telemetry, and its first-run notice on the terminal
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
}


def tuned() -> bool:
    return os.environ.get(TUNING_VARIABLE, "on") != "off"


def apply_defaults() -> None:
    if not tuned():
        return
    for name, value in EMBEDDED_DEFAULTS.items():
        os.environ.setdefault(name, value)


def prefect_home() -> Path:
    return Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()


@dataclass(frozen=True, slots=True)
class PrefectApi:
    description: str
    # Our own temporary server, already starting; wait for it before the flow needs the API.
    server: LocalPrefectServer | None = None
    # No server outlives this process (ours, or Prefect's ephemeral one): heartbeats are moot.
    temporary: bool = False


@contextmanager
def prefect_api() -> Iterator[PrefectApi]:
    """Decide which Prefect API the flow reports to, starting a temporary server if needed.

    In order: PREFECT_API_URL; a local server already running on the default port (started by
    `biblioduck serve` or `prefect server start`), which saves the start-up; else a temporary
    `prefect server start --no-services` for this run, stopped on exit. Call before importing
    Prefect.
    """
    if os.environ.get("PREFECT_API_URL"):
        yield PrefectApi(f"PREFECT_API_URL ({os.environ['PREFECT_API_URL']})")
        return
    if os.environ.get(SERVER_MODE_VARIABLE) == "ephemeral":
        with _no_ui_links():
            yield PrefectApi("Prefect's ephemeral server", temporary=True)
        return
    running = api_url(DEFAULT_SERVER_PORT)
    if api_healthy(running):
        os.environ["PREFECT_API_URL"] = running
        try:
            yield PrefectApi(f"the local Prefect server at {ui_url(running)}")
        finally:
            _drain_prefect_queues()
            os.environ.pop("PREFECT_API_URL", None)
        return
    server = LocalPrefectServer(prefect_home(), services=False, ui=False, log_name=INGEST_SERVER_LOG)
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with _no_ui_links():
            yield PrefectApi("a temporary local Prefect server", server=server, temporary=True)
    finally:
        _drain_prefect_queues()
        os.environ.pop("PREFECT_API_URL", None)
        server.stop()


@contextmanager
def _no_ui_links() -> Iterator[None]:
    """A server without a UI: Prefect must not print "View at http://…" links that answer 404 and are
    gone after the run. An empty UI URL is what makes Prefect leave them out."""
    previous = os.environ.get("PREFECT_UI_URL")
    os.environ["PREFECT_UI_URL"] = ""
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_UI_URL", None)
        else:
            os.environ["PREFECT_UI_URL"] = previous


def _drain_prefect_queues() -> None:
    """Send Prefect's queued logs and events while the server still answers.

    Prefect drains these queues at interpreter exit; by then the temporary server is gone, and
    its workers would retry against a closed port for a minute or more.
    """
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all(timeout=10)
    EventsWorker.drain_all(timeout=10)


def run_settings(temporary_server: bool) -> AbstractContextManager[object]:
    """Settings for the flow call itself.

    Heartbeats let a server notice a crashed run; a temporary server dies with this process, so
    they only cost the ~1 s the engine waits for the heartbeat thread at the end of a run.
    """
    if not temporary_server or not tuned():
        return nullcontext()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})


@contextmanager
def console_logging(console: object, verbose: bool) -> Iterator[None]:
    """While the flow runs, Prefect's terminal log lines go through `console` (a rich Console: a live
    progress bar then keeps them above itself), and below WARNING only with `verbose`. The run's logs in
    Prefect's API get every line either way: only the terminal handler changes."""
    import logging

    from prefect.logging.handlers import PrefectConsoleHandler

    handlers = [
        handler
        for logger in (logging.getLogger(name) for name in ("prefect", *logging.root.manager.loggerDict))
        if isinstance(logger, logging.Logger)
        for handler in logger.handlers
        if isinstance(handler, PrefectConsoleHandler)
    ]
    saved = [(handler, handler.console, handler.level) for handler in handlers]
    for handler in handlers:
        handler.console = console
        handler.addFilter(_interrupt_reports)
        handler.addFilter(_reported_errors)
        if not verbose:
            handler.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for handler, previous_console, level in saved:
            handler.console = previous_console
            handler.setLevel(level)
            handler.removeFilter(_interrupt_reports)
            handler.removeFilter(_reported_errors)


def _reported_errors(record: object) -> bool:
    """A warehouse error (a --db that cannot be created, a locked file, a full disk, a failed data test)
    ends the flow with its exception, which Prefect logs with a traceback; the command says it in one line
    and exits with its code, so the terminal leaves the traceback out (the run's logs keep it)."""
    exc_info = getattr(record, "exc_info", None)
    if not exc_info or exc_info[1] is None:
        return True
    from warehouse.errors import WarehouseError

    return not isinstance(exc_info[1], WarehouseError)


def _interrupt_reports(record: object) -> bool:
    """Prefect reports a Ctrl-C or SIGTERM as a crash of every run in flight; the command says in one
    line what an interrupt did, so the terminal leaves these out (the run's logs keep them)."""
    message = str(getattr(record, "msg", ""))
    return not (
        message.startswith("Crash detected! Execution was") or "Finished in state Crashed(" in message
    )
