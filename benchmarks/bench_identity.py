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
F1; beside them the ceiling of a resolution that never splits a printed name (ceiling_without_splits).

splink (a Fellegi-Sunter model, on its DuckDB backend), measured in the same run on the same mentions: one
record per author group of the resolved warehouse (name parts from author_names; its coauthors'
surname-and-initial keys, venues and papers as sets), compared on first name (exact, transliterations
folded, Jaro-Winkler >= 0.9 and >= 0.8, initial), surname (exact, or among the other's tokens: a dropped
second surname), middle initials, shared coauthor keys and shared venues. Pairs are blocked on surname and
first initial, or on the first name, never pairing two groups that share a paper or carry two dblp
numbers. u by random sampling, m by EM on two blocks (same surname; same first name), the prior from a
near-certain rule (same name tokens, two shared coauthor keys) with its recall assumed to be one half.
Every mention takes its group's splink cluster at each threshold of SPLINK_THRESHOLDS (the first, 0.9,
chosen before scoring, is the one timed). The clusters are connected components: two groups the blocking
keeps apart can still meet through a third, counted and reported. Timed after one untimed run, like the
loads: reading the groups from the warehouse, then training, prediction and clustering.
"""

from __future__ import annotations

import argparse
import csv
import logging
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import duckdb
import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator
from splink.blocking_rule_library import CustomRule

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


# One record per author group for splink: the name as identity resolution reads it (accent-folded tokens,
# nickname left out) split into parts, and the group's coauthors (surname and first initial, so a
# coauthor's own variants count once), papers and venues as sets.
SPLINK_GROUPS = """
WITH authorships AS (
    SELECT DISTINCT paper_id, author_id FROM paper_authors_by_id
),
coauthors AS (
    SELECT mine.author_id, list(DISTINCT names.tokens[-1] || ' ' || names.tokens[1][1]) AS coauthors
    FROM authorships AS mine
    JOIN authorships AS team ON team.paper_id = mine.paper_id AND team.author_id <> mine.author_id
    JOIN author_names AS names ON names.author_id = team.author_id
    WHERE len(names.tokens) > 0
    GROUP BY mine.author_id
),
listings AS (
    SELECT
        mine.author_id,
        list(DISTINCT mine.paper_id) AS papers,
        list(DISTINCT listing.venue) FILTER (WHERE listing.venue IS NOT NULL) AS venues
    FROM authorships AS mine
    JOIN page_listings AS listing ON listing.paper_id = mine.paper_id
    GROUP BY mine.author_id
)
SELECT
    names.author_id AS unique_id,
    names.homonym,
    names.tokens,
    names.tokens[1] AS first_name,
    names.phonetic[1] AS phonetic_first,
    names.tokens[1][1] AS first_initial,
    names.tokens[-1] AS surname,
    nullif(array_to_string(list_transform(names.tokens[2:-2], lambda token: token[1]), ''), '') AS middle_initials,
    coalesce(coauthors.coauthors, []) AS coauthors,
    coalesce(listings.papers, []) AS papers,
    coalesce(listings.venues, []) AS venues
