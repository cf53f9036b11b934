"""`biblioduck ingest` as a user runs it: the console script in a subprocess, with exit codes,
the summary table, and a progress bar when stderr is a terminal."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_cli_parse import BIBLIODUCK
from tests.test_parse_fixtures import DATA


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
    assert "ingest" in screen.decode("utf-8", "replace")  # the bar's label, drawn on the terminal
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
