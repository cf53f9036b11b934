"""Rebuilding the mart tables of a warehouse file: at the end of an ingest, or on demand."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from warehouse import marts
from warehouse.connection import in_transaction, open_warehouse


def refresh_marts(
    db: str | Path,
    *,
    run_id: str | None = None,
    facts_changed: bool = True,
    only: Iterable[str] | None = None,
    lock_timeout: float | None = None,
) -> list[str]:
    """Rebuild the mart tables in one transaction; returns the marts rebuilt, in the order built.

    All marts by default (or `only` these and the marts that read them). With facts_changed=False (an
    ingest that loaded and removed nothing) only the run marts, which read ingest_runs and rejects, unless
    a batch committed after the fact marts were last rebuilt (a run that stopped before its own rebuild):
    then all of them."""
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout, must_exist=True) as connection:

        def work() -> list[str]:
            chosen: set[str] | None = None
            if only is not None:
                chosen = marts.dependents(only)
            elif not facts_changed and not marts.facts_after_marts(connection):
                chosen = set(marts.run_marts())
            return marts.materialize(connection, chosen, run_id=run_id)

        return in_transaction(connection, work)

