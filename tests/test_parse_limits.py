"""The work budget, and parse time that grows linearly with the page whatever its shape."""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from parsers import NotAListingPage, PageTooComplex, parse_page
from parsers.decode import decode
from parsers.html_lines import parse_tree
from parsers.limits import (
    MAX_ATTRIBUTES_PER_ELEMENT,
    MAX_DEPTH,
    MAX_LINES,
    MAX_LOCATION_CHARS,
    MAX_PAGE_BYTES,
    MAX_TAGS,
    check_text_lines,
)
from parsers.lines import Line, element_paths
from tests import shapes
from tests.helpers import DATA


def _cost(content: bytes) -> float:
    # The least of a few runs: what the parse costs, without what the machine's other work adds.
    # The cyclic collector is off meanwhile: its full passes grow with everything alive, so they
    # would make any parse that keeps many objects look superlinear.
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            started = time.process_time()
            with contextlib.suppress(NotAListingPage):
                parse_page(content, source="shape")
            best = min(best, time.process_time() - started)
    finally:
        gc.enable()
    return best


@pytest.mark.parametrize(
    ("build", "size"),
    [
        (shapes.unclosed_math, 2_500),  # quadratic before: x13 for x4 the size
        (shapes.author_and_stray_lines, 5_000),  # x11
        (shapes.stray_paragraphs, 5_000),  # x17
        (shapes.many_attributes, 50_000),  # x22, inside libxml2
    ],
    ids=["unclosed-math", "authors-and-stray-lines", "stray-paragraphs", "many-attributes"],
)
def test_parse_cost_grows_linearly_with_the_page(build: Callable[[int], bytes], size: int):
    """Four times the page costs about four times the work; a quadratic step would make it 16.

    A ratio of two costs measured in the same test, never a time on its own: the quadratic steps
    were inside C (the regex engine, list copies, libxml2), where nothing deterministic counts.
    """
    small, large = build(size), build(4 * size)
    assert len(large) > 3.9 * len(small)
    _cost(small)  # warm caches (compiled regexes, codec lookups) before measuring
    ratio = _cost(large) / max(_cost(small), 1e-4)
    assert ratio < 8, f"x{ratio:.1f} the cost for x4 the size"


def test_many_attributes_on_one_element_are_too_complex():
    with pytest.raises(PageTooComplex) as caught:
        parse_page(shapes.many_attributes(200_000), source="attrs.html")
    error = caught.value
    assert isinstance(error, NotAListingPage)
    assert error.code == "too_complex" and NotAListingPage.code == "not_a_listing"
    assert error.reason == f"too_complex: an element has more than {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes"
    assert str(error).startswith("attrs.html: not a listing page: too_complex: ")


def test_attributes_up_to_the_bound_parse():
    page = parse_page(shapes.many_attributes(MAX_ATTRIBUTES_PER_ELEMENT), source="a.html")
    assert [paper.title for paper in page.papers] == ["A Title"]
    with pytest.raises(PageTooComplex):
        parse_page(shapes.many_attributes(MAX_ATTRIBUTES_PER_ELEMENT + 1), source="a.html")


def test_long_class_lists_and_styles_are_not_mistaken_for_attributes():
    words = " ".join(f"c{index}" for index in range(MAX_ATTRIBUTES_PER_ELEMENT // 3))
    content = shapes.many_attributes(3).replace(b"<div ", f'<div class="{words}" style="{words}" '.encode())
    assert len(parse_page(content, source="a.html").papers) == 1


def test_nesting_deeper_than_libxml2_read_before_is_parsed():
    page = parse_page(shapes.deep_nesting(2_000), source="deep.html")
    assert [paper.title for paper in page.papers] == ["A Title"]
    assert page.is_complete


def test_nesting_past_the_bound_is_too_complex_not_a_silent_empty_page():
    with pytest.raises(PageTooComplex) as caught:
        parse_page(shapes.deep_nesting(MAX_DEPTH + 10), source="deep.html")
    assert caught.value.reason == f"too_complex: elements are nested more than {MAX_DEPTH:,} deep"


def test_problem_paths_of_deep_elements_resolve():
    content = shapes.deep_nesting(1_500).replace(b"<h3>A Title</h3>", b"")
    page = parse_page(content, source="deep.html")
    missing = next(problem for problem in page.problems if problem.kind == "missing_title")
    assert missing.where == "/html/body" + "/div" * 1_500 + "/p[3]"


def test_many_problems_deep_down_are_too_complex_not_gigabytes_of_paths():
    stray = b"<p>x</p>" * 5_000
    content = shapes.deep_nesting(2_000).replace(b"</ul>", b"</ul>" + stray)
    with pytest.raises(PageTooComplex) as caught:
        parse_page(content, source="deep.html")
    assert caught.value.reason == (
        f"too_complex: its problems' element paths take more than {MAX_LOCATION_CHARS:,} characters"
    )
    shallow = shapes.stray_paragraphs(5_000)
    assert len(parse_page(shallow, source="wide.html").problems) == 4_999


def test_an_11_mb_text_node_parses_with_the_papers_after_it():
    page = parse_page(shapes.huge_text_node(11_000_000), source="huge.html")
    assert [paper.title for paper in page.papers] == ["A Title", "Another Title"]
    assert len(page.papers[0].abstract) > 10_900_000
    assert page.problems == []


def test_a_page_past_the_byte_bound_is_too_complex():
    content = b"Author name cluster\n\nAnn Bee\n\n" + b"x" * MAX_PAGE_BYTES
    with pytest.raises(PageTooComplex, match="more than the 16,777,216 read per page"):
        parse_page(content, source="big.txt")
    with pytest.raises(PageTooComplex):
        parse_page(content.decode(), source="big.txt")


@pytest.mark.parametrize("separator", ["\n", "\r", "\r\n", "\u2028", "\x1c"], ids=repr)
def test_a_text_page_of_more_lines_than_the_bound_is_too_complex(separator):
    lines = ["Author name cluster", "Ann Bee", *(["x"] * MAX_LINES)]
    with pytest.raises(PageTooComplex, match=f"more than the {MAX_LINES:,} read per page"):
        parse_page(separator.join(lines), source="lines.txt")
    check_text_lines(separator.join(lines[:MAX_LINES]))  # MAX_LINES lines, MAX_LINES - 1 breaks: within


def test_markup_of_more_tags_than_the_bound_is_too_complex():
    content = shapes.stray_paragraphs(1).replace(b"</body>", b"<b>" * MAX_TAGS + b"</body>")
    with pytest.raises(PageTooComplex, match=f"more than the {MAX_TAGS:,} read per page"):
        parse_page(content, source="tags.html")


def _html_fixture_trees(fixtures_dir: Path) -> list[etree._Element]:
    trees = []
    for path in [*fixtures_dir.rglob("*.html"), *DATA.glob("*.html")]:
        decoded = decode(path.read_bytes(), "text/html")
        trees.append(parse_tree(decoded.utf8 or decoded.text))
    trees.append(parse_tree(shapes.stray_paragraphs(50)))
    trees.append(parse_tree(b"<p>a<!-- c --></p><p>b</p><div><p>c</p><!-- d --><span>e</span><p>f</p></div>"))
    return trees


def test_counted_element_paths_are_the_ones_libxml2_gives(fixtures_dir):
    trees = _html_fixture_trees(fixtures_dir)
    assert len(trees) >= 8
    for root in trees:
        elements = [element for element in root.iter() if isinstance(element.tag, str)]
        expected = [Line("x", False, element).where() for element in elements]
        with element_paths():
            assert [Line("x", False, element).where() for element in elements] == expected
