"""Reading local pages from disk, with a content type guessed from the file name."""

from __future__ import annotations

from pathlib import Path

_CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html", ".txt": "text/plain"}


def guess_content_type(path: str | Path) -> str | None:
    """None lets the parser sniff the bytes, as it does for unknown suffixes."""
    return _CONTENT_TYPES.get(Path(path).suffix.lower())
