"""Getting pages in: read files and fetch URLs, and decide which pages changed since last time.

I/O only: no parsing, no SQL. The warehouse tells what was loaded before (`PageVersion`); a page
whose bytes hash the same as the loaded version, or that answers a conditional GET with 304, is
unchanged and goes no further.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flows import defaults
from flows.acquire.fetch import Fetcher
from flows.acquire.files import read_file
from flows.acquire.records import Outcome, RawPage, Reject
from flows.acquire.sources import Source

if TYPE_CHECKING:
    from warehouse.records import PageVersion


@dataclass(slots=True)
class AcquiredBatch:
    changed: list[RawPage] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    # Received but not a page to parse (an HTTP error body): stored raw so the reject can link to it.
    stored_only: list[RawPage] = field(default_factory=list)
    fetched: int = 0


def acquire(
    sources: Sequence[Source],
    known: dict[str, PageVersion],
    fetcher: Fetcher | None,
    *,
    fetch_workers: int = defaults.FETCH_WORKERS,
) -> AcquiredBatch:
    batch = AcquiredBatch()
    outcomes = {source.location: read_file(source) for source in sources if source.kind == "file"}
    urls = [source for source in sources if source.kind == "url"]
    if urls:
        if fetcher is None:
            raise ValueError("URL sources need a fetcher")
        with ThreadPoolExecutor(max_workers=max(1, min(fetch_workers, len(urls)))) as pool:
            fetched = pool.map(lambda source: _fetch(fetcher, source, known.get(source.location)), urls)
            outcomes.update(zip((source.location for source in urls), fetched, strict=True))
        batch.fetched = len(urls)
    for source in sources:
        outcome = outcomes[source.location]
        raw, version = outcome.raw, known.get(source.location)
        if outcome.reject is not None:
            batch.rejected.append(outcome.reject)
            if raw is not None:
                batch.stored_only.append(raw)
        elif outcome.not_modified or (
            raw is not None and version is not None and version.loaded and version.sha256 == raw.sha256
        ):
            batch.unchanged.append(source.location)
        elif raw is not None:
            batch.changed.append(raw)
    return batch


def _fetch(fetcher: Fetcher, source: Source, version: PageVersion | None) -> Outcome:
    conditional = version is not None and version.loaded  # validators of the loaded version only
    result = fetcher.fetch(
        source.location,
        etag=version.etag if conditional else None,
        last_modified=version.last_modified if conditional else None,
    )
    if result.not_modified:
        return Outcome(not_modified=True)
    raw = None
    if result.content is not None:
        raw = RawPage(
            source=source.location,
            content=result.content,
            fetched_at=result.fetched_at,
            http_status=result.status,
            content_type=result.content_type,
            etag=result.etag,
            last_modified=result.last_modified,
        )
    if result.error is None and raw is not None:
        return Outcome(raw=raw)
    reason = result.error or "no content received"
    reject = Reject(source.location, reason, raw_sha256=raw.sha256 if raw else None, code="fetch_failed")
    return Outcome(raw=raw, reject=reject)
