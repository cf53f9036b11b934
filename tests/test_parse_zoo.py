"""The markup zoo: every rendering of the same content parses completely, to the same records."""

from __future__ import annotations

import pytest

from parsers import parse_page, stylesheet_links
from tests.pagegen import PageSpec, PaperSpec, expected_page
from tests.zoo import AUTHOR_LISTS, CARDS, LINKED_HREF, ZOO, Layout, names_spec, render, seed_spec


@pytest.fixture(scope="module")
def seed_expected(seed_bytes) -> dict:
    return parse_page(seed_bytes, source="zoo", content_type="text/plain").to_dict()


@pytest.fixture(scope="module")
def seed_content(seed_bytes) -> PageSpec:
    return seed_spec(seed_bytes.decode("utf-8"))


def _parse(spec: PageSpec, layout: Layout):
    content, sheets = render(spec, layout)
    return parse_page(content, source="zoo", content_type="text/html", stylesheets=sheets)


def test_the_zoo_is_big_enough():
    assert len(ZOO) >= 10
    assert {layout.css for layout in ZOO.values()} == {"style", "linked", "missing"}


@pytest.mark.parametrize("name", sorted(ZOO))
def test_every_rendering_of_the_seed_gives_the_records_of_the_text_page(name, seed_content, seed_expected):
    page = _parse(seed_content, ZOO[name])
    assert page.is_complete, page.incompleteness()
    assert page.problems == []
    assert page.to_dict() == seed_expected


@pytest.mark.parametrize("name", sorted(ZOO))
def test_names_of_every_shape_are_read_exactly_in_every_rendering(name):
    page = _parse(names_spec(), ZOO[name])
    assert page.is_complete, page.incompleteness()
    assert page.to_dict() == expected_page(names_spec(), "zoo").to_dict()


def test_the_seed_content_is_the_seed(seed_content, seed_expected):
    # The zoo renders the seed's text as shown; only the parser repairs abstracts.
    assert [paper.title for paper in seed_content.papers] == [paper["title"] for paper in seed_expected["papers"]]
    assert "https: //github. com/apple/ml-sigma-reparam" in seed_content.papers[5].abstract


def test_stylesheet_links_name_what_applies_on_screen_in_document_order():
    content, _ = render(names_spec(), ZOO["linked_stylesheet"])
    assert stylesheet_links(content, "text/html") == [LINKED_HREF]
    page = (
        "<html><head><link rel=stylesheet href='a.css'><link rel='alternate stylesheet' href='alt.css'>"
        "<link rel=stylesheet media='print' href='p.css'><link rel=stylesheet media='screen, print' href='b.css'>"
        "<link rel=icon href=i.ico><template><link rel=stylesheet href=t.css></template></head>"
        "<body><link rel=stylesheet href='../c.css?v=2' media=all></body></html>"
    )
    assert stylesheet_links(page) == ["a.css", "b.css", "../c.css?v=2"]
    assert stylesheet_links(page.encode("utf-16"), "text/html; charset=utf-16") == ["a.css", "b.css", "../c.css?v=2"]
    assert stylesheet_links(b"Author name cluster\n\nAnn Lee\n", "text/plain") == []
    assert stylesheet_links(b"") == []


def test_a_linked_stylesheet_applies_only_when_passed_in():
    content, sheets = render(names_spec(), ZOO["linked_stylesheet"])
    assert parse_page(content, source="zoo", stylesheets=sheets).is_complete
    # Without it the decoys it hides show, as they would in a browser: the page is not complete,
    # and says so instead of passing for a success.
    bare = parse_page(content, source="zoo")
    assert not bare.is_complete


# The example: sibling spans separated by whitespace, made blocks by the page's own CSS.
_SPANS_PAGE = (
    "<html><head><style>.a1{display:block}.h{display:none}</style></head><body>"
    "<div>Author name cluster</div><div>Ann Lee</div><div>8 papers</div><div>Possible papers</div>"
    "{cards}</body></html>"
)


def test_sibling_spans_made_blocks_by_the_page_css():
    names = ["yann LeCun", "Jian (Jack) Li", "Wei ZHANG", "Ana M Silva", "Ann Lee"]
    cards = "".join(
        f"<div class=c><div><span>ICML</span> <span>Conference {2010 + index} Conference Paper</span></div>"
        f"<div><span>Paper</span> <span>number {index}</span></div><span class=h>Paper number {index}</span>"
        "<div>" + " ".join(f"<span class=a1>{name}</span>" for name in names[: 1 + index % 5]) + "</div>"
        "<div>" + "An abstract that goes on for a while and says nothing much at all. " * 3 + "</div></div>"
        for index in range(8)
    )
    page = parse_page(_SPANS_PAGE.replace("{cards}", cards), source="spans.html")
    assert page.is_complete and len(page.papers) == 8
    assert [len(paper.authors) for paper in page.papers] == [1, 2, 3, 4, 5, 1, 2, 3]
    assert [author.raw for author in page.papers[4].authors] == names


def test_a_table_with_br_between_authors_keeps_every_author():
    spec = PageSpec(
        "Ann Lee",
        [PaperSpec("ICML Conference 2020 Conference Paper", "T", ["ann lee", "Jian (Jack) Li", "B. C", "王小明"],
                   None)],
    )
    page = _parse(spec, Layout("table", "br", "missing"))
    assert page.to_dict() == expected_page(spec, "zoo").to_dict()


@pytest.mark.parametrize("card", CARDS)
@pytest.mark.parametrize("authors", AUTHOR_LISTS)
def test_every_card_with_every_author_list_at_the_edges(card, authors):
    # One author, no abstract, a one-character title: the structure alone must tell them apart.
    spec = PageSpec(
        "Ann Lee",
        [
            PaperSpec("ICML Conference 1950 Conference Paper", "0", ["Aa (Bb) Cc"], None),
            PaperSpec("ACL Workshop 2030 Preprint", "T", ["yann LeCun", "王小明"], None),
            PaperSpec("TMLR Journal 2001 Journal Article", "A Title", ["Prince"], "An abstract, " * 12 + "ends."),
        ],
        2,
    )
    page = _parse(spec, Layout(card, authors, "style"))
    assert page.is_complete, page.incompleteness()
    assert page.to_dict() == expected_page(spec, "zoo").to_dict()
