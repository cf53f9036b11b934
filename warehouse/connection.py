"""Opening the warehouse file: path resolution, the DuckDB header check, lock retries and migrations.

DuckDB lets one process write a file or many processes read it, never both. Writers therefore open
the file only for the duration of one batch and close it, and both sides retry a lock conflict with
exponential backoff until a bounded timeout runs out.
"""

from __future__ import annotations

import errno
import logging
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import duckdb

from warehouse import marts
from warehouse.errors import (
    BadSetting,
    NotADuckDBFile,
    WarehouseDiskFull,
    WarehouseError,
    WarehouseLocked,
    WarehouseNotFound,
    WarehouseNotWritable,
    WarehouseTooNew,
)
from warehouse.sqlfiles import (
    Migration,
    file_text,
    latest_schema_version,
    macro_files,
    mart_files,
    migrations,
    sql_text,
    view_files,
)

_log = logging.getLogger("biblioduck.warehouse")

DEFAULT_DB_PATH = "var/biblioduck.duckdb"
DB_ENV_VAR = "BIBLIODUCK_DB"
LOCK_TIMEOUT_ENV_VAR = "BIBLIODUCK_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0

# DuckDB stores the magic bytes "DUCK" at offset 8 of every database file.
_MAGIC = b"DUCK"
_MAGIC_OFFSET = 8
_FIRST_RETRY_DELAY = 0.05
_WAIT_NOTICE_AFTER = 0.5  # seconds of waiting for a lock before saying so
_MAX_RETRY_DELAY = 1.0
# 'Conflicting lock is held in /usr/bin/python3.11 (PID 4748)'
_LOCK_HOLDER = re.compile(r"held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")

Connection = duckdb.DuckDBPyConnection
T = TypeVar("T")


def resolve_db_path(cli_value: str | None) -> Path:
    """The warehouse path: the --db value if given, else $BIBLIODUCK_DB, else var/biblioduck.duckdb."""
    chosen = cli_value or os.environ.get(DB_ENV_VAR) or DEFAULT_DB_PATH
    return Path(chosen).expanduser()


def lock_timeout_seconds(explicit: float | None = None) -> float:
    """The explicit value if given, else $BIBLIODUCK_LOCK_TIMEOUT, else 30 seconds."""
    if explicit is not None:
        return max(0.0, explicit)
    configured = os.environ.get(LOCK_TIMEOUT_ENV_VAR)
    if configured:
        try:
            return max(0.0, float(configured))
        except ValueError:
            raise BadSetting(f"{LOCK_TIMEOUT_ENV_VAR} must be a number of seconds, not {configured!r}") from None
    return DEFAULT_LOCK_TIMEOUT_SECONDS


_MARTS_CURRENT: set[str] = set()


