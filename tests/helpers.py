"""What several test modules share: paths, the console script, flow runs, and a raw TCP server.

Test modules import from here (and from tests.warehouse_factories), never from each other.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
DEMO = FIXTURES / "demo"
DATA = Path(__file__).parent / "data"  # pages that are not listing pages at all
BIBLIODUCK = shutil.which("biblioduck", path=str(Path(sys.executable).parent)) or "biblioduck"


def run_ingest(**parameters) -> dict:
    """A real run of the ingest flow, on a temporary local Prefect server."""
    from flows import prefect_setup
    from flows.ingest import ingest

    with prefect_setup.run_settings(temporary_server=True):
        return ingest(**parameters)


def accounted(summary: dict) -> bool:
    return summary["pages_seen"] == summary["pages_loaded"] + summary["pages_unchanged"] + summary["pages_rejected"]


class RawServer:
    """Accepts connections on 127.0.0.1 and lets ``script(index, conn)`` answer each one.

    ``index`` counts connections from 0; the request head has already been read. Each
    connection gets its own thread so a stalling answer does not block the next attempt.
    """

    def __init__(self, script: Callable[[int, socket.socket], None]) -> None:
        self._script = script
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self.port = self._sock.getsockname()[1]
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return  # listening socket closed
            with self._lock:
                index = len(self.requests)
                self.requests.append("")
            threading.Thread(target=self._handle, args=(index, conn), daemon=True).start()

    def _handle(self, index: int, conn: socket.socket) -> None:
        with conn:
            head = b""
            while b"\r\n\r\n" not in head:
                data = conn.recv(4096)
                if not data:
                    return
                head += data
            with self._lock:
                self.requests[index] = head.split(b"\r\n", 1)[0].decode()
            with contextlib.suppress(OSError):  # the client gave up first; some tests want that
                self._script(index, conn)

    def close(self) -> None:
        self._sock.close()


