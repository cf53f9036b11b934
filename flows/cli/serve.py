"""`biblioduck serve`: run the ingest on a cron schedule, as a served Prefect deployment."""

from __future__ import annotations

import os
import shlex
import signal
import sys
from pathlib import Path
from typing import Annotated

import typer

from flows import defaults, local_server
from flows import serve as serving
from flows.cli.options import EXIT_REJECTED, EXIT_WAREHOUSE, DbOption, fail


def serve_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, globs, http(s) URLs, or @list.txt files, as for `ingest`. Relative paths are "
            "made absolute now; folders, globs and lists are expanded again at every run.",
            show_default=False,
        ),
    ],
    cron: Annotated[
        str,
        typer.Option(
            "--cron", help='When to run, as a cron expression, e.g. "0 6 * * *" for 06:00 every day.',
            show_default=False,
        ),
    ],
    timezone: Annotated[
        str, typer.Option("--timezone", help="IANA time zone the cron expression is read in, e.g. Europe/Berlin.")
    ] = serving.DEFAULT_TIMEZONE,
    db: DbOption = None,
    name: Annotated[
        str, typer.Option("--name", help="Deployment name; the deployment is biblioduck-ingest/NAME.")
    ] = serving.DEFAULT_DEPLOYMENT_NAME,
    rate_limit: Annotated[
        float, typer.Option("--rate-limit", min=0, help="Requests per second per host; 0 turns the limit off.")
    ] = defaults.RATE_LIMIT,
    user_agent: Annotated[
        str | None,
        typer.Option("--user-agent", help="User agent for fetches and robots.txt.", show_default=defaults.USER_AGENT),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host", help="Only fetch from these hosts (repeat the option for several).", show_default="any host"
        ),
    ] = None,
    server_port: Annotated[
        int,
        typer.Option(
            "--server-port", min=1, max=65535,
            help="Port of the local Prefect server (only used when PREFECT_API_URL is unset). "
            "[env: BIBLIODUCK_PREFECT_PORT]",
        ),
    ] = local_server.DEFAULT_SERVER_PORT,
    server_home: Annotated[
        Path,
        typer.Option(
            "--server-home",
            help="PREFECT_HOME of the local Prefect server: its SQLite database, run history and server.log "
            "(only used when PREFECT_API_URL is unset).",
        ),
    ] = local_server.DEFAULT_SERVER_HOME,
) -> None:
    """Serve the ingest as a Prefect deployment that runs on a cron schedule, until stopped.

    Prefect schedules runs only through a real API server. With PREFECT_API_URL set, the
    deployment biblioduck-ingest/NAME is created on that server. Otherwise a local
    `prefect server start` (SQLite, 127.0.0.1:--server-port, data under --server-home) runs for
    as long as this command does. Either way the Prefect UI address is printed; runs can also
    be started from the UI or with `prefect deployment run 'biblioduck-ingest/NAME'`.

    Runs execute here, in subprocesses, one at a time. Ctrl-C or SIGTERM stops serving, pauses
    the deployment (serving it again resumes it), and stops the local server.

    Exit codes: 0 stopped by Ctrl-C/SIGTERM; 1 no Prefect server (unreachable PREFECT_API_URL,
    port taken, local server did not start); 2 bad usage, bad cron or time zone; 3 the warehouse
    could not be opened.
    """
    import warehouse

    signal.signal(signal.SIGTERM, _interrupt)  # until Prefect's runner installs its own handler
    db_path = warehouse.resolve_db_path(db).absolute()
    try:
        warehouse.preflight(db_path)
    except warehouse.WarehouseError as error:
        raise fail(str(error), EXIT_WAREHOUSE) from None
    external = os.environ.get("PREFECT_API_URL")
    if not external:
        # Prefect reads its settings once, at import: point it at the server it is about to get.
        os.environ["PREFECT_API_URL"] = local_server.api_url(server_port)
    _validate(cron, timezone)  # before any waiting
    _warn_about_sources(sources)
    try:
        if external:
            _check_api(external)
            typer.echo(f"Using the Prefect server at {external} (PREFECT_API_URL).")
            _serve(sources, cron, timezone, name, db_path, rate_limit, user_agent, allow_host)
        else:
            typer.echo(f"Starting a local Prefect server (data in {server_home.expanduser().absolute()}) ...")
            with local_server.local_prefect_server(server_home, server_port):
                try:
                    _serve(sources, cron, timezone, name, db_path, rate_limit, user_agent, allow_host)
                finally:
                    typer.echo("Stopping the local Prefect server ...")
    except KeyboardInterrupt:
        typer.echo("Stopped.")
    except local_server.LocalServerError as error:
        raise fail(str(error), EXIT_REJECTED) from None


def _serve(
    sources: list[str], cron: str, timezone: str, name: str, db_path: Path,
    rate_limit: float, user_agent: str | None, allow_host: list[str] | None,
) -> None:
    from flows.ingest import ingest

    ingest_params = {
        "db": str(db_path), "rate_limit": rate_limit, "user_agent": user_agent,
        "allowed_hosts": list(allow_host) if allow_host else None,
    }
    parameters = serving.deployment_parameters(sources, **ingest_params)
    full_name = f"{ingest.name}/{name}"
    typer.echo(f"Prefect UI: {serving.ui_address()}")
    typer.echo(f'Serving deployment {full_name} on schedule "{cron}" ({timezone})')
    typer.echo(f"  sources: {' '.join(parameters['sources'])}")
    typer.echo(f"  warehouse: {parameters['db']}")
    prefect = shlex.quote(str(Path(sys.executable).parent / "prefect"))
    api = shlex.quote(os.environ["PREFECT_API_URL"])
    typer.echo(f"Start a run now: PREFECT_API_URL={api} {prefect} deployment run {shlex.quote(full_name)}")
    typer.echo("Stop with Ctrl-C.")
    try:
        serving.serve_ingest(cron, sources, name, timezone=timezone, **ingest_params)
    except local_server.LocalServerError:
        raise
    except Exception as error:  # Prefect's API errors: one line, not a traceback
        raise serving.ServeError(f"serving failed: {type(error).__name__}: {_first_line(str(error))}") from None


def _validate(cron: str, timezone: str) -> None:
    try:
        serving.validate_schedule(cron, timezone)
    except serving.BadSchedule as error:
        raise typer.BadParameter(str(error), param_hint=f"--{error.field}") from None


def _check_api(url: str) -> None:
    if not local_server.api_reachable(url):
        raise serving.ServeError(f"no Prefect server answers at {url}/health (PREFECT_API_URL)")


def _warn_about_sources(sources: list[str]) -> None:
    from flows.acquire.sources import expand_sources

    for entry, reason in expand_sources(sources).invalid:
        typer.echo(f"warning: {entry}: {reason} (runs will reject it until that changes)", err=True)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "(no message)"
