"""What the dashboard shows, read from the mart tables (never the facts) in one read transaction.

Each chart's rows come from one query in sql/dashboard/; the limits keep the page small however
large the warehouse: the top venues and authors, the clusters offered in the collaboration view,
the latest runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import first_line, in_transaction, open_warehouse
from warehouse.errors import QueryError
from warehouse.sqlfiles import sql_text


@dataclass(frozen=True, slots=True)
class DashboardLimits:
    venues: int = 15  # top venues shown
    authors: int = 25  # top authors shown, with their shares
    author_lines: int = 6  # authors whose output over time is drawn
    clusters: int = 25  # clusters offered in the collaboration view
    coverage: int = 30  # clusters in the coverage chart
    runs: int = 30  # latest runs in the history and data-quality charts


# query file -> the limit it takes ($limit), if any
_QUERIES: dict[str, str | None] = {
    "totals": None,
    "annual_output": None,
    "top_venues": "venues",
    "top_authors": "authors",
    "author_output": "author_lines",
    "clusters": "clusters",
    "network_nodes": "clusters",
    "network_edges": "clusters",
    "coverage": "coverage",
    "problems": "runs",
    "rejects": "runs",
    "runs": "runs",
}


def read_dashboard_data(
    db: str | Path, limits: DashboardLimits | None = None, *, lock_timeout: float | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Chart name -> its rows as plain dicts (timestamps as ISO text), all from one snapshot of the marts."""
    limits = limits or DashboardLimits()

    def read_all(connection: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
        data: dict[str, list[dict[str, Any]]] = {}
        for name, limit in _QUERIES.items():
            params = {"limit": getattr(limits, limit)} if limit else None
            result = connection.execute(sql_text(f"dashboard/{name}.sql"), params)
            columns = [column[0] for column in result.description]
            data[name] = [dict(zip(columns, map(_plain, row), strict=True)) for row in result.fetchall()]
        return data

    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        try:
            return in_transaction(connection, lambda: read_all(connection))
        except duckdb.Error as error:
            raise QueryError(f"cannot read the marts: {first_line(str(error))}") from None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value
