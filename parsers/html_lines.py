"""HTML front end: reduce any markup to the lines a browser would show.

The walk keys on what HTML means, never on class names: block elements, <br> and table cells
end a line; script, style, template, noscript, nav, footer and hidden elements (the `hidden`
attribute, inline display:none or visibility:hidden) show nothing. aria-hidden is not hiding:
it only hides from screen readers, and a browser still shows the text.
Two sibling inline boxes whose texts touch with no space between them ("<span>A B</span><span>C
D</span>") are shown one per line by the site's stylesheet in practice, so they end a line too;
text-level formatting (<b>, <em>, <sup>, ...) never does.

This is the hot path of every run: invisible subtrees are removed by one precompiled XPath pass
in C, and the walk itself keeps its state in locals.
"""

from __future__ import annotations

from lxml import etree

from parsers.lines import BULLET, Line

_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", recover=True)

_INVISIBLE_TAGS = (
    "script style template noscript nav footer head iframe object embed svg canvas select datalist "
    "dialog audio video map textarea button"
).split()
# Invisible, but a block: what stood on either side of it must not run together.
_INVISIBLE_BLOCKS = frozenset({"nav", "footer", "template", "dialog"})
# Selecting the attributes is several times faster in libxml2 than a predicate over every element.
_HIDING_ATTRIBUTES = etree.XPath("//@style | //@hidden")
_HIDDEN_STYLES = ("display:none", "visibility:hidden")


def _invisible_elements(root: etree._Element) -> list[etree._Element]:
    found = list(root.iter(*_INVISIBLE_TAGS))
    for attribute in _HIDING_ATTRIBUTES(root):
        if attribute.attrname == "hidden":
            found.append(attribute.getparent())
        else:
            style = attribute.replace(" ", "").lower()
            if _HIDDEN_STYLES[0] in style or _HIDDEN_STYLES[1] in style:
                found.append(attribute.getparent())
    return found


_BLOCK, _LIST_ITEM, _BREAK, _SPLITS_WHEN_TOUCHING = 1, 2, 3, 4
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


def parse_tree(html: str) -> etree._Element | None:
    """Build the lxml tree; None when there is no document at all."""
    try:
        return etree.fromstring(html.encode("utf-8", "surrogatepass"), _PARSER)
    except (etree.ParserError, ValueError):
        return None


def _remove_invisible(root: etree._Element) -> None:
    for element in _invisible_elements(root):
        parent = element.getparent()
        if parent is None:
            continue
        if element.tag in _INVISIBLE_BLOCKS:
            # Keep an empty block in its place (tail stays attached) so the texts around it split.
            element.clear(keep_tail=True)
            element.tag = "div"
            continue
        tail = element.tail
        if tail:
            previous = element.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(element)


def html_lines(root: etree._Element) -> list[Line]:
    _remove_invisible(root)
    lines: list[Line] = []
    parts: list[str] = []
    origin: etree._Element | None = None
    in_item = False
    list_depth = 0
    inline_just_closed = False
    tag_kind = _TAG_KIND.get

    def flush() -> None:
        nonlocal parts, origin
        text = " ".join("".join(parts).split())
        if text:
            item = in_item
            if text[0] == BULLET:
                text = text[1:].lstrip()
                item = True
            if text:
                lines.append(Line(text, item, origin))
        parts = []
        origin = None

    for event, element in etree.iterwalk(root, events=("start", "end")):
        kind = tag_kind(element.tag, 0)
        if event == "start":
            if kind:
                if kind == _SPLITS_WHEN_TOUCHING:
                    if inline_just_closed and parts and not parts[-1][-1].isspace():
                        text = element.text
                        if not text or not text[0].isspace():
                            flush()
                else:
                    if parts:
                        flush()
                    if kind == _LIST_ITEM:
                        list_depth += 1
            inline_just_closed = False
            text = element.text
            if text:
                if origin is None:
                    if text.isspace():
                        continue
                    origin, in_item = element, list_depth > 0
                parts.append(text)
        else:
            if kind == _SPLITS_WHEN_TOUCHING:
                inline_just_closed = True
            elif kind:
                if parts:
                    flush()
                if kind == _LIST_ITEM:
                    list_depth -= 1
                inline_just_closed = False
            tail = element.tail
            if tail:
                if origin is None:
                    if tail.isspace():
                        continue
                    origin, in_item = element.getparent(), list_depth > 0
                parts.append(tail)
                if not tail.isspace():
                    inline_just_closed = False
    if parts:
        flush()
    return lines
