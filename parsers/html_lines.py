"""HTML front end: reduce any markup to the lines a browser would show.

The walk keys on what HTML means, never on class names: block elements, <br> and table cells
end a line; script, style, template, noscript, nav, footer and hidden elements show nothing.
Two sibling inline boxes whose texts touch with no space between them ("<span>A B</span><span>C
D</span>") are shown one per line by the site's stylesheet in practice, so they end a line too;
text-level formatting (<b>, <em>, <sup>, ...) never does.
"""

from __future__ import annotations

from lxml import etree

from parsers.lines import BULLET, Line

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", recover=True)

_INVISIBLE = frozenset(
    [
        "script",
        "style",
        "template",
        "noscript",
        "nav",
        "footer",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "select",
        "option",
        "datalist",
        "dialog",
        "audio",
        "video",
        "map",
        "area",
        "input",
        "textarea",
        "button",
        "meta",
        "link",
    ]
)
_INVISIBLE_BLOCK = frozenset({"nav", "footer", "template", "dialog"})
_BLOCK = frozenset(
    [
        "html",
        "body",
        "div",
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "section",
        "article",
        "header",
        "main",
        "aside",
        "blockquote",
        "pre",
        "form",
        "fieldset",
        "legend",
        "figure",
        "figcaption",
        "address",
        "hr",
        "details",
        "summary",
        "center",
        "menu",
        "hgroup",
        "search",
    ]
)
# Generic inline boxes: when two of them touch without whitespace, the stylesheet is what
# keeps their texts apart on screen.
_SPLIT_WHEN_TOUCHING = frozenset(["span", "a", "label", "font"])
_LIST_ITEM = "li"
_HIDDEN_STYLE = ("display:none", "visibility:hidden")


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true":
        return True
    style = element.get("style")
    if style:
        compact = style.replace(" ", "").lower()
        return any(marker in compact for marker in _HIDDEN_STYLE)
    return False


class _LineBuilder:
    __slots__ = ("_ends_with_space", "_item", "_origin", "_parts", "lines")

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._parts: list[str] = []
        self._ends_with_space = True
        self._origin: etree._Element | None = None
        self._item = False

    def add(self, text: str, origin: etree._Element, in_list_item: bool) -> None:
        if self._origin is None:
            if text.isspace():
                return
            self._origin = origin
            self._item = in_list_item
        self._parts.append(text)
        self._ends_with_space = text[-1].isspace()

    @property
    def ends_touchable(self) -> bool:
        return bool(self._parts) and not self._ends_with_space

    def flush(self) -> None:
        if not self._parts:
            return
        text = " ".join("".join(self._parts).split())
        item = self._item
        if text.startswith(BULLET):
            text = text[1:].lstrip()
            item = True
        if text:
            self.lines.append(Line(text, item, self._origin))
        self._parts = []
        self._ends_with_space = True
        self._origin = None
        self._item = False


def parse_tree(html: str) -> etree._Element | None:
    """Build the lxml tree; None when there is no document at all."""
    try:
        return etree.fromstring(html.encode("utf-8", "surrogatepass"), _PARSER)
    except (etree.ParserError, ValueError):
        return None


def html_lines(root: etree._Element) -> list[Line]:
    builder = _LineBuilder()
    list_depth = 0
    inline_just_closed = False
    skipped: etree._Element | None = None
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag
        if not isinstance(tag, str):  # entities or leftovers the parser kept as nodes
            continue
        if event == "start":
            if tag in _INVISIBLE or _is_hidden(element):
                # Its end event still comes, next; it then contributes only its tail.
                walker.skip_subtree()
                skipped = element
                if tag in _INVISIBLE_BLOCK:
                    builder.flush()
                continue
            if tag in _BLOCK:
                builder.flush()
                if tag == _LIST_ITEM:
                    list_depth += 1
            elif tag == "br":
                builder.flush()
            elif tag in _SPLIT_WHEN_TOUCHING and inline_just_closed and builder.ends_touchable:
                text = element.text
                if not text or not text[0].isspace():
                    builder.flush()
            inline_just_closed = False
            text = element.text
            if text:
                builder.add(text, element, list_depth > 0)
        else:
            if element is skipped:
                skipped = None
            elif tag in _BLOCK:
                builder.flush()
                if tag == _LIST_ITEM:
                    list_depth -= 1
                inline_just_closed = False
            elif tag in _SPLIT_WHEN_TOUCHING:
                inline_just_closed = True
            tail = element.tail
            if tail:
                parent = element.getparent()
                builder.add(tail, parent if parent is not None else element, list_depth > 0)
                if not tail.isspace():
                    inline_just_closed = False
    builder.flush()
    return builder.lines
