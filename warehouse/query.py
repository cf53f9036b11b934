"""Reading the warehouse: ad-hoc queries, Parquet snapshots and the documented schema."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from warehouse.connection import Connection, apply_migrations, first_line, open_warehouse
from warehouse.errors import QueryError
from warehouse.marts import mart_names
from warehouse.records import SchemaColumn
from warehouse.schema_docs import column_description, documented_objects
from warehouse.snapshots import MANIFEST_NAME, write_snapshot
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
            if result is None:  # only whitespace, semicolons or comments: DuckDB runs nothing and says nothing
                raise QueryError("query failed: it holds no SQL statement")
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




def export_parquet(
    db: str | Path,
    out_dir: str | Path,
    *,
    include_internal: bool = False,
    include_raw: bool = False,
    lock_timeout: float | None = None,
) -> list[Path]:
    """Write <name>.parquet for the contract tables and the marts into out_dir, then manifest.json, as
    one snapshot; returns the paths written.

    The internal tables (and the live views and *_by_id views) only with include_internal; the raw
    bytes of raw_pages and raw_stylesheets (their `content` column) only with include_raw. Integer and
    boolean columns carry pandas metadata, so pandas reads a year column with nulls as Int32, not float.
    manifest.json names the latest run, the schema version and every file's row count.

    The files are written into a new hidden folder beside out_dir, from one read transaction, and that
    folder replaces out_dir whole (warehouse.snapshots): a dashboard reading out_dir sees the previous
    snapshot or the new one, never a mix, and a killed export leaves out_dir as it was. out_dir must
    hold nothing but snapshot files. A warehouse that cannot be opened leaves no folder behind.
    """

    def write(folder: Path) -> list[str]:
        with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
            objects = connection.execute(
                sql_text("queries/export_objects.sql"), {"marts": list(mart_names())}
            ).fetchall()
            run_id, version, refreshed_at = connection.execute(sql_text("queries/export_manifest.sql")).fetchall()[0]
            files: dict[str, dict[str, Any]] = {}
            for name, kind, raw_column in objects:
                if kind == "internal" and not include_internal:
                    continue
                path = folder / f"{name}.parquet"
                count = _write_parquet(connection, name, path, drop=None if include_raw else raw_column)
                files[name] = {"file": path.name, "kind": kind, "rows": count}
        manifest = {
            "run_id": run_id,
            "schema_version": version,
            "marts_refreshed_at": refreshed_at.isoformat() if refreshed_at else None,
            "exported_at": datetime.now(UTC).isoformat(),
            "raw_bytes": include_raw,
            "files": files,
        }
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        return [*(entry["file"] for entry in files.values()), MANIFEST_NAME]

    return write_snapshot(Path(out_dir), write)


def _write_parquet(connection: Connection, name: str, path: Path, *, drop: str | None = None) -> int:
    # Streams record batches, so memory stays bounded by the batch size, not the table size.
    relation = connection.table(_quote_identifier(name))
    if drop is not None and drop in relation.columns:
        kept = [_quote_identifier(column) for column in relation.columns if column != drop]
        relation = relation.project(", ".join(kept))
    reader = relation.to_arrow_reader(batch_size=65_536)
    schema = _with_pandas_dtypes(reader.schema)
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in reader:
            writer.write_batch(pa.RecordBatch.from_arrays(batch.columns, schema=schema))
            count += batch.num_rows
    return count


# Arrow types pandas would read as float (integers with nulls) or object (booleans with nulls).
_NULLABLE_DTYPES = {
    pa.int8(): "Int8", pa.int16(): "Int16", pa.int32(): "Int32", pa.int64(): "Int64",
    pa.uint8(): "UInt8", pa.uint16(): "UInt16", pa.uint32(): "UInt32", pa.uint64(): "UInt64",
    pa.bool_(): "boolean",
}


def _with_pandas_dtypes(schema: pa.Schema) -> pa.Schema:
    """The schema with pandas metadata naming the nullable dtype of each integer and boolean column."""
    import pandas as pd

    empty = schema.empty_table().to_pandas(types_mapper=lambda arrow_type: _pandas_dtype(pd, arrow_type))
    pandas_metadata = pa.Schema.from_pandas(empty, preserve_index=False).metadata
    return schema.with_metadata({**(schema.metadata or {}), **(pandas_metadata or {})})


def _pandas_dtype(pd: Any, arrow_type: pa.DataType) -> Any:
    name = _NULLABLE_DTYPES.get(arrow_type)
    return pd.api.types.pandas_dtype(name) if name else None


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
