"""Plain records the warehouse makes: what a load did, the ingest_runs row, a source's stored version.

The pages and rejects it stores are records of the acquire step (flows.acquire.records).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from typing import NamedTuple


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
