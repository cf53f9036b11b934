"""Expand what the user typed (URLs, files, folders, globs, ``@lists``) into concrete sources.

The CLI accepts loose input; everything downstream wants an ordered, de-duplicated list of
"fetch this URL" / "read this file". Bad entries are *collected*, not raised, so one typo in a
list of 500 sources is reported next to the 499 that work instead of aborting the run.

Rules, in the order they are tried for each entry:

1. ``@path`` - a list file: one entry per line; blank lines and lines whose first non-blank
   character is ``#`` are ignored (no inline comments: ``#`` is legal inside URLs). Relative
   entries are resolved against the list file's folder, so a list keeps working when run from
   elsewhere. Lists may include lists; a list that (indirectly) includes itself is reported as
   a cycle. ``@@x`` is not special: it names a list file called ``@x``.
2. Something with a URL scheme (``name:``, at least two characters so ``C:\\`` stays a path):
   ``http``/``https`` with a host are kept verbatim; anything else (``ftp:``, ``file:``,
   ``javascript:`` ...) is invalid.
3. An existing file - kept, whatever its suffix (the user named it explicitly).
4. An existing folder - walked recursively for ``.html``/``.htm``/``.txt`` files (any case),
   sorted by path, skipping hidden files/folders (``.name``) and files named ``README*`` (any
   case).
   Symlinked folders are not followed (avoids loops).
5. A pattern containing ``*``, ``?`` or ``[`` - ``glob.glob(recursive=True)``; matched files are
   kept, matched folders are walked as in 4. Checked after 3/4 so a file literally named
   ``a[1].html`` still works.
6. A symlink loop (a link that leads back to itself) - invalid ("symlink loop"), under its absolute
   path, whether named directly or found in a folder.
7. Anything else - invalid ("no such file or directory").

Files are identified by their resolved absolute path, URLs by their exact text; the first
occurrence wins.
"""

from __future__ import annotations

import errno
import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

__all__ = ["FOLDER_SUFFIXES", "ExpandedSources", "Source", "expand_sources"]

#: Suffixes picked up when walking a folder (compared case-insensitively).
_SUFFIXES_IN_ORDER = (".html", ".htm", ".txt")
FOLDER_SUFFIXES: frozenset[str] = frozenset(_SUFFIXES_IN_ORDER)

_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")
GLOB_CHARS = frozenset("*?[")


