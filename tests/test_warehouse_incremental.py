"""The incremental bookkeeping behind the set-based load (author_forms, keys over distinct values) gives
exactly what a rebuild from the fact tables gives, whatever the order and batching of the pages; and a
warehouse written by the schema before the fact tables were re-keyed migrates to the same contents."""

from __future__ import annotations

import itertools
from pathlib import Path

import duckdb

from tests.warehouse_factories import (
    capped_and_complete,
    load,
    names,
    page,
    paper,
    rows,
    snapshot,
    two_clusters_sharing_a_paper,
)
from warehouse.connection import apply_migrations, install_macros, open_warehouse

CONTRACT_OBJECTS = ("papers", "authors", "paper_authors", "cluster_papers", "clusters", "venues")
VERSION_15_ROWS = Path(__file__).resolve().parent / "data" / "warehouse_v15.sql"


def _pages(version: int = 1):
    shared = paper("Shared Paper", ["Ann Lee", "Bo Chen 0001", "Cy Dee"])
    return [
        page("c", "Cy Dee", [shared, paper("Cy Only", ["Cy Dee", "Ann  Lee"])]),
        page("a", "Ann Lee", [shared, paper("Ann Solo", ["Ann Lee"] if version == 1 else ["ANN LEE", "Dan Eve"])]),
        page("b", "Bo Chen 0001", [paper("Bo Paper", ["Bo Chen 0001", "Ann Lee", "Ann Lee"]), shared]),
    ]


def _forms(db: Path) -> list[tuple]:
    return rows(db, "SELECT form_id, author_id, name, homonym, raw, name_norm FROM author_forms ORDER BY form_id")


def test_author_forms_keep_each_form_once_and_its_id_for_good(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first, second, third = _pages()
    seen: list[tuple] = []
    for run, batch in enumerate([[second], [third, first], [first], _pages(version=2)[1:2]]):
        load(db, f"run-{run}", *batch)
        forms = _forms(db)
        assert forms[: len(seen)] == seen  # earlier forms keep their ids and keys
        assert len({form[2:5] for form in forms}) == len(forms)  # (name, homonym, raw) once each
        assert rows(db, "SELECT count(*) FROM listing_authors ANTI JOIN author_forms USING (form_id)") == [(0,)]
        seen = forms
    # "Ann  Lee" (two spaces) is its own form of the same author as "Ann Lee"
    assert rows(db, "SELECT count(DISTINCT author_id) FROM author_forms WHERE name_norm = 'ann lee'") == [(1,)]
    assert rows(db, "SELECT count(*) FROM author_forms WHERE name_norm = 'ann lee'") == [(3,)]


def test_every_order_and_batching_gives_the_same_tables(tmp_path: Path) -> None:
    pages = _pages()
    expected = None
    for number, order in enumerate(itertools.permutations(pages)):
        db = tmp_path / f"order-{number}.duckdb"
        if number % 2:
            load(db, "run", *order)
        else:
            for listing in order:
                load(db, "run", listing)
        # the changed page replaces its old contribution, lowering counts and moving lineage
        load(db, "run", _pages(version=2)[1])
        result = snapshot(db, drop_columns=frozenset({"applied_at"}))
        expected = expected or result
        assert result == expected


def test_keys_computed_over_distinct_values_are_the_macros_per_row(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    load(db, "run", *_pages())
    with open_warehouse(db, read_only=True) as connection:
        install_macros(connection)
        assert connection.execute(
            "SELECT count(*) FROM author_forms WHERE author_id <> key_number(author_key(name, homonym))"
            " OR name_norm <> normalized_text(name)"
        ).fetchone() == (0,)
        # every authorship has its form, so the forms' keys are every authorship's keys
        assert connection.execute(
            "SELECT count(*) FROM listing_authors AS shown ANTI JOIN author_forms USING (form_id)"
        ).fetchone() == (0,)
        assert connection.execute(
            "SELECT count(*) FROM page_listings WHERE paper_id <> key_number(paper_key(title, year))"
        ).fetchone() == (0,)
        assert connection.execute(
            "SELECT count(*) FROM papers WHERE paper_key <> paper_key(title, year)"
        ).fetchone() == (0,)


def _version_15_history(db: Path) -> None:
    """The loads that wrote tests/data/warehouse_v15.sql with the code of schema version 15."""
    capped, _ = capped_and_complete()
    ann, bo = two_clusters_sharing_a_paper()
    chen = page("https://example.org/chen", "Chen Huang", [paper("Homonyms", [*names(7), "Chen Huang 0001"])])
    load(db, "run-1", capped, ann, *_pages())
    load(db, "run-2", bo, chen)
    load(db, "run-3", _pages(version=2)[1])


def test_a_version_15_warehouse_migrates_to_what_the_current_load_writes(tmp_path: Path) -> None:
    migrated, fresh = tmp_path / "v15.duckdb", tmp_path / "fresh.duckdb"
    connection = duckdb.connect(str(migrated))
    apply_migrations(connection, up_to=15)
    connection.execute(VERSION_15_ROWS.read_text(encoding="utf-8"))
    contract_before = {
        table: connection.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in CONTRACT_OBJECTS
    }
    connection.close()
    _version_15_history(fresh)

    with open_warehouse(migrated, read_only=False):
        pass  # applies the migrations after 15

    # the contract tables, now views, read exactly as the tables did: same columns (paper_authors gained
    # person_id since, papers authors_capped), same rows
    added_since = {"paper_authors": " EXCLUDE (person_id)", "papers": " EXCLUDE (authors_capped)"}
    for table, before in contract_before.items():
        added = added_since.get(table, "")
        assert rows(migrated, f"SELECT *{added} FROM {table} ORDER BY ALL") == before, table
    assert len(contract_before["paper_authors"]) == 32
    assert rows(migrated, "SELECT count(*) FROM paper_authors WHERE inferred") == [(1,)]
    # and the facts and bookkeeping are what the current load writes for the same pages
    assert snapshot(migrated) == snapshot(fresh)
