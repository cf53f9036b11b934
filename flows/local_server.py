"""A local Prefect API server as a child process, bound to 127.0.0.1.

`biblioduck serve` keeps one running while it serves a schedule; `biblioduck ingest`, with no
server configured, runs one for the length of the run (started first thing, so it boots while
the rest of the command starts up). Nothing here imports Prefect.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

DEFAULT_SERVER_HOME = Path("var/prefect-server")
# Where `biblioduck serve` runs its server and where `biblioduck ingest` looks for a running one.
DEFAULT_SERVER_PORT = int(os.environ.get("BIBLIODUCK_PREFECT_PORT", "4200"))
SERVER_HOST = "127.0.0.1"
SERVER_LOG_NAME = "server.log"
STARTUP_TIMEOUT_SECONDS = 120.0  # a first start migrates a fresh SQLite database
STOP_GRACE_SECONDS = 15.0
_LOG_TAIL_LINES = 20
_GUARD = Path(__file__).resolve().with_name("server_guard.py")
# Settings that would point the local server somewhere other than its own SQLite file.
_SERVER_ENV_DROPPED = (
    "PREFECT_API_URL",
    "PREFECT_API_KEY",
    "PREFECT_API_DATABASE_CONNECTION_URL",
    "PREFECT_SERVER_DATABASE_CONNECTION_URL",
)


class LocalServerError(Exception):
    """The local Prefect server could not be started or did not answer; explained in one line."""


def api_url(port: int) -> str:
    return f"http://{SERVER_HOST}:{port}/api"


def ui_url(api: str) -> str:
    """The UI address for an API URL: the same server without the trailing /api."""
    return api.rstrip("/").removesuffix("/api")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((SERVER_HOST, 0))
        return probe.getsockname()[1]


def port_answers(port: int, host: str = SERVER_HOST) -> bool:
    """Whether something accepts TCP connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=1.0):
            return True
    except OSError:
        return False


class LocalPrefectServer:
    """`prefect server start` on 127.0.0.1 as a child process: start it, wait for it, stop it.

    Starting does not wait, so a caller can do its own start-up work (importing Prefect takes
    seconds) while the server boots, and wait only when it needs the API.
    """

    def __init__(
        self,
        home: Path | None = None,
        port: int | None = None,
        *,
        services: bool = True,
        ui: bool = True,
        log_name: str = SERVER_LOG_NAME,
    ) -> None:
        self.home = (home or DEFAULT_SERVER_HOME).expanduser().absolute()
        self.port = port or free_port()
        self.services = services
        self.ui = ui
        self.log_path = self.home / log_name
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def api_url(self) -> str:
        return api_url(self.port)

    def start(self) -> None:
        if port_answers(self.port):
            raise LocalServerError(
                f"port {self.port} on {SERVER_HOST} is already in use (another Prefect server?); pick another "
                f"port, or set PREFECT_API_URL={api_url(self.port)} to use the server that is already running"
            )
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            log = self.log_path.open("wb")
        except OSError as error:
            raise LocalServerError(
                f"cannot use {self.home} as the Prefect server's home: {error.strerror or error}"
            ) from None
        command = [*_prefect_command(), "server", "start", "--host", SERVER_HOST, "--port", str(self.port)]
        if not self.services:
            command.append("--no-services")  # schedulers and the like: a single run needs none
        with log:
            self.process = subprocess.Popen(
                # The guard ends the server when this process dies, even by SIGKILL: it watches the
                # pipe on its stdin, whose write end only this process holds (flows/server_guard.py).
                [sys.executable, str(_GUARD), *command],
                stdin=subprocess.PIPE, stdout=log, stderr=subprocess.STDOUT,
                env=_server_env(self.home, ui=self.ui), cwd=self.home,
                # Its own session: a Ctrl-C in the terminal reaches only us, and we stop the server
                # after whatever still needs it.
                start_new_session=True,
            )

    def wait_until_healthy(self, timeout: float = STARTUP_TIMEOUT_SECONDS) -> None:
        assert self.process is not None, "start() first"
        _wait_until_healthy(self.process, self.api_url, self.log_path, timeout)

    def stop(self, grace: float = STOP_GRACE_SECONDS) -> None:
        if self.process is not None:
            _stop(self.process, grace)
            self.process = None


@contextmanager
def local_prefect_server(
    home: Path | None = None,
    port: int | None = None,
    *,
    startup_timeout: float = STARTUP_TIMEOUT_SECONDS,
    stop_grace: float = STOP_GRACE_SECONDS,
) -> Iterator[str]:
    """Run `prefect server start` on 127.0.0.1 for the duration of the block; yields its API URL.

    `home` becomes the server's PREFECT_HOME (default var/prefect-server), so its SQLite database,
    and with it deployments and run history, persist between starts; the server's output goes to
    `<home>/server.log`. `port` defaults to a free one. Raises LocalServerError if the port is taken
    or the server does not answer /api/health within `startup_timeout` seconds. On exit the server
    is sent SIGTERM, and SIGKILL after `stop_grace` seconds.
    """
    server = LocalPrefectServer(home, port)
    server.start()
    try:
        server.wait_until_healthy(startup_timeout)
        yield server.api_url
    finally:
        server.stop(stop_grace)


def _prefect_command() -> list[str]:
    script = Path(sys.executable).with_name("prefect")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "prefect"]


def _server_env(home: Path, *, ui: bool = True) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _SERVER_ENV_DROPPED}
    env["PREFECT_HOME"] = str(home)
    if not ui:  # preparing the UI's static files costs about half a second of start-up
        env["PREFECT_UI_ENABLED"] = "false"
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    return env


def _wait_until_healthy(process: subprocess.Popen[bytes], url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if process.poll() is not None:
            raise LocalServerError(
                f"the local Prefect server exited with code {process.returncode} before it answered"
                f"{_log_tail(log_path)}"
            )
        if api_healthy(url):
            return
        if time.monotonic() > deadline:
            raise LocalServerError(
                f"the local Prefect server did not answer {url}/health within {timeout:.0f} s{_log_tail(log_path)}"
            )
        time.sleep(0.25)


def api_healthy(url: str) -> bool:
    """Whether GET <url>/health answers 200."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=2.0) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def api_reachable(url: str) -> bool:
    """Whether a server answers at <url>/health at all (Prefect Cloud answers 401 without a key)."""
    try:
        with urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=5.0):
            return True
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _log_tail(log_path: Path) -> str:
    try:
        lines = log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    tail = [line for line in lines if line.strip()][-_LOG_TAIL_LINES:]
    if not tail:
        return f" (its log, {log_path}, is empty)"
    return f"; last lines of {log_path}:\n" + "\n".join(f"  {line}" for line in tail)


def _stop(process: subprocess.Popen[bytes], grace: float) -> None:
    if process.poll() is not None:
        _close_watchdog(process)
        return
    with _signals_deferred():  # a second Ctrl-C must not leave the server running on its own
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
    _close_watchdog(process)


def _close_watchdog(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        with suppress(OSError):
            process.stdin.close()


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Ignore SIGINT and SIGTERM for the duration (bounded: at most the stop grace period)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _signal_group(process: subprocess.Popen[bytes], signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signum)  # the server and anything it started


