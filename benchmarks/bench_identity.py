"""Identity resolution measured on the labelled set of benchmarks/identity_set.py.

    .venv/bin/python benchmarks/bench_identity.py [--labs 60 --seed 7 --repeat 3 --batch-pages 500]

Generates the set, parses its pages once, then loads them batch by batch (as an ingest does) into fresh
warehouse files, with identity resolution and without it, --repeat times interleaved (after one untimed
load of each kind, so neither pays the process's warm-up); the medians give the time resolution adds to
the load of the same pages. Each file is created (its migrations run) before the clock starts: that is
paid once per warehouse, not per load, and would hide part of what resolution costs. Then every mention
(page, paper position, author index) is looked up: its person as resolved, and, as the baseline measured
in the same run, its name key (normalized name plus dblp number, the identity before persons). Reported
per slice (all mentions; people who print more than one form: variants; people whose printed name
someone else prints too: homonyms): B-cubed precision, recall and F1, and pairwise precision, recall and
F1.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.identity_set import write_set
from parsers import parse_page
from warehouse import RawPage, load_pages, open_warehouse, run_query

MENTIONS = """
SELECT pages.source, listing.position, shown.position AS author_index, forms.author_id, persons.person_id
FROM listing_authors AS shown
JOIN page_listings AS listing ON listing.page_id = shown.page_id AND listing.paper_id = shown.paper_id
JOIN loaded_pages AS pages ON pages.page_id = shown.page_id
JOIN author_forms AS forms ON forms.form_id = shown.form_id
LEFT JOIN author_persons AS persons ON persons.author_id = forms.author_id
"""


SCORE_NAMES = ("b3_precision", "b3_recall", "b3_f1", "pair_precision", "pair_recall", "pair_f1")


def scores(predicted: list, truth: list) -> dict[str, float]:
    """B-cubed and pairwise precision, recall and F1 of one clustering of the same mentions."""
    both = Counter(zip(predicted, truth, strict=True))
    by_predicted, by_truth = Counter(predicted), Counter(truth)
    mentions = len(predicted)
    b3_p = sum(both[(p, t)] / by_predicted[p] for p, t in zip(predicted, truth, strict=True)) / mentions
    b3_r = sum(both[(p, t)] / by_truth[t] for p, t in zip(predicted, truth, strict=True)) / mentions
    same = sum(n * (n - 1) / 2 for n in both.values())
    predicted_pairs = sum(n * (n - 1) / 2 for n in by_predicted.values())
    true_pairs = sum(n * (n - 1) / 2 for n in by_truth.values())
    pw_p = same / predicted_pairs if predicted_pairs else 1.0
    pw_r = same / true_pairs if true_pairs else 1.0
    return {
        "b3_precision": b3_p, "b3_recall": b3_r, "b3_f1": _f1(b3_p, b3_r),
        "pair_precision": pw_p, "pair_recall": pw_r, "pair_f1": _f1(pw_p, pw_r),
    }


def slice_scores(predicted: list, truth: list, members: list[bool]) -> dict[str, float]:
    """B-cubed over a slice's mentions, each scored against the whole clustering; pairwise within the slice."""
    both = Counter(zip(predicted, truth, strict=True))
    by_predicted, by_truth = Counter(predicted), Counter(truth)
    chosen = [(p, t) for p, t, keep in zip(predicted, truth, members, strict=True) if keep]
    b3_p = sum(both[(p, t)] / by_predicted[p] for p, t in chosen) / len(chosen)
    b3_r = sum(both[(p, t)] / by_truth[t] for p, t in chosen) / len(chosen)
    pairwise = scores([p for p, _ in chosen], [t for _, t in chosen])
    return {"b3_precision": b3_p, "b3_recall": b3_r, "b3_f1": _f1(b3_p, b3_r),
            **{key: value for key, value in pairwise.items() if key.startswith("pair")}}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _batches(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load(db: Path, parsed: list, batch_pages: int, *, resolve: bool) -> tuple[float, float]:
    """Wall and process CPU seconds (DuckDB's threads included) of loading every batch into a new warehouse."""
    with open_warehouse(db, read_only=False):
        pass  # the schema, untimed
    started, cpu = time.perf_counter(), time.process_time()
    for number, batch in enumerate(_batches(parsed, batch_pages)):
        load_pages(db, f"bench-{number}", batch, resolve_identity=resolve)
    return time.perf_counter() - started, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--batch-pages", type=int, default=500)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-identity-"))
    made = write_set(work, labs=args.labs, seed=args.seed)
    print(f"set: {made}")
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    parsed = []
    for path in sorted((work / "pages").glob("*.txt")):
        content = path.read_bytes()
        parsed.append((RawPage(path.name, content, fetched, 200, "text/plain"), parse_page(content, source=path.name)))

    for resolve in (False, True):
        _load(work / f"warm-{int(resolve)}.duckdb", parsed, args.batch_pages, resolve=resolve)
    timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
    for run in range(args.repeat):
        for resolve in (False, True) if run % 2 == 0 else (True, False):
            db = work / f"w-{run}-{int(resolve)}.duckdb"
            timings[resolve].append(_load(db, parsed, args.batch_pages, resolve=resolve))
    resolved_db = work / "w-0-1.duckdb"

    truth: dict[tuple[str, int, int], tuple[int, bool, bool]] = {}
    with (work / "truth.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["source"], int(row["position"]), int(row["author_index"]))
            truth[key] = (int(row["person"]), row["variant"] == "1", row["homonym"] == "1")
    _, mentions = run_query(resolved_db, MENTIONS)
    found = {(source, position, index): (author, person) for source, position, index, author, person in mentions}
    missing = set(truth) - set(found)
    if missing:
        raise SystemExit(f"{len(missing)} labelled mentions were not loaded, e.g. {sorted(missing)[:3]}")
    keys = sorted(truth)
    true_people = [truth[key][0] for key in keys]
    methods = {"name key (baseline)": [found[key][0] for key in keys], "persons": [found[key][1] for key in keys]}
    slices = {
        "all": [True] * len(keys),
        "variants": [truth[key][1] for key in keys],
        "homonyms": [truth[key][2] for key in keys],
    }
    print(f"{len(keys)} mentions, {sum(slices['variants'])} of people with variants, "
          f"{sum(slices['homonyms'])} of people in homonym names")
    print()
    print("| slice | method | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for slice_name, members in slices.items():
        for method, predicted in methods.items():
            if slice_name == "all":
                got = scores(predicted, true_people)
            else:
                got = slice_scores(predicted, true_people, members)
            figures = " | ".join(f"{got[name]:.4f}" for name in SCORE_NAMES)
            print(f"| {slice_name} | {method} | {figures} |")
    print()
    for index, what in enumerate(("wall", "CPU")):
        without = statistics.median(run[index] for run in timings[False])
        with_resolution = statistics.median(run[index] for run in timings[True])
        print(f"load of {len(parsed)} pages in batches of {args.batch_pages}, median {what} s of {args.repeat}: "
              f"{without:.2f} without resolution, {with_resolution:.2f} with it "
              f"(+{100 * (with_resolution / without - 1):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
