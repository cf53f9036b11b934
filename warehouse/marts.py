"""The marts as tables: each sql/marts/<name>.sql defines a live view, materialized as the table <name>.

A mart file is written as `CREATE OR REPLACE VIEW <name> AS ...`, the shape it always had; the warehouse
creates it as the view `<name>_live` (computed on every read, for ad hoc SQL) and keeps the table `<name>`
(what dashboards and BI tools read: milliseconds, whatever the size of the facts). The tables are
rebuilt together, in one transaction, so a reader sees the old marts or the new ones, never a mix.

Which marts a refresh rebuilds:
  - all of them at the end of an ingest that changed the facts, and on `biblioduck refresh`;
  - only the run marts (marked `-- refresh: every run`: they read nothing but ingest_runs and rejects,
    such as run_history) after an ingest that changed no fact: the run itself is news;
  - on opening a file to write: the marts that do not exist yet, or whose SQL changed since they were
    built (a code upgrade), and every mart that reads one of those;
  - the marts that count persons, in the transaction of an identity override or re-resolution.

Works on a connection; warehouse.refresh opens the file. No transaction control here: callers wrap the
work in connection.in_transaction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import duckdb

from warehouse.errors import UnknownMart
from warehouse.sqlfiles import declared_dependencies, file_text, mart_files, sql_text, view_files

LIVE_SUFFIX = "_live"
# the marker of a run mart: it reads only the run bookkeeping, which a run writes even when no page changed
_EVERY_RUN = re.compile(r"^-- refresh: every run\b", re.MULTILINE)


def mart_names() -> tuple[str, ...]:
    """Every mart, each after the marts it reads."""
    return tuple(path.stem for path in mart_files())


def live_name(mart: str) -> str:
    return mart + LIVE_SUFFIX


@cache
def live_view_sql(path: Path) -> str:
    """The mart file's SQL with the view it creates renamed to <name>_live."""
    text = file_text(path)
    pattern = re.compile(rf"^(CREATE\s+OR\s+REPLACE\s+VIEW\s+){re.escape(path.stem)}\b", re.IGNORECASE | re.MULTILINE)
    renamed, count = pattern.subn(rf"\g<1>{live_name(path.stem)}", text, count=1)
    if count != 1:
        raise RuntimeError(f"{path} must create the view {path.stem} (CREATE OR REPLACE VIEW {path.stem} AS ...)")
    return renamed


def create_live_views(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """(Re)create every mart's live view, and build the mart tables that are missing or stale.

    In dependency order: a live view reading another mart binds to that mart's table, which must exist.
    The contract views must exist already. Returns the marts built."""
    stale = stale_marts(connection)
    built: list[str] = []
    for path in mart_files():
        connection.execute(live_view_sql(path))
        if path.stem in stale:
            built += materialize(connection, [path.stem])
    return built


@cache
def definition_sha256(mart: str) -> str:
    path = _paths()[mart]
    return hashlib.sha256(file_text(path).encode()).hexdigest()


@cache
def run_marts() -> frozenset[str]:
    """Marts whose file says `-- refresh: every run`: they read only ingest_runs and rejects."""
    return frozenset(path.stem for path in mart_files() if _EVERY_RUN.search(file_text(path)))


def dependents(marts: Iterable[str]) -> set[str]:
    """The marts given and every mart that reads one of them, directly or not."""
    chosen = set(marts)
    for path in mart_files():
        if chosen & set(declared_dependencies(path)):
            chosen.add(path.stem)
    return chosen


def reading(tables: Iterable[str]) -> set[str]:
    """The marts that read any of these tables, directly or through views and other marts.

    `-- depends on:` names the views and marts a file reads, not the tables, so a table is found by its
    name in the SQL (a mention in a comment only rebuilds a mart more than needed)."""
    table_names = re.compile(r"\b(?:" + "|".join(map(re.escape, tables)) + r")\b")
    readers: set[str] = set()
    for path in (*view_files(), *mart_files()):  # each after the objects it reads
        if table_names.search(file_text(path)) or readers & set(declared_dependencies(path)):
            readers.add(path.stem)
    return readers & set(mart_names())


def facts_after_marts(connection: duckdb.DuckDBPyConnection) -> bool:
    """Whether a batch committed after the fact marts (all but the run marts) were last rebuilt: a run
    that stopped before its own rebuild left them behind."""
    fact_marts = [mart for mart in mart_names() if mart not in run_marts()]
    row = connection.execute(sql_text("queries/facts_after_marts.sql"), {"marts": fact_marts}).fetchone()
    return bool(row and row[0])


def stale_marts(connection: duckdb.DuckDBPyConnection) -> set[str]:
    """Marts missing as tables, or built from another definition than the current one, with their dependents."""
    tables = _objects(connection, "table")
    built = (
        dict(connection.execute(sql_text("refresh/mart_refreshes.sql")).fetchall())
        if "mart_refreshes" in tables
        else {}
    )
    stale = {mart for mart in mart_names() if mart not in tables or built.get(mart) != definition_sha256(mart)}
    return dependents(stale) if stale else set()


def materialize(
    connection: duckdb.DuckDBPyConnection, marts: Iterable[str] | None = None, *, run_id: str | None = None
) -> list[str]:
    """Rebuild the given mart tables (all by default) from their live views, in dependency order.

    Returns the marts rebuilt. Run it inside one transaction (connection.in_transaction)."""
    wanted = set(mart_names()) if marts is None else set(marts)
    unknown = wanted - set(mart_names())
    if unknown:
        raise UnknownMart(f"no such mart: {', '.join(sorted(unknown))}")
    views = _objects(connection, "view")
    refreshed_at = datetime.now(UTC)
    rebuilt: list[str] = []
    for mart in mart_names():
        if mart not in wanted:
            continue
        if mart in views:  # the mart as an older biblioduck left it: a view of the same name
            connection.execute(sql_text("refresh/drop_mart_view.sql").format(mart=_quote(mart)))
        connection.execute(sql_text("refresh/replace_mart.sql").format(mart=_quote(mart), live=_quote(live_name(mart))))
        connection.execute(
            sql_text("refresh/record_refresh.sql"),
            {
                "mart": mart,
                "definition_sha256": definition_sha256(mart),
                "refreshed_at": refreshed_at,
                "run_id": run_id,
            },
        )
        rebuilt.append(mart)
    return rebuilt


def _objects(connection: duckdb.DuckDBPyConnection, kind: str) -> set[str]:
    return {
        name for name, found in connection.execute(sql_text("refresh/mart_objects.sql")).fetchall() if found == kind
    }


@cache
def _paths() -> dict[str, Path]:
    return {path.stem: path for path in mart_files()}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'
