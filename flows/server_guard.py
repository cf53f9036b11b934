"""Runs a command (the local Prefect server) and ends it when the process that started it dies.

    python flows/server_guard.py COMMAND...      (stdin: the watchdog pipe, kept open by the parent)

A parent killed with SIGKILL, or by the OOM killer, runs no clean-up, so its server would keep
listening. The parent holds the write end of this process's stdin and never writes to it; the kernel
closes it when the parent dies, however it dies, and the EOF read here stops the command's whole
process group (SIGTERM, then SIGKILL after a grace period). Unlike a parent-death signal (prctl),
this does not depend on which of the parent's threads started us. Only the standard library is
imported, so the guard costs milliseconds.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading

GRACE_SECONDS = 10.0


def main(command: list[str]) -> int:
    # A handler, not SIG_IGN: the command must not inherit an ignored SIGTERM. The group is signalled
    # as a whole (LocalPrefectServer.stop), so the command gets the signal itself; we wait for it.
    signal.signal(signal.SIGTERM, lambda *_: None)
    signal.signal(signal.SIGINT, lambda *_: None)
    child = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    threading.Thread(target=_watch_parent, args=(child,), daemon=True).start()
    return child.wait()


def _watch_parent(child: subprocess.Popen[bytes]) -> None:
    try:
        while sys.stdin.buffer.read(4096):
            pass  # the parent never writes; anything read is ignored
    except OSError:
        pass
    # EOF: the parent is gone. Stop everything in our process group (the server and its workers).
    group = os.getpgid(0)
    os.killpg(group, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        child.wait(timeout=GRACE_SECONDS)
    os.killpg(group, signal.SIGKILL)  # ends this guard too, and whatever the server left behind


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
