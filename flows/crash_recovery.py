"""Closing Prefect's records of ingests that died: their flow runs would stay RUNNING forever.

An ingest killed with SIGKILL (or by the OOM killer) cannot report its end. The next run marks its
ingest_runs row crashed (warehouse.mark_crashed_runs decides by pid, host and process start time);
this module then sets the matching Prefect flow run, whose id is the run_id, to Crashed. That matters
when the server outlives the run: `biblioduck serve`, a reused local server, or PREFECT_API_URL (and
the SQLite database of PREFECT_HOME, which a temporary server also keeps).
"""

from __future__ import annotations

import uuid
from pathlib import Path

import warehouse

CRASHED_MESSAGE = "the biblioduck process running this ingest died (see ingest_runs.status = 'crashed')"


def recover_flow_runs(db: str | Path) -> list[str]:
    """Set to Crashed every RUNNING flow run whose ingest_runs row is crashed; returns their ids."""
    crashed = [_as_uuid(run_id) for run_id in warehouse.crashed_runs(db)]
    ids = [run_id for run_id in crashed if run_id is not None]
    if not ids:
        return []
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterId,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    recovered: list[str] = []
    with get_client(sync_client=True) as client:
        still_running = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=ids),
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.RUNNING])),
            )
        )
        for flow_run in still_running:
            client.set_flow_run_state(flow_run.id, Crashed(message=CRASHED_MESSAGE), force=True)
            recovered.append(str(flow_run.id))
    return recovered


def mark_crashed(db: str | Path) -> list[str]:
    """For `serve` at start-up: mark dead runs crashed in the warehouse, then in Prefect."""
    warehouse.mark_crashed_runs(db)
    return recover_flow_runs(db)


def _as_uuid(run_id: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(run_id)
    except ValueError:
        return None  # a run id not made by Prefect (tests, scripts): no flow run to close
