"""The common intermediate form: the visible lines of a page, in reading order.

Both front ends (plain text and HTML) reduce a page to `Line`s; the grammar only ever sees these.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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

    def where(self) -> str | int | None:
        origin = self.origin
        if origin is None or isinstance(origin, int):
            return origin
        steps = _STEPS.get()
        try:
            if steps is None:
                return origin.getroottree().getpath(origin)
            return _path(origin, steps)
        except (AttributeError, ValueError):
            return None


# Per parent element seen, the path step ("p[3]", or "p" for an only child of its name) of each of
# its children. libxml2's getpath() counts an element's siblings anew on every call, so a page of
# 40,000 stray <p>s cost 40,000 x 40,000 steps; with these, each sibling list is counted once.
# The map holds the elements themselves, which keeps lxml's proxies, and so their identity, alive.
_StepMap = dict[Any, dict[Any, str]]
_STEPS: ContextVar[_StepMap | None] = ContextVar("element_path_steps", default=None)


@contextmanager
def element_paths() -> Iterator[None]:
    """Within this block, Line.where() resolves element paths from counted sibling lists."""
    token = _STEPS.set({})
    try:
        yield
    finally:
        _STEPS.reset(token)


def _path(element: Any, steps: _StepMap) -> str:
    parts: list[str] = []
    parent = element.getparent()
    while parent is not None:
        children = steps.get(parent)
        if children is None:
            children = steps[parent] = _child_steps(parent)
        parts.append(children[element])
        element, parent = parent, parent.getparent()
    parts.append(element.tag)  # the root: its siblings are the doctype and comments, never counted
    return "/" + "/".join(reversed(parts))


def _child_steps(parent: Any) -> dict[Any, str]:
    # getpath()'s numbering: the element's place among its siblings of the same tag, shown only
    # when there is more than one.
    # Comments and PIs (their tag is a function) are never a line's origin, nor counted.
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
