"""Scheduled ingests: serve the `ingest` flow as a Prefect deployment with a cron schedule.

Prefect schedules runs only through a real API server (the temporary one `biblioduck ingest`
uses lives and dies with one run). So `biblioduck serve` either talks to the server named by
PREFECT_API_URL, or starts a local `prefect server start` (SQLite under a persistent home,
bound to 127.0.0.1) for as long as it serves, with `flows.local_server`.

Nothing here imports Prefect at module level: Prefect freezes its settings (PREFECT_API_URL
among them) on first import, so the caller sets the environment first and imports after.
"""

from __future__ import annotations

import glob
import json
import os
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from flows.acquire.sources import GLOB_CHARS, url_scheme
from flows.local_server import LocalServerError, ui_url

DEFAULT_DEPLOYMENT_NAME = "biblioduck-ingest"
DEFAULT_TIMEZONE = "UTC"


class ServeError(LocalServerError):
    """Anything that stops `serve` from starting, explained in one line."""


class BadSchedule(ServeError):
    """The cron expression or time zone is not one Prefect accepts; `field` says which."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


# -- the deployment ---------------------------------------------------------------------------


def validate_schedule(cron: str, timezone: str = DEFAULT_TIMEZONE) -> None:
    """Raise BadSchedule unless `cron` is a cron expression (and `timezone` an IANA name) Prefect accepts.

    Imports Prefect: set PREFECT_API_URL before calling.
    """
    from prefect.client.schemas.schedules import CronSchedule
    from pydantic import ValidationError

    try:
        CronSchedule(cron=cron, timezone=timezone)
    except ValidationError as error:
        details = error.errors()
        reasons = "; ".join(str(detail.get("ctx", {}).get("error") or detail["msg"]) for detail in details)
        field = str(details[0]["loc"][0]) if details and details[0]["loc"] else "cron"
        raise BadSchedule(reasons, field) from None


def absolute_sources(entries: Iterable[str], base: Path | None = None) -> list[str]:
    """Anchor relative file, folder, glob and @list entries at `base` (default: the current directory).

    Entries stay unexpanded, so each scheduled run picks up files added to a folder or matching a
    glob since the deployment was created; URLs are kept verbatim.
    """
    base = (base or Path.cwd()).absolute()
    return [_absolute_entry(entry, base) for entry in entries]


def _absolute_entry(entry: str, base: Path) -> str:
    text = entry.strip()
    if text.startswith("@"):
        name = text[1:].strip()
        return f"@{_absolute_path(name, base, glob_ok=False)}" if name else text
    if url_scheme(text):
        return text
    return _absolute_path(text, base, glob_ok=True) if text else text


def _absolute_path(text: str, base: Path, *, glob_ok: bool) -> str:
    path = Path(os.path.expanduser(text))
    if path.is_absolute():
        return str(path)
    anchored = base / path
    if glob_ok and not anchored.exists() and any(char in GLOB_CHARS for char in text):
        # a pattern: keep glob characters in the folder name itself from becoming part of it
        return os.path.join(glob.escape(str(base)), os.path.expanduser(text))
    return str(anchored)


def deployment_parameters(
    sources: Iterable[str], db: str | Path | None = None, **ingest_params: Any
) -> dict[str, Any]:
    """The deployment's default flow parameters: absolute sources and warehouse path, JSON only.

    `db` defaults as everywhere else (warehouse.resolve_db_path); `None` values are left out so the
    flow's own defaults apply.
    """
    import warehouse

    parameters = {
        "sources": absolute_sources(sources),
        "db": str(warehouse.resolve_db_path(str(db) if db is not None else None).absolute()),
        **{name: value for name, value in ingest_params.items() if value is not None},
    }
    try:
        json.dumps(parameters)
    except (TypeError, ValueError) as error:
        raise ServeError(f"deployment parameters must be JSON values: {error}") from None
    return parameters


def serve_ingest(
    cron: str,
    sources: Iterable[str],
    deployment_name: str = DEFAULT_DEPLOYMENT_NAME,
    *,
    timezone: str = DEFAULT_TIMEZONE,
    **ingest_params: Any,
) -> None:
    """Create (or update) the deployment `biblioduck-ingest/<deployment_name>` and serve it.

    Blocks, running scheduled and manually triggered runs in subprocesses, until interrupted
    (Ctrl-C or SIGTERM); the deployment is paused on the way out (serving again resumes it).
    `ingest_params` are the other parameters of `flows.ingest.ingest` (db, rate_limit, user_agent,
    allowed_hosts, ...); `db` and file sources are made absolute so runs do not depend on the
    working directory. Uses the API that PREFECT_API_URL names.
    """
    validate_schedule(cron, timezone)
    parameters = deployment_parameters(sources, **ingest_params)

    from prefect.schedules import Cron
    from prefect.types.entrypoint import EntrypointType

    from flows.crash_recovery import mark_crashed
    from flows.ingest import ingest

    # Runs of an earlier serve (or ingest) that was killed stay RUNNING until someone closes them.
    from warehouse import WarehouseError

    with suppress(WarehouseError):
        mark_crashed(parameters["db"])
    ingest.serve(
        name=deployment_name,
        schedule=Cron(cron, timezone=timezone),
        parameters=parameters,
        description=f"biblioduck ingest of {len(parameters['sources'])} source entries into {parameters['db']}",
        # The installed module, not a file path relative to wherever `serve` was started.
        entrypoint_type=EntrypointType.MODULE_PATH,
        limit=1,  # one run at a time: each run writes the same warehouse
        pause_on_shutdown=True,
    )


def ui_address() -> str:
    """Where the Prefect UI of the server in use answers (Prefect's setting, else derived from the API URL)."""
    from prefect.settings import PREFECT_UI_URL

    return PREFECT_UI_URL.value() or ui_url(os.environ["PREFECT_API_URL"])
