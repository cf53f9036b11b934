"""Prefect's fixed cost: process wall time of a warm one-page `biblioduck ingest`, per setup.

    .venv/bin/python benchmarks/bench_prefect_startup.py [--repeats 3]

Setups, measured in the same run, each with its own fresh PREFECT_HOME: the first run is the
cold start (Prefect migrates its database), then the median of the warm repeats:
  ephemeral, untuned   Prefect's ephemeral mode with Prefect's defaults (the baseline)
  ephemeral, tuned     + no heartbeat thread, analytics and block registration off
  temporary server     biblioduck's default: `prefect server start --no-services` launched first
                       thing, so it boots while the CLI imports Prefect; queues drained before stop
  running server       a local server already running on 127.0.0.1:4200 is reused
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def one_page_ingest(env: dict[str, str], db: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BIN / "biblioduck"), "ingest", str(REPO / "fixtures/demo/seed.txt"), "--db", str(db), "--json"],
        env=env, check=True, capture_output=True,
    )
    return time.perf_counter() - started


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def measure(label: str, env: dict[str, str], work: Path, repeats: int) -> dict:
    slug = label.replace(" ", "-").replace(",", "")
    env = {**env, "PREFECT_HOME": str(work / f"home-{slug}")}
    db = work / f"{slug}.duckdb"
    cold = one_page_ingest(env, db)
    times = [one_page_ingest(env, db) for _ in range(repeats)]
    return {
        "setup": label,
        "cold_s": round(cold, 2),
        "median_s": round(statistics.median(times), 2),
        "runs_s": [round(t, 2) for t in times],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks/out/prefect_startup.json")
    args = parser.parse_args()
    if healthy("http://127.0.0.1:4200/api/health"):
        raise SystemExit("something already answers on 127.0.0.1:4200; stop it so the setups are comparable")

    work = Path(tempfile.mkdtemp(prefix="biblioduck-startup-"))
    base = {**os.environ, "PREFECT_HOME": str(work / "prefect-home")}
    base.pop("PREFECT_API_URL", None)
    rows = [
        measure("ephemeral, untuned", {**base, "BIBLIODUCK_PREFECT_SERVER": "ephemeral",
                                       "BIBLIODUCK_PREFECT_TUNING": "off"}, work, args.repeats),
        measure("ephemeral, tuned", {**base, "BIBLIODUCK_PREFECT_SERVER": "ephemeral"}, work, args.repeats),
        measure("temporary server", base, work, args.repeats),
    ]
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", "4200", "--no-services"],
        env={**base, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not healthy("http://127.0.0.1:4200/api/health"):
            if time.monotonic() > deadline:
                raise SystemExit("the local Prefect server did not start")
            time.sleep(0.2)
        rows.append(measure("running server", base, work, args.repeats))
    finally:
        server.terminate()
        server.wait(timeout=30)

    baseline = rows[0]["median_s"]
    for row in rows:
        row["ratio_to_baseline"] = round(row["median_s"] / baseline, 2)
        print(
            f"{row['setup']:<20} warm {row['median_s']:>6.2f} s ({row['ratio_to_baseline']:.2f}x)"
            f"  cold {row['cold_s']:>6.2f} s  warm runs {row['runs_s']}"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
