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
# One pass finds every source of CSS and the `hidden` attributes (which the front end needs too).
_CSS_SOURCES = etree.XPath("//style | //link | //@style | //@hidden")
# Smart strings: each value leads to its element (getparent), so one pass gives the page's class
# names and the index of the needed ones.
_CLASS_VALUES = etree.XPath("//@class")
_ID_VALUES = etree.XPath("//@id", smart_strings=False)
_WITH_ID = etree.XPath("//*[@id]")
_HIDDEN_SELECTOR = "[hidden]"  # the canonical text of the selector


_Compound = tuple[str | None, tuple[str, ...], str | None]  # tag, classes, id


@dataclass(frozen=True, slots=True)
class _Selector:
    text: str
    match: etree.XPath
    specificity: tuple[int, int, int]
    classes: frozenset[str]  # every class and id the selector requires: when one is absent from
    ids: frozenset[str]  # the page, the selector cannot match there and is not run
    # Compounds of a tag, classes and an id joined by descendant or child combinators ("span.a1",
    # ".card > .authors a", "#app .x"), left to right with the combinator before each: matched from
    # the page's class and id index and the ancestors of each candidate, which is several times
    # cheaper than cssselect's XPath (libxml2 builds strings for every class test on every element).
    plan: tuple[tuple[str, _Compound], ...] | None = None


@dataclass(frozen=True, slots=True)
class _Rule:
    selectors: tuple[_Selector, ...]
    declarations: tuple[tuple[str, str, bool], ...]  # property, value, !important
    layer: str | None  # None: not in a cascade layer


@dataclass(frozen=True, slots=True)
class _Sheet:
    rules: tuple[_Rule, ...]
    layers: tuple[str, ...]  # layer names in order of first appearance
    ids: bool  # whether any selector needs an id


@dataclass(slots=True)
class Style:
    """The cascaded values, only for elements the page's CSS says something about."""

    display: dict[etree._Element, str] = field(default_factory=dict)  # "none", "block", "inline flex", ...
    visible: dict[etree._Element, bool] = field(default_factory=dict)  # declared visibility (it inherits)
    clipped: set[etree._Element] = field(default_factory=set)  # the sr-only pattern: not shown on screen
    hidden: list[etree._Element] = field(default_factory=list)  # elements with the `hidden` attribute


def stylesheet_hrefs(root: etree._Element) -> list[str]:
    """hrefs, as written, of the `<link rel=stylesheet>`s that apply on screen, in document order."""
    return [
        href
        for node in _CSS_SOURCES(root)
        if not isinstance(node, str) and node.tag == "link" and (href := _applied_link(node)) is not None
    ]


