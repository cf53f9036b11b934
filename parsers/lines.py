"""The common intermediate form: the visible lines of a page, in reading order.

Both front ends (plain text and HTML) reduce a page to `Line`s; the grammar only ever sees these.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from parsers.limits import MAX_LOCATION_CHARS, OverBudget

BULLET = "•"


@dataclass(slots=True)
class Line:
    text: str
    # True when the page marks this line as a list entry (a bullet in text, an <li>): the
    # grammar reads such runs as author lists, and falls back to name shapes without them.
    item: bool
    # A line number (text) or the lxml element the line came from (HTML); resolved to a
    # printable location only when a problem needs it, because getpath() is not free.
    origin: Any
    # HTML only: the record of the box the line sits in, and the front end that reads it. What
    # they say is asked for only where the grammar needs it (see `group` and `parts`).
    box: Any = None
    layout: Any = None

    @property
    def group(self) -> Any:
        """Lines sharing a group are one run of same-kind boxes: sibling elements of one tag and
        class (holding boxes of the same kinds) in one container, or the lines of one box split by
        <br>. None: no such structure."""
        return None if self.layout is None else self.layout.group(self.box)

    @property
    def parts(self) -> tuple[str, ...] | None:
        """The same-kind inline elements (links, classed spans, list items) that make up the whole
        line, separated by nothing but spaces, commas or "and"; None when the line is not such a list."""
        return None if self.layout is None else self.layout.parts(self.box)

    def where(self) -> str | int | None:
        origin = self.origin
        if origin is None or isinstance(origin, int):
            return origin
        paths = _PATHS.get()
        try:
            if paths is None:
                return origin.getroottree().getpath(origin)
            return paths.path(origin)
        except (AttributeError, ValueError):
            return None


class _ElementPaths:
    """getpath()'s answers, from sibling lists counted once, within one page's work budget.

    libxml2's getpath() counts an element's siblings anew on every call, so a page of 40,000
    stray <p>s cost 40,000 x 40,000 steps. Here each sibling list is counted once, and the path of
    each parent built once. The maps hold the elements themselves, which keeps lxml's proxies, and
    so their identity, alive.
    """

    def __init__(self) -> None:
        self._steps: dict[Any, dict[Any, str]] = {}  # parent -> child -> "p[3]" (or "p": only one)
        self._parent_paths: dict[Any, str] = {}
        self._chars = 0

    def path(self, element: Any) -> str:
        parent = element.getparent()
        if parent is None:
            # The root: its siblings are the doctype and comments, never counted.
            return "/" + element.tag
        parent_path = self._parent_paths.get(parent)
        if parent_path is None:
            parent_path = self._parent_paths[parent] = self._build(parent)
        path = f"{parent_path}/{self._step(parent, element)}"
        # Every path is a new string: a deep page with many problems would build gigabytes.
        self._chars += len(path)
        if self._chars > MAX_LOCATION_CHARS:
            raise OverBudget(f"its problems' element paths take more than {MAX_LOCATION_CHARS:,} characters")
        return path

    def _build(self, element: Any) -> str:
        # Iterative: a page may nest MAX_DEPTH deep, beyond Python's recursion limit.
        parts: list[str] = []
        parent = element.getparent()
        while parent is not None:
            parts.append(self._step(parent, element))
            element, parent = parent, parent.getparent()
        parts.append(element.tag)
        return "/" + "/".join(reversed(parts))

    def _step(self, parent: Any, child: Any) -> str:
        steps = self._steps.get(parent)
        if steps is None:
            steps = self._steps[parent] = _child_steps(parent)
        return steps[child]


_PATHS: ContextVar[_ElementPaths | None] = ContextVar("element_paths", default=None)


@contextmanager
def element_paths() -> Iterator[None]:
    """Within this block, Line.where() resolves element paths in linear time, within the budget."""
    token = _PATHS.set(_ElementPaths())
    try:
        yield
    finally:
        _PATHS.reset(token)


def _child_steps(parent: Any) -> dict[Any, str]:
    # getpath()'s numbering: the element's place among its siblings of the same tag, shown only
    # when there is more than one. Comments and PIs (their tag is a function) are never a line's
    # origin, and are not counted.
    elements = [child for child in parent if isinstance(child.tag, str)]
    totals: dict[str, int] = {}
    for child in elements:
        totals[child.tag] = totals.get(child.tag, 0) + 1
    seen: dict[str, int] = {}
    result: dict[Any, str] = {}
    for child in elements:
        tag = child.tag
        if totals[tag] == 1:
            result[child] = tag
        else:
            seen[tag] = seen.get(tag, 0) + 1
            result[child] = f"{tag}[{seen[tag]}]"
    return result


def text_lines(text: str) -> list[Line]:
    """Split the plain-text rendering into non-blank lines; "  • Name" lines are items."""
    lines: list[Line] = []
    append = lines.append
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        item = stripped[0] == BULLET
        if item:
            stripped = stripped[1:].lstrip()
        if "  " in stripped or "\t" in stripped or "\xa0" in stripped:
            stripped = " ".join(stripped.split())
        append(Line(stripped, item, number))
    return lines
