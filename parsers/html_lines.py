"""HTML front end: reduce any markup to the lines a browser would show, and the boxes they sit in.

What is a box comes from the page's own CSS when it has any (see css.py: `display`, `visibility`,
the sr-only pattern), else from what HTML means: block elements, <br> and table cells end a line;
script, style, template, noscript, nav, footer and hidden elements show nothing, and a closed
<details> only its summary. aria-hidden is not hiding: it only hides from screen readers, and a
browser still shows the text. The children of a flex or grid container are boxes of their own, as a
browser lays them out; an inline-block sits in its line like a word.
Two sibling inline boxes whose texts touch with no space between them ("<span>A B</span><span>C
D</span>") are shown apart by the site's stylesheet in practice (a display rule, or generated
content such as `li + li::before {content: ", "}`, which is not read), so they end a line too;
text-level formatting (<b>, <em>, <sup>, ...) never does.

Every line keeps where it sat (`Line.group`, `Line.parts`), so the grammar can tell a list by
structure: a run of same-kind sibling boxes in one container, the lines of one box split by <br>,
or one line made of same-kind links or classed spans.

This is the hot path of every run, so it is one walk over the tree lxml built, never changing
it: invisible subtrees are skipped, not removed (element paths in problems stay those of the page
as served), its state stays in locals, and the texts are joined and cut into lines in C.
"""

from __future__ import annotations

import re

from lxml import etree

from parsers.css import Style
from parsers.limits import libxml2_stopped
from parsers.lines import BULLET, Line

# huge_tree lifts libxml2's guards against hostile XML (256 levels deep, 10 MB per text node),
# which cost real pages their content; parsers/limits.py bounds each page instead.
_PARSER = etree.HTMLParser(
    remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", recover=True, huge_tree=True
)
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT

_BLOCK, _LIST_ITEM, _BREAK, _SPLITS_WHEN_TOUCHING, _INVISIBLE, _INVISIBLE_BLOCK = 1, 2, 3, 4, 5, 6
_TAG_KIND: dict[object, int] = {
    tag: _BLOCK
    for tag in (
        "html body div p h1 h2 h3 h4 h5 h6 ul ol dl dt dd table thead tbody tfoot tr td th caption "
        "section article header main aside blockquote pre form fieldset legend figure figcaption "
        "address hr details summary center menu hgroup search"
    ).split()
}
_TAG_KIND["li"] = _LIST_ITEM
_TAG_KIND["br"] = _BREAK
# Generic inline boxes: when two of them touch without whitespace, the stylesheet is what keeps
# their texts apart on screen.
for _tag in ("span", "a", "label", "font"):
    _TAG_KIND[_tag] = _SPLITS_WHEN_TOUCHING
for _tag in (
    "script style noscript head iframe object embed svg canvas select datalist audio video map textarea button"
).split():
    _TAG_KIND[_tag] = _INVISIBLE
# Invisible, but a block: what stood on either side of it must not run together. (Site chrome,
# templates and closed dialogs: whatever the page's CSS says about them.)
for _tag in ("nav", "footer", "template", "dialog"):
    _TAG_KIND[_tag] = _INVISIBLE_BLOCK
# `display` keywords that make a box's children boxes of their own.
_BLOCKIFYING = frozenset({"flex", "grid", "inline-flex", "inline-grid", "-webkit-box", "-webkit-flex"})
_INLINE_KINDS = (0, _SPLITS_WHEN_TOUCHING)
# `display` keywords (the first of them) that make a block-level box.
_BOX_KEYWORDS = frozenset(
    {"block", "flex", "grid", "flow-root", "flow", "run-in", "math", "-webkit-box", "-webkit-flex", "-ms-flexbox"}
)


# Pages repeat a few values many times; bounded, since the values come from the pages.
_DISPLAY_KINDS: dict[tuple[str, int], int] = {}
_DISPLAY_KINDS_KEPT = 512


