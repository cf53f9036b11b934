"""Reading the warehouse: ad-hoc queries, Parquet snapshots and the documented schema."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq

from warehouse.connection import Connection, apply_migrations, first_line, open_warehouse
from warehouse.errors import QueryError
from warehouse.records import SchemaColumn
from warehouse.schema_docs import column_description, documented_objects
from warehouse.snapshots import write_snapshot
from warehouse.sqlfiles import sql_text


def run_query(
    db: str | Path,
    sql: str,
    params: Sequence[Any] | dict[str, Any] | None = None,
    *,
    read_only: bool = True,
    lock_timeout: float | None = None,
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one query; returns (column names, rows). Read-only unless asked otherwise.

    Raises QueryError for a query DuckDB rejects, another WarehouseError for the file itself. JSON columns
    come back decoded (dicts, lists, numbers), so printing rows as JSON never nests JSON in a string.
    """
    with open_warehouse(db, read_only=read_only, lock_timeout=lock_timeout) as connection:
        try:
            result = connection.execute(sql, params) if params is not None else connection.execute(sql)
            if result.description is None:
                return [], []
            columns = [column[0] for column in result.description]
            json_columns = [index for index, column in enumerate(result.description) if str(column[1]) == "JSON"]
            rows = result.fetchall()
        except duckdb.Error as error:
            raise QueryError(f"query failed: {first_line(str(error))}") from None
    if json_columns:
        rows = [_decode_json(row, json_columns) for row in rows]
    return columns, rows


def _decode_json(row: tuple[Any, ...], indexes: list[int]) -> tuple[Any, ...]:
    values = list(row)
    for index in indexes:
        if isinstance(values[index], str):
            values[index] = json.loads(values[index])
    return tuple(values)




def export_parquet(db: str | Path, out_dir: str | Path, *, lock_timeout: float | None = None) -> list[Path]:
    """Write <name>.parquet for every table and view into out_dir as one snapshot; returns the paths.

    The files are written into a new hidden folder beside out_dir, from one read transaction, and that
    folder replaces out_dir whole (warehouse.snapshots): a dashboard reading out_dir sees the previous
    snapshot or the new one, never a mix, and a killed export leaves out_dir as it was. out_dir must
    hold nothing but snapshot files.
    """

    def write(folder: Path) -> list[str]:
        with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
            names = [row[0] for row in connection.execute(sql_text("queries/export_objects.sql")).fetchall()]
            for name in names:
                _write_parquet(connection, name, folder / f"{name}.parquet")
        return [f"{name}.parquet" for name in names]

    return write_snapshot(Path(out_dir), write)


def _write_parquet(connection: Connection, name: str, path: Path) -> None:
    # Streams record batches, so memory stays bounded by the batch size, not the table size.
    reader = connection.table(_quote_identifier(name)).to_arrow_reader(batch_size=65_536)
    with pq.ParquetWriter(path, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)


def describe_schema(db: str | Path | None = None, *, lock_timeout: float | None = None) -> list[SchemaColumn]:
    """Every column of every table and view, with descriptions from the comments in sql/.

    With db=None, describes the schema this code creates (built in memory); with a path, the schema of
    that file as it is.
    """
    if db is None:
        connection = duckdb.connect(":memory:")
        try:
            apply_migrations(connection)
            return _describe(connection)
        finally:
            connection.close()
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        return _describe(connection)


def table_descriptions() -> dict[str, str]:
    """Table and view name -> its one-line description from sql/."""
    return {name: doc.description for name, doc in documented_objects().items() if doc.description}


def _describe(connection: Connection) -> list[SchemaColumn]:
    docs = documented_objects()
    described: list[SchemaColumn] = []
    for table, column, data_type in connection.execute(sql_text("queries/list_columns.sql")).fetchall():
        described.append(SchemaColumn(table, column, data_type, column_description(docs, table, column)))
    return described


def _quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
