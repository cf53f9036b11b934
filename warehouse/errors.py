"""Errors the warehouse raises, each with a message a user can act on without a traceback."""

from __future__ import annotations

from pathlib import Path


class WarehouseError(Exception):
    """Base class: anything the warehouse refuses or cannot do, explained in one line."""


class WarehouseNotFound(WarehouseError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"no warehouse at {path}: run an ingest first, or point --db / BIBLIODUCK_DB at one")
        self.path = path


class NotADuckDBFile(WarehouseError):
    """The path holds something that is not a readable DuckDB database. The file is left untouched."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path} is not a biblioduck warehouse: {detail}; the file was left untouched")
        self.path = path
        self.detail = detail


class WarehouseTooNew(WarehouseError):
    def __init__(self, path: Path, found_version: int, known_version: int) -> None:
        super().__init__(
            f"{path} has schema version {found_version}, but this biblioduck only knows versions up to "
            f"{known_version}; upgrade biblioduck to use it (the file was not modified)"
        )
        self.path = path
        self.found_version = found_version
        self.known_version = known_version


class WarehouseLocked(WarehouseError):
    """Another process kept the file open for writing (or reading, when we write) past the lock timeout."""

    def __init__(self, path: Path, waited_seconds: float, holder: str | None, pid: int | None) -> None:
        who = "another process"
        if pid is not None:
            who = f"process {pid}" + (f" ({holder})" if holder else "")
        super().__init__(
            f"{path} is in use by {who}; gave up after waiting {waited_seconds:.1f} s. DuckDB allows one "
            f"writer or many readers at a time: wait for it to finish, or raise BIBLIODUCK_LOCK_TIMEOUT"
        )
        self.path = path
        self.waited_seconds = waited_seconds
        self.holder = holder
        self.pid = pid


class QueryError(WarehouseError):
    """DuckDB rejected a query (bad SQL, a missing table, a type error): the warehouse itself is fine."""


class BadSetting(WarehouseError):
    """An environment setting of the warehouse (BIBLIODUCK_LOCK_TIMEOUT) holds an unusable value."""


class WarehouseNotWritable(WarehouseError):
    """The warehouse file, or a folder it needs, cannot be created or written."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail)
        self.path = path


class IdentityError(WarehouseError):
    """An identity override that cannot be written: an unknown or ambiguous name, or one that contradicts an
    override in force (which is named, so nothing is dropped silently)."""
