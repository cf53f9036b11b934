"""The page's own CSS, reduced to what decides visibility and line breaks.

Only `display`, `visibility` and the few properties of the usual "visually hidden" (sr-only) rule
are cascaded, from `<style>` elements, the linked stylesheets the caller passes in, and `style`
attributes, in the order a browser applies them: importance, then inline over sheets, then cascade
layers, then specificity, then source order. tinycss2 tokenizes, cssselect (through lxml XPath)
matches; a selector cssselect cannot translate is skipped, as a browser skips what it cannot match.

Cost is kept for pages that have CSS, and there mostly paid once per process: real sites send the
same stylesheet with every page, so a sheet's relevant rules and each selector's compiled XPath are
cached by their text. Per page, a selector runs once over the tree, and only when every class and
id it requires occurs in the page (the rule hashing browsers do).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import tinycss2
from cssselect import ExpressionError, HTMLTranslator, SelectorError, parse
from cssselect import parser as selector_tree
from lxml import etree

# The properties read; everything else in a stylesheet is dropped when the sheet is compiled.
_PROPERTIES = frozenset({"display", "visibility", "position", "clip", "clip-path", "width", "height", "overflow"})
_PROPERTY_HINTS = ("display", "visib", "position", "clip")  # one of these must occur in a style attribute
# The viewport media queries are evaluated against: a desktop browser window.
VIEWPORT_WIDTH_PX, VIEWPORT_HEIGHT_PX = 1280, 800
_EM_PX = 16
_APPLIED_MEDIA_TYPES = frozenset({"all", "screen"})

_TRANSLATOR = HTMLTranslator()
_CSS_SOURCES = etree.XPath("//style | //link | //@style")
_CLASSES = etree.XPath("//@class")
_IDS = etree.XPath("//@id")


@dataclass(frozen=True, slots=True)
class _Selector:
    text: str
    match: etree.XPath
    specificity: tuple[int, int, int]
    classes: frozenset[str]  # every class and id the selector requires: when one is absent from
    ids: frozenset[str]  # the page, the selector cannot match there and is not run


@dataclass(frozen=True, slots=True)
class _Rule:
    selectors: tuple[_Selector, ...]
    declarations: tuple[tuple[str, str, bool], ...]  # property, value, !important
    layer: str | None  # None: not in a cascade layer


@dataclass(frozen=True, slots=True)
class _Sheet:
    rules: tuple[_Rule, ...]
    layers: tuple[str, ...]  # layer names in order of first appearance


@dataclass(slots=True)
class Style:
    """The cascaded values, only for elements the page's CSS says something about."""

    display: dict[etree._Element, str] = field(default_factory=dict)  # "none", "block", "inline flex", ...
    visible: dict[etree._Element, bool] = field(default_factory=dict)  # declared visibility (it inherits)
    clipped: set[etree._Element] = field(default_factory=set)  # the sr-only pattern: not shown on screen


def stylesheet_hrefs(root: etree._Element) -> list[str]:
    """hrefs, as written, of the `<link rel=stylesheet>`s that apply on screen, in document order."""
    return [
        href
        for node in _CSS_SOURCES(root)
        if not isinstance(node, str) and node.tag == "link" and (href := _applied_link(node)) is not None
    ]


def compute_style(root: etree._Element, stylesheets: Mapping[str, str | bytes] | None = None) -> Style | None:
    """Cascade the page's CSS over its tree; None when the page has no CSS at all (the common fast path)."""
    sheets: list[_Sheet] = []
    inline: list[tuple[etree._Element, tuple[tuple[str, str, bool], ...]]] = []
    for node in _CSS_SOURCES(root):
        if isinstance(node, str):
            if any(hint in node.lower() for hint in _PROPERTY_HINTS) and (declarations := _inline(str(node))):
                inline.append((node.getparent(), declarations))
        elif node.tag == "style":
            if _media_applies(node.get("media")) and not _inert(node) and node.text:
                sheets.append(_compile_text(node.text))
        elif node.tag == "link" and stylesheets and (href := _applied_link(node)) is not None:
            content = stylesheets.get(href)
            if content:
                sheets.append(_compile_bytes(content) if isinstance(content, bytes) else _compile_text(content))
    if not inline and not any(sheet.rules for sheet in sheets):
        return None

    # element -> property -> (precedence, value); the highest precedence wins.
    cascaded: dict[etree._Element, dict[str, tuple[tuple, str]]] = {}
    layer_rank: dict[str, int] = {}
    for sheet in sheets:
        for name in sheet.layers:
            layer_rank.setdefault(name, len(layer_rank))
    if sheets:
        classes = {token for value in _CLASSES(root) for token in value.split()}
        ids = {str(value) for value in _IDS(root)}
        matched: dict[str, list[etree._Element]] = {}
        for sheet_index, sheet in enumerate(sheets):
            for rule_index, rule in enumerate(sheet.rules):
                # Unlayered normal declarations beat layered ones; for !important it is the reverse.
                rank = len(layer_rank) if rule.layer is None else layer_rank[rule.layer]
                for selector in rule.selectors:
                    if not (selector.classes <= classes and selector.ids <= ids):
                        continue
                    elements = matched.get(selector.text)
                    if elements is None:
                        elements = matched[selector.text] = selector.match(root)
                    if not elements:
                        continue
                    for name, value, important in rule.declarations:
                        precedence = (
                            important,
                            False,
                            -rank if important else rank,
                            selector.specificity,
                            sheet_index,
                            rule_index,
                        )
                        for element in elements:
                            _declare(cascaded, element, name, precedence, value)
    for element, declarations in inline:
        for name, value, important in declarations:
            _declare(cascaded, element, name, (important, True, 0, (0, 0, 0), 0, 0), value)

    style = Style()
    for element, values in cascaded.items():
        if "display" in values:
            style.display[element] = values["display"][1]
        if "visibility" in values:
            style.visible[element] = values["visibility"][1] not in ("hidden", "collapse")
        if "position" in values and _visually_hidden({name: value for name, (_, value) in values.items()}):
            style.clipped.add(element)
    return style


