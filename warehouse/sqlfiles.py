"""Access to the SQL in sql/: every statement the warehouse runs lives there, one object per file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

# sql/ is package data: in a checkout, an editable install and a wheel alike, read where it is installed.
SQL_DIR = Path(str(resources.files("sql")))
_DEPENDS_ON = re.compile(r"^-- depends on: (?P<names>.+)$", re.MULTILINE)
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


def file_text(path: Path) -> str:
    """sql_text for a path under sql/, as the *_files functions return them."""
    return sql_text(path.relative_to(SQL_DIR).as_posix())


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


@cache
def macro_files() -> tuple[Path, ...]:
    """The macros, each after the macros it calls (DuckDB resolves a macro's calls when it is created)."""
    return _in_dependency_order(sorted((SQL_DIR / "macros").glob("*.sql")))


def _in_dependency_order(paths: list[Path]) -> tuple[Path, ...]:
    """Files named after the object they create, each after the others of its folder that it declares.

    Every file declares what it reads in a `-- depends on: a, b` line (or `nothing`); names from other
    folders (a mart reading a view) only document, since those folders are created first. Declared, not
    guessed from the text: a column alias such as `count(*) AS papers` is no dependency on `papers`.
    """
    by_name = {path.stem: path for path in paths}
    needs = {name: set(declared_dependencies(path)) & by_name.keys() for name, path in by_name.items()}
    ordered: list[Path] = []
    while needs:
        ready = sorted(name for name, needed in needs.items() if not needed)
        if not ready:
            raise RuntimeError(f"{sorted(needs)} in {paths[0].parent} depend on each other in a cycle")
        for name in ready:
            ordered.append(by_name[name])
            del needs[name]
        for needed in needs.values():
            needed.difference_update(ready)
    return tuple(ordered)


def declared_dependencies(path: Path) -> tuple[str, ...]:
    """The objects a view, mart or macro file declares it reads."""
    match = _DEPENDS_ON.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"{path} has no '-- depends on:' line; write '-- depends on: nothing' if it reads none")
    names = tuple(name.strip() for name in match["names"].split(","))
    return () if names == ("nothing",) else names


@cache
def mart_files() -> tuple[Path, ...]:
    return _in_dependency_order(sorted((SQL_DIR / "marts").glob("*.sql")))


@cache
def view_files() -> tuple[Path, ...]:
    """The views over the fact tables (papers, paper_authors, ...), each after those it reads; created
    before the marts, which read them."""
    return _in_dependency_order(sorted((SQL_DIR / "views").glob("*.sql")))


@cache
def data_test_files() -> tuple[Path, ...]:
    """The data tests (sql/tests/*.sql), in name order: each returns the rows that break one rule."""
    return tuple(sorted((SQL_DIR / "tests").glob("*.sql")))
