"""Crashes leave clean records: views repaired on open, dead runs marked crashed with what they committed,
and readers that wait for a writer."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli.app import app
from tests.warehouse_factories import load, page, paper, rows
from warehouse import WarehouseLocked, connect_reader, export_parquet, open_warehouse, start_run
from warehouse.connection import expected_views
from warehouse.processes import process_token, this_host

REPO = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    load(path, "run-1", page("s1", "Ann Lee", [paper("Shared", ["Ann Lee", "Bo Chen"]), paper("Solo", ["Ann Lee"])]))
    return path


def drop_views(db: Path) -> None:
    """What a kill between the schema commit and the views commit of an older biblioduck left behind."""
    connection = duckdb.connect(str(db))
    try:
        for name in reversed(expected_views()):  # marts first: they read the contract views
            connection.execute(f'DROP VIEW "{name}"')
    finally:
        connection.close()


def file_views(db: Path) -> set[str]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        query = "SELECT view_name FROM duckdb_views() WHERE NOT internal"
        return {row[0] for row in connection.execute(query).fetchall()}
    finally:
        connection.close()


def test_a_new_warehouse_has_its_views_from_the_first_commit(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with open_warehouse(db, read_only=False):
        pass
    assert set(expected_views()) <= file_views(db)


def test_readers_see_the_views_of_a_file_that_lost_them(db: Path, tmp_path: Path) -> None:
    drop_views(db)
    assert not set(expected_views()) & file_views(db)

    result = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM papers", "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["n", "2"]

    written = export_parquet(db, tmp_path / "out")
    names = {path.stem for path in written}
    assert {"papers", "authors", "paper_authors", "author_stats"} <= names
    assert not set(expected_views()) & file_views(db)  # a reader writes nothing


def test_the_next_writer_repairs_the_file(db: Path) -> None:
    drop_views(db)
    with open_warehouse(db, read_only=False):
        pass
    assert set(expected_views()) <= file_views(db)
    assert rows(db, "SELECT count(*) FROM paper_authors") == [(3,)]


_KILLED_RUN = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import UTC, datetime
    from tests.warehouse_factories import load, page, paper
    from warehouse import Reject, record_rejects, start_run
    db = sys.argv[1]
    start_run(db, "run-killed", datetime.now(UTC))
    load(db, "run-killed", page("k1", "Cy Dorn", [paper("One", ["Cy Dorn"]), paper("Two", ["Cy Dorn", "Di Eng"])]))
    record_rejects(db, "run-killed", [Reject(source="bad.html", reason="not a listing", code="not_a_listing")])
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def test_a_killed_run_is_marked_crashed_with_its_committed_counts(db: Path) -> None:
    killed = subprocess.run([sys.executable, "-c", _KILLED_RUN, str(db)], cwd=REPO, capture_output=True, text=True)
    assert killed.returncode == -9, killed.stderr
    assert rows(db, "SELECT status, pid FROM ingest_runs WHERE run_id = 'run-killed'")[0][0] == "running"

    crashed = start_run(db, "run-next", datetime.now(UTC))

    assert crashed == ["run-killed"]
    (row,) = rows(
        db,
        "SELECT status, host, pages_loaded, papers_added, authors_added, pages_rejected, batches_committed, "
        "ended_at IS NULL FROM ingest_runs WHERE run_id = 'run-killed'",
    )
    assert row == ("crashed", this_host(), 1, 2, 2, 1, 1, True)
    assert rows(db, "SELECT status, pid FROM ingest_runs WHERE run_id = 'run-next'") == [("running", os.getpid())]


def _running_row(db: Path, run_id: str, pid: int | None, host: str | None, token: str | None, age: timedelta) -> None:
    with open_warehouse(db, read_only=False) as connection:
        connection.execute(
            "INSERT INTO ingest_runs (run_id, started_at, status, pid, host, process_token) "
            "VALUES (?, ?, 'running', ?, ?, ?)",
            [run_id, datetime.now(UTC) - age, pid, host, token],
        )


def test_pid_reuse_and_other_hosts(db: Path) -> None:
    me = os.getpid()
    _running_row(db, "alive", me, this_host(), process_token(me), timedelta(days=30))
    _running_row(db, "pid-reused", me, this_host(), "another-boot:1", timedelta(minutes=1))
    _running_row(db, "other-host-recent", 1, "elsewhere.example", "x:1", timedelta(hours=1))
    _running_row(db, "other-host-silent", 1, "elsewhere.example", "x:1", timedelta(days=3))
    _running_row(db, "before-pids-were-recorded", None, None, None, timedelta(days=3))

    crashed = start_run(db, "run-next", datetime.now(UTC))

    assert sorted(crashed) == ["before-pids-were-recorded", "other-host-silent", "pid-reused"]
    assert rows(db, "SELECT run_id FROM ingest_runs WHERE status = 'running' ORDER BY 1") == [
        ("alive",), ("other-host-recent",), ("run-next",)
    ]


_WRITER = textwrap.dedent(
    """
    import sys
    import duckdb
    connection = duckdb.connect(sys.argv[1])
    print("holding", flush=True)
    sys.stdin.readline()
    connection.close()
    """
)


def test_connect_reader_waits_for_the_writer_where_a_bare_connection_fails(db: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stdin is not None
    try:
        assert writer.stdout.readline().strip() == "holding"
        with pytest.raises(duckdb.IOException, match="lock"):
            duckdb.connect(str(db), read_only=True)
        with pytest.raises(WarehouseLocked), connect_reader(db, timeout=0):
            pass

        result: list[object] = []
        started = threading.Event()

        def read() -> None:
            started.set()
            with connect_reader(db, timeout=120) as connection:
                result.extend(connection.execute("SELECT title FROM papers ORDER BY title").fetchall())

        reader = threading.Thread(target=read)
        reader.start()
        started.wait()
        writer.stdin.write("release\n")
        writer.stdin.flush()
        reader.join()
        assert result == [("Shared",), ("Solo",)]
    finally:
        writer.kill()
        writer.wait()


# Creates a brand-new warehouse and is killed with SIGKILL the moment view creation starts: after the
# schema's statements ran, before the views'. A profile hook picks the point; the kill is real.
_KILLED_AT_VIEWS = textwrap.dedent(
    """
    import os, signal, sys
    from warehouse import open_warehouse

    def at_views(frame, event, arg):
        if event == "call" and frame.f_code.co_name in ("_create_views", "create_views"):
            os.kill(os.getpid(), signal.SIGKILL)

    sys.setprofile(at_views)
    with open_warehouse(sys.argv[1], read_only=False):
        pass
    """
)


def test_a_kill_during_bootstrap_leaves_no_schema_or_all_of_it(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    killed = subprocess.run([sys.executable, "-c", _KILLED_AT_VIEWS, str(db)], cwd=REPO, capture_output=True)
    assert killed.returncode == -9, killed.stderr

    connection = duckdb.connect(str(db))  # plain DuckDB: replays the WAL, adds nothing of ours
    try:
        tables = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        recorded = connection.execute("SELECT count(*) FROM schema_version").fetchone()[0] if tables else 0
    finally:
        connection.close()
    assert recorded == 0 and tables <= {"schema_version"}  # nothing of the schema was committed
    with open_warehouse(db, read_only=False):  # and the next open creates all of it
        pass
    assert set(expected_views()) <= file_views(db)
