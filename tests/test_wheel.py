"""A non-editable install works: the wheel carries sql/ as package data, and its `biblioduck` runs an ingest."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
import zipfile

from tests.helpers import REPO


def test_the_wheel_installs_into_a_fresh_venv_and_ingests(tmp_path):
    # the files of the tree as git sees them (tracked or new, nothing ignored): a build/ left over
    # from an earlier build must not leak files the tree no longer has into the wheel
    source = tmp_path / "source"
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO, check=True, capture_output=True, timeout=60,
    ).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        check=True, capture_output=True, timeout=600,
    )
    (wheel,) = dist.glob("biblioduck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {name for name in names if name.startswith("sql/") and name.endswith(".sql")}
    in_checkout = {path.relative_to(source).as_posix() for path in (source / "sql").rglob("*.sql")}
    assert shipped == in_checkout
    assert not any(name.startswith(("tests/", "fixtures/", "benchmarks/")) for name in names)

    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    subprocess.run([fresh / "bin" / "pip", "install", "-q", str(wheel)], check=True, capture_output=True, timeout=1200)
    work = tmp_path / "elsewhere"  # not the checkout: nothing may be read from it
    work.mkdir()
    seed = work / "seed.txt"
    seed.write_bytes((REPO / "fixtures" / "demo" / "seed.txt").read_bytes())
    biblioduck = str(fresh / "bin" / "biblioduck")
    ingest = subprocess.run(
        [biblioduck, "ingest", str(seed), "--db", "w.duckdb", "--json"],
        cwd=work, capture_output=True, text=True, timeout=600, check=False,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout)["papers_added"] == 10
    query = subprocess.run(
        [biblioduck, "sql", "SELECT count(*) AS n FROM author_stats", "--db", "w.duckdb", "--format", "csv"],
        cwd=work, capture_output=True, text=True, timeout=120, check=False,
    )
    assert query.returncode == 0, query.stderr
    located = subprocess.run(
        [fresh / "bin" / "python", "-c", "import warehouse.sqlfiles as s; print(s.SQL_DIR)"],
        cwd=work, capture_output=True, text=True, timeout=60, check=True,
    )
    assert str(fresh) in located.stdout  # read from the installed package, not from the checkout
