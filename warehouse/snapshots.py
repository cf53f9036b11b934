"""An export is one snapshot: written into a new folder beside the target, then swapped in whole.

A dashboard reading the folder sees the previous snapshot or the new one, never a mix: on Linux the
two folders are exchanged atomically (renameat2 RENAME_EXCHANGE); elsewhere the old folder is renamed
away and the new one renamed in, two renames with nothing written between them. A killed export
leaves only its own hidden staging folder beside the target, which the next export removes.
"""

from __future__ import annotations

import ctypes
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from warehouse.errors import WarehouseError
from warehouse.processes import process_token

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
MANIFEST_NAME = "manifest.json"  # what an export writes beside its Parquet files
SNAPSHOT_SUFFIX = ".parquet"


class ExportFolderError(WarehouseError):
    """The export's target cannot be replaced by a snapshot (it holds other files, or is a file)."""


def write_snapshot(target: Path, write: Callable[[Path], list[str]]) -> list[Path]:
    """Call write(staging folder) -> file names, then swap the staging folder in as target."""
    target = Path(os.path.abspath(target))
    _refuse_foreign_target(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(target)
    staging = target.parent / f".{target.name}.export-{os.getpid()}-{_token_tag()}.tmp"
    staging.mkdir()
    try:
        names = write(staging)
        _swap_in(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # after a swap: the previous snapshot
    return [target / name for name in names]


def remove_leftovers(target: Path) -> list[Path]:
    """Remove staging folders of exports to target whose process is gone, and hidden .tmp files that
    exports of older biblioduck versions left inside it. Returns what was removed."""
    removed: list[Path] = []
    prefix = f".{target.name}.export-"
    for entry in target.parent.glob(f"{prefix}*.tmp"):
        owner = entry.name[len(prefix):].split("-", 1)[0]
        live_tag = _tag_of(int(owner)) if owner.isdigit() else ""
        if live_tag and entry.name.endswith(f"-{live_tag}.tmp"):
            continue  # a live export's own staging folder
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    if target.is_dir():
        for entry in target.glob(f".*{SNAPSHOT_SUFFIX}.*.tmp"):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _refuse_foreign_target(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise ExportFolderError(f"{target} is not a folder: export writes a folder of Parquet files")
    foreign = [
        p.name
        for p in target.iterdir()
        if not (p.name.endswith(SNAPSHOT_SUFFIX) or p.name.endswith(".tmp") or p.name == MANIFEST_NAME)
    ]
    if foreign:
        raise ExportFolderError(
            f"{target} holds files that are not Parquet snapshots ({', '.join(sorted(foreign)[:3])}); an export "
            f"replaces the whole folder, so give it a folder of its own"
        )


def _swap_in(staging: Path, target: Path) -> None:
    if not target.exists():
        os.rename(staging, target)
        return
    if _exchange(staging, target):
        return  # staging now holds the previous snapshot; the caller removes it
    previous = staging.with_name(staging.name.replace(".export-", ".export-old-", 1))
    os.rename(target, previous)
    os.rename(staging, target)
    shutil.rmtree(previous, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where the call does not exist."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system cannot exchange
        return False
    raise OSError(error, os.strerror(error), str(second))


def _token_tag() -> str:
    return _tag_of(os.getpid())


def _tag_of(pid: int) -> str:
    # the start time of the process: a staging folder of a dead export whose pid was reused still goes
    token = process_token(pid) or ""
    return token.rsplit(":", 1)[-1]
