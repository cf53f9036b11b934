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
    clusters_added: int = 0
    clusters_removed: int = 0
    authorships_added: int = 0
    authorships_removed: int = 0

    def __add__(self, other: LoadStats) -> LoadStats:
        return LoadStats(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


# Why a page was rejected, as rejects.reason_code stores it. The quarantine codes mark pages that were
# read but held back; their previously loaded contribution stays.
REJECT_CODES = frozenset(
    {
        "invalid_source",  # the source entry names nothing usable
        "unreadable_file",  # a local file that cannot be read
        "fetch_failed",  # HTTP error, timeout, robots, size cap, ...
        "not_a_listing",  # the content is not an author listing page
        "too_complex",  # past the parser's work budget
        "parser_error",  # a parser bug; --reparse retries it
        "incomplete_parse",  # quarantine: the parse did not read the whole page
        "shrunk",  # quarantine: the new version lists far fewer papers than the loaded one
        "not_fetched",  # the drift breaker stopped the run before this source was read
    }
)
QUARANTINE_CODES = frozenset({"incomplete_parse", "shrunk"})


@dataclass(frozen=True, slots=True)
class Reject:
    """A page a run could not fetch or parse, or held back. raw_sha256 is None when nothing was received."""

    source: str
    reason: str
    problems: list[Problem] = field(default_factory=list)
    raw_sha256: str | None = None
    rejected_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    code: str = "fetch_failed"

    def __post_init__(self) -> None:
        if self.code not in REJECT_CODES:
            raise ValueError(f"unknown reject code {self.code!r}")

    @property
    def quarantined(self) -> bool:
        return self.code in QUARANTINE_CODES


@dataclass(slots=True)
class RunSummary:
    """The closing figures of an ingest run, written by finish_run."""

    run_id: str
    status: str  # succeeded, partial, drift_stopped, test_failed or failed ('crashed' is set by the next run)
    ended_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    pages_seen: int = 0
    pages_fetched: int = 0
    pages_loaded: int = 0
    pages_unchanged: int = 0
    pages_rejected: int = 0
    pages_quarantined: int = 0  # of pages_rejected: held back as incomplete_parse or shrunk
    problems_by_kind: dict[str, int] = field(default_factory=dict)
    papers_added: int = 0
    papers_changed: int = 0
    papers_removed: int = 0
    authors_added: int = 0
    authors_changed: int = 0
    authors_removed: int = 0
    clusters_added: int = 0
    clusters_removed: int = 0
    authorships_added: int = 0
    authorships_removed: int = 0
    # (source, reason code, reason) of each page held back, for the summary a person reads
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)
    # the data test that rolled a batch back (status test_failed), and a sample of its rows
    failed_test: str | None = None
    failed_test_rows: list[dict[str, object]] = field(default_factory=list)


# The counts of a run, in the order the CLI table, the Prefect artifact and ingest_runs show them.
RUN_COUNTS: tuple[str, ...] = (
    "pages_seen", "pages_fetched", "pages_loaded", "pages_unchanged", "pages_rejected", "pages_quarantined",
    "papers_added", "papers_changed", "papers_removed",
    "authors_added", "authors_changed", "authors_removed",
    "clusters_added", "clusters_removed", "authorships_added", "authorships_removed",
)
# What a load counts, carried into the run summary under the same names.
LOAD_COUNTS: tuple[str, ...] = (
    "papers_added", "papers_changed", "papers_removed", "authors_added", "authors_changed", "authors_removed",
    "clusters_added", "clusters_removed", "authorships_added", "authorships_removed",
)


class SchemaColumn(NamedTuple):
    """One column of a table or view, with the description written next to it in sql/."""

    table: str
    column: str
    type: str
    description: str
