"""Run bookkeeping: ingest_runs rows and rejected pages."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from flows.acquire.records import Reject
from warehouse.connection import in_transaction, open_warehouse
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


def start_run(db: str | Path, run_id: str, started_at: datetime, *, lock_timeout: float | None = None) -> None:
    """Record that a run started (status 'running'). Starting the same run_id again changes nothing."""
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        connection.execute(sql_text("queries/start_run.sql"), {"run_id": run_id, "started_at": started_at})


def finish_run(db: str | Path, summary: RunSummary, *, lock_timeout: float | None = None) -> None:
    """Write a run's closing figures. The run must have been started with start_run."""
    parameters = {
        "run_id": summary.run_id,
        "ended_at": summary.ended_at,
        "status": summary.status,
        "problems_by_kind": json.dumps(dict(sorted(summary.problems_by_kind.items()))),
        **{name: getattr(summary, name) for name in RUN_COUNTS},
    }
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout) as connection:
        row = connection.execute(sql_text("queries/finish_run.sql"), parameters).fetchone()
    if not row or not row[0]:
        raise ValueError(f"no ingest run {summary.run_id!r}: call start_run before finish_run")


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
