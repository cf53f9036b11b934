"""Ctrl-C or SIGTERM during an ingest: one line, exit 130, the committed batches kept and counted."""

from __future__ import annotations

import re
import signal
import subprocess
import time

import pytest

import warehouse
from tests.helpers import BIBLIODUCK, DEMO


def _committed_batches(db) -> int:
    try:
        rows = warehouse.run_query(db, "SELECT batches_committed FROM ingest_runs", lock_timeout=0.2)[1]
    except warehouse.WarehouseError:  # not created yet, or the ingest holds the file right now
        return 0
    return int(rows[0][0]) if rows else 0


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_ingest_says_what_it_kept_in_one_line(tmp_path, signum):
    pages = tmp_path / "pages"
    pages.mkdir()
    seed = (DEMO / "seed.txt").read_text(encoding="utf-8")
    for number in range(120):  # distinct clusters, so every page is its own contribution
        (pages / f"p{number:03d}.txt").write_text(seed.replace("Jason Ramapuram", f"Jason Ramapuram {number:04d}"))
    db = tmp_path / "w.duckdb"
    process = subprocess.Popen(
        [BIBLIODUCK, "ingest", str(pages), "--db", str(db), "--batch-size", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 240
    while _committed_batches(db) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert process.poll() is None, "the ingest ended before it could be interrupted"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=240)

    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    last = stderr.strip().splitlines()[-1]
    match = re.match(r"interrupted; (\d+) pages committed, the current batch rolled back", last)
    assert match, stderr
    _, runs = warehouse.run_query(db, "SELECT status, pages_loaded FROM ingest_runs")
    _, loaded = warehouse.run_query(db, "SELECT count(*) FROM loaded_pages")
    assert runs == [("interrupted", int(match[1]))]
    assert loaded == [(int(match[1]),)]
    assert 0 < int(match[1]) < 120


def test_an_interrupt_that_prefect_reports_as_another_error_still_ends_the_run_interrupted(tmp_path, monkeypatch):
    # A signal landing while Prefect creates a task run comes out of its crash handler as
    # ValueError("Task run is not set"), with the KeyboardInterrupt as its context.
    import flows.ingest
    from tests.helpers import run_ingest

    pages = tmp_path / "pages"
    pages.mkdir()
    seed = (DEMO / "seed.txt").read_text(encoding="utf-8")
    for number in range(3):
        (pages / f"p{number}.txt").write_text(seed.replace("Jason Ramapuram", f"Jason Ramapuram {number:04d}"))
    parse_batch = flows.ingest.parse_batch
    calls = []

    def interrupted_in_the_second_batch(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            try:
                raise KeyboardInterrupt
            except KeyboardInterrupt:
                raise ValueError("Task run is not set")  # noqa: B904 - as Prefect raises it: the interrupt as context
        return parse_batch(*args, **kwargs)

    monkeypatch.setattr(flows.ingest, "parse_batch", interrupted_in_the_second_batch)
    db = tmp_path / "w.duckdb"
    with pytest.raises(KeyboardInterrupt):
        run_ingest(sources=[str(pages)], db=str(db), batch_size=1, dashboard=False)
    _, runs = warehouse.run_query(db, "SELECT status, pages_loaded, batches_committed FROM ingest_runs")
    _, loaded = warehouse.run_query(db, "SELECT count(*) FROM loaded_pages")
    assert runs == [("interrupted", 1, 1)]
    assert loaded == [(1,)]


def test_an_interrupt_after_the_run_ended_says_nothing_was_lost(tmp_path, monkeypatch):
    """A Ctrl-C landing while the temporary Prefect server stops, after the run committed and recorded
    everything: not an interrupted run, and not one to re-run."""
    import json

    from typer.testing import CliRunner

    from flows import prefect_setup
    from flows.cli.app import app
    from flows.local_server import LocalPrefectServer

    stop = LocalPrefectServer.stop

    def stopped_then_interrupted(self, *args, **kwargs):
        stop(self, *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(LocalPrefectServer, "stop", stopped_then_interrupted)
    monkeypatch.setattr(prefect_setup, "api_healthy", lambda url: False)  # a temporary server, stopped at the end
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        app, ["ingest", str(DEMO / "seed.txt"), "--db", str(db), "--no-dashboard", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert "note: interrupted after the run had ended (succeeded); nothing was lost" in result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert (summary["status"], summary["pages_loaded"]) == ("succeeded", 1)
    _, runs = warehouse.run_query(db, "SELECT status, pages_loaded FROM ingest_runs")
    assert runs == [("succeeded", 1)]
