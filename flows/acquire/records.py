"""What the acquire step makes: pages as received, references to stored pages, and rejected pages.

Imports nothing of the project but the parsers' Problem, so reading a file never loads DuckDB.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

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
    """Names a raw page already stored (store_raw_pages) without carrying its bytes again; its fetch time
    travels with it, so the load never reads it back."""

    source: str
    sha256: str
    fetched_at: datetime | None = None


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


@dataclass(frozen=True, slots=True)
class Outcome:
    """What reading or fetching one source gave: a page, a reject (maybe with the body received),
    or nothing new (HTTP 304)."""

    raw: RawPage | None = None
    reject: Reject | None = None
    not_modified: bool = False
