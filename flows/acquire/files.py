"""Reading local pages from disk, with a content type guessed from the file name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from flows.acquire.records import Outcome, RawPage, Reject
from flows.acquire.sources import Source

_CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".txt": "text/plain"}


def guess_content_type(path: str | Path) -> str | None:
    """None lets the parser sniff the bytes, as it does for unknown suffixes."""
    return _CONTENT_TYPES.get(Path(path).suffix.lower())


def read_file(source: Source) -> Outcome:
    path = Path(source.location)
    try:
        content = path.read_bytes()
    except OSError as error:
        reason = f"cannot read file: {error.strerror or error}"
        return Outcome(reject=Reject(source=source.location, reason=reason, code="unreadable_file"))
    raw = RawPage(
        source=source.location,
        content=content,
        # when this run read it, as for a fetched page: a file's mtime says when it was saved, which
        # would put first_seen and last_seen before the ingest that first saw the page
        fetched_at=datetime.now(UTC),
        content_type=guess_content_type(path),
    )
    return Outcome(raw=raw)
