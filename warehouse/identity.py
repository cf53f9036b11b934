"""Identity resolution: which author groups (normalized name plus dblp number) are one person.

Set-based, in DuckDB, for the name blocks of a set of touched authors (sql/identity/): after a batch,
the authors it shows or took away; after an override, the authors it names; `resolve_all` for every
author. Overrides (identity_overrides, append-only) are hard constraints on every resolution.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warehouse import marts
from warehouse.connection import Connection, in_transaction, install_macros, open_warehouse
from warehouse.errors import IdentityError
from warehouse.sqlfiles import sql_text

# What a resolution writes: the marts reading it are rebuilt with every override and re-resolution, in its
# transaction, so a correction reaches the counts people read (an ingest rebuilds them at its end).
PERSON_TABLES = ("author_persons", "person_links")
_RESOLVE_STEPS = (
    "new_author_names", "insert_author_names", "region", "authorships", "candidates", "evidence", "edges"
)
# What each action needs besides override_id, reason and created_at (an imported row is checked against it).
OVERRIDE_ACTIONS = {
    "link": ("author_key_a", "author_key_b"),
    "unlink": ("author_key_a", "author_key_b"),
    "assign": ("author_key_a", "author_key_b", "person_id"),
    "revoke": ("revokes",),
}
OVERRIDE_COLUMNS = (
    "override_id", "action", "author_key_a", "name_a", "author_key_b", "name_b", "person_id", "revokes", "reason",
    "who", "created_at",
)


def resolve_touched(connection: Connection) -> None:
    """Re-resolve the blocks of the authors in the temp table identity_touched, inside the caller's
    transaction."""
    run = connection.execute
    for step in _RESOLVE_STEPS:
        run(sql_text(f"identity/{step}.sql"))
    # a conflicting component loses its close spellings first, then its weak links, then every automatic link
    run(sql_text("identity/components.sql"))
    for prune in ("prune_close_spellings", "prune_weak_links", "prune_automatic_links"):
        run(sql_text("identity/conflicts.sql"))
        conflicts = run(sql_text("identity/count_conflicts.sql")).fetchone()
        if not conflicts or not conflicts[0]:
            break
        run(sql_text(f"identity/{prune}.sql"))
        run(sql_text("identity/components.sql"))
    for step in ("assign_person_ids", "apply_persons"):
        run(sql_text(f"identity/{step}.sql"))


def resolve_all(db: str | Path, *, lock_timeout: float | None = None) -> int:
    """Re-resolve every author (after an upgrade, or to check a result); returns the number of persons."""
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout, must_exist=True) as connection:

        def work() -> int:
            connection.execute(sql_text("identity/touch_all.sql"))
            resolve_touched(connection)
            refresh_person_marts(connection)
            return _scalar(connection, "queries/count_persons.sql")

        return in_transaction(connection, work)


def add_override(
    db: str | Path,
    action: str,
    first: str,
    second: str | None = None,
    *,
    reason: str,
    who: str,
    lock_timeout: float | None = None,
) -> int:
    """Append one override and re-resolve the names it touches; returns its override_id.

    link A B / unlink A B name two author groups (a name as shown, or an author_key); assign FORM PERSON puts
    an author group into a person (a person_id); revoke N revokes override N. An override that contradicts
    one in force is refused with IdentityError naming it; so is one the resolution cannot honour."""
    if not reason.strip():
        raise IdentityError("an override needs a --reason")
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout, must_exist=True) as connection:
        return in_transaction(connection, lambda: _add(connection, action, first, second, reason, who))


def _add(connection: Connection, action: str, first: str, second: str | None, reason: str, who: str) -> int:
    active = _records(connection, "queries/active_overrides.sql")
    row: dict[str, Any] = dict.fromkeys(OVERRIDE_COLUMNS)
    row.update(action=action, reason=reason, who=who, created_at=datetime.now(UTC))
    if action in ("link", "unlink"):
        if second is None:
            raise IdentityError(f"{action} needs two names")
        key_a, name_a = _one_author(connection, first)
        key_b, name_b = _one_author(connection, second)
        if key_a == key_b:
            raise IdentityError(f"{first!r} and {second!r} are the same author group")
        row.update(author_key_a=key_a, name_a=name_a, author_key_b=key_b, name_b=name_b)
        opposite = "unlink" if action == "link" else "link"
        for override in active:
            pair = {override["author_key_a"], override["author_key_b"]}
            if override["action"] == opposite and pair == {key_a, key_b}:
                raise IdentityError(
                    f"override {override['override_id']} ({opposite} {override['name_a']} / {override['name_b']}) "
                    f"says the opposite: revoke it first (identity revoke {override['override_id']})"
                )
        touched = [key_a, key_b]
    elif action == "assign":
        if second is None or not second.strip().isdigit():
            raise IdentityError("assign needs a form and a person_id")
        key_a, name_a = _one_author(connection, first)
        person_id = int(second)
        members = [key for (key,) in _rows(connection, "queries/person_members.sql", {"person_id": person_id})]
        anchors = [key for key in members if key != key_a]
        if not anchors:
            raise IdentityError(f"person {person_id} has no other author group to assign {first!r} to")
        for override in active:
            if override["action"] == "assign" and override["author_key_a"] == key_a:
                raise IdentityError(
                    f"override {override['override_id']} already assigns {override['name_a']}: "
                    f"revoke it first (identity revoke {override['override_id']})"
                )
            if override["action"] == "unlink" and key_a in (override["author_key_a"], override["author_key_b"]):
                other = override["author_key_b"] if override["author_key_a"] == key_a else override["author_key_a"]
                if other in members:
                    raise IdentityError(
                        f"override {override['override_id']} unlinks {override['name_a']} / {override['name_b']}, "
                        f"a member of person {person_id}: revoke it first (identity revoke {override['override_id']})"
                    )
        row.update(author_key_a=key_a, name_a=name_a, author_key_b=anchors[0], person_id=person_id)
        touched = [key_a, *members]
    elif action == "revoke":
        if not first.strip().isdigit():
            raise IdentityError("revoke needs an override_id")
        revoked = next((override for override in active if override["override_id"] == int(first)), None)
        if revoked is None:
            raise IdentityError(f"override {first} is not in force (unknown, or revoked already)")
        row.update(revokes=int(first))
        touched = [key for key in (revoked["author_key_a"], revoked["author_key_b"]) if key]
    else:
        raise IdentityError(f"unknown override action {action!r}")
    override_id = _insert(connection, row)
    _resolve_keys(connection, touched)
    _check_honoured(connection, f"{action} {first}{' ' + second if second else ''}")
    refresh_person_marts(connection)
    return override_id


def person_marts() -> list[str]:
    """The marts that count persons, in the order they are built."""
    reading = marts.reading(PERSON_TABLES)
    return [mart for mart in marts.mart_names() if mart in reading]


def refresh_person_marts(connection: Connection) -> None:
    """Rebuild the marts that read persons, inside the caller's transaction; every mart if the facts moved
    on since the marts were last rebuilt, so the marts never disagree with each other."""
    marts.materialize(connection, None if marts.facts_after_marts(connection) else person_marts())


def _check_honoured(connection: Connection, what: str) -> None:
    """Every override in force must hold after a resolution; if two contradict each other, say which and
    write nothing (the caller's transaction rolls back)."""
    violated = _rows(connection, "queries/violated_overrides.sql", {})
    if violated:
        listed = ", ".join(f"{number} ({action} {name_a} / {name_b})" for number, action, name_a, name_b in violated)
        raise IdentityError(f"{what} cannot hold together with the overrides in force: {listed}; nothing was written")


def export_overrides(db: str | Path, path: str | Path, *, lock_timeout: float | None = None) -> int:
    """Write every override row (revocations included) to a CSV file; returns the number of rows."""
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        records = _records(connection, "queries/all_overrides.sql")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OVERRIDE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({key: ("" if value is None else _csv_value(value)) for key, value in record.items()})
    Path(path).write_text(buffer.getvalue(), encoding="utf-8")
    return len(records)


def import_overrides(db: str | Path, path: str | Path, *, lock_timeout: float | None = None) -> int:
    """Append the rows of an exported CSV file that the warehouse lacks, then re-resolve the names they touch;
    returns the number of rows added. A row whose override_id exists with other content is refused: two
    histories that disagree are never merged silently."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        incoming = [_from_csv(record) for record in csv.DictReader(handle)]
    with open_warehouse(db, read_only=False, lock_timeout=lock_timeout, must_exist=True) as connection:

        def work() -> int:
            existing = {record["override_id"]: record for record in _records(connection, "queries/all_overrides.sql")}
            added = 0
            touched: list[str] = []
            for record in sorted(incoming, key=lambda item: item["override_id"]):
                known = existing.get(record["override_id"])
                if known is not None:
                    if _comparable(known) != _comparable(record):
                        raise IdentityError(
                            f"override {record['override_id']} in {path} differs from the one in the warehouse; "
                            "nothing was imported"
                        )
                    continue
                _insert(connection, record)
                added += 1
                touched += [key for key in (record["author_key_a"], record["author_key_b"]) if key]
                if record["revokes"] is not None and record["revokes"] in existing:
                    revoked = existing[record["revokes"]]
                    touched += [key for key in (revoked["author_key_a"], revoked["author_key_b"]) if key]
            if touched:
                _resolve_keys(connection, touched)
                _check_honoured(connection, f"the overrides of {path}")
                refresh_person_marts(connection)
            return added

        return in_transaction(connection, work)


def explain(db: str | Path, query: str, *, lock_timeout: float | None = None) -> dict[str, Any]:
    """What identity decided for a name (as shown, or an author_key) or a person_id: the persons, their
    forms and papers, the links and why, the suspects, the overrides in force."""
    with open_warehouse(db, read_only=True, lock_timeout=lock_timeout) as connection:
        install_macros(connection)  # names are matched as the load keys them
        if query.strip().isdigit():
            person_ids = [int(query)]
        else:
            keys = [key for key, _, _ in _rows(connection, "queries/find_authors.sql", {"query": query})]
            persons = _rows(connection, "queries/persons_of_authors.sql", {"author_keys": keys})
            person_ids = sorted({person_id for _, person_id in persons})
        params = {"person_ids": person_ids}
        return {
            "query": query,
            "persons": _records(connection, "queries/explain_persons.sql", params),
            "groups": _records(connection, "queries/explain_forms.sql", params),
            "links": _records(connection, "queries/explain_links.sql", params),
            "suspects": _records(connection, "queries/explain_suspects.sql", params),
            "overrides": _records(connection, "queries/explain_overrides.sql", params),
        }


def _one_author(connection: Connection, name: str) -> tuple[str, str]:
    found = connection.execute(sql_text("queries/find_authors.sql"), {"query": name}).fetchall()
    if not found:
        raise IdentityError(f"no author {name!r} in the warehouse")
    if len(found) > 1:
        listed = ", ".join(f"{key} ({shown}{' ' + homonym if homonym else ''})" for key, shown, homonym in found)
        raise IdentityError(f"{name!r} names {len(found)} author groups: {listed}; give an author_key or a dblp number")
    key, _, _ = found[0]
    return key, name


def _resolve_keys(connection: Connection, keys: Sequence[str]) -> None:
    connection.execute(sql_text("identity/touch_authors.sql"), {"author_keys": list(dict.fromkeys(keys))})
    resolve_touched(connection)


def _insert(connection: Connection, row: dict[str, Any]) -> int:
    result = connection.execute(sql_text("queries/insert_override.sql"), row).fetchone()
    assert result is not None
    row["override_id"] = int(result[0])
    return row["override_id"]


def _rows(connection: Connection, query: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return connection.execute(sql_text(query), params).fetchall()


def _records(connection: Connection, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    result = connection.execute(sql_text(query), params or {})
    columns = [column[0] for column in result.description or ()]
    return [dict(zip(columns, values, strict=True)) for values in result.fetchall()]


def _scalar(connection: Connection, query: str) -> int:
    row = connection.execute(sql_text(query)).fetchone()
    return int(row[0]) if row else 0


def _csv_value(value: Any) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


def _from_csv(record: dict[str, str]) -> dict[str, Any]:
    def text(name: str) -> str | None:
        value = record.get(name, "")
        return value if value != "" else None

    def number(name: str) -> int | None:
        value = text(name)
        return int(value) if value is not None else None

    created = text("created_at")
    if number("override_id") is None or text("action") is None or text("reason") is None or created is None:
        raise IdentityError("an override row needs override_id, action, reason and created_at")
    parsed = {
        "override_id": number("override_id"), "action": text("action"), "author_key_a": text("author_key_a"),
        "name_a": text("name_a"), "author_key_b": text("author_key_b"), "name_b": text("name_b"),
        "person_id": number("person_id"), "revokes": number("revokes"), "reason": text("reason"),
        "who": text("who") or "unknown", "created_at": datetime.fromisoformat(created),
    }
    # The table is append-only: a row let in here stays for good, so it must be one the commands could write.
    needed = OVERRIDE_ACTIONS.get(parsed["action"])
    if needed is None:
        raise IdentityError(
            f"override {parsed['override_id']}: unknown action {parsed['action']!r} "
            f"(one of {', '.join(OVERRIDE_ACTIONS)}); nothing was imported"
        )
    lacking = [name for name in needed if parsed[name] is None]
    if lacking:
        raise IdentityError(
            f"override {parsed['override_id']} ({parsed['action']}) lacks {', '.join(lacking)}; nothing was imported"
        )
    return parsed


def _comparable(record: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        record[name].astimezone(UTC).isoformat() if isinstance(record[name], datetime) else record[name]
        for name in OVERRIDE_COLUMNS
    )
