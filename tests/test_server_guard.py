"""The temporary Prefect server ends with the biblioduck process that started it, even after kill -9."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from flows.local_server import api_healthy, port_answers

REPO = Path(__file__).resolve().parent.parent

# Starts the server the way `biblioduck ingest` does, waits for it, reports, and idles until killed.
_PARENT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from flows.local_server import LocalPrefectServer
    server = LocalPrefectServer(Path(sys.argv[1]), services=False, ui=False)
    server.start()
    server.wait_until_healthy()
    print(server.port, server.process.pid, flush=True)
    time.sleep(3600)
    """
)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie (exited, not yet reaped by its parent) counts as gone
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _wait_until(condition, bound: float = 120.0) -> bool:
    """Poll until condition holds; the bound only keeps a broken build from hanging the suite."""
    deadline = time.monotonic() + bound
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def test_the_server_stops_when_its_parent_is_killed_with_sigkill(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(tmp_path / "prefect")],
        cwd=REPO, stdout=subprocess.PIPE, text=True, start_new_session=True,
    )
    assert parent.stdout is not None
    line = parent.stdout.readline().split()
    assert line, "the server did not start"
    port, guard_pid = int(line[0]), int(line[1])
    assert api_healthy(f"http://127.0.0.1:{port}/api")

    os.kill(parent.pid, signal.SIGKILL)  # the parent alone: no clean-up runs, nothing else is signalled
    parent.wait()

    assert _wait_until(lambda: not port_answers(port)), "the server still listens after its parent died"
    assert _wait_until(lambda: _gone(guard_pid))
    assert _wait_until(lambda: _group_gone(guard_pid))  # the server's workers went with it


def _group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False
