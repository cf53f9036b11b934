"""Which Prefect API an ingest reports to when nothing is configured."""

from __future__ import annotations

import json
import os
import subprocess

from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL, temporary_settings

from flows.local_server import free_port, local_prefect_server, port_answers
from tests.helpers import BIBLIODUCK


def _ingest(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIBLIODUCK, "ingest", *args, "--json"], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_a_running_local_server_is_reused(tmp_path, fixtures_dir):
    port = free_port()
    home = tmp_path / "ingest-home"  # where a temporary server would keep its database and log
    env = {**os.environ, "BIBLIODUCK_PREFECT_PORT": str(port), "PREFECT_HOME": str(home)}
    env.pop("PREFECT_API_URL", None)
    with local_prefect_server(tmp_path / "server-home", port) as url:
        result = _ingest(env, str(fixtures_dir / "demo" / "seed.txt"), "--db", str(tmp_path / "w.duckdb"))
        assert result.returncode == 0, result.stderr
        run_id = json.loads(result.stdout)["run_id"]
        assert not (home / "biblioduck-ingest-server.log").exists()  # no temporary server was started
        with temporary_settings({PREFECT_API_URL: url}), get_client(sync_client=True) as client:
            flow_run = client.read_flow_run(run_id)  # the run id is the flow run's id
        assert flow_run.state.is_completed()
        assert port_answers(port)  # reused, not stopped


def test_without_a_server_a_temporary_one_serves_the_run_and_is_stopped(tmp_path, fixtures_dir):
    port = free_port()  # nothing listens here, so no server is found to reuse
    env = {**os.environ, "BIBLIODUCK_PREFECT_PORT": str(port), "PREFECT_HOME": str(tmp_path / "home")}
    env.pop("PREFECT_API_URL", None)
    result = _ingest(env, str(fixtures_dir / "demo" / "seed.txt"), "--db", str(tmp_path / "w.duckdb"))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages_loaded"] == 1
    assert "View at" not in result.stderr  # the temporary server has no UI: no links that answer 404
    log = (tmp_path / "home" / "biblioduck-ingest-server.log").read_text()
    address = next(word for word in log.split() if word.startswith("http://127.0.0.1:"))
    temporary_port = int(address.split(":")[2].split("/")[0])
    assert not port_answers(temporary_port)  # stopped with the run
