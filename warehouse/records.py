"""Plain records the warehouse API takes and returns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import NamedTuple

from parsers.records import Problem


@dataclass(frozen=True, slots=True)
class RawPage:
    """A page exactly as received. sha256 is computed from content when left empty."""

    source: str
    content: bytes
    fetched_at: datetime | None = None
    http_status: int | None = None
    content_type: str | None = None
    sha256: str = ""
    etag: str | None = None
    last_modified: str | None = None

    def __post_init__(self) -> None:
        digest = hashlib.sha256(self.content).hexdigest()
        if not self.sha256:
            object.__setattr__(self, "sha256", digest)
        elif self.sha256 != digest:
            raise ValueError(f"{self.source}: sha256 {self.sha256} does not match the content ({digest})")


@dataclass(frozen=True, slots=True)
class PageRef:
    """Names a raw page already stored (store_raw_pages) without carrying its bytes again."""

    source: str
    sha256: str


@dataclass(frozen=True, slots=True)
class PageVersion:
    """The most recently fetched version of a source, as latest_versions reports it."""

    sha256: str
    etag: str | None
    last_modified: str | None
    fetched_at: datetime | None
    loaded: bool  # this sha256 is the contribution currently loaded for the source


@dataclass(slots=True)
class LoadStats:
    """What one load_pages call did; add them up with + across batches."""

    pages_loaded: int = 0
    pages_unchanged: int = 0
    papers_added: int = 0
    papers_changed: int = 0
    papers_removed: int = 0
    authors_added: int = 0
    authors_changed: int = 0
    authors_removed: int = 0

    def __add__(self, other: LoadStats) -> LoadStats:
        return LoadStats(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class Reject:
    """A page a run could not fetch or parse. raw_sha256 is None when nothing was received."""

    source: str
    reason: str
    problems: list[Problem] = field(default_factory=list)
    raw_sha256: str | None = None
    rejected_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(slots=True)
class RunSummary:
    """The closing figures of an ingest run, written by finish_run."""

    run_id: str
    status: str  # succeeded, partial or failed
    ended_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    pages_seen: int = 0
    pages_fetched: int = 0
    pages_loaded: int = 0
    pages_unchanged: int = 0
    pages_rejected: int = 0
    problems_by_kind: dict[str, int] = field(default_factory=dict)
    papers_added: int = 0
    papers_changed: int = 0
    authors_added: int = 0
    authors_changed: int = 0


class SchemaColumn(NamedTuple):
    """One column of a table or view, with the description written next to it in sql/."""

    table: str
    column: str
    type: str
    description: str
