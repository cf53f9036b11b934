"""Reading a mart table against computing its live view, and building the dashboard, on a large warehouse.

    .venv/bin/python benchmarks/bench_marts.py [--papers 125000 --authorships 1000000 --repeat 3]

Loads the synthetic pages of bench_load.py (125,000 papers, 1,000,000 authorships by default) into a
fresh file through warehouse.load_staged, then, in the same run:

  refresh:    warehouse.refresh_marts, every mart rebuilt in one transaction: what the end of an ingest
              that changed something costs;
  reads:      for every mart, all rows fetched as Arrow from the table (what a BI tool or the dashboard
              reads) beside the same rows computed by its live view <mart>_live (what every read cost
              when the marts were views), and the first 25 rows of each (a BI tool's first page), best
              of --repeat, on one read-only connection;
  dashboard:  flows.dashboard.build_dashboard: wall seconds and the file's size (the target: <= 3 MB).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_load import generate_batches

from flows.dashboard import build_dashboard
from warehouse import load_staged, read_dashboard_data, refresh_marts
from warehouse.marts import live_name, mart_names

MAX_DASHBOARD_BYTES = 3_000_000


def best_of(connection, query: str, repeat: int) -> tuple[int, float]:
    timings, rows = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        rows = connection.sql(query).to_arrow_table().num_rows
        timings.append(time.perf_counter() - started)
    return rows, min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=125_000)
    parser.add_argument("--authorships", type=int, default=1_000_000)
    parser.add_argument("--pages-per-batch", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out/marts"))
    args = parser.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    db = args.out / "marts.duckdb"
    batches = generate_batches(args.papers, args.authorships, args.pages_per_batch)
    started = time.perf_counter()
    for number, batch in enumerate(batches):
        load_staged(db, f"bench-{number}", batch, skip_loaded=False)
    print(f"loaded {args.papers:,} papers, {args.authorships:,} authorships in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    rebuilt = refresh_marts(db, run_id="bench-refresh")
    print(f"refresh: {len(rebuilt)} marts rebuilt in one transaction in {time.perf_counter() - started:.2f} s")

    import duckdb

    connection = duckdb.connect(str(db), read_only=True)
    print(f"reads, all rows as Arrow, best of {args.repeat}: mart table against its live view")
    print(
        f"  {'mart':24} {'rows':>10} {'table':>9} {'live view':>10} {'speed-up':>9}"
        f" {'25 rows: table':>15} {'live view':>10}"
    )
    try:
        for mart in mart_names():
            rows, table_seconds = best_of(connection, f"SELECT * FROM {mart}", args.repeat)
            live_rows, live_seconds = best_of(connection, f"SELECT * FROM {live_name(mart)}", args.repeat)
            assert rows == live_rows, (mart, rows, live_rows)
            _, table_page = best_of(connection, f"SELECT * FROM {mart} LIMIT 25", args.repeat)
            _, live_page = best_of(connection, f"SELECT * FROM {live_name(mart)} LIMIT 25", args.repeat)
            print(
                f"  {mart:24} {rows:>10,} {table_seconds * 1000:7.1f} ms {live_seconds * 1000:8.1f} ms"
                f" {live_seconds / max(table_seconds, 1e-9):8.0f}x {table_page * 1000:12.1f} ms"
                f" {live_page * 1000:8.1f} ms"
            )
    finally:
        connection.close()

    started = time.perf_counter()
    read_dashboard_data(db)
    print(f"the dashboard's queries over the marts (sql/dashboard/): {time.perf_counter() - started:.3f} s")
    build_dashboard(db, args.out / "warm-up.html")  # imports Altair, fills the vl-convert bundle cache
    built = build_dashboard(db, args.out / "dashboard.html")
    verdict = "within" if built.size_bytes <= MAX_DASHBOARD_BYTES else "OVER"
    print(
        f"dashboard: {built.path} built in {built.seconds:.2f} s, {built.size_bytes:,} bytes "
        f"({built.size_bytes / 1e6:.2f} MB, {verdict} the 3 MB target)"
    )


if __name__ == "__main__":
    main()