def url_scheme(entry: str) -> str | None:
    """The lower-case scheme when a source entry is a URL ("C:\\pages" is a path: one letter is no scheme)."""
    match = _SCHEME_RE.match(entry.strip())
    return match.group(1).lower() if match else None


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to ingest: a local file (absolute path) or an http(s) URL."""

    kind: Literal["file", "url"]
    location: str


@dataclass(slots=True)
class ExpandedSources:
    """Result of :func:`expand_sources`: usable sources plus ``(entry, reason)`` rejects."""

    sources: list[Source] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)
    # files a folder walk passed over because of their suffix (hidden files and folders are not listed)
    skipped: list[str] = field(default_factory=list)

    def skipped_summary(self, shown: int = 5) -> str | None:
        """One line for the user, e.g. "skipped 4 files (not .html/.htm/.txt): notes.md, ..."."""
        if not self.skipped:
            return None
        names = ", ".join(Path(path).name for path in self.skipped[:shown])
        more = ", ..." if len(self.skipped) > shown else ""
        files = "file" if len(self.skipped) == 1 else "files"
        return f"skipped {len(self.skipped)} {files} (not {'/'.join(_SUFFIXES_IN_ORDER)}): {names}{more}"


def expand_sources(
    entries: Iterable[str | os.PathLike[str]],
    *,
    base_dir: str | os.PathLike[str] | None = None,
) -> ExpandedSources:
    """Expand ``entries`` (CLI arguments) into sources; never raises for bad entries.

    Relative paths are resolved against ``base_dir`` (default: the current directory).
    """
    expander = _Expander()
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    for entry in entries:
        expander.entry(os.fspath(entry), base, origin=None, stack=())
    return expander.result


class _Expander:
    """Accumulates sources and rejects, de-duplicating as it goes."""

    def __init__(self) -> None:
        self.result = ExpandedSources()
        self._seen_sources: set[Source] = set()
        self._seen_invalid: set[tuple[str, str]] = set()

    # -- recording ---------------------------------------------------------------------------

    def _add(self, kind: Literal["file", "url"], location: str) -> None:
        source = Source(kind, location)
        if source not in self._seen_sources:
            self._seen_sources.add(source)
            self.result.sources.append(source)

    def _add_file(self, path: Path, origin: str | None = None) -> None:
        if _is_symlink_loop(path):
            self._reject(os.path.abspath(path), SYMLINK_LOOP, origin)
            return
        self._add("file", str(path.resolve()))

    def _reject(self, entry: str, reason: str, origin: str | None) -> None:
        if origin is not None:
            reason = f"{reason} (in {origin})"
        item = (entry, reason)
        if item not in self._seen_invalid:
            self._seen_invalid.add(item)
            self.result.invalid.append(item)

    # -- expansion ---------------------------------------------------------------------------

    def entry(self, raw: str, base: Path, *, origin: str | None, stack: tuple[Path, ...]) -> None:
        """Expand one entry; ``origin`` names the list file/line it came from, for messages."""
        text = raw.strip()
        if not text:
            self._reject(raw, "empty source", origin)
            return
        if text.startswith("@"):
            self._list_file(text, base, origin=origin, stack=stack)
            return
        scheme = url_scheme(text)
        if scheme:
            self._url(text, scheme, origin)
            return

        path = _resolve(text, base)
        if path.is_file():
            self._add_file(path)
        elif path.is_dir():
            if not self._folder(path):
                self._reject(text, "folder contains no .html, .htm or .txt files", origin)
        elif any(c in GLOB_CHARS for c in text):
            self._glob(text, base, origin)
        elif _is_symlink_loop(path):
            self._reject(os.path.abspath(path), SYMLINK_LOOP, origin)
        else:
            self._reject(text, "no such file or directory", origin)

    def _url(self, text: str, scheme: str, origin: str | None) -> None:
        if scheme not in ("http", "https"):
            self._reject(text, f"unsupported scheme {scheme!r}: only http and https URLs are accepted", origin)
            return
        try:
            host = urlsplit(text).hostname
        except ValueError as exc:
            self._reject(text, f"malformed URL: {exc}", origin)
            return
        if not host:
            self._reject(text, "URL has no host", origin)
            return
        self._add("url", text)

    def _folder(self, folder: Path) -> bool:
        """Add the eligible files below ``folder``; return whether any were found."""
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(folder):
            # Prune in place so os.walk does not descend into hidden folders.
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if _eligible(name):
                    found.append(Path(dirpath, name))
                elif not name.startswith("."):
                    self.result.skipped.append(str(Path(dirpath, name)))
        found.sort(key=lambda p: p.relative_to(folder).parts)
        for path in found:
            self._add_file(path)
        return bool(found)

    def _glob(self, text: str, base: Path, origin: str | None) -> None:
        pattern = os.path.expanduser(text)
        if os.path.isabs(pattern):
            matches = sorted(glob.glob(pattern, recursive=True))
        else:
            # root_dir keeps glob characters in ``base`` itself from being interpreted.
            matches = sorted(glob.glob(pattern, root_dir=base, recursive=True))
        added = False
        for match in matches:
            path = _resolve(match, base)
            if path.is_file():
                self._add_file(path)
                added = True
            elif path.is_dir():
                added = self._folder(path) or added
        if not added:
            reason = "glob matched nothing" if not matches else "glob matched no usable files"
            self._reject(text, reason, origin)

    def _list_file(self, text: str, base: Path, *, origin: str | None, stack: tuple[Path, ...]) -> None:
        name = text[1:].strip()
        if not name:
            self._reject(text, "empty list file name after '@'", origin)
            return
        path = _resolve(name, base)
        try:
            key = path.resolve()
        except OSError as exc:
            self._reject(text, f"cannot resolve list file: {exc}", origin)
            return
        if key in stack:
            chain = " -> ".join(str(p) for p in (*stack, key))
            self._reject(text, f"list file cycle: {chain}", origin)
            return
        if not path.is_file():
            reason = "list file is a folder" if path.is_dir() else "list file not found"
            self._reject(text, f"{reason}: {path}", origin)
            return
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            self._reject(text, f"cannot read list file: {exc}", origin)
            return
        for number, line in enumerate(lines, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            self.entry(stripped, key.parent, origin=f"{path}:{number}", stack=(*stack, key))


def _resolve(text: str, base: Path) -> Path:
    """``text`` as a path: ``~`` expanded, relative paths anchored at ``base``."""
    path = Path(os.path.expanduser(text))
    return path if path.is_absolute() else base / path


SYMLINK_LOOP = "symlink loop: too many levels of symbolic links"


def _is_symlink_loop(path: Path) -> bool:
    """A symlink that (through others) points back at itself: it exists, but nothing can be read through it."""
    try:
        os.stat(path)
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


def _eligible(name: str) -> bool:
    """Whether a file found while walking a folder should be ingested."""
    if name.startswith(".") or name.lower().startswith("readme"):
        return False
    return os.path.splitext(name)[1].lower() in FOLDER_SUFFIXES
