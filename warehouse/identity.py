"""Identity resolution: which author groups (normalized name plus dblp number) are one person.

Set-based, in DuckDB, for the name blocks of a set of touched authors (sql/identity/): after a batch,
the authors it shows or took away; after an override, the authors it names; `resolve_all` for every
author. Overrides (identity_overrides, append-only) are hard constraints on every resolution.
"""

from __future__ import annotations

from warehouse.connection import Connection
from warehouse.sqlfiles import sql_text

_RESOLVE_STEPS = ("new_author_names", "insert_author_names", "region", "candidates", "evidence", "edges")


def resolve_touched(connection: Connection) -> None:
    """Re-resolve the blocks of the authors in the temp table identity_touched, inside the caller's
    transaction."""
    run = connection.execute
    for step in _RESOLVE_STEPS:
        run(sql_text(f"identity/{step}.sql"))
    # a conflicting component loses its weak links first, then every automatic link
    for prune in ("prune_weak_links", "prune_automatic_links"):
        run(sql_text("identity/components.sql"))
        run(sql_text("identity/conflicts.sql"))
        conflicts = run(sql_text("identity/count_conflicts.sql")).fetchone()
        if not conflicts or not conflicts[0]:
            break
        run(sql_text(f"identity/{prune}.sql"))
    run(sql_text("identity/components.sql"))
    for step in ("assign_person_ids", "apply_persons", "suspects"):
        run(sql_text(f"identity/{step}.sql"))
