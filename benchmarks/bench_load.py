"""Load throughput of the product path against the floor of a bare Arrow INSERT.

    .venv/bin/python benchmarks/bench_load.py [--papers 125000 --authorships 1000000 --pages-per-batch 2000
                                               --repeat 3]

Generates synthetic listing pages directly as Arrow batches (the StagedBatch shape load_pages builds from
ListingPage objects) and loads them batch by batch through warehouse.load_staged into a fresh file. Beside
it, in the same run, two floors insert the same rows with a bare `INSERT INTO t SELECT * FROM arrow_table`
into an empty file:

  floor (parsed rows): the rows as the parser gives them, one per paper and one per authorship with the
                       author's name, homonym and raw text and the page's source (the floor of earlier runs);
  floor (staged rows): the product's own staged tables, where authorships are four integers pointing at
                       the batch's distinct author forms: a stricter floor, since that encoding is part of
                       what makes the product fast.

All timings include the checkpoint (the disk write): the product path checkpoints as it closes the file
after every batch, the floors run an explicit CHECKPOINT before closing. Each phase runs --repeat times,
interleaved, and the medians are printed: wall seconds, rows/s (papers + authorship rows), process CPU
seconds (steadier than wall time on a shared machine), the ratios product/floor, and the peak RSS of each
phase (VmHWM, reset before the phase; the generated batches, held throughout, are the baseline).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import resource
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from warehouse import load_staged
from warehouse.staging import (
    AUTHORSHIPS_SCHEMA,
    FORMS_SCHEMA,
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
        # page_index numbers the batch's pages in source order; zero-padded ids keep that the numeric order
        page_index = (paper_ids // PAPERS_PER_PAGE - page_ids[0]).astype(np.int32)
        years = (2000 + paper_ids % 25).astype(np.int32)
        venue_ids = paper_ids % 40
        pages = pa.table(
            {
                "page_index": np.arange(len(page_ids), dtype=np.int32),
                "source": [f"https://example.org/cluster/{page_id:08d}" for page_id in page_ids],
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
                "paper_row": np.arange(len(paper_ids), dtype=np.int32),
                "page_index": page_index,
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
        # the distinct people of the batch are its author forms; authorships point at them by index
        batch_people, form_index = np.unique(person, return_inverse=True)
        people_names = [f"Person {p}" for p in batch_people]
        forms_table = pa.table(
            {
                "form_index": np.arange(len(batch_people), dtype=np.int32),
                "name": people_names,
                "homonym": pa.nulls(len(batch_people), pa.string()),
                "raw": people_names,
            },
            schema=FORMS_SCHEMA,
        )
        authorships_table = pa.table(
            {
                "paper_row": np.repeat(np.arange(len(paper_ids), dtype=np.int32), authors_per_paper),
                "page_index": np.repeat(page_index, authors_per_paper),
                "position": np.tile(np.arange(1, authors_per_paper + 1, dtype=np.int32), len(paper_ids)),
                "form_index": form_index.astype(np.int32),
            },
            schema=AUTHORSHIPS_SCHEMA,
        )
        batches.append(
            StagedBatch(
                raw_pages=RAW_PAGES_SCHEMA.empty_table(),
                pages=pages,
                papers=papers_table,
                forms=forms_table,
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


BATCH_SECONDS: list[list[float]] = []  # per product run, each batch's load time


def measure_product(db: Path, batches: list[StagedBatch]) -> tuple[float, float]:
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    batch_seconds = []
    for number, batch in enumerate(batches):
        batch_started = time.perf_counter()
        load_staged(db, f"bench-{number}", batch)  # opens, loads in one transaction, closes (checkpoint)
        batch_seconds.append(time.perf_counter() - batch_started)
    BATCH_SECONDS.append(batch_seconds)
    return time.perf_counter() - started, _cpu_seconds() - cpu_started


def parsed_rows(batch: StagedBatch) -> tuple[pa.Table, pa.Table]:
    """The batch's papers and authorships as the parser's flat rows: names inline, pages by source."""
    sources = batch.pages.column("source")
    papers = batch.papers.drop(["paper_row", "page_index"]).add_column(
        0, "source", pc.take(sources, batch.papers.column("page_index"))
    )
    forms = batch.forms.column("form_index")
    form_rows = pc.index_in(batch.authorships.column("form_index"), value_set=forms)
    listing = pc.take(batch.papers.column("position"), batch.authorships.column("paper_row"))
    authorships = pa.table(
        {
            "source": pc.take(sources, batch.authorships.column("page_index")),
            "listing_index": listing,
            "position": batch.authorships.column("position"),
            "name": pc.take(batch.forms.column("name"), form_rows),
            "homonym": pc.take(batch.forms.column("homonym"), form_rows),
            "raw": pc.take(batch.forms.column("raw"), form_rows),
        }
    )
    return papers, authorships


def measure_floor(db: Path, tables_per_batch: list[dict[str, pa.Table]]) -> tuple[float, float]:
    # The floor deliberately bypasses the warehouse: it is what DuckDB alone can do with these rows.
    import duckdb

    started, cpu_started = time.perf_counter(), _cpu_seconds()
    connection = duckdb.connect(str(db))
    for name, table in tables_per_batch[0].items():
        connection.register(f"{name}_batch", table)
        connection.execute(f"CREATE TABLE floor_{name} AS SELECT * FROM {name}_batch LIMIT 0")
    for tables in tables_per_batch:
        for name, table in tables.items():
            connection.register(f"{name}_batch", table)
        connection.execute("BEGIN TRANSACTION")
        for name in tables:
            connection.execute(f"INSERT INTO floor_{name} SELECT * FROM {name}_batch")
        connection.execute("COMMIT")
    connection.execute("CHECKPOINT")
    connection.close()
    return time.perf_counter() - started, _cpu_seconds() - cpu_started


@dataclass
class Phase:
    label: str
    run: Callable[[Path], tuple[float, float]]
    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_rss: list[float] = field(default_factory=list)

    def measure(self, db: Path) -> None:
        db.unlink(missing_ok=True)
        Path(f"{db}.wal").unlink(missing_ok=True)
        # the previous phase's file may still be going to disk: let it, so its writes do not slow this one
        os.sync()
        gc.collect()
        _reset_peak_rss()
        seconds, cpu = self.run(db)
        self.peak_rss.append(_peak_rss_mib())
        self.seconds.append(seconds)
        self.cpu.append(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--papers", type=int, default=125_000)
    parser.add_argument("--authorships", type=int, default=1_000_000)
    parser.add_argument("--pages-per-batch", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/out"))
    args = parser.parse_args()

    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    generating = time.perf_counter()
    batches = generate_batches(args.papers, args.authorships, args.pages_per_batch)
    paper_rows = sum(batch.papers.num_rows for batch in batches)
    authorship_rows = sum(batch.authorships.num_rows for batch in batches)
    rows = paper_rows + authorship_rows
    parsed = [dict(zip(("papers", "authorships"), parsed_rows(batch), strict=True)) for batch in batches]
    staged = [{"papers": b.papers, "forms": b.forms, "authorships": b.authorships} for b in batches]
    # The floors insert each table as one record batch: slicing it as the product does for its scans
    # made the bare insert slower here (2.09 s against 1.66 s for the parsed rows).
    print(
        f"generated {sum(b.pages.num_rows for b in batches):,} pages in {len(batches)} batches: "
        f"{paper_rows:,} papers, {authorship_rows:,} authorships ({time.perf_counter() - generating:.1f} s)"
    )
    print(f"batch size: {args.pages_per_batch:,} pages = {PAPERS_PER_PAGE * args.pages_per_batch:,} papers per batch")
    baseline_rss = _peak_rss_mib()

    phases = [
        Phase("floor (parsed rows)", lambda db: measure_floor(db, parsed)),
        Phase("floor (staged rows)", lambda db: measure_floor(db, staged)),
        Phase("product (load_staged)", lambda db: measure_product(db, batches)),
    ]
    for _ in range(args.repeat):
        for number, phase in enumerate(phases):
            phase.measure(args.out / f"phase-{number}.duckdb")

    import duckdb

    check = duckdb.connect(str(args.out / f"phase-{len(phases) - 1}.duckdb"), read_only=True)
    loaded = check.execute("SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM paper_authors)").fetchone()
    check.close()

    print(f"medians of {args.repeat} interleaved runs, checkpoint included:")
    for phase in phases:
        seconds, cpu = statistics.median(phase.seconds), statistics.median(phase.cpu)
        print(
            f"  {phase.label:22} {seconds:6.2f} s {rows / seconds:12,.0f} rows/s  cpu {cpu:5.2f} s"
            f"  peak RSS {statistics.median(phase.peak_rss):,.0f} MiB"
        )
    product = phases[-1]
    for floor in phases[:-1]:
        wall = statistics.median(f / p for f, p in zip(floor.seconds, product.seconds, strict=True))
        cpu = statistics.median(f / p for f, p in zip(floor.cpu, product.cpu, strict=True))
        print(f"ratio product/{floor.label}: {wall:.3f} wall, {cpu:.3f} cpu  (target >= 0.5)")
    print(f"loaded: {loaded[0]:,} papers, {loaded[1]:,} paper_authors rows")
    # a batch's cost should follow the batch, not the warehouse it lands in
    per_batch = [statistics.median(run[number] for run in BATCH_SECONDS) for number in range(len(batches))]
    print("product seconds per batch, in load order (medians): " + " ".join(f"{s:.2f}" for s in per_batch))
    print(f"RSS with the generated batches held, before any phase: {baseline_rss:,.0f} MiB")
    report_reads(args.out / f"phase-{len(phases) - 1}.duckdb")


READS = {
    **{name: f"SELECT * FROM {name}" for name in ("papers", "paper_authors", "authors", "cluster_papers")},
    # the marts are tables an ingest refreshes (benchmarks/bench_marts.py reads them); here their live views
    **{name: f"SELECT * FROM {name}_live" for name in ("author_stats", "coauthor_pairs", "papers_per_venue_year")},
    # point lookups by a text key, the everyday ad hoc query; {author_key} and {paper_key} are literals
    "one author's papers": "SELECT * FROM paper_authors WHERE author_key = '{author_key}'",
    "one author": "SELECT * FROM authors WHERE author_key = '{author_key}'",
    "one paper": "SELECT * FROM papers WHERE paper_key = '{paper_key}'",
    "one paper's authors": "SELECT * FROM paper_authors WHERE paper_key = '{paper_key}'",
}


def report_reads(db: Path) -> None:
    """What the views cost a reader of the loaded file: every row fetched as Arrow, best of 3."""
    import duckdb

    connection = duckdb.connect(str(db), read_only=True)
    keys = connection.execute(
        "SELECT (SELECT max(author_key) FROM author_forms), (SELECT max(paper_key) FROM paper_choice)"
    ).fetchall()[0]
    print("reads of the loaded warehouse (views computed at query time), best of 3:")
    for label, template in READS.items():
        query = template.format(author_key=keys[0], paper_key=keys[1])
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            fetched = connection.sql(query).to_arrow_table().num_rows
            timings.append(time.perf_counter() - started)
        print(f"  {label:24} {fetched:>10,} rows {min(timings):6.2f} s")
    connection.close()


if __name__ == "__main__":
    main()
