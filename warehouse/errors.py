"""Errors the warehouse raises, each with a message a user can act on without a traceback."""

from __future__ import annotations

import os
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


class UnknownMart(WarehouseError):
    """A mart was asked for by a name no sql/marts/ file defines."""


class BadSetting(WarehouseError):
    """An environment setting of the warehouse (BIBLIODUCK_LOCK_TIMEOUT) holds an unusable value."""


class WarehouseNotWritable(WarehouseError):
    """The warehouse file, or a folder it needs, cannot be created or written."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(detail)
        self.path = path
class WarehouseDiskFull(WarehouseError):
    """The disk holding the warehouse filled up. What was committed before stays; the open batch rolled back."""

    def __init__(self, path: Path) -> None:
        mount = disk_of(path)
        super().__init__(
            f"the disk holding {path} (mounted at {mount}, {free_bytes(mount)} free) is full: the warehouse keeps "
            f"every batch committed before; free some space and run the ingest again"
        )
        self.path = path
        self.mount = mount


class DataTestFailed(WarehouseError):
    """A data test (sql/checks/) found rows that break its rule; the batch it guarded was rolled back."""

    def __init__(self, test: str, sample: list[dict[str, object]], total: int, path: Path | None = None) -> None:
        where = f" in {path}" if path is not None else ""
        super().__init__(
            f"data test {test} failed{where}: {total} rows break its rule (first: {sample[0] if sample else {}}); "
            f"the batch was rolled back"
        )
        self.test = test
        self.sample = sample
        self.total = total


def disk_of(path: Path) -> Path:
    """The mount point of the file system holding path (or its nearest existing parent)."""
    current = Path(os.path.abspath(path))
    while not current.exists() and current != current.parent:
        current = current.parent
    while not os.path.ismount(current) and current != current.parent:
        current = current.parent
    return current


def free_bytes(mount: Path) -> str:
    try:
        stats = os.statvfs(mount)
    except OSError:
        return "unknown"
    free = stats.f_bavail * stats.f_frsize
    for unit in ("bytes", "kB", "MB", "GB"):
        if free < 1024 or unit == "GB":
            return f"{free:.0f} {unit}" if unit == "bytes" else f"{free:.1f} {unit}"
        free /= 1024
    return "unknown"


class IdentityError(WarehouseError):
    """An identity override that cannot be written: an unknown or ambiguous name, or one that contradicts an
    override in force (which is named, so nothing is dropped silently)."""
