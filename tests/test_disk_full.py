"""A full disk during an ingest: exit 3, one line naming the warehouse and the disk, committed pages kept.

Runs on a real tmpfs small enough to fill (CI runs as root, so it can mount one)."""

from __future__ import annotations

import random
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import warehouse
from tests.helpers import BIBLIODUCK
from tests.pagegen import random_spec, render_text

PAGES = 200
pytestmark = pytest.mark.reliability


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=9m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def make_pages(folder: Path, count: int, seed: int = 11) -> Path:
    folder.mkdir()
    rng = random.Random(seed)
    for index in range(count):
        (folder / f"page{index:04d}.txt").write_text(render_text(random_spec(rng)), encoding="utf-8")
    return folder


def ingest(pages: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BIBLIODUCK, "ingest", str(pages), "--db", str(db), "--batch-size", "20", "--drift-min-pages", "100000"],
        capture_output=True, text=True,
    )


def test_a_full_disk_exits_3_with_one_line_and_keeps_committed_pages(tmp_path: Path, small_disk: Path) -> None:
    pages = make_pages(tmp_path / "pages", PAGES)
    db = small_disk / "w.duckdb"

    result = ingest(pages, db)

    assert result.returncode == 3, result.stdout + result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr
    assert str(db) in errors[0] and f"mounted at {small_disk}" in errors[0] and "is full" in errors[0]
    assert "Traceback" not in result.stdout + result.stderr
    _, [(loaded,)] = warehouse.run_query(db, "SELECT count(*) FROM loaded_pages")
    assert 0 < loaded < PAGES
    _, [(papers,)] = warehouse.run_query(db, "SELECT count(*) FROM papers")
    assert papers > 0

    # with room again, the next run loads the rest and closes the record of the one the disk stopped
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = ingest(pages, db)
    assert again.returncode == 0, again.stdout + again.stderr
    _, [(loaded_after,)] = warehouse.run_query(db, "SELECT count(*) FROM loaded_pages")
    assert loaded_after == PAGES
    _, statuses = warehouse.run_query(db, "SELECT status FROM ingest_runs ORDER BY started_at")
    assert [status for (status,) in statuses][-1] == "succeeded"
    assert next(status for (status,) in statuses) in ("failed", "crashed")
