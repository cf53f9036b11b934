"""The cascade: which of the page's rules win, and what `display` and `visibility` do to the lines read."""

from __future__ import annotations

import pytest

from parsers.css import _compile_text, _match, _media_applies, _selectors, compute_style
from parsers.html_lines import html_lines, parse_tree


def _lines(body: str, css: str = "", head: str = "", stylesheets: dict | None = None) -> list[str]:
    style = f"<style>{css}</style>" if css else ""
    root = parse_tree(f"<html><head>{style}{head}</head><body>{body}</body></html>")
    return [line.text for line in html_lines(root, compute_style(root, stylesheets))]


TWO = "<div><span class='x' id='i'>A</span> <span class='x y'>B</span></div>"


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("", ["A B"]),
        (".x{display:block}", ["A", "B"]),
        # Specificity beats source order, source order breaks ties.
        ("#i{display:block} .x{display:inline}", ["A", "B"]),
        (".x{display:block} .x{display:inline}", ["A B"]),
        (".x.y{display:none} .x{display:inline}", ["A"]),
        # !important beats specificity.
        ("span.x{display:none} .x{display:inline !important}", ["A B"]),
        # Unsupported or dynamic selectors are skipped, the rest of the sheet still applies.
        (".x:hover{display:none} .x::before{display:none} .x:nth-last-of-type(1 of .y){display:none} "
         ".y{display:block}", ["A", "B"]),
        ("@media print{.x{display:none}} @media screen{.y{display:none}}", ["A"]),
        ("@media all and (min-width: 768px){.y{display:none}}", ["A"]),
        ("@media (max-width: 600px){.y{display:none}} @media not screen{.x{display:none}}", ["A B"]),
        ("@media (prefers-color-scheme: dark){.x{display:none}} @media (unknown-feature){.y{display:none}}",
         ["A B"]),
        ("@supports (display:grid){.y{display:none}}", ["A"]),
        # Unlayered rules beat layered ones; later layers beat earlier ones; for !important the reverse.
        ("@layer base{.x{display:none}} .x{display:inline}", ["A B"]),
        ("@layer a, b; @layer b{.y{display:none}} @layer a{.y{display:inline}}", ["A"]),
        ("@layer a{.y{display:none !important}} .y{display:inline !important}", ["A"]),
        ("div{display:flex}", ["A", "B"]),  # flex items are boxes
        ("div{display:grid}", ["A", "B"]),
        ("div{display:inline-flex}", ["A", "B"]),
        (".x{display:inline-block}", ["A B"]),  # sits in the line like a word
        (".x{display:list-item}", ["A", "B"]),
        (".x{display:table-cell}", ["A", "B"]),
        ("div{display:flex} .x{display:contents}", ["A", "B"]),
        (".x{display:var(--d)} .y{display:inherit}", ["A B"]),  # unknowable: the tag decides
        (".x{display:block flow} .y{display:inline flow-root}", ["A", "B"]),
        (".x{visibility:hidden}", []),
        ("#i{visibility:collapse}", ["B"]),
        (".sr{position:absolute;width:1px;height:1px;overflow:hidden} .x{position:relative}", ["A B"]),
    ],
)
def test_cascade_decides_display(css, expected):
    assert _lines(TWO, css) == expected


def test_inline_style_beats_sheets_unless_they_are_important():
    assert _lines(TWO.replace("id='i'", "id='i' style='display:block'"), "#i{display:inline}") == ["A", "B"]
    assert _lines(TWO.replace("id='i'", "id='i' style='display:block'"), "#i{display:none!important}") == ["B"]
    assert _lines(TWO.replace("id='i'", "id='i' style='display: none'")) == ["B"]
    assert _lines(TWO.replace("id='i'", "id='i' style='visibility : hidden'")) == ["B"]


def test_visibility_inherits_and_a_child_can_show_again():
    body = "<div class='h'>hidden <p>gone</p><p class='v'>shown</p> tail</div><p>after</p>"
    assert _lines(body, ".h{visibility:hidden} .v{visibility:visible}") == ["shown", "after"]


def test_screen_reader_only_text_is_hidden():
    body = "<p><span class='sr-only'>Authors:</span>Ann Lee</p><p><span class='visually-hidden'>x</span>B</p>"
    css = (
        ".sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
        "clip:rect(0,0,0,0);white-space:nowrap;border-width:0}"
        ".visually-hidden{position:absolute!important;clip-path:inset(50%)!important}"
    )
    assert _lines(body, css) == ["Ann Lee", "B"]
    assert _lines(body) == ["Authors:Ann Lee", "xB"]  # no CSS: a browser shows it too


def test_the_hidden_attribute_yields_to_an_author_display():
    body = "<div hidden class='card'>shown by the page's CSS</div><div hidden>hidden</div><p>x</p>"
    assert _lines(body, ".card{display:flex}") == ["shown by the page's CSS", "x"]


