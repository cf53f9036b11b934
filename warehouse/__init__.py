"""The biblioduck warehouse: the only code that opens DuckDB.

Every function takes the database path (`db`) and opens the file only for the duration of the call,
so readers (dashboards, `biblioduck sql`) and the writer take turns. A lock conflict is retried with
exponential backoff for up to `lock_timeout` seconds (default $BIBLIODUCK_LOCK_TIMEOUT, else 30),
then raises WarehouseLocked naming the process that holds the file. All SQL lives in sql/.

Public API (stable):

    DEFAULT_DB_PATH = "var/biblioduck.duckdb"
    resolve_db_path(cli_value: str | None) -> Path               # --db, else $BIBLIODUCK_DB, else default
    check_writable(db) -> None                                     # no DuckDB opened: fails in milliseconds
    preflight(db, *, lock_timeout=None) -> None                    # refuse a bad file before work starts

    store_raw_pages(db, pages: Sequence[RawPage], *, lock_timeout=None) -> None       # idempotent
    latest_versions(db, sources: Sequence[str], *, lock_timeout=None) -> dict[str, PageVersion]
    loaded_paper_counts(db, sources: Sequence[str], *, lock_timeout=None) -> dict[str, int]  # loaded versions
    load_pages(db, run_id, parsed: Sequence[tuple[RawPage | PageRef, ListingPage]],
               *, skip_loaded=True, lock_timeout=None) -> LoadStats                 # one transaction
    iter_raw_pages(db, *, chunk_size=500, lock_timeout=None) -> Iterator[RawPage]    # latest per source
    raw_page_count(db, *, lock_timeout=None) -> int                                 # sources it yields
    latest_stylesheet(db, url, *, lock_timeout=None) -> Stylesheet | None            # for conditional GETs
    start_run(db, run_id, started_at, *, lock_timeout=None) -> None
    finish_run(db, summary: RunSummary, *, lock_timeout=None) -> None
    record_rejects(db, run_id, rejects: Sequence[Reject], *, lock_timeout=None) -> None
    run_query(db, sql, params=None, *, read_only=True, lock_timeout=None) -> (columns, rows)
    connect_reader(db, timeout=None) -> context manager of a read-only connection that waits for a writer
    check_warehouse(db, *, lock_timeout=None) -> list[DataTestResult]   # the data tests of sql/tests/
    mark_crashed_runs(db) -> list[str]; crashed_runs(db) -> list[str]  # runs whose process died
    export_parquet(db, out_dir, *, include_internal=False, include_raw=False, lock_timeout=None) -> list[Path]
    read_dashboard_data(db, limits=None, *, lock_timeout=None) -> dict[str, list[dict]]  # from the marts
    refresh_marts(db, *, run_id=None, facts_changed=True, only=None, lock_timeout=None) -> list[str]
                                                                   # the mart tables, in one transaction
    describe_schema(db=None, *, lock_timeout=None) -> list[SchemaColumn(table, column, type, description)]
    table_descriptions() -> dict[str, str]
    schema_markdown(columns, descriptions) -> str                  # what sql/SCHEMA.md holds

    Bulk path: load_staged(db, run_id, StagedBatch, *, skip_loaded=True) with a StagedBatch of Arrow tables
    (see warehouse.staging) is what load_pages runs after flattening ListingPage objects.

Errors (warehouse.errors), all subclasses of WarehouseError with one-line messages:
    WarehouseLocked, NotADuckDBFile, WarehouseTooNew, WarehouseNotFound, WarehouseNotWritable,
    WarehouseDiskFull, DataTestFailed, QueryError (DuckDB rejected a query), BadSetting (an unusable
    environment setting), IdentityError, UnknownMart (refresh_marts(only=...) naming no mart). Nothing else
    escapes: no bare duckdb.Error.

Identity (warehouse.identity): resolve_all(db), add_override(db, action, first, second, *, reason, who),
explain(db, query) -> dict, export_overrides(db, path), import_overrides(db, path), person_marts() (the marts
an override or re-resolution rebuilds in its transaction); IdentityError.
"""

from __future__ import annotations

from flows.acquire.records import PageRef, RawPage, Reject, Stylesheet  # handed on: the records it stores
from warehouse.connection import (
    DEFAULT_DB_PATH,
    check_writable,
    connect_reader,
    lock_timeout_seconds,
    open_warehouse,
    preflight,
    resolve_db_path,
)
from warehouse.dashboard_data import DashboardLimits, read_dashboard_data
from warehouse.data_tests import DataTestResult, check_warehouse
from warehouse.errors import (
    BadSetting,
    DataTestFailed,
    IdentityError,
    NotADuckDBFile,
    QueryError,
    UnknownMart,
    WarehouseDiskFull,
    WarehouseError,
    WarehouseLocked,
    WarehouseNotFound,
    WarehouseNotWritable,
    WarehouseTooNew,
)
from warehouse.identity import (
    add_override,
    explain,
    export_overrides,
    import_overrides,
    person_marts,
    resolve_all,
)
from warehouse.load import (
    iter_raw_pages,
    latest_stylesheet,
    latest_versions,
    load_pages,
    load_staged,
    loaded_paper_counts,
    raw_page_count,
    store_raw_pages,
)
from warehouse.query import describe_schema, export_parquet, run_query, table_descriptions
from warehouse.records import LOAD_COUNTS, RUN_COUNTS, LoadStats, PageVersion, RunSummary, SchemaColumn
from warehouse.refresh import refresh_marts
from warehouse.runs import committed_pages, crashed_runs, finish_run, mark_crashed_runs, record_rejects, start_run
from warehouse.schema_docs import schema_markdown
from warehouse.sqlfiles import latest_schema_version
from warehouse.staging import StagedBatch, stage_pages

__all__ = [
    "DEFAULT_DB_PATH",
    "LOAD_COUNTS",
    "RUN_COUNTS",
    "BadSetting",
    "DashboardLimits",
    "DataTestFailed",
    "DataTestResult",
    "IdentityError",
    "LoadStats",
    "NotADuckDBFile",
    "PageRef",
    "PageVersion",
    "QueryError",
    "RawPage",
    "Reject",
    "RunSummary",
    "SchemaColumn",
    "StagedBatch",
    "Stylesheet",
    "UnknownMart",
    "WarehouseDiskFull",
    "WarehouseError",
    "WarehouseLocked",
    "WarehouseNotFound",
    "WarehouseNotWritable",
    "WarehouseTooNew",
    "add_override",
    "check_warehouse",
    "check_writable",
    "committed_pages",
    "connect_reader",
    "crashed_runs",
    "describe_schema",
    "explain",
    "export_overrides",
    "export_parquet",
    "finish_run",
    "import_overrides",
    "iter_raw_pages",
    "latest_schema_version",
    "latest_stylesheet",
    "latest_versions",
    "load_pages",
    "load_staged",
    "loaded_paper_counts",
    "lock_timeout_seconds",
    "mark_crashed_runs",
    "open_warehouse",
    "person_marts",
    "preflight",
    "raw_page_count",
    "read_dashboard_data",
    "record_rejects",
    "refresh_marts",
    "resolve_all",
    "resolve_db_path",
    "run_query",
    "schema_markdown",
    "stage_pages",
    "start_run",
    "store_raw_pages",
    "table_descriptions",
]