def _display_kind(value: str, tag_kind: int) -> int:
    kind = _DISPLAY_KINDS.get((value, tag_kind))
    if kind is None:
        kind = _read_display(value, tag_kind)
        if len(_DISPLAY_KINDS) < _DISPLAY_KINDS_KEPT:
            _DISPLAY_KINDS[(value, tag_kind)] = kind
    return kind


def _read_display(value: str, tag_kind: int) -> int:
    words = value.split()
    if not words or (tag_kind == _BREAK and "none" not in words):
        return tag_kind
    if "none" in words:
        return _INVISIBLE  # no box at all: only its tail is seen, where it stood
    if "contents" in words:
        return 0  # no box of its own; its children are laid out in its place
    if "list-item" in words:
        return _LIST_ITEM
    if words[0] in ("inline", "ruby") and (len(words) == 1 or words[1] == "flow"):
        # A block made inline becomes a generic inline box; text-level formatting stays what it is.
        return tag_kind if tag_kind in _INLINE_KINDS else _SPLITS_WHEN_TOUCHING
    if words[0].startswith("inline"):
        # inline-block, inline-flex, inline-table, "inline flow-root": a box that sits in the line
        # like a word, so it ends a line only where it touches its neighbour.
        return _SPLITS_WHEN_TOUCHING
    if words[0] in _BOX_KEYWORDS or words[0].startswith("table"):
        return _BLOCK
    # inherit, initial, var(--x), a typo: what the page means cannot be known; the tag decides.
    return tag_kind


def _element_kinds(style: Style | None) -> dict[etree._Element, int]:
    """Kinds that differ from the tag's: from the cascade and the `hidden` attribute."""
    kinds: dict[etree._Element, int] = {}
    if style is None:
        return kinds
    tag_kind = _TAG_KIND.get
    declared = style.display
    for element in style.hidden:
        if element not in declared:  # an author `display` overrides the browser's [hidden] rule
            kinds[element] = _INVISIBLE
    for element, value in declared.items():
        kinds[element] = _display_kind(value, tag_kind(element.tag, 0))
    for element, value in declared.items():
        if _BLOCKIFYING.isdisjoint(value.split()) or kinds[element] == _INVISIBLE:
            continue
        children = list(element)
        for child in children:
            if isinstance(child.tag, str) and kinds.get(child, tag_kind(child.tag, 0)) in _INLINE_KINDS:
                kinds[child] = _BLOCK  # a flex or grid item is a box
                if child in declared and "contents" in declared[child]:
                    # Its children are the items; its own text runs are anonymous items, read as its box.
                    children.extend(child)
    for element in style.clipped:
        kinds[element] = _INVISIBLE
    return kinds


def _fold_closed(closed: list[etree._Element], kinds: dict, visibility: dict) -> dict:
    """A closed <details> shows its first <summary> and nothing else: its other children are no boxes,
    and its own text runs are muted, as for visibility:hidden. Returns the visibility with that in it."""
    for details in closed:
        visibility[details] = False
        summary_seen = False
        for child in details:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "summary" and not summary_seen:
                summary_seen = True
                visibility.setdefault(child, True)
            else:
                kinds[child] = _INVISIBLE
    return visibility


def parse_tree(html: str | bytes) -> etree._Element | None:
    """Build the lxml tree from text or UTF-8 bytes; None when there is no document at all.

    Raises OverBudget when libxml2 stopped at one of its limits (nesting): the rest is lost.
    """
    if isinstance(html, str):
        html = html.encode("utf-8", "surrogatepass")
    try:
        root = etree.fromstring(html, _PARSER)
    except (etree.ParserError, ValueError):
        return None
    # libxml2 stops reading at the limit, so the error is the last one it logged.
    last = _PARSER.error_log.last_error
    if last is not None and last.type == _RESOURCE_LIMIT:
        raise libxml2_stopped(last.message)
    return root


# Where a line ends among the collected texts. No text from lxml can hold it: libxml2 keeps text
# as NUL-terminated C strings.
_LINE_END = "\x00"
# Box records, lists for speed: [element, first line, end line, split inside, parent record,
# group once asked].
_ELEMENT, _FIRST, _END, _SPLIT, _PARENT, _GROUP = 0, 1, 2, 3, 4, 5
_UNASKED = object()