def compute_style(root: etree._Element, stylesheets: Mapping[str, str | bytes] | None = None) -> Style | None:
    """Cascade the page's CSS over its tree; None when the page has no CSS and no `hidden`
    attribute at all (the common fast path)."""
    sheets: list[_Sheet] = []
    inline: list[tuple[etree._Element, tuple[tuple[str, str, bool], ...]]] = []
    hidden: list[etree._Element] = []
    for node in _CSS_SOURCES(root):
        if isinstance(node, str):
            if node.attrname == "hidden":
                hidden.append(node.getparent())
            elif any(hint in node.lower() for hint in _PROPERTY_HINTS) and (declarations := _inline(str(node))):
                inline.append((node.getparent(), declarations))
        elif node.tag == "style":
            if _media_applies(node.get("media")) and not _inert(node) and node.text:
                sheets.append(_compile_text(node.text))
        elif node.tag == "link" and stylesheets and (href := _applied_link(node)) is not None:
            content = stylesheets.get(href)
            if content:
                sheets.append(_compile_bytes(content) if isinstance(content, bytes) else _compile_text(content))
    if not inline and not any(sheet.rules for sheet in sheets):
        return Style(hidden=hidden) if hidden else None

    # Every (declaration, matched elements) pair with its precedence; applied in ascending order,
    # so the winner is written last. dict.update keeps the per-element work in C.
    entries: list[tuple[tuple, str, str, list[etree._Element]]] = []
    layer_rank: dict[str, int] = {}
    for sheet in sheets:
        for name in sheet.layers:
            layer_rank.setdefault(name, len(layer_rank))
    if sheets:
        # A substring test on all class and id values first, cheap in C: a selector whose class or
        # id is absent from that text cannot match, and a page none of whose rules can match skips
        # the exact index altogether.
        class_values = _CLASS_VALUES(root)
        class_names = set(" ".join(class_values).split())
        id_values = set(_ID_VALUES(root)) if any(sheet.ids for sheet in sheets) else set()
        possible = [
            (sheet_index, rule_index, rule, selector)
            for sheet_index, sheet in enumerate(sheets)
            for rule_index, rule in enumerate(sheet.rules)
            for selector in rule.selectors
            if selector.classes <= class_names and selector.ids <= id_values
        ]
        # Only the classes some possible selector needs are indexed.
        needed = set().union(*(selector.classes for *_, selector in possible))
        if needed or any(selector.ids for *_, selector in possible):
            by_class, by_id = _index(class_values, needed, root, any(selector.ids for *_, selector in possible))
        else:
            by_class, by_id = {}, {}
        # "[hidden]" (every framework's reset has it) selects what the sources pass found already.
        matched: dict[str, list[etree._Element]] = {_HIDDEN_SELECTOR: list(hidden)}
        for sheet_index, rule_index, rule, selector in possible:
            # Unlayered normal declarations beat layered ones; for !important it is the reverse.
            rank = len(layer_rank) if rule.layer is None else layer_rank[rule.layer]
            if not all(name in by_class for name in selector.classes) or not all(
                name in by_id for name in selector.ids
            ):
                continue
            elements = matched.get(selector.text)
            if elements is None:
                try:
                    elements = _match(selector, root, by_class, by_id)
                except etree.XPathError:
                    elements = []  # an expression libxml2 will not evaluate: skipped like any other
                matched[selector.text] = elements
            if elements:
                for name, value, important in rule.declarations:
                    precedence = (
                        important,
                        False,
                        -rank if important else rank,
                        selector.specificity,
                        sheet_index,
                        rule_index,
                    )
                    entries.append((precedence, name, value, elements))
    for element, declarations in inline:
        for name, value, important in declarations:
            entries.append(((important, True, 0, (0, 0, 0), 0, 0), name, value, [element]))
    entries.sort(key=lambda entry: entry[0])
    values: dict[str, dict[etree._Element, str]] = {}
    for _precedence, name, value, elements in entries:
        target = values.get(name)
        if target is None:
            target = values[name] = {}
        target.update(dict.fromkeys(elements, value))

    style = Style(display=values.get("display", {}), hidden=hidden)
    for element, visibility in values.get("visibility", {}).items():
        style.visible[element] = visibility not in ("hidden", "collapse")
    for element, position in values.get("position", {}).items():
        if position in ("absolute", "fixed") and _visually_hidden(
            {name: declared[element] for name, declared in values.items() if element in declared}
        ):
            style.clipped.add(element)
    return style


def _index(
    class_values: list, needed: set[str], root: etree._Element, with_ids: bool
) -> tuple[dict[str, list[etree._Element]], dict[str, list]]:
    # From the class attributes already read, in document order: an element is looked up only
    # when one of its classes is needed.
    by_class: dict[str, list[etree._Element]] = {}
    for value in class_values:
        names = value.split()
        if needed.isdisjoint(names):
            continue
        element = value.getparent()
        for name in names:
            if name in needed:
                found = by_class.get(name)
                if found is None:
                    by_class[name] = [element]
                else:
                    found.append(element)
    by_id: dict[str, list[etree._Element]] = {}
    if with_ids:
        for element in _WITH_ID(root):
            element_id = element.get("id")
            if element_id:
                by_id.setdefault(element_id, []).append(element)
    return by_class, by_id


