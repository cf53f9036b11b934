"""Persons, not name strings: variant rules with coauthor evidence, never-merge constraints, stable ids,
resolution limited to the name blocks a batch touches. Real DuckDB files throughout."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import parse_page
from tests.warehouse_factories import load, page, paper, raw_for, rows
from warehouse import explain, load_pages, refresh_marts

_FORMS = "author_persons JOIN author_forms USING (author_id)"


def _person_of(db: Path, name: str) -> int | None:
    found = rows(db, f"SELECT DISTINCT person_id FROM {_FORMS} WHERE name = ?", [name])
    assert len(found) <= 1, found
    return found[0][0] if found else None


def _same_person(db: Path, one: str, other: str) -> bool:
    return _person_of(db, one) == _person_of(db, other)


def _two_pages(one: str, other: str, *, shared: tuple[str, ...] = ("Bo Chen",), extra=("Cy Dorn",), site="x"):
    first = page(f"https://{site}/1", one, [paper(f"Paper of {one}", [one, *shared], year=2020)])
    second = page(f"https://{site}/2", other, [paper(f"Paper of {other}", [other, *shared, *extra], year=2021)])
    return first, second


def test_the_seed_page_knows_xavier_suau_is_one_person(tmp_path: Path, fixtures_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    listing = parse_page((fixtures_dir / "demo" / "seed.txt").read_bytes(), source="seed.txt")
    load_pages(db, "r1", [(raw_for(listing), listing)])
    assert _same_person(db, "Xavier Suau", "Xavier Suau Cuadros")
    assert rows(db, "SELECT name, forms, papers FROM persons WHERE list_contains(forms, 'Xavier Suau Cuadros')") == [
        ("Xavier Suau", ["Xavier Suau", "Xavier Suau Cuadros"], 3)
    ]
    links = rows(db, "SELECT rule, strength, shared_coauthors >= 1, score > 0 FROM person_links")
    assert links == [("second_surname", "strong", True, True)]
    # paper_authors carries the person
    assert rows(
        db,
        "SELECT count(DISTINCT person_id), count(DISTINCT author_key) FROM paper_authors "
        "JOIN authors USING (author_key) WHERE name LIKE 'Xavier Suau%'",
    ) == [(1, 2)]
    assert rows(db, "SELECT count(*) FROM paper_authors WHERE person_id IS NULL") == [(0,)]


@pytest.mark.parametrize(
    ("one", "other", "rule"),
    [
        ("José García", "Jose Garcia", "accent_or_case"),
        ("Maria K. Novak", "Maria Novak", "middle_name"),
        ("Jian (Jack) Li", "Jack Li", "nickname"),
        ("Jeanpierre Roux", "Jean-Pierre Roux", "hyphen_or_space"),
        ("Xavier Suau Cuadros", "Xavier Suau", "second_surname"),
        ("R. Devon Hjelm", "Devon Hjelm", "leading_initial"),
        ("Hana T. Grant Morales", "Hana Grant Morales", "middle_name"),
        ("Sergey Maria Haddad Castillo", "Sergey Haddad Castillo", "middle_name"),
        ("Hans-Peter Maria Nowak", "Hans-Peter Nowak", "middle_name"),
        ("Łukasz Sørensen", "Lukasz Sorensen", "accent_or_case"),
    ],
)
def test_a_strong_rule_merges_on_one_shared_coauthor(tmp_path: Path, one: str, other: str, rule: str) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages(one, other))
    assert _same_person(db, one, other)
    assert rows(db, "SELECT rule, shared_coauthor_names FROM person_links") == [(rule, ["Bo Chen"])]


def test_without_a_shared_coauthor_variants_stay_apart(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages("Maria K. Novak", "Maria Novak", shared=(), extra=("Cy Dorn",)))
    assert not _same_person(db, "Maria K. Novak", "Maria Novak")
    assert rows(db, "SELECT count(*) FROM person_links") == [(0,)]


@pytest.mark.parametrize(
    ("one", "other"),
    [("Alex Smith", "Alexander Smith"), ("Huang Chen", "Chen Huang"), ("Juergen Kahl", "Jürgen Kahl"),
     ("Aleksandr Petrov", "Alexander Petrov")],
)
def test_a_weak_rule_needs_two_shared_coauthors(tmp_path: Path, one: str, other: str) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages(one, other, shared=("Bo Chen",)))
    assert not _same_person(db, one, other)
    db2 = tmp_path / "w2.duckdb"
    load(db2, "r1", *_two_pages(one, other, shared=("Bo Chen", "Cy Dorn"), extra=()))
    assert _same_person(db2, one, other)


def test_never_two_authors_of_one_paper_nor_two_dblp_numbers(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    together = page(
        "https://x/1", "Bo Chen",
        [paper("Both", ["Maria Novak", "Maria K. Novak", "Bo Chen"]), paper("Again", ["Maria Novak", "Bo Chen"])],
    )
    numbered = page(
        "https://x/2", "Bo Chen",
        [paper("One", ["Chen Huang 0001", "Bo Chen"]), paper("Two", ["Chen Huang 0002", "Bo Chen", "Cy Dorn"]),
         paper("Three", ["Chen Huang 0001", "Cy Dorn"])],
    )
    load(db, "r1", together, numbered)
    assert not _same_person(db, "Maria Novak", "Maria K. Novak")
    homonyms = rows(
        db,
        f"SELECT count(DISTINCT person_id) FROM {_FORMS} WHERE name = 'Chen Huang'",
    )
    assert homonyms == [(2,)]


def test_a_conflict_drops_a_close_spelling_before_the_other_weak_links(tmp_path: Path) -> None:
    """Alexandra and Alexander Vargas (close spellings, two people) share coauthors, and Alexandra wrote a paper
    with Aleksandr: the close spelling goes, and the transliteration Aleksandr / Alexander stays."""
    db = tmp_path / "w.duckdb"
    shared = ["Bo Chen", "Cy Dorn"]
    pages = [
        page("https://x/1", "Alexander Vargas", [paper("A", ["Alexander Vargas", *shared])]),
        page("https://x/2", "Aleksandr Vargas", [paper("B", ["Aleksandr Vargas", *shared, "Alexandra Vargas"])]),
        page("https://x/3", "Alexandra Vargas", [paper("C", ["Alexandra Vargas", *shared])]),
    ]
    load(db, "r1", *pages)
    assert _same_person(db, "Aleksandr Vargas", "Alexander Vargas")
    assert not _same_person(db, "Alexandra Vargas", "Alexander Vargas")
    assert rows(db, "SELECT rule FROM person_links") == [("transliteration",)]


def test_a_chain_that_would_join_two_given_names_is_cut(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shared = ["Bo Chen", "Cy Dorn"]
    pages = [
        page("https://x/1", "J. Smith", [paper("A", ["J. Smith", *shared])]),
        page("https://x/2", "John Smith", [paper("B", ["John Smith", *shared])]),
        page("https://x/3", "Jane Smith", [paper("C", ["Jane Smith", *shared])]),
    ]
    load(db, "r1", *pages)
    assert not _same_person(db, "John Smith", "Jane Smith")


@pytest.mark.parametrize("other", ["Ana Ortega", "Ana Maria Ortega"])
def test_a_hyphenated_given_name_is_not_a_given_name_with_a_middle_name(tmp_path: Path, other: str) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages("Ana-Luisa Ortega", other, shared=("Bo Chen", "Cy Dorn"), extra=()))
    assert not _same_person(db, "Ana-Luisa Ortega", other)
    assert rows(db, "SELECT count(*) FROM person_links") == [(0,)]


def test_a_hyphenated_given_name_keeps_its_own_variants(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages("Ana-Luisa Ortega", "AnaLuisa Ortega"))
    assert _same_person(db, "Ana-Luisa Ortega", "AnaLuisa Ortega")
    db2 = tmp_path / "w2.duckdb"  # its second part as an initial may abbreviate it
    load(db2, "r1", *_two_pages("Ana-Luisa Ortega", "Ana L. Ortega"))
    assert rows(db2, "SELECT rule FROM person_links") == [("middle_name",)]


def test_a_chain_cannot_join_a_hyphenated_given_name_and_its_first_part(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    shared = ["Bo Chen", "Cy Dorn"]
    pages = [
        page("https://x/1", "Ana Ortega", [paper("A", ["Ana Ortega", *shared])]),
        page("https://x/2", "AnaLuisa Ortega", [paper("B", ["AnaLuisa Ortega", *shared])]),  # a given-name prefix
        page("https://x/3", "Ana-Luisa Ortega", [paper("C", ["Ana-Luisa Ortega", *shared])]),  # a hyphen
    ]
    load(db, "r1", *pages)
    assert _same_person(db, "AnaLuisa Ortega", "Ana-Luisa Ortega")
    assert not _same_person(db, "Ana Ortega", "Ana-Luisa Ortega")


def test_person_ids_survive_reruns_and_a_merge_keeps_the_older_id(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = page("https://x/1", "Xavier Suau", [paper("A", ["Xavier Suau", "Bo Chen"], year=2020)])
    bystander = page("https://x/9", "Zed Quinn", [paper("Z", ["Zed Quinn", "Yan Wu"], year=2020)])
    load(db, "r1", first, bystander)
    older, quinn = _person_of(db, "Xavier Suau"), _person_of(db, "Zed Quinn")
    second = page("https://x/2", "Xavier Suau Cuadros", [paper("B", ["Xavier Suau Cuadros", "Cy Dorn"], year=2021)])
    load(db, "r2", second)
    newer = _person_of(db, "Xavier Suau Cuadros")
    assert newer != older and newer > max(older, quinn)
    # a later page shows the evidence: the two groups merge, and the older id stays
    third = page("https://x/3", "Bo Chen", [paper("C", ["Xavier Suau Cuadros", "Bo Chen"], year=2022)])
    load(db, "r3", third)
    assert _person_of(db, "Xavier Suau") == _person_of(db, "Xavier Suau Cuadros") == older
    # re-runs and re-parses keep every id
    before = rows(db, "SELECT author_id, person_id FROM author_persons ORDER BY 1")
    load(db, "r4", first, bystander, second, third)
    load(db, "r5", first, bystander, second, third, skip_loaded=False)
    assert rows(db, "SELECT author_id, person_id FROM author_persons ORDER BY 1") == before
    assert _person_of(db, "Zed Quinn") == quinn
    # a retired id is never handed out again
    fresh = page("https://x/4", "Nu Person", [paper("N", ["Nu Person"], year=2022)])
    load(db, "r6", fresh)
    assert _person_of(db, "Nu Person") > newer


def test_a_batch_re_resolves_only_the_name_blocks_it_touches(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "r1", *_two_pages("Maria K. Novak", "Maria Novak"))
    (decided,) = rows(db, "SELECT decided_at FROM person_links")
    load(db, "r2", page("https://x/5", "Zed Quinn", [paper("Z", ["Zed Quinn", "Yan Wu"])]))
    assert rows(db, "SELECT decided_at FROM person_links") == [decided]  # not re-decided
    load(db, "r3", page("https://x/6", "Maria Novak", [paper("M", ["Maria Novak", "Bo Chen"])]))
    (redecided,) = rows(db, "SELECT decided_at FROM person_links")
    assert redecided > decided


def test_the_grouping_does_not_depend_on_load_order(tmp_path: Path) -> None:
    pages = [
        *_two_pages("Maria K. Novak", "Maria Novak"),
        page("https://x/3", "Maria Novak", [paper("C", ["Maria Novak", "Cy Dorn"])]),
        *_two_pages("Jian (Jack) Li", "Jack Li", shared=("Dee Eve",), site="y"),
    ]

    def partition(db: Path) -> set[frozenset[str]]:
        grouped = rows(
            db, f"SELECT list_sort(list(name)) FROM {_FORMS} GROUP BY person_id"
        )
        return {frozenset(names) for (names,) in grouped}

    forward, backward = tmp_path / "f.duckdb", tmp_path / "b.duckdb"
    for step, listing in enumerate(pages):
        load(forward, f"r{step}", listing)
    for step, listing in enumerate(reversed(pages)):
        load(backward, f"r{step}", listing)
    assert partition(forward) == partition(backward)
    assert frozenset({"Maria K. Novak", "Maria Novak"}) in partition(forward)


def test_a_name_whose_coauthor_graph_falls_apart_is_a_suspect_but_a_rare_name_never_is(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"

    def two_labs(name: str, source: str):
        return page(
            source, name,
            [
                paper(f"{name} A", [name, "Ann Lee"], year=2020),
                paper(f"{name} B", [name, "Ann Lee", "Bo Chen"], year=2021),
                paper(f"{name} C", [name, "Cy Dorn"], year=2022),
                paper(f"{name} D", [name, "Dee Eve", "Cy Dorn"], year=2023),
            ],
        )

    other_zhang = page("https://x/z", "Li Zhang", [paper("Z", ["Li Zhang", "Fay Gil"])])
    load(db, "r1", two_labs("Wei Zhang", "https://x/w"), two_labs("Quetzal Xochitlan", "https://x/q"), other_zhang)
    suspects = rows(
        db,
        "SELECT DISTINCT f.name, s.papers, s.pieces, s.piece_sizes FROM person_suspects AS s "
        "JOIN author_forms AS f USING (author_id)",
    )
    assert suspects == [("Wei Zhang", 4, 2, [2, 2])]
    # listed, never split: still one person; explain shows the suspect
    assert rows(db, f"SELECT count(DISTINCT person_id) FROM {_FORMS} WHERE name = 'Wei Zhang'") == [(1,)]
    (suspect,) = explain(db, "Wei Zhang")["suspects"]
    assert (suspect["pieces"], suspect["piece_sizes"]) == (2, [2, 2])
    assert explain(db, "Quetzal Xochitlan")["suspects"] == []


def test_the_marts_count_persons_and_keep_a_by_name_version(tmp_path: Path, fixtures_dir: Path) -> None:
    db = tmp_path / "w.duckdb"
    listing = parse_page((fixtures_dir / "demo" / "seed.txt").read_bytes(), source="seed.txt")
    load_pages(db, "r1", [(raw_for(listing), listing)])
    refresh_marts(db, run_id="r1")  # as the end of an ingest does: the marts are tables
    (by_name_papers,) = rows(db, "SELECT sum(papers) FROM author_stats_by_name WHERE name LIKE 'Xavier Suau%'")[0]
    assert rows(db, "SELECT count(*) FROM author_stats_by_name WHERE name LIKE 'Xavier Suau%'") == [(2,)]
    assert rows(db, "SELECT name, papers FROM author_stats WHERE name LIKE 'Xavier Suau%'") == [
        ("Xavier Suau", by_name_papers)
    ]
    # Jason Ramapuram has one coauthor fewer once the two Xavier Suau forms are one person
    (jason_by_name,) = rows(db, "SELECT distinct_coauthors FROM author_stats_by_name WHERE name = 'Jason Ramapuram'")[0]
    jason = rows(db, "SELECT distinct_coauthors FROM author_stats WHERE name = 'Jason Ramapuram'")
    assert jason == [(jason_by_name - 1,)]
    # and shares all of Xavier Suau's papers with that one person
    pairs = (
        "WHERE 'Jason Ramapuram' IN (author_name_a, author_name_b) AND (author_name_a || author_name_b) LIKE '%Xavier%'"
    )
    assert rows(db, f"SELECT papers FROM coauthor_pairs {pairs}") == [(by_name_papers,)]
    assert rows(db, f"SELECT sum(papers), count(*) FROM coauthor_pairs_by_name {pairs}") == [(by_name_papers, 2)]
    # every row of the person marts names one person
    assert rows(db, "SELECT count(*) = count(DISTINCT person_id) FROM author_stats") == [(True,)]


@pytest.mark.parametrize(("same_lab_papers", "merged"), [(1, False), (2, True)])
def test_a_variant_joins_a_group_only_where_its_evidence_covers_most_of_it(
    tmp_path: Path, same_lab_papers: int, merged: bool
) -> None:
    # "Teo Šimić" is printed by two people in two labs; "Teo Simic" only by the one who works with Bo Chen
    db = tmp_path / "w.duckdb"
    lab = [paper(f"Lab {number}", ["Teo Šimić", "Bo Chen"], year=2020 + number) for number in range(same_lab_papers)]
    other_lab = [paper(f"Other {n}", ["Teo Šimić", "Fay Gil", "Hal Ide"], year=2020 + n) for n in range(2)]
    load(
        db, "r1",
        page("https://x/1", "Teo Šimić", [*lab, *other_lab]),
        page("https://x/2", "Teo Simic", [paper("Variant", ["Teo Simic", "Bo Chen"], year=2024)]),
    )
    assert _same_person(db, "Teo Šimić", "Teo Simic") is merged