FROM author_names AS names
LEFT JOIN coauthors USING (author_id)
LEFT JOIN listings USING (author_id)
WHERE len(names.tokens) > 0
"""

# Two groups that share a paper are two people, and so are two dblp numbers: no pair is formed for them.
SPLINK_APART = (
    "NOT list_has_any(l.papers, r.papers) AND (l.homonym IS NULL OR r.homonym IS NULL OR l.homonym = r.homonym)"
)
SPLINK_BLOCKS = ("l.surname = r.surname AND l.first_initial = r.first_initial", "l.first_name = r.first_name")
SPLINK_TRAINING = ("l.surname = r.surname", "l.first_name = r.first_name")  # the EM blocks
SPLINK_THRESHOLDS = (0.9, 0.5, 0.99)  # match probability; the first is the one timed


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


def splink_groups(db: Path) -> pa.Table:
    """The splink input read from a loaded warehouse: one row per author group (SPLINK_GROUPS)."""
    with open_warehouse(db, read_only=True) as connection:
        return connection.sql(SPLINK_GROUPS).to_arrow_table()


def _splink_settings() -> SettingsCreator:
    first_name = cl.CustomComparison(
        output_column_name="first_name",
        comparison_levels=[
            cll.NullLevel("first_name"),
            cll.ExactMatchLevel("first_name"),
            cll.CustomLevel("phonetic_first_l = phonetic_first_r", "transliterations folded"),
            cll.JaroWinklerLevel("first_name", 0.9),
            cll.JaroWinklerLevel("first_name", 0.8),
            cll.CustomLevel("first_initial_l = first_initial_r", "first initial"),
            cll.ElseLevel(),
        ],
    )
    surname = cl.CustomComparison(
        output_column_name="surname",
        comparison_levels=[
            cll.NullLevel("surname"),
            cll.ExactMatchLevel("surname"),
            cll.CustomLevel(
                "list_contains(tokens_l, surname_r) OR list_contains(tokens_r, surname_l)",
                "surname among the other's name tokens (a second surname dropped)",
            ),
            cll.ElseLevel(),
        ],
    )
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[
            first_name,
            surname,
            cl.ExactMatch("middle_initials"),
            # the groups' pages are left out: a group's pages are its own and its coauthors' cluster pages,
            # the coauthor evidence a second time, taken as independent; with them EM drove m values below
            # what a float64 holds on small sets, and splink 5 then stops training with an error
            cl.ArrayIntersectAtSizes("coauthors", [4, 2, 1]),
            cl.ArrayIntersectAtSizes("venues", [3, 1]),
        ],
        blocking_rules_to_generate_predictions=[_splink_rule(block) for block in SPLINK_BLOCKS],
        retain_matching_columns=False,
        retain_intermediate_calculation_columns=False,
    )


def _splink_rule(condition: str) -> CustomRule:
    return CustomRule(f"{condition} AND {SPLINK_APART}")


def splink_clusters(groups: pa.Table, thresholds: Sequence[float]) -> tuple[dict[float, dict[int, int]], float, float]:
    """Each author group's splink cluster at each match-probability threshold, and the wall and process CPU
    seconds of training, prediction and clustering at the first threshold (the others are clustered after)."""
    started, cpu = time.perf_counter(), time.process_time()
    api = DuckDBAPI(duckdb.connect())
    linker = Linker(api.register(groups, table_name="author_groups"), _splink_settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [_splink_rule("l.tokens = r.tokens AND len(list_intersect(l.coauthors, r.coauthors)) >= 2")], recall=0.5
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=7)  # every pair, on these sets
    for block in SPLINK_TRAINING:
        linker.training.estimate_parameters_using_expectation_maximisation(_splink_rule(block))
    predictions = linker.inference.predict(threshold_match_probability=min(thresholds))

    def cluster(threshold: float) -> dict[int, int]:
        clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
            predictions, threshold_match_probability=threshold
        )
        return dict(clustered.as_duckdbpyrelation().select("unique_id, cluster_id").fetchall())

    clusters = {thresholds[0]: cluster(thresholds[0])}
    wall, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    clusters.update((threshold, cluster(threshold)) for threshold in thresholds[1:])
    api.duckdb_con.close()
    return clusters, wall, cpu_seconds


def splink_kept_apart(groups: pa.Table, clusters: dict[int, int]) -> tuple[int, int]:
    """Clusters joining two groups that share a paper, and clusters joining two dblp numbers: what the
    pairwise rule cannot prevent when a third group links them."""
    members: dict[int, list[dict]] = {}
    for row in groups.select(["unique_id", "homonym", "papers"]).to_pylist():
        members.setdefault(clusters.get(row["unique_id"], row["unique_id"]), []).append(row)
    shared = numbers = 0
    for rows in members.values():
        papers = [paper for row in rows for paper in row["papers"]]
        shared += len(papers) != len(set(papers))
        numbers += len({row["homonym"] for row in rows} - {None}) > 1
    return shared, numbers


def ceiling_without_splits(groups: list, truth: list) -> list:
    """The clustering that gives each group (here: a name key) to the person most of its mentions are.

    Merging groups never raises B-cubed precision, so no resolution that keeps every printed name whole is
    more precise than the groups alone (the baseline); this one also joins each group to its person, the
    best such a resolution can do for recall, so its precision is what homonyms without hard evidence leave."""
    votes: dict[object, Counter] = {}
    for group, person in zip(groups, truth, strict=True):
        votes.setdefault(group, Counter())[person] += 1
    majority = {group: counted.most_common(1)[0][0] for group, counted in votes.items()}
    return [majority[group] for group in groups]


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

    splink_clusters(splink_groups(resolved_db), SPLINK_THRESHOLDS)  # untimed, like the first loads
    splink_runs: list[tuple[float, float, float, float]] = []
    runs_clusters = []
    for _ in range(args.repeat):
        started, cpu = time.perf_counter(), time.process_time()
        groups = splink_groups(resolved_db)
        read_wall, read_cpu = time.perf_counter() - started, time.process_time() - cpu
        clusters, wall, cpu_seconds = splink_clusters(groups, SPLINK_THRESHOLDS)
        splink_runs.append((read_wall, read_cpu, wall, cpu_seconds))
        runs_clusters.append(clusters)
    clusters = runs_clusters[0]
    for threshold in sorted(SPLINK_THRESHOLDS):
        methods[f"splink (p ≥ {threshold})"] = [clusters[threshold].get(found[key][0], found[key][0]) for key in keys]
    # the best any resolution can do that never splits a printed name (no hard evidence): each name-key group
    # joined to the one person most of its mentions are, every group of that person with it
    methods["ceiling: names kept whole"] = ceiling_without_splits([found[key][0] for key in keys], true_people)
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
    added = {}
    for index, what in enumerate(("wall", "CPU")):
        without = statistics.median(run[index] for run in timings[False])
        with_resolution = statistics.median(run[index] for run in timings[True])
        added[what] = with_resolution - without
        print(f"load of {len(parsed)} pages in batches of {args.batch_pages}, median {what} s of {args.repeat}: "
              f"{without:.2f} without resolution, {with_resolution:.2f} with it "
              f"(+{100 * (with_resolution / without - 1):.1f}%)")
    chosen = SPLINK_THRESHOLDS[0]
    for index, what in enumerate(("wall", "CPU")):
        read = statistics.median(run[index] for run in splink_runs)
        model = statistics.median(run[2 + index] for run in splink_runs)
        print(f"splink on the {groups.num_rows} author groups, median {what} s of {args.repeat}: {read:.2f} reading "
              f"them from the warehouse, {model:.2f} training, prediction and clustering at p ≥ {chosen}; "
              f"resolution adds {added[what]:.2f} to the load")
    apart = {threshold: splink_kept_apart(groups, clusters[threshold]) for threshold in sorted(SPLINK_THRESHOLDS)}
    print("splink clusters joining two groups that share a paper / two dblp numbers (through a third group): "
          + ", ".join(f"{shared} / {numbers} at p ≥ {threshold}" for threshold, (shared, numbers) in apart.items()))
    if any(other != clusters for other in runs_clusters[1:]):
        print("splink's clusters differed between runs: the figures above are the first run's")
    return 0


if __name__ == "__main__":
    sys.exit(main())