def test_a_closed_details_shows_only_its_summary():
    body = (
        "<details>before<summary>More authors</summary>between<ul><li>Collapsed Person</li></ul>after"
        "<summary>second summary</summary></details><p>next</p>"
    )
    assert _lines(body) == ["More authors", "next"]
    assert _lines(body.replace("<details>", "<details open>")) == [
        "before", "More authors", "between", "Collapsed Person", "after", "second summary", "next"
    ]
    # the page's CSS can hide the summary too, and a list inside stays hidden when its items are classed
    assert _lines(body, "summary{visibility:hidden}") == ["next"]
    assert _lines("<p><a class='a'>A</a>, <a class='a'>B</a></p><details><summary>+1</summary><a class='a'>C</a>"
                  "</details>") == ["A, B", "+1"]


def test_styles_in_template_noscript_or_for_print_do_not_apply():
    body = "<p class='a'>A</p><p class='b'>B</p><p class='c'>C</p>"
    head = (
        "<template><style>.a{display:none}</style></template><noscript><style>.b{display:none}</style></noscript>"
        "<style media='print'>.c{display:none}</style>"
    )
    assert _lines(body, head=head) == ["A", "B", "C"]


def test_linked_sheets_cascade_in_document_order_with_the_style_elements():
    body = "<p class='a'>A</p><p class='b'>B</p>"
    head = "<link rel=stylesheet href='one.css'><style>.a{display:none}</style><link rel=stylesheet href='two.css'>"
    sheets = {"one.css": ".a{display:block}.b{display:none}", "two.css": b"@charset 'utf-8'; .a{display:block}"}
    assert _lines(body, head=head, stylesheets=sheets) == ["A"]
    assert _lines(body, head=head, stylesheets={"one.css": sheets["one.css"]}) == []
    assert _lines(body, head=head) == ["B"]  # the missing sheets are simply missing
    assert _lines(body, head=head, stylesheets={"two.css": b"\xef\xbb\xbf.b{display:none}"}) == []


def test_a_page_without_css_skips_the_cascade():
    root = parse_tree("<html><body><p class='a'>A</p></body></html>")
    assert compute_style(root, {"unused.css": ".a{display:none}"}) is None


def test_sheets_and_selectors_are_compiled_once_per_process():
    css = ".zz-once{display:none} .zz-once .b{display:block}"
    _lines("<p class='zz-once'>x</p>", css)
    hits = _compile_text.cache_info().hits
    selector_hits = _selectors.cache_info().hits
    _lines("<p class='zz-once'>y</p>", css)
    assert _compile_text.cache_info().hits == hits + 1
    assert _selectors.cache_info().hits == selector_hits  # not even looked up again: the sheet is cached
    assert _compile_text(css) is _compile_text(css)


def test_rules_that_decide_nothing_are_dropped_when_a_sheet_is_compiled():
    sheet = _compile_text(
        "a{color:red} .b{margin:0;display:none} @font-face{font-family:x} @media print{.c{display:none}}"
    )
    assert [[s.text for s in rule.selectors] for rule in sheet.rules] == [[".b"]]


def test_a_selector_runs_only_where_the_classes_it_needs_occur():
    (selector,) = _selectors("#app .card > .authors span.a1")
    assert selector.classes == {"card", "authors", "a1"} and selector.ids == {"app"}
    (negated,) = _selectors(".a:not(.b)")
    assert negated.classes == {"a"}


@pytest.mark.parametrize(
    ("media", "applies"),
    [
        (None, True), ("", True), ("all", True), ("screen", True), ("only screen", True), ("print", False),
        ("speech", False), ("screen, print", True), ("not print", True), ("not screen", False),
        ("screen and (min-width: 1024px)", True), ("(max-width: 40em)", False), ("(min-width:80rem)", True),
        ("(orientation: landscape)", True), ("(orientation: portrait)", False), ("screen and (foo)", False),
    ],
)
def test_media_queries_as_a_desktop_screen(media, applies):
    assert _media_applies(media) is applies


@pytest.mark.parametrize(
    "selector",
    [".a", "p.a", "div .a", "div > .a", "body > div p", "#top .a.b", "section > div > p.a", "div p", ".b .a", "li"],
)
def test_index_matching_agrees_with_cssselect(selector):
    # Compound and descendant/child selectors are matched from a class index, not XPath: same result.
    root = parse_tree(
        "<html><body><div id='top'><p class='a b'>1</p><section><div><p class='a'>2</p></div></section>"
        "<ul><li class='b'><span class='a'>3</span></li></ul></div><p class='a'>4</p></body></html>"
    )
    (compiled,) = _selectors(selector)
    assert compiled.plan is not None
    by_class: dict = {}
    for element in root.iter():
        for name in (element.get("class") or "").split():
            by_class.setdefault(name, []).append(element)
    by_id = {element.get("id"): [element] for element in root.iter() if element.get("id")}
    assert _match(compiled, root, by_class, by_id) == compiled.match(root)
