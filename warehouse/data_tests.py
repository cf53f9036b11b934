"""Data tests, as dbt runs them: SQL files under sql/tests/, each returning the rows that break one rule.

They run inside every batch's transaction, before the commit, over just the papers and pages the batch
touched (sql/test_scope/batch_*.sql) and their authors (sql/test_scope/test_author*.sql); a failure raises
DataTestFailed, which rolls the batch back, so a broken loader can never commit inconsistent numbers.
`biblioduck check` runs the same files over the whole warehouse (sql/test_scope/warehouse_*.sql).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from warehouse.connection import Connection, open_warehouse
from warehouse.errors import DataTestFailed
from warehouse.sqlfiles import data_test_files, file_text, sql_text

SAMPLE_ROWS = 5
Scope = Literal["batch", "warehouse"]


@dataclass(slots=True)
class DataTestResult:
    """One test's outcome: how many rows broke its rule, and the first few of them."""

    name: str
    failing_rows: int = 0
    sample: list[dict[str, object]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.failing_rows == 0


def run_data_tests(connection: Connection, scope: Scope, *, stop_at_first: bool = False) -> list[DataTestResult]:
    """Run every data test on an open connection, over the scope's papers and pages."""
    # The scope picks the papers and pages; their authors follow from those the same way in either scope.
    for relation in ("test_papers", "test_pages"):
        connection.execute(sql_text(f"test_scope/{scope}_{relation}.sql"))
    for relation in ("test_authors", "test_author_rows"):
        connection.execute(sql_text(f"test_scope/{relation}.sql"))
    results: list[DataTestResult] = []
    for path in data_test_files():
        result = _run_one(connection, path)
        results.append(result)
        if stop_at_first and not result.passed:
            break
    return results


def enforce_data_tests(connection: Connection, path: Path) -> None:
    """Raise DataTestFailed for the first data test the current batch breaks (inside its transaction)."""
    for result in run_data_tests(connection, "batch", stop_at_first=True):
        if not result.passed:
            raise DataTestFailed(result.name, result.sample, result.failing_rows, path)


def check_warehouse(db: str | Path, *, lock_timeout: float | None = None) -> list[DataTestResult]:
    """Run every data test over the whole warehouse, read-only; returns each test's result."""
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        return run_data_tests(connection, "warehouse")


def _run_one(connection: Connection, path: Path) -> DataTestResult:
    result = DataTestResult(path.stem)
    cursor = connection.execute(file_text(path))
    columns = [column[0] for column in cursor.description or []]
    # Count every failing row but keep only a sample: a badly broken rule can fail on millions.
    while chunk := cursor.fetchmany(1024):
        room = SAMPLE_ROWS - len(result.sample)
        result.sample.extend(dict(zip(columns, row, strict=True)) for row in chunk[:room])
        result.failing_rows += len(chunk)
    return result