def html_lines(root: etree._Element, style: Style | None = None) -> list[Line]:
    # Texts go into one list, _LINE_END after each line, and are joined and cut into lines once
    # at the end; per line, only where it starts and the box it sits in are kept along the way.
    pieces: list[str] = []
    append = pieces.append
    starts: list[tuple[bool, etree._Element | None, list | None]] = []
    end_line = starts.append
    origin: etree._Element | None = None  # None: no visible text on the current line yet
    in_item = False
    list_depth = 0
    inline_just_closed = False
    box: list | None = None
    tag_kind = _TAG_KIND.get
    kinds = _element_kinds(style)
    visibility = style.visible if style and style.visible else None
    closed = [details for details in root.iter("details") if details.get("open") is None]
    if closed:
        visibility = _fold_closed(closed, kinds, dict(visibility or {}))
    kind_of = kinds.get
    muted = False  # inside visibility:hidden: boxes stay, text does not show
    muting: list[tuple[etree._Element, bool]] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: etree._Element | None = None

    # An element's kind is worked out at its start and kept until its end: reading the tag again
    # (a new string each time) and looking it up twice cost more than a push and a pop.
    open_kinds: list[int] = []
    push_kind, pop_kind = open_kinds.append, open_kinds.pop

    for event, element in walker:
        if event == "start":
            kind = tag_kind(element.tag, 0)
            if kinds and kind < _INVISIBLE:
                kind = kind_of(element, kind)
            push_kind(kind)
            if kind >= _INVISIBLE and element is not root:
                if kind == _INVISIBLE_BLOCK and origin is not None:  # an empty block in its place
                    append(_LINE_END)
                    end_line((in_item, origin, box))
                    origin = None
                # It shows nothing and is no box: only its tail is seen, where it stood.
                walker.skip_subtree()
                skipped = element
                continue
            if visibility is not None and element in visibility:
                muting.append((element, muted))
                muted = not visibility[element]
            if kind:
                if kind == _SPLITS_WHEN_TOUCHING:
                    if inline_just_closed and origin is not None and not pieces[-1][-1].isspace():
                        text = element.text
                        if not text or not text[0].isspace():
                            append(_LINE_END)
                            end_line((in_item, origin, box))
                            origin = None
                            if box is not None:
                                box[_SPLIT] = True
                else:
                    if origin is not None:
                        append(_LINE_END)
                        end_line((in_item, origin, box))
                        origin = None
                    if kind == _BREAK:
                        if box is not None:
                            box[_SPLIT] = True
                    else:
                        box = [element, len(starts), 0, False, box, _UNASKED]
                        if kind == _LIST_ITEM:
                            list_depth += 1
            inline_just_closed = False
            text = element.text
            if text and not muted:
                if origin is None:
                    if text.isspace():
                        continue
                    origin, in_item = element, list_depth > 0
                append(text)
        else:
            kind = pop_kind()
            if element is skipped:
                skipped = None
            elif kind == _SPLITS_WHEN_TOUCHING:
                inline_just_closed = True
            elif kind:
                if origin is not None:
                    append(_LINE_END)
                    end_line((in_item, origin, box))
                    origin = None
                if kind != _BREAK and box is not None:
                    box[_END] = len(starts)
                    box = box[_PARENT]
                    if kind == _LIST_ITEM:
                        list_depth -= 1
                inline_just_closed = False
            if muting and muting[-1][0] is element:
                muted = muting.pop()[1]
            tail = element.tail
            if tail and not muted:
                if origin is None:
                    if tail.isspace():
                        continue
                    origin, in_item = element.getparent(), list_depth > 0
                append(tail)
                if inline_just_closed and not tail.isspace():
                    inline_just_closed = False
    if origin is not None:
        append(_LINE_END)
        end_line((in_item, origin, box))

    lines: list[Line] = []
    layout = _Layout(kinds, visibility)
    # Every line ends in _LINE_END, so the split leaves one empty string after the last line.
    for raw, (item, line_origin, line_box) in zip("".join(pieces).split(_LINE_END)[:-1], starts, strict=True):
        text = " ".join(raw.split())  # whitespace collapses as in a browser
        if text[0] == BULLET:
            text = text[1:].lstrip()
            item = True
        if text:
            lines.append(Line(text, item, line_origin, line_box, layout))
    return lines


