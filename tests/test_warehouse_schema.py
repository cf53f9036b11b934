"""Schema versioning, refusal of foreign or newer files, and descriptions drawn from sql/."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.warehouse_factories import CONTRACT_TABLES, MARTS, load, page, paper, rows
from warehouse import (
    DEFAULT_DB_PATH,
    NotADuckDBFile,
    RawPage,
    WarehouseNotFound,
    WarehouseTooNew,
    describe_schema,
    iter_raw_pages,
    latest_schema_version,
    load_pages,
    resolve_db_path,
    run_query,
    store_raw_pages,
    table_descriptions,
)
from warehouse.connection import apply_migrations
from warehouse.sqlfiles import SQL_DIR

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "seed.txt"


def test_a_new_warehouse_has_every_contract_table_and_mart(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    load(db, "run-1", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    objects = {
        name
        for (name,) in rows(db, "SELECT table_name FROM duckdb_tables() UNION SELECT view_name FROM duckdb_views()")
    }
    assert set(CONTRACT_TABLES) | set(MARTS) <= objects
    assert rows(db, "SELECT max(version) FROM schema_version") == [(latest_schema_version(),)]
    assert latest_schema_version() >= 2


def test_a_version_1_warehouse_is_upgraded_in_place_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    connection = duckdb.connect(str(db))
    apply_migrations(connection, up_to=1)
    connection.execute(
        "INSERT INTO raw_pages (source, sha256, content, fetched_at, http_status, content_type) "
        "VALUES (?, ?, ?, now(), 200, 'text/plain')",
        ["seed", RawPage("seed", b"old bytes").sha256, b"old bytes"],
    )
    version_1_columns = [
        name
        for (name,) in connection.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = 'raw_pages'"
        ).fetchall()
    ]
    connection.close()
    assert "etag" not in version_1_columns

    store_raw_pages(db, [RawPage("other", b"new bytes", etag='"e"')])

    assert rows(db, "SELECT max(version) FROM schema_version") == [(latest_schema_version(),)]
    assert rows(db, "SELECT source, content, etag FROM raw_pages ORDER BY source") == [
        ("other", b"new bytes", '"e"'),
        ("seed", b"old bytes", None),
    ]
    # the kept raw page can be re-parsed and loaded into the tables version 1 did not have
    old = next(raw for raw in iter_raw_pages(db) if raw.source == "seed")
    load_pages(db, "run-2", [(old, page("seed", "Ann Lee", [paper("Old Paper", ["Ann Lee"])]))])
    assert rows(db, "SELECT title FROM papers") == [("Old Paper",)]


def test_a_warehouse_newer_than_the_code_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    load(db, "run-1", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    connection = duckdb.connect(str(db))
    connection.execute("INSERT INTO schema_version VALUES (999, 'from_the_future', now())")
    connection.close()

    for attempt in (
        lambda: load(db, "run-2", page("s2", "Bo Chen", [paper("U", ["Bo Chen"])])),
        lambda: run_query(db, "SELECT 1"),
    ):
        with pytest.raises(WarehouseTooNew, match="schema version 999"):
            attempt()
    assert rows_without_code(db, "SELECT count(*) FROM papers") == [(1,)]


def rows_without_code(db: Path, query: str) -> list[tuple]:
    connection = duckdb.connect(str(db), read_only=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"SQLite format 3\x00" + b"\x00" * 200,
        b"not a database; just text with DUCK later on\n" * 50,
        b"\x00" * 8 + b"DUC" + b"\x00" * 100,
    ],
    ids=["empty", "sqlite", "text", "almost-duck"],
)
def test_a_file_that_is_not_duckdb_is_refused_and_left_untouched(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_bytes(content)
    stat_before = db.stat()

    with pytest.raises(NotADuckDBFile, match="not a biblioduck warehouse"):
        load(db, "run-1", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    with pytest.raises(NotADuckDBFile):
        run_query(db, "SELECT 1")
    with pytest.raises(NotADuckDBFile):
        describe_schema(db)

    assert db.read_bytes() == content
    assert db.stat().st_mtime_ns == stat_before.st_mtime_ns
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.duckdb"]


def test_a_corrupt_duckdb_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.duckdb"
    load(db, "run-1", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    content = bytearray(db.read_bytes())
    content[16:4096] = b"\xff" * (4096 - 16)  # keep the magic, destroy the headers behind it
    db.write_bytes(bytes(content))

    with pytest.raises(NotADuckDBFile, match="DuckDB cannot open it"):
        run_query(db, "SELECT 1")
    with pytest.raises(NotADuckDBFile):
        load(db, "run-2", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    assert db.read_bytes() == bytes(content)


def test_reading_a_missing_warehouse_says_so(tmp_path: Path) -> None:
    with pytest.raises(WarehouseNotFound, match="no warehouse at"):
        run_query(tmp_path / "missing.duckdb", "SELECT 1")
    assert not (tmp_path / "missing.duckdb").exists()


def test_db_path_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIBLIODUCK_DB", raising=False)
    assert resolve_db_path(None) == Path(DEFAULT_DB_PATH) == Path("var/biblioduck.duckdb")
    monkeypatch.setenv("BIBLIODUCK_DB", "/data/env.duckdb")
    assert resolve_db_path(None) == Path("/data/env.duckdb")
    assert resolve_db_path("cli.duckdb") == Path("cli.duckdb")


def test_every_column_is_described_from_the_sql_files(tmp_path: Path) -> None:
    described = describe_schema(None)
    by_table = {(column.table, column.column): column for column in described}
    for table in (*CONTRACT_TABLES, *MARTS):
        columns = [column for column in described if column.table == table]
        assert columns, table
        undocumented = [column.column for column in columns if not column.description]
        assert undocumented == [], table
        assert table_descriptions()[table]

    # the description is the comment written on the column's line in sql/
    migration = (SQL_DIR / "migrations" / "001_raw_pages.sql").read_text()
    sha_comment = next(line for line in migration.splitlines() if line.strip().startswith("sha256"))
    assert by_table[("raw_pages", "sha256")].description == sha_comment.split("--", 1)[1].strip()
    assert by_table[("raw_pages", "etag")].description == "ETag response header"  # from ALTER in 014
    assert by_table[("papers", "urls")].type == "VARCHAR[]"
    mart = (SQL_DIR / "marts" / "author_stats.sql").read_text()
    assert by_table[("author_stats", "distinct_coauthors")].description in mart
    assert table_descriptions()["raw_pages"] in migration

    # a real file describes the same way
    db = tmp_path / "w.duckdb"
    load(db, "run-1", page("s", "Ann Lee", [paper("T", ["Ann Lee"])]))
    assert describe_schema(db) == described


def test_sql_schema_md_is_what_the_sql_generates() -> None:
    from typer.testing import CliRunner

    from flows.cli.app import app

    generated = CliRunner().invoke(app, ["schema", "--markdown", "--db", "/nonexistent/biblioduck.duckdb"])
    assert generated.exit_code == 0, generated.output
    committed = (SQL_DIR / "SCHEMA.md").read_text(encoding="utf-8")
    assert generated.output == committed, "sql/SCHEMA.md is stale: run `make schema`"
    assert "## `papers`" in committed and "| `paper_key` |" in committed


def test_view_macro_and_mart_order_is_declared_and_the_declarations_are_complete() -> None:
    import re

    from warehouse.sqlfiles import declared_dependencies, macro_files, mart_files, view_files

    objects = {path.stem: path for path in (*macro_files(), *view_files(), *mart_files())}
    # a column alias is no dependency: venues counts "papers" but reads papers_by_id only
    assert declared_dependencies(objects["venues"]) == ("papers_by_id",)
    comment = re.compile(r"--[^\n]*")
    for name, path in objects.items():
        declared = set(declared_dependencies(path))
        assert declared <= objects.keys(), (name, declared - objects.keys())
        code = comment.sub("", path.read_text(encoding="utf-8"))
        read = {other for other in objects if re.search(rf"\b(?:FROM|JOIN)\s+{other}\b|\b{other}\s*\(", code)}
        assert read - {name} == declared, name
