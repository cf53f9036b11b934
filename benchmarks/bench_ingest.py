"""End-to-end ingest of generated pages, from disk and from a loopback HTTP server, against
parse-plus-load alone with no orchestration, all measured in the same run.

    .venv/bin/python benchmarks/bench_ingest.py [--pages 2000]

Reports process wall time of `biblioduck ingest` runs, the Prefect fixed cost (a one-page ingest),
the busy time of each stage, and the ratios the issue sets targets for:
  - end-to-end from disk beyond the fixed cost >= 0.5x the speed of parsing the same pages alone
    (and, for reference, against parse-plus-load with no orchestration);
  - a re-run with nothing changed: time beyond the fixed cost < 10% of the first run's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import warehouse  # noqa: E402
from flows.acquire.batch import read_file  # noqa: E402
from flows.acquire.sources import expand_sources  # noqa: E402
from flows.local_server import free_port, port_answers  # noqa: E402
from flows.parse.batch import parse_batch  # noqa: E402
from tests.pagegen import MARKUPS, random_spec, render_html, render_text  # noqa: E402

BIBLIODUCK = str(Path(sys.executable).parent / "biblioduck")
BATCH = 500  # the ingest default


def generate(folder: Path, count: int, seed: int = 11) -> None:
    """Pages of a shared pool of clusters, so papers recur across pages as on the real site."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    for index in range(count):
        spec = random_spec(rng, papers=rng.randint(8, 16))
        markup = ("text", *MARKUPS)[index % (len(MARKUPS) + 1)]
        if markup == "text":
            (folder / f"page{index:05d}.txt").write_text(render_text(spec), encoding="utf-8")
        else:
            (folder / f"page{index:05d}.html").write_bytes(render_html(spec, markup))


def parse_plus_load(folder: Path, db: Path, *, resolve_identity: bool = True) -> float:
    """The same work with no orchestration: read, parse, load in batches, one process, one thread.

    Without resolve_identity, persons are left unresolved: the difference is what resolution adds to
    loading pages of this shape (names drawn from a shared pool, so name blocks are large)."""
    sources = expand_sources([str(folder)]).sources
    started = time.perf_counter()
    run_id = "baseline"
    warehouse.start_run(db, run_id, datetime.now(UTC))
    for start in range(0, len(sources), BATCH):
        raws = [read_file(source).raw for source in sources[start : start + BATCH]]
        parsed = parse_batch(raws)
        by_source = {raw.source: raw for raw in raws}
        warehouse.load_pages(
            db, run_id, [(by_source[ref.source], page) for ref, page in parsed.pages], resolve_identity=resolve_identity
        )
    return time.perf_counter() - started


def parse_alone(folder: Path) -> float:
    """Only the parse of the same pages, read beforehand: the floor the issue sets the ingest against."""
    raws = [read_file(source).raw for source in expand_sources([str(folder)]).sources]
    started = time.perf_counter()
    for start in range(0, len(raws), BATCH):
        parse_batch(raws[start : start + BATCH])
    return time.perf_counter() - started


def ingest(args: list[str], env: dict[str, str]) -> tuple[float, dict]:
    started = time.perf_counter()
    result = subprocess.run(
        [BIBLIODUCK, "ingest", *args, "--json", "--no-fail-on-reject"],
        capture_output=True, text=True, env=env, check=False,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"ingest failed ({result.returncode}):\n{result.stderr[-3000:]}")
    return elapsed, json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/out/ingest.json")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="biblioduck-bench-"))
    pages = work / "pages"
    generate(pages, args.pages)
    one = work / "one"
    one.mkdir()
    (one / "seed.txt").write_bytes((REPO / "fixtures/demo/seed.txt").read_bytes())
    env = {**os.environ, "PREFECT_HOME": os.environ.get("PREFECT_HOME", str(work / "prefect-home"))}
    env.pop("PREFECT_API_URL", None)

    ingest([str(one), "--db", str(work / "warmup.duckdb")], env)  # migrate Prefect's database once
    fixed, _ = ingest([str(one), "--db", str(work / "fixed.duckdb")], env)
    parse_only = parse_alone(pages)
    baseline = parse_plus_load(pages, work / "baseline.duckdb")
    unresolved = parse_plus_load(pages, work / "unresolved.duckdb", resolve_identity=False)
    disk, disk_summary = ingest([str(pages), "--db", str(work / "disk.duckdb")], env)
    rerun, rerun_summary = ingest([str(pages), "--db", str(work / "disk.duckdb")], env)

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(pages)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if port_answers(port):
                break
            time.sleep(0.05)
        url_list = work / "urls.txt"
        url_list.write_text("".join(f"http://127.0.0.1:{port}/{p.name}\n" for p in sorted(pages.iterdir())))
        http, http_summary = ingest([f"@{url_list}", "--rate-limit", "0", "--db", str(work / "http.duckdb")], env)
    finally:
        server.terminate()
        server.wait()

    beyond = disk - fixed
    result = {
        "pages": args.pages,
        "fixed_cost_s": round(fixed, 2),
        "parse_alone_s": round(parse_only, 2),
        "parse_plus_load_s": round(baseline, 2),
        "parse_plus_load_without_identity_s": round(unresolved, 2),
        "disk_s": round(disk, 2),
        "disk_rerun_s": round(rerun, 2),
        "http_s": round(http, 2),
        "disk_pages_per_s": round(args.pages / disk, 1),
        "disk_pages_per_s_beyond_fixed": round(args.pages / beyond, 1),
        "parse_plus_load_pages_per_s": round(args.pages / baseline, 1),
        "http_pages_per_s": round(args.pages / http, 1),
        "ratio_disk_beyond_fixed_to_parse_plus_load": round(baseline / beyond, 3),
        "ratio_disk_beyond_fixed_to_parse_alone": round(parse_only / beyond, 3),
        "rerun_beyond_fixed_share": round((rerun - fixed) / beyond, 3),
        "disk_stage_seconds": disk_summary["stage_seconds"],
        "rerun_stage_seconds": rerun_summary["stage_seconds"],
        "http_stage_seconds": http_summary["stage_seconds"],
        "disk_loaded": disk_summary["pages_loaded"],
        "rerun_unchanged": rerun_summary["pages_unchanged"],
        "http_loaded": http_summary["pages_loaded"],
    }
    busy = sum(disk_summary["stage_seconds"].values())
    result["disk_orchestration_overhead_share"] = round(max(beyond - busy, 0) / disk, 3)
    print(json.dumps(result, indent=2))
    print(
        f"\nfrom disk: {result['disk_pages_per_s']} pages/s end to end, "
        f"{result['disk_pages_per_s_beyond_fixed']} beyond the {fixed:.1f} s fixed cost; "
        f"parse+load alone {result['parse_plus_load_pages_per_s']} pages/s "
        f"-> ratio {result['ratio_disk_beyond_fixed_to_parse_plus_load']}; "
        f"parse alone {round(args.pages / parse_only, 1)} pages/s "
        f"-> ratio {result['ratio_disk_beyond_fixed_to_parse_alone']} (target >= 0.5)"
    )
    print(f"identity resolution in parse-plus-load: {baseline - unresolved:.2f} s "
          f"({baseline:.2f} s with it, {unresolved:.2f} s without)")
    print(f"re-run, nothing changed: {rerun - fixed:.2f} s beyond fixed = "
          f"{100 * result['rerun_beyond_fixed_share']:.1f}% of the first run's (target < 10%)")
    print(f"from loopback HTTP (rate limit off): {result['http_pages_per_s']} pages/s end to end")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