class _Layout:
    """What a line's box record says about structure; asked lazily, for the few lines the grammar
    looks at, because most lines are never asked."""

    __slots__ = ("kinds", "visibility")

    def __init__(self, kinds: dict, visibility: dict | None) -> None:
        self.kinds = kinds
        self.visibility = visibility

    @staticmethod
    def group(box: list | None) -> object:
        if box is None:
            return None
        group = box[_GROUP]
        if group is _UNASKED:
            group = box[_GROUP] = _Layout._group(box)
        return group

    @staticmethod
    def _group(box: list) -> object:
        if box[_END] - box[_FIRST] > 1:
            return ("split", box[_ELEMENT]) if box[_SPLIT] else None
        # The boxes holding nothing but this line, innermost first: the outermost of them is the
        # one with siblings, and the kinds of all of them say what kind of line it is (a row whose
        # cell holds an author list is not a row whose cell holds a title).
        element = box[_ELEMENT]
        kinds = [(element.tag, element.get("class"))]
        while box[_PARENT] is not None and box[_PARENT][_END] - box[_PARENT][_FIRST] == 1:
            box = box[_PARENT]
            element = box[_ELEMENT]
            kinds.append((element.tag, element.get("class")))
        return (box[_PARENT][_ELEMENT] if box[_PARENT] is not None else None, tuple(kinds))

    def parts(self, box: list | None) -> tuple[str, ...] | None:
        if box is None or box[_END] - box[_FIRST] != 1 or not len(box[_ELEMENT]):
            return None
        return _parts(box[_ELEMENT], self.kinds, self.visibility)


# What may stand between the entries of an inline list: "A, B and C", "A · B", "A; B".
_SEPARATOR = re.compile(r"\s*(?:[,;·|/&]|,?\s*and)?\s*")
# Inline elements that mark entries by themselves; any other tag needs a class to count.
_ENTRY_TAGS = frozenset({"a", "li"})


def _parts(element: etree._Element, kinds: dict, visibility: dict | None) -> tuple[str, ...] | None:
    if element.text and not _SEPARATOR.fullmatch(element.text):
        return None
    kind_of = kinds.get
    tag_kind = _TAG_KIND.get
    key: tuple[str, str | None] | None = None
    parts: list[str] = []
    for child in element:
        tag = child.tag
        kind = tag_kind(tag, 0)
        if kinds and kind < _INVISIBLE:
            kind = kind_of(child, kind)
        if kind >= _INVISIBLE or (visibility is not None and visibility.get(child) is False):
            pass
        elif kind not in _INLINE_KINDS:
            return None
        else:
            child_key = (tag, child.get("class"))
            if key is None:
                if tag not in _ENTRY_TAGS and not child_key[1]:
                    return None
                key = child_key
            elif child_key != key:
                return None
            text = _inline_text(child, kinds)
            if not text:
                return None
            parts.append(text)
        if child.tail and not _SEPARATOR.fullmatch(child.tail):
            return None
    return tuple(parts) or None


def _inline_text(element: etree._Element, kinds: dict) -> str | None:
    """The visible text of an inline element; None when a box or a break stands inside it."""
    texts = [element.text or ""]
    for child in element:
        kind = _TAG_KIND.get(child.tag, 0)
        if kinds and kind < _INVISIBLE:
            kind = kinds.get(child, kind)
        if kind < _INVISIBLE:
            if kind not in _INLINE_KINDS:
                return None
            inner = _inline_text(child, kinds)
            if inner is None:
                return None
            texts.append(inner)
        texts.append(child.tail or "")
    return " ".join("".join(texts).split())
