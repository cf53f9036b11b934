"""Prefect settings for embedded use, applied before Prefect is imported.

With nothing configured, an ingest runs against Prefect's temporary local server ("ephemeral
mode"). Only defaults are set here; anything the user set in the environment or a profile wins.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager, nullcontext

EPHEMERAL_DEFAULTS = {
    # A cold start (first run, migrations) on a small machine can pass Prefect's 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
    # Nothing to phone home to, and the ingest registers no blocks.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
}


def apply_defaults() -> None:
    for name, value in EPHEMERAL_DEFAULTS.items():
        os.environ.setdefault(name, value)


def uses_ephemeral_server() -> bool:
    return not os.environ.get("PREFECT_API_URL")


def run_settings() -> AbstractContextManager[object]:
    """Settings for the flow call itself.

    Heartbeats let a server notice a crashed run; a temporary server dies with this process, so
    they only cost the ~1 s the engine waits for the heartbeat thread at the end of a run.
    """
    if not uses_ephemeral_server():
        return nullcontext()
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})
