"""Getting pages in: read files and fetch URLs, and decide which pages changed since last time.

I/O only: no parsing, no SQL. The warehouse tells what was loaded before (`PageVersion`); a page
whose bytes hash the same as the loaded version, or that answers a conditional GET with 304, is
unchanged and goes no further.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flows.fetch import Fetcher
from flows.read_files import guess_content_type
from flows.sources import Source
from warehouse import PageVersion, RawPage, Reject


@dataclass(slots=True)
class AcquiredBatch:
    changed: list[RawPage] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    # Received but not a page to parse (an HTTP error body): stored raw so the reject can link to it.
    stored_only: list[RawPage] = field(default_factory=list)
    fetched: int = 0


def read_file(source: Source) -> RawPage | Reject:
    path = Path(source.location)
    try:
        content = path.read_bytes()
    except OSError as error:
        return Reject(source=source.location, reason=f"cannot read file: {error.strerror or error}")
    return RawPage(
        source=source.location,
        content=content,
        fetched_at=datetime.fromtimestamp(path.stat().st_mtime, UTC),
        content_type=guess_content_type(path),
    )


def acquire(
    sources: Sequence[Source],
    known: dict[str, PageVersion],
    fetcher: Fetcher | None,
    *,
    fetch_workers: int = 8,
) -> AcquiredBatch:
    batch = AcquiredBatch()
    urls = [source for source in sources if source.kind == "url"]
    results: dict[str, RawPage | Reject | str] = {}
    for source in sources:
        if source.kind == "file":
            results[source.location] = read_file(source)
    if urls:
        if fetcher is None:
            raise ValueError("URL sources need a fetcher")
        with ThreadPoolExecutor(max_workers=max(1, min(fetch_workers, len(urls)))) as pool:
            for source, outcome in zip(urls, pool.map(lambda s: _fetch(fetcher, s, known), urls), strict=True):
                results[source.location] = outcome
                batch.fetched += 1
    for source in sources:
        outcome = results[source.location]
        if outcome == "unchanged":
            batch.unchanged.append(source.location)
        elif isinstance(outcome, Reject):
            batch.rejected.append(outcome)
        elif isinstance(outcome, tuple):
            raw, reject = outcome
            batch.stored_only.append(raw)
            batch.rejected.append(reject)
        else:
            version = known.get(outcome.source)
            if version is not None and version.loaded and version.sha256 == outcome.sha256:
                batch.unchanged.append(outcome.source)
            else:
                batch.changed.append(outcome)
    return batch


def _fetch(fetcher: Fetcher, source: Source, known: dict[str, PageVersion]):
    version = known.get(source.location)
    conditional = version is not None and version.loaded
    result = fetcher.fetch(
        source.location,
        etag=version.etag if conditional else None,
        last_modified=version.last_modified if conditional else None,
    )
    if result.not_modified:
        return "unchanged"
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
        return raw
    reject = Reject(
        source=source.location,
        reason=result.error or "no content received",
        raw_sha256=raw.sha256 if raw is not None else None,
    )
    return (raw, reject) if raw is not None else reject
