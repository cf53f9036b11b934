"""`biblioduck serve` against real Prefect servers: the deployment, its cron schedule, a triggered
run that fills the warehouse, and the local server that `serve` starts and stops by itself."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest

import warehouse
from flows.local_server import api_url, free_port, local_prefect_server, port_answers
from tests.helpers import BIBLIODUCK

CRON = "0 6 * * *"
T = TypeVar("T")


@pytest.fixture(scope="module")
def server_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PREFECT_HOME for the module's servers, so the SQLite database is migrated only once."""
    return tmp_path_factory.mktemp("prefect-server")


def test_serve_creates_a_cron_deployment_whose_runs_fill_the_warehouse(tmp_path, fixtures_dir, server_home):
    from prefect.client.schemas.schedules import CronSchedule

    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(fixtures_dir / "demo" / "seed.txt", pages / "seed.txt")
    with local_prefect_server(server_home, free_port()) as url, _serve(
        # relative paths, made absolute for runs that do not share this working directory
        ["pages", "--db", "w.duckdb", "--name", "test-deploy", "--timezone", "Europe/Berlin"],
        tmp_path,
        {"PREFECT_API_URL": url},
    ) as serve, _client(url) as client:
        deployment = _eventually(
            lambda: _deployment(client, "biblioduck-ingest/test-deploy"), serve, "the deployment to appear"
        )
        [schedule] = deployment.schedules
        assert isinstance(schedule.schedule, CronSchedule)
        assert schedule.schedule.cron == CRON
        assert schedule.schedule.timezone == "Europe/Berlin"  # --timezone reaches the schedule
        assert schedule.active
        assert deployment.parameters["sources"] == [str(pages)]
        assert deployment.parameters["db"] == str(tmp_path / "w.duckdb")

        # the command serve prints to start a run works as printed
        trigger = next(line for line in serve.stdout().splitlines() if line.startswith("Start a run now: "))
        started = subprocess.run(
            ["bash", "-c", trigger.removeprefix("Start a run now: ")],
            capture_output=True, text=True, timeout=120, check=False, env=_env({}),
        )
        assert started.returncode == 0, started.stdout + started.stderr
        (flow_run_id,) = re.findall(r"UUID: ([0-9a-f-]{36})", started.stdout)  # the run it created
        state = _eventually(lambda: _final_state(client, flow_run_id), serve, "the triggered run to finish")
        assert state.is_completed(), f"{state.type}: {state.message}\n{serve.output()}"
        assert warehouse.run_query(tmp_path / "w.duckdb", "SELECT count(*) FROM papers")[1] == [(10,)]

        serve.process.send_signal(signal.SIGTERM)
        assert serve.process.wait(timeout=120) == 0, serve.output()
        # stopping paused the deployment: no runs while nothing serves them
        assert client.read_deployment(deployment.id).paused
    assert "Traceback" not in serve.output()


def test_serve_without_an_api_url_starts_a_local_server_and_stops_it(tmp_path, fixtures_dir, server_home):
    port = free_port()
    with _serve(
        [str(fixtures_dir / "demo" / "seed.txt"), "--db", str(tmp_path / "w.duckdb"), "--name", "local-deploy",
         "--server-port", str(port), "--server-home", str(server_home)],
        tmp_path, {},
    ) as serve:
        ui = f"Prefect UI: http://127.0.0.1:{port}"
        _eventually(lambda: ui in serve.stdout() or None, serve, "the UI address")
        with _client(api_url(port)) as client:
            deployment = _eventually(
                lambda: _deployment(client, "biblioduck-ingest/local-deploy"), serve, "the deployment to appear"
            )
            assert deployment.schedules[0].schedule.cron == CRON
        assert (server_home / "prefect.db").is_file()
        assert (server_home / "server.log").is_file()

        # Ctrl-C in a terminal: the whole foreground process group gets SIGINT, children included
        os.killpg(os.getpgid(serve.process.pid), signal.SIGINT)
        assert serve.process.wait(timeout=120) == 0, serve.output()
        assert "Stopping the local Prefect server" in serve.stdout()
    assert not port_answers(port), "the local Prefect server still answers after serve exited"
    assert "Traceback" not in serve.output()


def test_a_bad_cron_expression_is_refused_before_any_server_starts(tmp_path, fixtures_dir):
    result = subprocess.run(
        [BIBLIODUCK, "serve", "--cron", "61 * * * *", str(fixtures_dir / "demo" / "seed.txt"),
         "--db", str(tmp_path / "w.duckdb"), "--server-home", str(tmp_path / "home")],
        capture_output=True, text=True, timeout=120, check=False, env=_env({}),
    )
    assert result.returncode == 2
    assert "Invalid cron string" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "home").exists()


# -- helpers ------------------------------------------------------------------------------------


class _Served:
    def __init__(self, process: subprocess.Popen[bytes], out: Path, err: Path) -> None:
        self.process, self._out, self._err = process, out, err

    def stdout(self) -> str:
        return self._out.read_text(errors="replace")

    def output(self) -> str:
        return f"--- serve stdout ---\n{self.stdout()}\n--- serve stderr ---\n{self._err.read_text(errors='replace')}"


def _env(extra: dict[str, str]) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name != "PREFECT_API_URL"}
    env["PREFECT_RUNNER_POLL_FREQUENCY"] = "1"  # pick up a triggered run quickly (default 10 s)
    env["COLUMNS"] = "200"
    return {**env, **extra}


@contextmanager
def _serve(arguments: list[str], cwd: Path, extra_env: dict[str, str]) -> Iterator[_Served]:
    out, err = cwd / "serve.out", cwd / "serve.err"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [BIBLIODUCK, "serve", "--cron", CRON, *arguments],
            cwd=cwd, env=_env(extra_env), stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr,
            start_new_session=True,  # its own process group, as a terminal's foreground job
        )
    served = _Served(process, out, err)
    try:
        yield served
    finally:
        if process.poll() is None:  # a failed assertion: stop it the way a user would, then for sure
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def _client(url: str):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: url}), get_client(sync_client=True) as client:
        yield client


def _deployment(client, name: str):
    from prefect.exceptions import ObjectNotFound

    try:
        return client.read_deployment_by_name(name)
    except ObjectNotFound:
        return None


def _final_state(client, flow_run_id):
    state = client.read_flow_run(flow_run_id).state
    return state if state is not None and state.is_final() else None


def _eventually(probe: Callable[[], T | None], serve: _Served, what: str, timeout: float = 180.0) -> T:
    """Poll `probe` until it returns something; fail early, with serve's output, if serve exits."""
    deadline = time.monotonic() + timeout
    while True:
        found = probe()
        if found is not None:
            return found
        if serve.process.poll() is not None:
            pytest.fail(f"serve exited with code {serve.process.returncode} while waiting for {what}\n{serve.output()}")
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what} after {timeout:.0f} s\n{serve.output()}")
        time.sleep(0.5)
