"""One writer or many readers: lock conflicts with another process are retried, then explained."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import REPO
from tests.warehouse_factories import load, page, paper, raw_for
from warehouse import WarehouseLocked, load_pages, run_query

# Opens the warehouse through the product path, says so on stdout, holds it, then closes it.
_HOLDER = textwrap.dedent(
    """
    import sys, time
    from warehouse import open_warehouse
    db, mode, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with open_warehouse(db, read_only=(mode == "read")) as connection:
        if mode == "write":
            connection.execute("INSERT INTO ingest_runs (run_id, started_at, status) VALUES ('held', now(), 'running')")
        print("holding", flush=True)
        time.sleep(seconds)
    print("released", flush=True)
    """
)


def _hold(db: Path, mode: str, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db), mode, str(seconds)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    return holder


@pytest.fixture
def loaded_db(tmp_path: Path) -> Path:
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("s", "Ann Lee", [paper("Shared", ["Ann Lee", "Bo Chen"])]))
    return db


def test_a_reader_waits_for_a_writer_in_another_process(loaded_db: Path) -> None:
    holder = _hold(loaded_db, "write", 1.5)
    try:
        columns, result = run_query(
            loaded_db, "SELECT name, papers, distinct_coauthors FROM author_stats ORDER BY name", lock_timeout=30
        )
        # the query could only run once the writer had closed the file, so its write is visible
        assert run_query(loaded_db, "SELECT status FROM ingest_runs WHERE run_id = 'held'")[1] == [("running",)]
    finally:
        assert holder.wait(timeout=30) == 0
    assert columns == ["name", "papers", "distinct_coauthors"]
    assert result == [("Ann Lee", 1, 1), ("Bo Chen", 1, 1)]


def test_a_writer_waits_for_a_reader_in_another_process(loaded_db: Path) -> None:
    holder = _hold(loaded_db, "read", 1.5)
    try:
        listing = page("t", "Cy Dorn", [paper("Another", ["Cy Dorn"])])
        stats = load_pages(loaded_db, "run-2", [(raw_for(listing), listing)], lock_timeout=30)
    finally:
        assert holder.wait(timeout=30) == 0
    assert stats.papers_added == 1


def test_running_out_of_time_names_the_process_holding_the_file(loaded_db: Path) -> None:
    holder = _hold(loaded_db, "write", 60)
    try:
        with pytest.raises(WarehouseLocked) as raised:
            run_query(loaded_db, "SELECT count(*) FROM papers", lock_timeout=0.3)
    finally:
        holder.kill()
        holder.wait()
    error = raised.value
    assert error.pid == holder.pid
    assert f"process {holder.pid}" in str(error)
    assert "BIBLIODUCK_LOCK_TIMEOUT" in str(error)
    assert str(loaded_db) in str(error)


def test_the_lock_timeout_comes_from_the_environment(loaded_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIODUCK_LOCK_TIMEOUT", "0.2")
    holder = _hold(loaded_db, "read", 60)
    try:
        with pytest.raises(WarehouseLocked, match=f"process {holder.pid}"):
            load(loaded_db, "run-2", page("t", "Cy Dorn", [paper("Another", ["Cy Dorn"])]))
        # readers do not block readers: this one gets in at once
        assert run_query(loaded_db, "SELECT count(*) FROM papers", lock_timeout=0)[1] == [(1,)]
    finally:
        holder.kill()
        holder.wait()


def test_a_wait_for_another_process_is_announced_at_once(loaded_db: Path) -> None:
    holder = _hold(loaded_db, "write", 3)
    try:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "biblioduck"), "sql", "SELECT count(*) FROM papers",
             "--db", str(loaded_db), "--format", "csv"],
            capture_output=True, text=True, timeout=60, check=False,
        )
    finally:
        assert holder.wait(timeout=30) == 0
    assert result.returncode == 0, result.stderr
    # said while waiting (not only when giving up), naming who holds the file
    assert f"note: waiting for process {holder.pid} (" in result.stderr
    assert f"to release {loaded_db}" in result.stderr
