"""The reliability suite (`make reliability`; also part of `make test` with fewer trials).

What it proves, each with real processes, real DuckDB files and a real Prefect server:
- kill -9 at a random point of a multi-batch ingest, then a re-run, ends with exactly the tables of a
  clean load; the killed run is marked crashed in ingest_runs and its flow run Crashed in Prefect;
- kill -9 during an export leaves the folder holding one whole snapshot, never a mix;
- two writers at once both finish, and the result is the clean load of both page sets;
- readers during a write always see a consistent warehouse (every data test passes on each read);
- random page sets, loaded in any batching, pass every data test and give the same tables (fuzz);
- a full disk (tests/test_disk_full.py) ends in one line, keeping what was committed.

BIBLIODUCK_RELIABILITY_TRIALS sets the number of kill trials (default 10, as CI runs it).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warehouse
from flows.local_server import free_port, local_prefect_server
from tests.helpers import BIBLIODUCK
from tests.pagegen import random_spec, render_text
from tests.warehouse_factories import FETCHED_AT, RUN_BOOKKEEPING, load, page, paper, snapshot

pytestmark = pytest.mark.reliability

TRIALS = int(os.environ.get("BIBLIODUCK_RELIABILITY_TRIALS", "10"))
PAGES = 40
BATCH = "4"  # 10 batches: most kill points fall between or inside batch commits
# Columns that differ between two loads of the same pages: when the files were read, which run did it.
VOLATILE = frozenset({"run_id", "fetched_at", "first_seen", "last_seen", "rejected_at", "applied_at"})


def make_pages(folder: Path, count: int, seed: int) -> Path:
    folder.mkdir(parents=True)
    rng = random.Random(seed)
    for index in range(count):
        (folder / f"page{index:04d}.txt").write_text(render_text(random_spec(rng)), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def prefect_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    """A Prefect server that outlives each ingest, as `biblioduck serve` or a shared server does."""
    home = tmp_path_factory.mktemp("prefect-server")
    with local_prefect_server(home, free_port()) as url:
        yield {**os.environ, "PREFECT_API_URL": url}


def ingest(env: dict[str, str], db: Path, *sources: Path, wait: bool = True) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [BIBLIODUCK, "ingest", *map(str, sources), "--db", str(db), "--batch-size", BATCH, "--json",
         "--drift-min-pages", "100000"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    if wait:
        process.wait()
    return process


def finished(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate()
    return process.returncode, out, err


def tables(db: Path) -> dict[str, list]:
    return snapshot(db, drop_columns=VOLATILE, skip=(*RUN_BOOKKEEPING, "schema_version"))


def all_data_tests_pass(db: Path) -> bool:
    return all(result.passed for result in warehouse.check_warehouse(db))


@pytest.fixture(scope="module")
def clean(tmp_path_factory, prefect_env) -> tuple[Path, dict[str, list], float]:
    folder = tmp_path_factory.mktemp("clean")
    pages = make_pages(folder / "pages", PAGES, seed=5)
    db = folder / "clean.duckdb"
    started = time.monotonic()
    code, _, err = finished(ingest(prefect_env, db, pages, wait=False))
    assert code == 0, err
    return pages, tables(db), time.monotonic() - started


def test_kill_9_at_random_points_then_rerun_equals_a_clean_load(tmp_path, prefect_env, clean) -> None:
    pages, expected, clean_seconds = clean
    rng = random.Random(int(os.environ.get("BIBLIODUCK_RELIABILITY_SEED", "20261201")))
    outcomes: list[str] = []
    for trial in range(TRIALS):
        db = tmp_path / f"trial{trial}.duckdb"
        victim = ingest(prefect_env, db, pages, wait=False)
        time.sleep(rng.uniform(0.2, clean_seconds))  # a random point of the run; not an assertion
        victim.send_signal(signal.SIGKILL)
        victim.communicate()
        outcomes.append("finished before the kill" if victim.returncode == 0 else "killed")

        code, _out, err = finished(ingest(prefect_env, db, pages, wait=False))
        assert code == 0, f"trial {trial}: {err}"
        assert tables(db) == expected, f"trial {trial} differs from the clean load"
        assert all_data_tests_pass(db)
        _, runs = warehouse.run_query(db, "SELECT run_id, status FROM ingest_runs")
        statuses = {status for _, status in runs}
        assert "running" not in statuses, f"trial {trial}: {runs}"
        if victim.returncode != 0:
            assert statuses <= {"crashed", "succeeded"}
            _assert_prefect_closed([run_id for run_id, status in runs if status == "crashed"], prefect_env)
    print(f"kill -9 trials: {TRIALS}, {outcomes.count('killed')} killed mid-run, all re-runs equal the clean load")


def _assert_prefect_closed(run_ids: list[str], env: dict[str, str]) -> None:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: env["PREFECT_API_URL"]}), get_client(sync_client=True) as client:
        for run_id in run_ids:
            try:
                state = client.read_flow_run(run_id).state
            except Exception:  # killed before its flow run was created: nothing to close
                continue
            assert state is not None and not state.is_running(), f"flow run {run_id} still {state}"


def export(db: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [BIBLIODUCK, "export", "--parquet", str(out), "--db", str(db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def folder_counts(out: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    return {path.stem: pq.read_metadata(path).num_rows for path in sorted(out.glob("*.parquet"))}


def test_kill_9_during_export_leaves_one_whole_snapshot(tmp_path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run-a", page("a", "Ann Lee", [paper("First", ["Ann Lee"])]))
    out = tmp_path / "snapshots"
    code, _, err = finished(export(db, out))
    assert code == 0, err
    first = folder_counts(out)
    load(db, "run-b", page("b", "Bo Chen", [paper("Second", ["Bo Chen", "Ann Lee"])]))
    second_db = tmp_path / "second.duckdb"
    shutil.copy(db, second_db)
    second_out = tmp_path / "second"
    assert finished(export(second_db, second_out))[0] == 0
    second = folder_counts(second_out)
    assert first != second

    rng = random.Random(7)
    for _ in range(TRIALS):
        victim = export(db, out)
        time.sleep(rng.uniform(0.0, 2.0))
        victim.send_signal(signal.SIGKILL)
        victim.communicate()
        assert folder_counts(out) in (first, second)  # never a mix of the two
        assert not list(out.glob(".*"))
    assert finished(export(db, out))[0] == 0
    assert folder_counts(out) == second
    assert [p.name for p in tmp_path.iterdir() if ".export-" in p.name] == []  # leftovers cleaned


def test_two_concurrent_writers(tmp_path, prefect_env) -> None:
    first = make_pages(tmp_path / "first", 16, seed=21)
    second = make_pages(tmp_path / "second", 16, seed=22)
    db, reference = tmp_path / "w.duckdb", tmp_path / "reference.duckdb"
    writers = [ingest(prefect_env, db, first, wait=False), ingest(prefect_env, db, second, wait=False)]
    results = [finished(writer) for writer in writers]
    assert [code for code, _, _ in results] == [0, 0], [err for _, _, err in results]
    assert sum(json.loads(out)["pages_loaded"] for _, out, _ in results) == 32
    code, _, err = finished(ingest(prefect_env, reference, first, second, wait=False))
    assert code == 0, err
    assert tables(db) == tables(reference)
    assert all_data_tests_pass(db)


def test_readers_during_a_write_see_consistent_states(tmp_path, prefect_env, clean) -> None:
    pages, _expected, _ = clean
    db = tmp_path / "w.duckdb"
    load(db, "seed", page("seed", "Ann Lee", [paper("Seed", ["Ann Lee"])]))
    writer = ingest(prefect_env, db, pages, wait=False)
    reads: list[bool] = []
    failures: list[str] = []

    def read_until_done() -> None:
        while writer.poll() is None:
            try:
                results = warehouse.check_warehouse(db, lock_timeout=120)
            except warehouse.WarehouseError as error:
                failures.append(str(error))
                return
            reads.append(all(result.passed for result in results))

    reader = threading.Thread(target=read_until_done)
    reader.start()
    code, _, err = finished(writer)
    reader.join()
    assert code == 0, err
    assert failures == []
    assert reads and all(reads)
    assert all_data_tests_pass(db)


page_specs = st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=8, unique=True)


@settings(max_examples=max(5, TRIALS), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seeds=page_specs, batch=st.integers(min_value=1, max_value=4), data=st.data())
def test_fuzz_any_batching_passes_the_data_tests_and_agrees(tmp_path_factory, seeds, batch, data) -> None:
    from parsers import parse_page
    from warehouse import RawPage, load_pages

    folder = tmp_path_factory.mktemp("fuzz")
    pages = []
    for seed in seeds:
        text = render_text(random_spec(random.Random(seed))).encode()
        # one fetch time for all: which page of a cluster is the latest is decided by fetch time
        raw = RawPage(source=f"page{seed}.txt", content=text, fetched_at=FETCHED_AT)
        pages.append((raw, parse_page(text, source=raw.source)))
    order = data.draw(st.permutations(pages))
    batched, whole = folder / "batched.duckdb", folder / "whole.duckdb"
    for start in range(0, len(order), batch):
        load_pages(batched, "fuzz", order[start:start + batch])  # every batch runs the data tests
    load_pages(whole, "fuzz", pages)
    assert all_data_tests_pass(batched)
    assert tables(batched) == tables(whole)
