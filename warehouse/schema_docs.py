"""Descriptions of tables, views and columns, read from the comments written next to them in sql/.

Conventions in the .sql files:
  -- table: <one line>       (or `-- view:`) at the top of the file that creates the object; the
                             comment lines after it explain why and are not part of the description;
  <column definition>,  -- <description>     on the line defining a column (CREATE TABLE,
                             ALTER TABLE ... ADD COLUMN, or the final SELECT list of a view).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from warehouse.sqlfiles import SQL_DIR, mart_files, migrations, view_files

_OBJECT = re.compile(
    r"^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?P<kind>TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"|ALTER\s+TABLE\s+)(?P<name>\w+)",
    re.IGNORECASE | re.MULTILINE,
)
_HEADER = re.compile(r"^--\s*(?:table|view):\s*(?P<text>.*)$")
_ALIASED = re.compile(r"\bAS\s+\"?(?P<name>\w+)\"?\s*,?\s*$", re.IGNORECASE)
_DEFINED = re.compile(r"^\s*(?:ALTER\s+TABLE\s+\w+\s+ADD\s+COLUMN\s+)?(?:\w+\.)?\"?(?P<name>\w+)\"?(?:\s|,|$)", re.I)
_FROM = re.compile(r"^FROM\s+(?P<name>\w+)", re.MULTILINE)
_NOT_COLUMNS = frozenset({"primary", "unique", "foreign", "check", "constraint"})


@dataclass(slots=True)
class ObjectDoc:
    description: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    reads: str | None = None  # a view's FROM: columns it passes through (SELECT *) are described there


def column_description(docs: dict[str, ObjectDoc], relation: str, column: str) -> str:
    """The column's description, or, for a column a view passes through, the description where it comes from."""
    seen: set[str] = set()
    name: str | None = relation.lower()
    while name and name not in seen:
        seen.add(name)
        doc = docs.get(name)
        if doc is None:
            return ""
        if column.lower() in doc.columns:
            return doc.columns[column.lower()]
        name = doc.reads
    return ""


@cache
def documented_objects() -> dict[str, ObjectDoc]:
    """Object name -> its description and column descriptions, across bootstrap, migrations and marts."""
    bootstrap = SQL_DIR / "bootstrap" / "schema_version.sql"
    files = [bootstrap, *(m.path for m in migrations()), *view_files(), *mart_files()]
    docs: dict[str, ObjectDoc] = {}
    for path in files:
        _read_file(path, docs)
    return docs


def _read_file(path: Path, docs: dict[str, ObjectDoc]) -> None:
    text = path.read_text(encoding="utf-8")
    # a file that rebuilds a table renames the old one first: the CREATE is what it documents
    objects = list(_OBJECT.finditer(text))
    match = next((found for found in objects if found["kind"]), objects[0] if objects else None)
    if match is None:
        return
    doc = docs.setdefault(match["name"].lower(), ObjectDoc())
    if match["kind"]:
        doc.columns.clear()  # a later CREATE (a rebuilt table, a view replacing a table) supersedes earlier ones
    lines = text.splitlines()
    header = _header(lines)
    if header and match["kind"]:
        doc.description = header
    if match["kind"] and match["kind"].upper() == "VIEW":
        last_select = max((i for i, line in enumerate(lines) if line.startswith("SELECT")), default=0)
        column_lines = lines[last_select + 1 :]
        source = _FROM.search("\n".join(column_lines))
        doc.reads = source["name"].lower() if source else None
    else:
        column_lines = lines[text[: match.start()].count("\n") :]
    for line in column_lines:
        code, marker, comment = line.partition("--")
        if not marker or not code.strip():
            continue
        named = _ALIASED.search(code) or _DEFINED.match(code)
        if named and named["name"].lower() not in _NOT_COLUMNS:
            doc.columns[named["name"].lower()] = comment.strip()


def _header(lines: list[str]) -> str:
    for line in lines:
        header = _HEADER.match(line)
        if header:
            return header["text"].strip()
    return ""
