"""HTML front end: reduce any markup to the lines a browser would show.

The walk keys on what HTML means, never on class names: block elements, <br> and table cells
end a line; script, style, template, noscript, nav, footer and hidden elements (the `hidden`
attribute, inline display:none or visibility:hidden) show nothing. aria-hidden is not hiding:
it only hides from screen readers, and a browser still shows the text.
Two sibling inline boxes whose texts touch with no space between them ("<span>A B</span><span>C
D</span>") are shown one per line by the site's stylesheet in practice, so they end a line too;
text-level formatting (<b>, <em>, <sup>, ...) never does.

This is the hot path of every run, so it is one walk over the tree lxml built, never changing
it: invisible subtrees are skipped, not removed (element paths in problems stay those of the page
as served), its state stays in locals, and the texts are joined and cut into lines in C.
"""

from __future__ import annotations

from lxml import etree

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
# Invisible, but a block: what stood on either side of it must not run together.
for _tag in ("nav", "footer", "template", "dialog"):
    _TAG_KIND[_tag] = _INVISIBLE_BLOCK
# Selecting the attributes is several times faster in libxml2 than a predicate over every
# element, and than asking every element for them in the walk.
_HIDING_ATTRIBUTES = etree.XPath("//@style | //@hidden")
_HIDDEN_STYLES = ("display:none", "visibility:hidden")


def _hidden_elements(root: etree._Element) -> set[etree._Element]:
    hidden = set()
    for attribute in _HIDING_ATTRIBUTES(root):
        if attribute.attrname == "hidden":
            hidden.add(attribute.getparent())
        else:
            style = attribute.replace(" ", "").lower()
            if _HIDDEN_STYLES[0] in style or _HIDDEN_STYLES[1] in style:
                hidden.add(attribute.getparent())
    return hidden


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


def html_lines(root: etree._Element) -> list[Line]:
    # Texts go into one list, _LINE_END after each line, and are joined and cut into lines once
    # at the end; per line, only where it starts is kept along the way.
    pieces: list[str] = []
    append = pieces.append
    starts: list[tuple[bool, etree._Element | None]] = []
    end_line = starts.append
    origin: etree._Element | None = None  # None: no visible text on the current line yet
    in_item = False
    list_depth = 0
    inline_just_closed = False
    tag_kind = _TAG_KIND.get
    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: etree._Element | None = None
    # The set holds the proxies, so the walk meets these very objects again.
    hidden = _hidden_elements(root)

    for event, element in walker:
        kind = tag_kind(element.tag, 0)
        if event == "start":
            if (kind == _INVISIBLE or element in hidden) and element is not root:
                # It shows nothing and is no box: only its tail is seen, where it stood.
                walker.skip_subtree()
                skipped = element
                continue
            if kind:
                if kind == _SPLITS_WHEN_TOUCHING:
                    if inline_just_closed and origin is not None and not pieces[-1][-1].isspace():
                        text = element.text
                        if not text or not text[0].isspace():
                            append(_LINE_END)
                            end_line((in_item, origin))
                            origin = None
                else:
                    if origin is not None:
                        append(_LINE_END)
                        end_line((in_item, origin))
                        origin = None
                    if kind == _LIST_ITEM:
                        list_depth += 1
            inline_just_closed = False
            if kind == _INVISIBLE_BLOCK and element is not root:
                walker.skip_subtree()  # an empty block in its place
                continue
            text = element.text
            if text:
                if origin is None:
                    if text.isspace():
                        continue
                    origin, in_item = element, list_depth > 0
                append(text)
        else:
            if element is skipped:
                skipped = None
            elif kind == _SPLITS_WHEN_TOUCHING:
                inline_just_closed = True
            elif kind:
                if origin is not None:
                    append(_LINE_END)
                    end_line((in_item, origin))
                    origin = None
                if kind == _LIST_ITEM:
                    list_depth -= 1
                inline_just_closed = False
            tail = element.tail
            if tail:
                if origin is None:
                    if tail.isspace():
                        continue
                    origin, in_item = element.getparent(), list_depth > 0
                append(tail)
                if inline_just_closed and not tail.isspace():
                    inline_just_closed = False
    if origin is not None:
        append(_LINE_END)
        end_line((in_item, origin))

    lines: list[Line] = []
    # Every line ends in _LINE_END, so the split leaves one empty string after the last line.
    for raw, (item, line_origin) in zip("".join(pieces).split(_LINE_END)[:-1], starts, strict=True):
        text = " ".join(raw.split())  # whitespace collapses as in a browser
        if text[0] == BULLET:
            text = text[1:].lstrip()
            item = True
        if text:
            lines.append(Line(text, item, line_origin))
    return lines