def _declare(cascaded: dict, element: etree._Element, name: str, precedence: tuple, value: str) -> None:
    values = cascaded.get(element)
    if values is None:
        values = cascaded[element] = {}
    current = values.get(name)
    if current is None or precedence >= current[0]:
        values[name] = (precedence, value)


_CLIP_RECT = re.compile(r"^rect\(")
_TINY = frozenset({"0", "0px", "1px", "0.1px"})


def _visually_hidden(values: Mapping[str, str]) -> bool:
    # The sr-only / visually-hidden rule of every CSS framework: taken out of the flow, then
    # clipped to nothing or shrunk to one pixel with its overflow hidden. A browser does not show
    # the text on screen, so neither does this reader (screen readers still announce it).
    if values.get("position") not in ("absolute", "fixed"):
        return False
    if _CLIP_RECT.match(values.get("clip", "")) or values.get("clip-path", "").replace(" ", "") in (
        "inset(50%)",
        "inset(100%)",
        "circle(0)",
    ):
        return True
    return values.get("width") in _TINY and values.get("height") in _TINY and values.get("overflow") == "hidden"


def _applied_link(link: etree._Element) -> str | None:
    rel = (link.get("rel") or "").lower().split()
    href = link.get("href")
    if "stylesheet" not in rel or "alternate" in rel or not href or _inert(link):
        return None
    return href if _media_applies(link.get("media")) else None


def _inert(element: etree._Element) -> bool:
    # Styles inside <template> or <noscript> are not part of the rendered document.
    return any(True for _ in element.iterancestors("template", "noscript"))


# ---------------------------------------------------------------------------- compiling sheets


@lru_cache(maxsize=256)
def _compile_text(text: str) -> _Sheet:
    return _compile(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


@lru_cache(maxsize=256)
def _compile_bytes(content: bytes) -> _Sheet:
    # tinycss2 reads the BOM and @charset, UTF-8 otherwise, as a browser does for a linked sheet.
    rules, _encoding = tinycss2.parse_stylesheet_bytes(content, skip_comments=True, skip_whitespace=True)
    return _compile(rules)


def _compile(nodes: Iterable) -> _Sheet:
    rules: list[_Rule] = []
    layers: list[str] = []
    anonymous = [0]

    def walk(nodes: Iterable, layer: str | None) -> None:
        for node in nodes:
            if node.type == "qualified-rule":
                declarations = _declarations(node.content)
                if declarations:
                    selectors = _selectors(tinycss2.serialize(node.prelude).strip())
                    if selectors:
                        rules.append(_Rule(selectors, declarations, layer))
            elif node.type == "at-rule":
                keyword = node.lower_at_keyword
                prelude = tinycss2.serialize(node.prelude).strip()
                if keyword == "layer":
                    if node.content is None:  # "@layer a, b;" fixes the order of the layers
                        for name in prelude.split(","):
                            _add_layer(layers, _layer_name(layer, name.strip()))
                        continue
                    if not prelude:
                        anonymous[0] += 1
                        prelude = f"\x00anonymous{anonymous[0]}"
                    name = _layer_name(layer, prelude)
                    _add_layer(layers, name)
                    walk(_nested(node), name)
                elif ((keyword == "media" and _media_applies(prelude)) or keyword == "supports") and node.content:
                    # @supports: every feature a page tests for is taken as supported.
                    walk(_nested(node), layer)
                # @import cannot be followed by a pure parser; @container, @font-face, @keyframes,
                # @page and the rest decide nothing about visibility here.

    walk(nodes, None)
    return _Sheet(tuple(rules), tuple(layers))


def _nested(node) -> list:
    return tinycss2.parse_rule_list(node.content, skip_comments=True, skip_whitespace=True)


def _layer_name(parent: str | None, name: str) -> str:
    return f"{parent}.{name}" if parent else name


def _add_layer(layers: list[str], name: str) -> None:
    if name not in layers:
        layers.append(name)


def _declarations(content) -> tuple[tuple[str, str, bool], ...]:
    if not content:
        return ()
    found = []
    for declaration in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True):
        if declaration.type == "declaration" and declaration.lower_name in _PROPERTIES:
            value = " ".join(tinycss2.serialize(declaration.value).split()).lower()
            found.append((declaration.lower_name, value, declaration.important))
    return tuple(found)


