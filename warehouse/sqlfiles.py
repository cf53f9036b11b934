"""Access to the SQL in sql/: every statement the warehouse runs lives there, one object per file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_MIGRATION_NAME = re.compile(r"^(?P<version>\d{3})_(?P<name>\w+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    path: Path

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


@cache
def sql_text(relative_path: str) -> str:
    """The text of sql/<relative_path>, read once per process."""
    return (SQL_DIR / relative_path).read_text(encoding="utf-8")


@cache
def migrations() -> tuple[Migration, ...]:
    """All migrations in version order; numbering gaps or duplicates are a packaging bug, so they raise."""
    found: list[Migration] = []
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        match = _MIGRATION_NAME.match(path.name)
        if match is None:
            raise RuntimeError(f"migration file {path} is not named NNN_name.sql")
        found.append(Migration(int(match["version"]), match["name"], path))
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(f"migrations must be numbered 001, 002, ... without gaps; found {migration.path}")
    return tuple(found)


def latest_schema_version() -> int:
    return migrations()[-1].version


def macro_files() -> list[Path]:
    """The macros, each after the macros it calls (DuckDB resolves a macro's calls when it is created)."""
    paths = {path.stem: path for path in sorted((SQL_DIR / "macros").glob("*.sql"))}
    texts = {name: path.read_text(encoding="utf-8") for name, path in paths.items()}
    calls = {
        name: {other for other in paths if other != name and re.search(rf"\b{other}\(", text)}
        for name, text in texts.items()
    }
    ordered: list[Path] = []
    while calls:
        ready = sorted(name for name, needed in calls.items() if not needed)
        if not ready:
            raise RuntimeError(f"macros in {SQL_DIR / 'macros'} call each other in a cycle: {sorted(calls)}")
        for name in ready:
            ordered.append(paths[name])
            del calls[name]
        for needed in calls.values():
            needed.difference_update(ready)
    return ordered


def mart_files() -> list[Path]:
    return sorted((SQL_DIR / "marts").glob("*.sql"))


def view_files() -> list[Path]:
    """The contract views over the fact tables (papers, paper_authors, ...); created before the marts."""
    return sorted((SQL_DIR / "views").glob("*.sql"))
