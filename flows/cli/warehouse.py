"""`biblioduck sql`, `export` and `schema`: read the warehouse. No Prefect here, so they start fast."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from flows.cli.options import EXIT_FAILED, EXIT_WAREHOUSE, DbOption, fail


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def sql_command(
    query: Annotated[str, typer.Argument(help='SQL to run, e.g. "SELECT * FROM author_stats LIMIT 10".')],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="How to print the result.")
    ] = OutputFormat.table,
    db: DbOption = None,
) -> None:
    """Run a read-only SQL query against the warehouse and print the result.

    Waits for a running ingest to release the file (up to $BIBLIODUCK_LOCK_TIMEOUT seconds, default 30).
    """
    from warehouse import WarehouseError, resolve_db_path, run_query

    try:
        columns, rows = run_query(resolve_db_path(db), query)
    except WarehouseError as error:
        _fail(error)
    if output_format is OutputFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_cell(value) for value in row] for row in rows])
    elif output_format is OutputFormat.json:
        records = [dict(zip(columns, (_plain(value) for value in row), strict=True)) for row in rows]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_table(columns, rows)


def export_command(
    parquet: Annotated[
        Path,
        typer.Option(
            "--parquet", help="Directory to write one <name>.parquet per table and mart, and manifest.json, into."
        ),
    ],
    db: DbOption = None,
    include_internal: Annotated[
        bool, typer.Option("--all", help="Also write the internal tables and views (their shape may change).")
    ] = False,
    include_raw: Annotated[
        bool, typer.Option("--raw", help="Keep the raw page and stylesheet bytes (the content column of raw_pages).")
    ] = False,
) -> None:
    """Write Parquet snapshots of the contract tables and the marts, each swapped in atomically, and a
    manifest.json with the latest run id, the schema version and each file's row count."""
    from warehouse import WarehouseError, export_parquet, resolve_db_path

    try:
        written = export_parquet(
            resolve_db_path(db), parquet, include_internal=include_internal, include_raw=include_raw
        )
    except WarehouseError as error:
        _fail(error)
    except OSError as error:
        raise fail(f"cannot write to {parquet}: {error.strerror or error}", EXIT_FAILED) from None
    tables = [path for path in written if path.suffix == ".parquet"]
    typer.echo(f"wrote {len(tables)} Parquet files and manifest.json to {parquet}")


def dashboard_command(
    db: DbOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="HTML file to write.",
            show_default="dashboard.html beside the warehouse file, var/dashboard.html for the default one",
        ),
    ] = None,
) -> None:
    """Write the dashboard: one self-contained HTML file of charts over the marts, to open offline.

    No server and no network: the chart libraries and the data are inside the file. Every ingest
    rebuilds it too (unless `ingest --no-dashboard`).
    """
    from flows.dashboard import build_dashboard, default_dashboard_path
    from warehouse import WarehouseError, resolve_db_path

    path = resolve_db_path(db)
    target = out or default_dashboard_path(path)
    try:
        built = build_dashboard(path, target)
    except WarehouseError as error:
        _fail(error)
    except OSError as error:
        raise fail(f"cannot write {target}: {error.strerror or error}", EXIT_FAILED) from None
    note = " (the warehouse is empty)" if built.empty else ""
    typer.echo(f"dashboard: {built.path} ({built.size_bytes / 1e6:.2f} MB, {built.seconds:.1f} s){note}")


def refresh_command(db: DbOption = None) -> None:
    """Rebuild every mart table from its live view, in one transaction.

    Each ingest that changed something does this at its end; run it after changing the warehouse by
    other means. Readers see the old marts or the new ones, never a mix.
    """
    import time

    from warehouse import WarehouseError, refresh_marts, resolve_db_path

    path = resolve_db_path(db)
    started = time.monotonic()
    try:
        rebuilt = refresh_marts(path)
    except WarehouseError as error:
        _fail(error)
    typer.echo(f"rebuilt {len(rebuilt)} marts in {time.monotonic() - started:.2f} s: {', '.join(rebuilt)}")


def schema_command(
    db: DbOption = None,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print the schema as Markdown (what sql/SCHEMA.md holds).")
    ] = False,
) -> None:
    """List tables, views and columns with one-line descriptions.

    Describes the given warehouse if it exists, otherwise the schema this version of biblioduck creates.
    """
    from rich.console import Console
    from rich.table import Table

    from warehouse import WarehouseError, describe_schema, resolve_db_path, schema_markdown, table_descriptions

    path = resolve_db_path(db)
    try:
        columns = describe_schema(path if path.exists() else None)
    except WarehouseError as error:
        _fail(error)
    descriptions = table_descriptions()
    if markdown:
        sys.stdout.write(schema_markdown(columns, descriptions))
        return
    console = Console()
    by_table: dict[str, list[Any]] = {}
    for column in columns:
        by_table.setdefault(column.table, []).append(column)
    for table_name, table_columns in by_table.items():
        table = Table(title=f"{table_name}: {descriptions.get(table_name, '')}", title_justify="left")
        table.add_column("column")
        table.add_column("type")
        table.add_column("description", overflow="fold")
        for column in table_columns:
            table.add_row(column.column, column.type, column.description)
        console.print(table)


def _print_table(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(*[escape(name) for name in columns], caption=f"{len(rows)} rows")
    for row in rows:
        table.add_row(*["" if value is None else escape(str(_cell(value))) for value in row])
    Console().print(table)


def _cell(value: Any) -> Any:
    """A value in one cell of text (CSV, the table): lists and objects as JSON, not Python's repr."""
    plain = _plain(value)
    return json.dumps(plain, ensure_ascii=False) if isinstance(plain, list | dict) else plain


def _plain(value: Any) -> Any:
    """A JSON/CSV-friendly form: dates as ISO text, bytes as hex, decimals as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _fail(error: Exception) -> NoReturn:
    """A query DuckDB rejected is the command failing (1); anything else means the warehouse cannot be used (3)."""
    from warehouse import QueryError

    raise fail(str(error), EXIT_FAILED if isinstance(error, QueryError) else EXIT_WAREHOUSE) from None
