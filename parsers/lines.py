"""The common intermediate form: the visible lines of a page, in reading order.

Both front ends (plain text and HTML) reduce a page to `Line`s; the grammar only ever sees these.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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
        try:
            return origin.getroottree().getpath(origin)
        except (AttributeError, ValueError):
            return None


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
