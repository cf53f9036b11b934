"""Load throughput of the product path against the floor of a bare Arrow INSERT.

    .venv/bin/python benchmarks/bench_load.py [--papers 125000 --authorships 1000000 --pages-per-batch 2000]

Generates synthetic listing pages directly as Arrow batches (the StagedBatch shape load_pages builds from
ListingPage objects), loads them batch by batch through warehouse.load_staged into a fresh file, then
inserts the same paper and authorship rows with a bare `INSERT INTO t SELECT * FROM arrow_table` into an
empty file. Both timings include the checkpoint (the disk write): the product path checkpoints as it
closes the file after every batch, the floor runs an explicit CHECKPOINT before closing.

Prints, for both: wall seconds, rows/s (papers + authorship rows), process CPU seconds (steadier than wall
time on a shared machine), the ratio product/floor, the batch size, and the peak RSS of each phase
(VmHWM, reset before the phase; the generated batches, held for both phases, are the baseline).
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warehouse import load_staged
from warehouse.staging import (
    AUTHORSHIPS_SCHEMA,
    PAGES_SCHEMA,
    PAPERS_SCHEMA,
    PROBLEMS_SCHEMA,
    RAW_PAGES_SCHEMA,
    StagedBatch,
)

PAPERS_PER_PAGE = 25
FETCHED_AT = datetime(2025, 3, 1, tzinfo=UTC)


def generate_batches(papers: int, authorships: int, pages_per_batch: int, seed: int = 7) -> list[StagedBatch]:
    """Pages of PAPERS_PER_PAGE papers each, every paper with authorships // papers authors drawn from a
    pool of papers // 2 people, so authors recur across papers and pages as they do on the site."""
    rng = np.random.default_rng(seed)
    authors_per_paper = max(1, authorships // papers)
    people = max(authors_per_paper * 2, papers // 2)
    page_count = -(-papers // PAPERS_PER_PAGE)
    batches: list[StagedBatch] = []
    for first_page in range(0, page_count, pages_per_batch):
        page_ids = np.arange(first_page, min(first_page + pages_per_batch, page_count))
        paper_ids = np.arange(page_ids[0] * PAPERS_PER_PAGE, min((page_ids[-1] + 1) * PAPERS_PER_PAGE, papers))
        paper_page = paper_ids // PAPERS_PER_PAGE
        sources = [f"https://example.org/cluster/{page_id}" for page_id in page_ids]
        paper_sources = [f"https://example.org/cluster/{page_id}" for page_id in paper_page]
        years = (2000 + paper_ids % 25).astype(np.int32)
        venue_ids = paper_ids % 40
        pages = pa.table(
            {
                "source": sources,
                "sha256": [f"{page_id:064x}" for page_id in page_ids],
                "cluster_name": [f"Person {page_id * 7 % people}" for page_id in page_ids],
                "declared_papers": np.full(len(page_ids), PAPERS_PER_PAGE, dtype=np.int32),
                "declared_author_rows": np.ones(len(page_ids), dtype=np.int32),
                "fetched_at": pa.array([FETCHED_AT] * len(page_ids), type=PAGES_SCHEMA.field("fetched_at").type),
            },
            schema=PAGES_SCHEMA,
        )
        papers_table = pa.table(
            {
                "source": paper_sources,
                "listing_index": (paper_ids % PAPERS_PER_PAGE).astype(np.int32),
                "position": (paper_ids % PAPERS_PER_PAGE + 1).astype(np.int32),
                "venue_line": [
                    f"VENUE{v} Conference {y} Conference Paper" for v, y in zip(venue_ids, years, strict=True)
                ],
                "venue": [f"VENUE{v}" for v in venue_ids],
                "venue_kind": ["Conference"] * len(paper_ids),
                "year": years,
                "publication_type": ["Conference Paper"] * len(paper_ids),
                "title": [f"A study of synthetic topic number {paper_id}" for paper_id in paper_ids],
                "abstract": [f"We study topic {paper_id} at some length. " * 8 for paper_id in paper_ids],
                "urls": [[f"https://example.org/paper/{paper_id}"] for paper_id in paper_ids],
                "author_count": np.full(len(paper_ids), authors_per_paper, dtype=np.int32),
                "authors_capped": np.full(len(paper_ids), authors_per_paper == 8),
            },
            schema=PAPERS_SCHEMA,
        )
        author_paper = np.repeat(paper_ids, authors_per_paper)
        person = rng.integers(0, people, size=len(author_paper))
        # the cluster's own person is shown on 9 of 10 of its papers; the rest imply an inferred authorship
        cluster_person = (author_paper // PAPERS_PER_PAGE) * 7 % people
        shows_cluster = (author_paper % 10 != 0) & (
            np.tile(np.arange(authors_per_paper), len(paper_ids)) == author_paper % authors_per_paper
        )
        person = np.where(shows_cluster, cluster_person, person)
        author_names = [f"Person {p}" for p in person]
        authorships_table = pa.table(
            {
                "source": np.repeat(np.array(paper_sources, dtype=object), authors_per_paper).tolist(),
                "listing_index": (author_paper % PAPERS_PER_PAGE).astype(np.int32),
                "position": np.tile(np.arange(1, authors_per_paper + 1, dtype=np.int32), len(paper_ids)),
                "name": author_names,
                "homonym": pa.nulls(len(author_paper), pa.string()),
                "raw": author_names,
            },
            schema=AUTHORSHIPS_SCHEMA,
        )
        batches.append(
            StagedBatch(
                raw_pages=RAW_PAGES_SCHEMA.empty_table(),
                pages=pages,
                papers=papers_table,
                authorships=authorships_table,
                problems=PROBLEMS_SCHEMA.empty_table(),
            )
        )
    return batches


def _reset_peak_rss() -> None:
    # Linux: writing 5 to clear_refs resets VmHWM, so each phase reports its own peak
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_rss_mib() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure_product(db: Path, batches: list[StagedBatch]) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    for number, batch in enumerate(batches):
        load_staged(db, f"bench-{number}", batch)  # opens, loads in one transaction, closes (checkpoint)
    return time.perf_counter() - started, _cpu_seconds() - cpu_started


def measure_floor(db: Path, batches: list[StagedBatch]) -> tuple[float, float]:
    # The floor deliberately bypasses the warehouse: it is what DuckDB alone can do with these rows.
    import duckdb

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    connection = duckdb.connect(str(db))
    first = batches[0]
    connection.register("papers_batch", first.papers)
    connection.register("authorships_batch", first.authorships)
    connection.execute("CREATE TABLE floor_papers AS SELECT * FROM papers_batch LIMIT 0")
    connection.execute("CREATE TABLE floor_authorships AS SELECT * FROM authorships_batch LIMIT 0")
    for batch in batches:
        connection.register("papers_batch", batch.papers)
        connection.register("authorships_batch", batch.authorships)
        connection.execute("BEGIN TRANSACTION")
        connection.execute("INSERT INTO floor_papers SELECT * FROM papers_batch")
        connection.execute("INSERT INTO floor_authorships SELECT * FROM authorships_batch")
        connection.execute("COMMIT")
    connection.execute("CHECKPOINT")
    connection.close()
    return time.perf_counter() - started, _cpu_seconds() - cpu_started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=125_000)
    parser.add_argument("--authorships", type=int, default=1_000_000)
    parser.add_argument("--pages-per-batch", type=int, default=2_000)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"))
    args = parser.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    generating = time.perf_counter()
    batches = generate_batches(args.papers, args.authorships, args.pages_per_batch)
    paper_rows = sum(batch.papers.num_rows for batch in batches)
    authorship_rows = sum(batch.authorships.num_rows for batch in batches)
    rows = paper_rows + authorship_rows
    print(
        f"generated {sum(b.pages.num_rows for b in batches):,} pages in {len(batches)} batches: "
        f"{paper_rows:,} papers, {authorship_rows:,} authorships ({time.perf_counter() - generating:.1f} s)"
    )

    print(f"batch size: {args.pages_per_batch:,} pages = {PAPERS_PER_PAGE * args.pages_per_batch:,} papers per batch")
    baseline_rss = _peak_rss_mib()
    _reset_peak_rss()
    floor_seconds, floor_cpu = measure_floor(args.out / "floor.duckdb", batches)
    floor_rss = _peak_rss_mib()
    _reset_peak_rss()
    product_seconds, product_cpu = measure_product(args.out / "product.duckdb", batches)
    product_rss = _peak_rss_mib()

    import duckdb

    check = duckdb.connect(str(args.out / "product.duckdb"), read_only=True)
    loaded = check.execute("SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM paper_authors)").fetchone()
    check.close()
    floor_rate = rows / floor_seconds
    product_rate = rows / product_seconds
    print(
        f"floor   (bare Arrow INSERT + CHECKPOINT): {floor_seconds:7.2f} s  {floor_rate:13,.0f} rows/s"
        f"  cpu {floor_cpu:6.2f} s  peak RSS {floor_rss:,.0f} MiB"
    )
    print(
        f"product (load_staged + checkpoint/batch): {product_seconds:7.2f} s  {product_rate:13,.0f} rows/s"
        f"  cpu {product_cpu:6.2f} s  peak RSS {product_rss:,.0f} MiB"
    )
    print(
        f"ratio product/floor: {product_rate / floor_rate:.3f} wall, {floor_cpu / product_cpu:.3f} cpu  (target >= 0.5)"
    )
    print(f"loaded: {loaded[0]:,} papers, {loaded[1]:,} paper_authors rows")
    print(f"RSS with the generated batches held, before either phase: {baseline_rss:,.0f} MiB")


if __name__ == "__main__":
    main()
