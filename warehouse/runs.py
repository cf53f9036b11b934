"""Run bookkeeping: ingest_runs rows and rejected pages."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from flows.acquire.records import Reject
from warehouse.connection import Connection, in_transaction, open_warehouse
from warehouse.errors import WarehouseError
from warehouse.processes import process_token, run_is_stale, this_host
from warehouse.records import RUN_COUNTS, RunSummary
from warehouse.sqlfiles import sql_text

_REJECTS_SCHEMA = pa.schema(
    [
        ("source", pa.string()),
        ("reason", pa.string()),
        ("reason_code", pa.string()),
        ("problems", pa.string()),
        ("raw_sha256", pa.string()),
        ("rejected_at", pa.timestamp("us", tz="UTC")),
    ]
)


def start_run(
    db: str | Path, run_id: str, started_at: datetime, *, lock_timeout: float | None = None
) -> list[str]:
    """Record that a run started (status 'running'), with this process's pid, host and start token.

    First closes the rows of runs whose process died (see mark_crashed_runs); returns their run ids.
    Starting the same run_id again changes nothing."""
    pid = os.getpid()
    parameters = {
        "run_id": run_id, "started_at": started_at, "pid": pid, "host": this_host(), "process_token": process_token(pid)
    }
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        return in_transaction(connection, lambda: _start(connection, parameters))


def _start(connection: Connection, parameters: dict[str, object]) -> list[str]:
    crashed = _mark_crashed(connection)
    connection.execute(sql_text("queries/start_run.sql"), parameters)
    return crashed


def mark_crashed_runs(db: str | Path, *, lock_timeout: float | None = None) -> list[str]:
    """Mark 'crashed' every run still 'running' whose process is gone; returns their run ids.

    Their load counts are what their committed batches added; pages_rejected counts their committed
    rejects. See warehouse.processes for how a dead process is told from a live one."""
    if not Path(db).exists():
        return []
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        return in_transaction(connection, lambda: _mark_crashed(connection))


def _mark_crashed(connection: Connection) -> list[str]:
    running = connection.execute(sql_text("queries/running_runs.sql")).fetchall()
    stale = [run_id for run_id, pid, host, token, last_sign in running if run_is_stale(pid, host, token, last_sign)]
    if stale:
        connection.execute(sql_text("queries/mark_crashed_runs.sql"), {"run_ids": stale})
    return stale


def crashed_runs(db: str | Path, *, lock_timeout: float | None = None) -> list[str]:
    """The run ids of every run marked crashed, oldest first."""
    if not Path(db).exists():
        return []
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        return [row[0] for row in connection.execute(sql_text("queries/crashed_runs.sql")).fetchall()]


def finish_run(db: str | Path, summary: RunSummary, *, lock_timeout: float | None = None) -> None:
    """Write a run's closing figures. The run must have been started with start_run."""
    parameters = {
        "run_id": summary.run_id,
        "ended_at": summary.ended_at,
        "status": summary.status,
        "problems_by_kind": json.dumps(dict(sorted(summary.problems_by_kind.items()))),
        "failed_test": summary.failed_test,
        "failed_test_rows": json.dumps(summary.failed_test_rows, default=str) if summary.failed_test else None,
        **{name: getattr(summary, name) for name in RUN_COUNTS},
    }
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        row = connection.execute(sql_text("queries/finish_run.sql"), parameters).fetchone()
    if not row or not row[0]:
        raise WarehouseError(f"no ingest run {summary.run_id!r}: call start_run before finish_run")


def record_rejects(
    db: str | Path, run_id: str, rejects: Sequence[Reject], *, lock_timeout: float | None = None
) -> None:
    """Record pages the run rejected, with their problems as JSON. Recording one again updates it."""
    if not rejects:
        return
    staged = pa.Table.from_pylist(
        [
            {
                "source": reject.source,
                "reason": reject.reason,
                "reason_code": reject.code,
                "problems": json.dumps([problem.to_dict() for problem in reject.problems], ensure_ascii=False),
                "raw_sha256": reject.raw_sha256,
                "rejected_at": reject.rejected_at,
            }
            for reject in rejects
        ],
        schema=_REJECTS_SCHEMA,
    )
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        connection.register("staged_rejects", staged)
        record = sql_text("queries/record_rejects.sql")
        in_transaction(connection, lambda: connection.execute(record, {"run_id": run_id}))


def committed_pages(db: str | Path, run_id: str, *, lock_timeout: float | None = None) -> int | None:
    """How many pages the run's committed batches loaded (None for an unknown run)."""
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        row = connection.execute(sql_text("queries/run_counts.sql"), {"run_id": run_id}).fetchone()
    return None if row is None else int(row[1])
