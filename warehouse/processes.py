"""Who runs an ingest, and whether that process is still alive: what tells a crashed run from a busy one.

A pid alone is not enough: after a crash the kernel may give the same pid to an unrelated process.
On Linux a process is named by the boot id and its start time in clock ticks since boot (field 22 of
/proc/<pid>/stat); no other process can share both. Elsewhere the token is the pid and liveness is
all that can be checked.
"""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

STALE_HOURS_ENV_VAR = "BIBLIODUCK_STALE_RUN_HOURS"
# A run on another host cannot be checked; one that gave no sign of life (start or batch commit) for
# this long is taken as crashed. Generous: a batch commits every few seconds to minutes.
DEFAULT_STALE_HOURS = 24.0
_BOOT_ID = Path("/proc/sys/kernel/random/boot_id")


def this_host() -> str:
    return socket.gethostname()


def process_token(pid: int) -> str | None:
    """Names the process `pid` uniquely on this host, or None when no such process runs."""
    stat = Path(f"/proc/{pid}/stat")
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()  # the command name may hold spaces and ')'
        boot_id = _BOOT_ID.read_text().strip()
        # after ')' come state (field 3) onwards, so start time (field 22) is at index 19
        return f"{boot_id}:{fields[19]}"
    except FileNotFoundError:
        if Path("/proc/self/stat").exists():
            return None  # /proc works: the process is gone
        return f"pid:{pid}" if _alive(pid) else None
    except (OSError, IndexError):
        return f"pid:{pid}" if _alive(pid) else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_after() -> timedelta:
    configured = os.environ.get(STALE_HOURS_ENV_VAR)
    try:
        hours = float(configured) if configured else DEFAULT_STALE_HOURS
    except ValueError:
        hours = DEFAULT_STALE_HOURS  # a typo must not keep dead runs open, nor stop the ingest
    return timedelta(hours=max(hours, 0.0))


def run_is_stale(pid: int | None, host: str | None, token: str | None, last_sign: datetime | None) -> bool:
    """Whether a row still marked running belongs to a process that is gone.

    On this host: its process is gone, or the pid now names another process. On another host, or for a
    row written before pids were recorded: no sign of life within stale_after()."""
    if host == this_host() and pid is not None and token is not None:
        return process_token(pid) != token
    if last_sign is None:
        return True
    if last_sign.tzinfo is None:
        last_sign = last_sign.replace(tzinfo=UTC)
    return datetime.now(UTC) - last_sign > stale_after()
