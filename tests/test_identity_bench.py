"""The labelled identity set and its scoring: pages parse completely, every labelled mention is loaded, and
on a small set the persons beat the name-key baseline on every slice (both measured here, on real files);
the benchmark's splink rows are there for every slice and threshold, scored like the others."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bench_identity import MENTIONS, SCORE_NAMES, SPLINK_THRESHOLDS, main, scores, slice_scores
from benchmarks.identity_set import write_set
from parsers import parse_page
from warehouse import RawPage, load_pages, run_query


def test_scores_are_b_cubed_and_pairwise() -> None:
    truth = ["a", "a", "b", "b"]
    assert scores([1, 1, 2, 2], truth)["b3_f1"] == 1.0
    lumped = scores([1, 1, 1, 1], truth)
    assert (lumped["b3_precision"], lumped["b3_recall"], lumped["pair_precision"]) == (0.5, 1.0, 2 / 6)
    split = scores([1, 2, 3, 4], truth)
    assert (split["b3_precision"], split["b3_recall"], split["pair_recall"]) == (1.0, 0.5, 0.0)
    assert slice_scores([1, 1, 1, 1], truth, [True, True, False, False])["b3_precision"] == 0.5


def test_a_small_labelled_set_loads_whole_and_persons_beat_the_name_key(tmp_path: Path) -> None:
    made = write_set(tmp_path, labs=8, seed=3)
    assert made["people_with_variants"] > 0 and made["people_in_homonym_names"] > 0
    fetched = datetime(2026, 1, 1, tzinfo=UTC)
    parsed = []
    for path in sorted((tmp_path / "pages").glob("*.txt")):
        listing = parse_page(path.read_bytes(), source=path.name)
        assert listing.is_complete and not listing.problems, path.name
        parsed.append((RawPage(path.name, path.read_bytes(), fetched, 200, "text/plain"), listing))
    db = tmp_path / "w.duckdb"
    for start in range(0, len(parsed), 40):  # several batches: resolution is incremental
        load_pages(db, f"r{start}", parsed[start : start + 40])
    with (tmp_path / "truth.csv").open(encoding="utf-8") as handle:
        truth = {(r["source"], int(r["position"]), int(r["author_index"])): r for r in csv.DictReader(handle)}
    found = {(s, p, i): (author, person) for s, p, i, author, person in run_query(db, MENTIONS)[1]}
    assert set(found) == set(truth)
    keys = sorted(truth)
    people = [truth[key]["person"] for key in keys]
    # the cap of 8 shown authors holds on every page
    assert max(Counter((s, p) for s, p, _ in keys).values()) <= 8
    for slice_name in ("all", "variant", "homonym"):
        members = [slice_name == "all" or truth[key][slice_name] == "1" for key in keys]
        baseline = slice_scores([found[key][0] for key in keys], people, members)
        persons = slice_scores([found[key][1] for key in keys], people, members)
        assert persons["b3_f1"] >= baseline["b3_f1"], slice_name
    overall = scores([found[key][1] for key in keys], people)
    assert overall["b3_recall"] > scores([found[key][0] for key in keys], people)["b3_recall"]


def test_the_benchmark_scores_splink_beside_the_persons_on_a_small_set(capsys) -> None:
    assert main(["--labs", "8", "--seed", "3", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    rows = {}
    for line in out.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == 2 + len(SCORE_NAMES) and cells[0] in ("all", "variants", "homonyms"):
            rows[(cells[0], cells[1])] = dict(zip(SCORE_NAMES, map(float, cells[2:]), strict=True))
    splink = [f"splink (p ≥ {threshold})" for threshold in sorted(SPLINK_THRESHOLDS)]
    for slice_name in ("all", "variants", "homonyms"):
        for method in ("name key (baseline)", "persons", *splink):
            assert all(0 <= value <= 1 for value in rows[(slice_name, method)].values()), (slice_name, method)
    baseline, chosen = rows[("all", "name key (baseline)")], rows[("all", f"splink (p ≥ {SPLINK_THRESHOLDS[0]})")]
    # splink joins name variants the name key keeps apart
    assert chosen["b3_recall"] > baseline["b3_recall"] and chosen["b3_f1"] > baseline["b3_f1"]
    # a higher threshold keeps a subset of the links: never more recall
    recalls = [rows[("all", method)]["b3_recall"] for method in splink]
    assert recalls == sorted(recalls, reverse=True)
    assert f"training, prediction and clustering at p ≥ {SPLINK_THRESHOLDS[0]}" in out
    # the ceiling keeps names whole: merging groups never makes them more precise, and it joins variants
    ceiling = rows[("all", "ceiling: names kept whole")]
    assert ceiling["b3_precision"] <= baseline["b3_precision"] and ceiling["b3_recall"] > baseline["b3_recall"]
