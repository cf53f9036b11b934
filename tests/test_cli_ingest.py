"""`biblioduck ingest` as a user runs it: the console script in a subprocess, with exit codes,
the summary table, and a progress bar when stderr is a terminal."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import BIBLIODUCK, DATA


def _pages(tmp_path: Path, fixtures_dir: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(fixtures_dir / "demo" / "seed.txt", folder / "seed.txt")
    shutil.copy(DATA / "not_listing_login.html", folder / "login.html")
    return folder


def test_rejects_give_exit_1_with_summary_and_a_progress_bar_on_a_terminal(tmp_path, fixtures_dir):
    folder = _pages(tmp_path, fixtures_dir)
    db = tmp_path / "w.duckdb"
    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    process = subprocess.Popen(
        [BIBLIODUCK, "ingest", str(folder), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=terminal, env=env, text=True,
    )
    os.close(terminal)
    screen = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    stdout = process.stdout.read()
    assert process.wait(timeout=300) == 1
    os.close(controller)
    assert _row(stdout, "pages seen") == "2"
    assert _row(stdout, "pages loaded") == "1"
    assert _row(stdout, "pages rejected") == "1"
    drawn = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.decode("utf-8", "replace"))  # without ANSI codes
    words = " ".join(drawn.split())
    assert "ingest" in drawn  # the bar's label, drawn on the terminal
    assert "loaded 1, unchanged 0, rejected 1" in drawn  # the bar carries the counts
    assert "| INFO" not in drawn  # Prefect's INFO lines only with -v...
    assert "login.html: no 'Author name cluster' heading" in words  # ...warnings always, above the bar
    assert "anonymous usage data" not in words  # no telemetry notice either
    assert "Traceback" not in screen.decode("utf-8", "replace")
    # the run rebuilt the dashboard beside the warehouse and said where it is
    dashboard = tmp_path / "dashboard.html"
    assert dashboard.is_file()
    assert f"dashboard: {dashboard}\n" in stdout


def test_no_fail_on_reject_exits_0_and_a_bad_warehouse_exits_3(tmp_path, fixtures_dir):
    folder = _pages(tmp_path, fixtures_dir)
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(folder), "--db", str(tmp_path / "w.duckdb"), "--no-fail-on-reject"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert _row(result.stdout, "pages rejected") == "1"
    assert (tmp_path / "dashboard.html").is_file()

    elsewhere = tmp_path / "other"
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(folder), "--db", str(elsewhere / "w.duckdb"), "--no-dashboard", "--json"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["dashboard"] is None
    assert not (elsewhere / "dashboard.html").exists()

    not_duckdb = tmp_path / "notes.duckdb"
    not_duckdb.write_bytes(b"my precious notes, not a database" * 10)
    before = not_duckdb.read_bytes()
    home = tmp_path / "prefect-home"
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(folder), "--db", str(not_duckdb)],
        capture_output=True, text=True, timeout=300, check=False, env={**os.environ, "PREFECT_HOME": str(home)},
    )
    assert result.returncode == 3
    assert "is not a biblioduck warehouse" in result.stderr
    assert not home.exists()  # refused before any Prefect server started: it would have made its home
    assert "Traceback" not in result.stderr
    assert not_duckdb.read_bytes() == before


def test_a_warehouse_error_inside_the_run_is_one_line_not_prefects_traceback(tmp_path, fixtures_dir):
    """/proc passes the pre-check for root (access() says writable) and fails only when DuckDB creates the file,
    inside the flow, where Prefect logs the exception with its traceback."""
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(fixtures_dir / "demo" / "seed.txt"), "--db", "/proc/biblioduck-test.duckdb",
         "--no-dashboard"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: cannot create /proc/biblioduck-test.duckdb")


def _row(table: str, label: str) -> str | None:
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip("│┃ ").split("│")]
        if cells and cells[0] == label:
            return cells[-1]
    return None


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["{tmp}/no-such-page.txt"], 2, "no-such-page.txt: no such file or directory"),
        (["ftp://example.org/page"], 2, "unsupported scheme 'ftp'"),
        (["file:///etc/hostname"], 2, "unsupported scheme 'file'"),
        (["{seed}", "--db", "{tmp}/notes.txt/w.duckdb"], 3, "is not a folder"),
        (["{seed}", "--db", "{tmp}/notes.txt"], 3, "is not a biblioduck warehouse"),
    ],
)
def test_a_typo_is_answered_before_prefect_starts(tmp_path, fixtures_dir, arguments, code, message):
    (tmp_path / "notes.txt").write_text("my notes")
    home = tmp_path / "prefect-home"
    values = {"tmp": str(tmp_path), "seed": str(fixtures_dir / "demo" / "seed.txt")}
    result = subprocess.run(
        [BIBLIODUCK, "ingest", *(argument.format(**values) for argument in arguments)],
        capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "PREFECT_HOME": str(home)},
    )
    assert result.returncode == code, result.stderr
    assert message in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "Traceback" not in result.stderr
    assert not home.exists()  # no Prefect server was started for it
    assert (tmp_path / "notes.txt").read_text() == "my notes"


def test_no_prefect_api_exits_4_with_one_line(tmp_path, fixtures_dir):
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    env = {**os.environ, "PREFECT_HOME": str(not_a_folder / "home"), "BIBLIODUCK_PREFECT_PORT": "9"}
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(fixtures_dir / "demo" / "seed.txt"), "--db", str(tmp_path / "w.duckdb")],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )
    assert result.returncode == 4, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: cannot use")
    assert "Traceback" not in result.stderr


def test_prefects_own_ephemeral_mode_runs_without_a_server_of_ours(tmp_path, fixtures_dir):
    home = tmp_path / "home"
    env = {**os.environ, "PREFECT_HOME": str(home), "BIBLIODUCK_PREFECT_SERVER": "ephemeral"}
    env.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(fixtures_dir / "demo" / "seed.txt"), "--db", str(tmp_path / "w.duckdb"), "--json"],
        capture_output=True, text=True, timeout=300, check=False, env=env,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pages_loaded"] == 1
    assert not (home / "biblioduck-ingest-server.log").exists()  # our temporary server never started


def test_a_folder_walk_names_the_files_it_skipped(tmp_path, fixtures_dir):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "notes.md").write_text("# my notes")
    (folder / ".hidden.txt").write_text("not even counted")
    result = subprocess.run(
        [BIBLIODUCK, "ingest", str(folder), "--db", str(tmp_path / "w.duckdb")],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 2  # nothing usable is left
    assert "note: skipped 1 file (not .html/.htm/.txt): notes.md" in result.stderr