def _match(selector: _Selector, root: etree._Element, by_class: dict, by_id: dict) -> list[etree._Element]:
    plan = selector.plan
    if plan is None:
        return selector.match(root)
    # Left to right: the elements matching each prefix of the selector, as a set, and each next
    # compound's candidates kept when their parent (">") or one of their ancestors (" ") is in it.
    # The membership tests run in C (set.isdisjoint over iterancestors), once per candidate,
    # where matching right to left walked the ancestors in Python for every step.
    matched: set[etree._Element] | None = None
    last = len(plan) - 1
    for position, (combinator, compound) in enumerate(plan):
        candidates = _candidates(compound, root, by_class, by_id)
        tag, classes, element_id = compound
        if tag is not None or len(classes) > 1 or (element_id is not None and classes):
            candidates = [element for element in candidates if _compound_matches(element, compound)]
        if matched is not None:
            if combinator == ">":
                candidates = [element for element in candidates if element.getparent() in matched]
            else:
                candidates = [element for element in candidates if not matched.isdisjoint(element.iterancestors())]
        if position == last:
            return candidates
        if not candidates:
            return []
        matched = set(candidates)
    return []


def _candidates(compound: _Compound, root: etree._Element, by_class: dict, by_id: dict) -> list[etree._Element]:
    # Every element that may match the compound: those with its id, else its first class, else its tag.
    tag, classes, element_id = compound
    if element_id is not None:
        return by_id.get(element_id, [])
    if classes:
        return by_class.get(classes[0], [])
    return list(root.iter(tag))


def _compound_matches(element: etree._Element, compound: _Compound) -> bool:
    tag, classes, element_id = compound
    if tag is not None and element.tag != tag:
        return False
    if element_id is not None and element.get("id") != element_id:
        return False
    if classes:
        have = element.get("class")
        if have is None:
            return False
        if len(classes) == 1 and have == classes[0]:
            return True
        names = have.split()
        return all(name in names for name in classes)
    return True


def _plan(tree: object) -> tuple[tuple[str, _Compound], ...] | None:
    steps: list[tuple[str, _Compound]] = []
    while isinstance(tree, selector_tree.CombinedSelector):
        if tree.combinator not in (" ", ">"):
            return None
        compound = _compound(tree.subselector)
        if compound is None:
            return None
        steps.append((tree.combinator, compound))
        tree = tree.selector
    compound = _compound(tree)
    if compound is None:
        return None
    steps.append(("", compound))
    steps.reverse()  # left to right, each step with the combinator that joins it to the one on its left
    return tuple(steps)


_CLIP_RECT = re.compile(r"^rect\(")
_TINY = frozenset({"0", "0px", "1px", "0.1px"})


def _visually_hidden(values: Mapping[str, str]) -> bool:
    # The sr-only / visually-hidden rule of every CSS framework: taken out of the flow (the caller
    # checked `position`), then clipped to nothing or shrunk to one pixel with its overflow hidden.
    # A browser does not show the text on screen, so neither does this reader (screen readers
    # still announce it).
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


# Bounded: a site sends a handful of sheets, but pages may carry their own inline ones.
@lru_cache(maxsize=64)
def _compile_text(text: str) -> _Sheet:
    return _compile(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))


@lru_cache(maxsize=64)
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
    return _Sheet(tuple(rules), tuple(layers), any(selector.ids for rule in rules for selector in rule.selectors))


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
        except (SelectorError, ExpressionError, etree.XPathError):
            continue  # a selector cssselect cannot translate; a browser would skip what it cannot match too
        classes: set[str] = set()
        ids: set[str] = set()
        _required(selector.parsed_tree, classes, ids)
        compiled.append(
            _Selector(
                selector.canonical(),
                match,
                selector.specificity(),
                frozenset(classes),
                frozenset(ids),
                _plan(selector.parsed_tree),
            )
        )
    return tuple(compiled)


def _compound(tree: object) -> _Compound | None:
    classes: list[str] = []
    element_id: str | None = None
    while True:
        if isinstance(tree, selector_tree.Class):
            classes.append(tree.class_name)
        elif isinstance(tree, selector_tree.Hash):
            if element_id is not None:
                return None
            element_id = tree.id
        elif isinstance(tree, selector_tree.Element):
            if tree.namespace not in (None, "*"):
                return None
            tag = None if tree.element in (None, "*") else tree.element.lower()
            if tag is None and not classes and element_id is None:
                return None  # "*": every element; XPath is as good as anything
            return tag, tuple(reversed(classes)), element_id
        else:
            return None
        tree = tree.selector


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