@contextmanager
def open_warehouse(
    db: str | Path, *, read_only: bool, lock_timeout: float | None = None, must_exist: bool = False
) -> Iterator[Connection]:
    """A connection to the warehouse, closed on exit.

    For writing, a missing file is created (unless `must_exist`: a command that changes what an
    ingest loaded has nothing to change in a new file, and a mistyped --db must not leave one
    behind) and any pending migrations are applied first; for reading, the file must exist. Either
    way a file that is not a DuckDB database, or whose schema is newer than this code, is refused
    before anything is written to it.
    """
    path = Path(db)
    _refuse_non_duckdb_file(path)
    if (read_only or must_exist) and not path.exists():
        raise WarehouseNotFound(path)
    if not read_only:
        check_writable(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WarehouseNotWritable(path, f"cannot create {path.parent}: {_reason(error)}") from None
    try:
        connection = _connect_with_retry(path, read_only, lock_timeout_seconds(lock_timeout))
    except duckdb.Error as error:
        raise _translated(path, error) from None
    try:
        found_version = schema_version(connection)
        if found_version > latest_schema_version():
            raise WarehouseTooNew(path, found_version, latest_schema_version())
        if not read_only:
            connection.execute(sql_text("bootstrap/writer_settings.sql"))
            install_macros(connection)  # the load keys rows with them, and so do migrations
            # Migrations, and the marts' view definitions, once per file per process: a run opens
            # the file for every batch, and re-creating the views each time cost ~40 ms an open.
            key = str(path.resolve())
            if found_version < latest_schema_version() or key not in _MARTS_CURRENT or missing_views(connection):
                _migrate(connection, found_version)
                _MARTS_CURRENT.add(key)
        elif found_version == latest_schema_version() and missing_views(connection):
            # A reader cannot repair the file (it may even sit on read-only storage, and other readers
            # would block a write open), so it defines the views for its own connection only. The next
            # writer repairs the file for good.
            install_temp_views(connection)
        yield connection
    except duckdb.Error as error:
        raise _translated(path, error) from None
    finally:
        connection.close()


def check_writable(db: str | Path) -> None:
    """Refuse at once, without opening DuckDB, a path that cannot become or be a writable warehouse:
    a file that is not DuckDB, a parent that is not a folder, a folder or file that cannot be written."""
    path = Path(db)
    _refuse_non_duckdb_file(path)
    if path.exists():
        if not os.access(path, os.W_OK):
            raise WarehouseNotWritable(path, f"cannot write {path}: permission denied")
        return
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise WarehouseNotWritable(path, f"cannot create {path}: {ancestor} is not a folder")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise WarehouseNotWritable(path, f"cannot create {path}: permission denied in {ancestor}")


@contextmanager
def connect_reader(db: str | Path, timeout: float | None = None) -> Iterator[Connection]:
    """A read-only DuckDB connection for dashboards and notebooks that waits for a writer.

    A bare `duckdb.connect(path, read_only=True)` fails at once while an ingest holds the file; this
    one retries with backoff for up to `timeout` seconds (default $BIBLIODUCK_LOCK_TIMEOUT, else 30)
    and then raises WarehouseLocked. Views missing from the file are defined on the connection.
    Keep it open only as long as you read: an ingest waits for readers to close.
    """
    with open_warehouse(db, read_only=True, lock_timeout=timeout) as connection:
        yield connection


def expected_views() -> list[str]:
    """Every view this code defines: the contract views, then the marts' live views."""
    return [*(path.stem for path in view_files()), *(marts.live_name(name) for name in marts.mart_names())]


def missing_views(connection: Connection) -> list[str]:
    rows = connection.execute(sql_text("queries/missing_views.sql"), {"expected": expected_views()}).fetchall()
    return [row[0] for row in rows]


def install_temp_views(connection: Connection) -> None:
    """The contract views and marts as TEMP views of this connection (works read-only)."""
    install_macros(connection)
    for path in view_files():
        connection.execute(_as_temp_view(file_text(path)))
    tables = {row[0] for row in connection.execute(sql_text("queries/main_tables.sql")).fetchall()}
    for path in mart_files():
        connection.execute(_as_temp_view(marts.live_view_sql(path)))
        if path.stem not in tables:  # a mart table the file lacks reads as its live view, computed
            connection.execute(_as_temp_view(file_text(path)))


def _as_temp_view(text: str) -> str:
    # One object per file, each "CREATE OR REPLACE VIEW name AS ...": the same definition, made TEMP.
    return re.sub(r"\bCREATE\s+OR\s+REPLACE\s+VIEW\b", "CREATE OR REPLACE TEMP VIEW", text, count=1, flags=re.I)


def _translated(path: Path, error: duckdb.Error) -> WarehouseError:
    """A full disk becomes WarehouseDiskFull; any other DuckDB error a WarehouseError naming the file, so
    no bare duckdb.Error leaves the warehouse."""
    if is_disk_full(error):
        return WarehouseDiskFull(path)
    return WarehouseError(f"{path}: DuckDB failed: {first_line(str(error))}")


def is_disk_full(error: BaseException) -> bool:
    return "No space left on device" in str(error) or getattr(error, "errno", None) == errno.ENOSPC


def preflight(db: str | Path, *, lock_timeout: float | None = None) -> None:
    """Refuse, before any work starts, a file that is not a DuckDB database or is newer than this code.

    A missing file is fine (the first write creates it); nothing is written either way.
    """
    path = Path(db)
    _refuse_non_duckdb_file(path)
    if path.exists():
        with open_warehouse(path, read_only=True, lock_timeout=lock_timeout):
            pass


def schema_version(connection: Connection) -> int:
    """The highest applied migration, 0 for a file without a schema_version table."""
    has_table = connection.execute(sql_text("queries/has_schema_version.sql")).fetchone()
    if not has_table or not has_table[0]:
        return 0
    row = connection.execute(sql_text("queries/schema_version.sql")).fetchone()
    return int(row[0]) if row else 0


def apply_migrations(connection: Connection, up_to: int | None = None) -> None:
    """Apply pending migrations (all, or up to `up_to`), one transaction each, then refresh the marts."""
    install_macros(connection)  # migrations re-key rows with the same macros the load uses
    _migrate(connection, schema_version(connection), up_to)


def _migrate(connection: Connection, found_version: int, up_to: int | None = None) -> None:
    """Needs the macros installed on the connection."""
    connection.execute(sql_text("bootstrap/schema_version.sql"))
    pending = [m for m in migrations() if m.version > found_version and (up_to is None or m.version <= up_to)]
    complete = up_to is None or up_to >= latest_schema_version()
    if found_version == 0 and pending:
        # A new file has nothing to keep: one transaction (one commit) creates the whole schema and its
        # views, so a kill at any point leaves either no schema or all of it, never tables without views.
        def bootstrap() -> None:
            _apply(connection, pending)
            if complete:
                _create_views(connection)

        in_transaction(connection, bootstrap)
        return
    # An existing file is upgraded one migration per transaction, so a failure keeps what already succeeded.
    for migration in pending:
        in_transaction(connection, lambda migration=migration: _apply(connection, [migration]))
    if complete:
        _refresh_marts(connection)


def _apply(connection: Connection, step: list[Migration]) -> None:
    for migration in step:
        connection.execute(migration.sql)
        connection.execute(
            sql_text("queries/record_migration.sql"),
            {"version": migration.version, "name": migration.name, "applied_at": datetime.now(UTC)},
        )


def _refresh_marts(connection: Connection) -> None:
    # Views are re-created by every process that writes, so a code upgrade ships new view and mart
    # definitions without a migration; CREATE OR REPLACE VIEW stores no data. The contract views go
    # first: the marts read them.
    in_transaction(connection, lambda: _create_views(connection))


def _create_views(connection: Connection) -> None:
    for path in view_files():
        connection.execute(file_text(path))
    marts.create_live_views(connection)  # and builds the mart tables that are new or whose SQL changed


def in_transaction(connection: Connection, work: Callable[[], T]) -> T:
    """Run work in one transaction: committed if it returns, rolled back if it raises.

    The one place that controls transactions; its three keywords are the only SQL written in Python."""
    connection.execute("BEGIN TRANSACTION")
    try:
        result = work()
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    return result


def install_macros(connection: Connection) -> None:
    """Install the key macros on a connection (open_warehouse does this for writers).

    TEMP macros live in the connection only: key definitions stay in sql/macros and are never frozen
    into a file's catalog where an old copy could disagree with the code."""
    for path in macro_files():
        connection.execute(file_text(path))


def _refuse_non_duckdb_file(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_file():
        raise NotADuckDBFile(path, "it is not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(_MAGIC_OFFSET + len(_MAGIC))
    except OSError as error:
        raise NotADuckDBFile(path, f"it cannot be read ({error.strerror or error})") from None
    if header[_MAGIC_OFFSET:] != _MAGIC:
        what = "it is empty" if not header else "it does not start with the DuckDB file header"
        raise NotADuckDBFile(path, what)


def _connect_with_retry(path: Path, read_only: bool, timeout: float) -> Connection:
    started = time.monotonic()
    delay = _FIRST_RETRY_DELAY
    announced = False
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as error:
            message = str(error)
            if is_disk_full(error):
                raise WarehouseDiskFull(path) from None
            if "Could not set lock" not in message:
                if not path.exists():  # nothing there to be a foreign file: the folder refused it
                    raise WarehouseNotWritable(path, f"cannot create {path}: {first_line(message)}") from None
                raise NotADuckDBFile(path, f"DuckDB cannot open it ({first_line(message)})") from None
            waited = time.monotonic() - started
            remaining = timeout - waited
            if remaining <= 0:
                program, pid = _lock_holder(message)
                raise WarehouseLocked(path, waited, program, pid) from None
            if not announced and waited >= _WAIT_NOTICE_AFTER:
                # a reader slipping in between an ingest's batches waits milliseconds; past that, say whom
                # we wait for instead of staying silent for up to the whole timeout
                program, pid = _lock_holder(message)
                who = f"process {pid} ({program})" if pid is not None else "another process"
                _log.warning("waiting for %s to release %s (up to %.0f s more)", who, path, remaining)
                announced = True
            # jitter keeps several waiting processes from retrying in lockstep
            time.sleep(min(remaining, delay * random.uniform(0.5, 1.0)))
            delay = min(delay * 2, _MAX_RETRY_DELAY)
        except duckdb.ConnectionException as error:
            # the same process already holds the file with the other mode (a reader left open while writing)
            raise WarehouseError(f"{path} is already open in this process: {first_line(str(error))}") from None
        except duckdb.Error as error:
            if is_disk_full(error):
                raise WarehouseDiskFull(path) from None
            raise NotADuckDBFile(path, f"DuckDB cannot open it ({first_line(str(error))})") from None


def _lock_holder(message: str) -> tuple[str | None, int | None]:
    match = _LOCK_HOLDER.search(message)
    if match is None:
        return None, None
    return os.path.basename(match["program"]), int(match["pid"])


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()


def first_line(message: str) -> str:
    """The first line of a DuckDB message: the part a user reads."""
    return message.strip().splitlines()[0] if message.strip() else "unknown error"