@lru_cache(maxsize=4096)
def _inline(text: str) -> tuple[tuple[str, str, bool], ...]:
    return _declarations(text)


@lru_cache(maxsize=16384)
def _selectors(text: str) -> tuple[_Selector, ...]:
    try:
        parsed = parse(text)
    except SelectorError:
        return ()
    compiled = []
    for selector in parsed:
        if selector.pseudo_element is not None:
            continue  # ::before and friends style generated boxes, whose content is not read
        try:
            xpath = _TRANSLATOR.selector_to_xpath(selector, prefix="descendant-or-self::")
            if "[0]" in xpath:
                continue  # :hover, :focus, :visited...: cssselect's "never matches"; no page at rest has them
            match = etree.XPath(xpath)
        except (SelectorError, ExpressionError, etree.XPathSyntaxError):
            continue  # a selector cssselect cannot translate; a browser would skip what it cannot match too
        classes: set[str] = set()
        ids: set[str] = set()
        _required(selector.parsed_tree, classes, ids)
        compiled.append(
            _Selector(selector.canonical(), match, selector.specificity(), frozenset(classes), frozenset(ids))
        )
    return tuple(compiled)


def _required(tree: object, classes: set[str], ids: set[str]) -> None:
    # Walk the compound selectors; what sits inside :not(), :is(), :where() or :has() is an
    # alternative or an absence, not a requirement.
    while tree is not None:
        if isinstance(tree, selector_tree.Class):
            classes.add(tree.class_name)
        elif isinstance(tree, selector_tree.Hash):
            ids.add(tree.id)
        elif isinstance(tree, selector_tree.CombinedSelector):
            _required(tree.subselector, classes, ids)
        elif isinstance(tree, selector_tree.Element):
            return
        tree = getattr(tree, "selector", None)


# ---------------------------------------------------------------------------- media queries

_FEATURE = re.compile(r"^\(\s*([a-z-]+)\s*(?::\s*([^)]*?))?\s*\)$")


def _media_applies(media: str | None) -> bool:
    """A media query list as a desktop screen evaluates it: `all` and `screen` apply, `print` does not."""
    if media is None or not media.strip():
        return True
    return any(_query_applies(query.strip().lower()) for query in media.split(","))


def _query_applies(query: str) -> bool:
    negated = False
    if query.startswith("not "):
        negated, query = True, query[4:].strip()
    elif query.startswith("only "):
        query = query[5:].strip()
    parts = [part.strip() for part in re.split(r"\band\b", query)]
    result = True
    for index, part in enumerate(parts):
        if not part:
            result = False
        elif part.startswith("("):
            result = result and _feature_applies(part)
        elif index == 0:
            result = part in _APPLIED_MEDIA_TYPES
        else:
            result = False
        if not result:
            break
    return result != negated


def _feature_applies(feature: str) -> bool:
    match = _FEATURE.match(feature)
    if match is None:
        return False  # an unknown or malformed feature makes the query false, as in a browser
    name, value = match.group(1), (match.group(2) or "").strip()
    for prefix, axis in (("width", VIEWPORT_WIDTH_PX), ("height", VIEWPORT_HEIGHT_PX)):
        if name in (prefix, f"min-{prefix}", f"max-{prefix}"):
            length = _px(value)
            if length is None:
                return False
            if name.startswith("min-"):
                return axis >= length
            if name.startswith("max-"):
                return axis <= length
            return axis == length
    known = {
        "orientation": "landscape",
        "prefers-color-scheme": "light",
        "prefers-reduced-motion": "no-preference",
        "hover": "hover",
        "pointer": "fine",
        "color": "",
        "scripting": "enabled",
    }
    if name in known:
        return not value or value == known[name] or (name == "color" and value.isdigit())
    return False


def _px(value: str) -> float | None:
    match = re.match(r"^(\d+(?:\.\d+)?)(px|em|rem)?$", value)
    if match is None:
        return None
    number = float(match.group(1))
    return number if match.group(2) in (None, "px") else number * _EM_PX
