"""Name shapes: the last resort, for pages whose structure says nothing about where authors are."""

from __future__ import annotations

import pytest

from parsers import parse_page
from parsers.names import looks_like_name, looks_like_prose
from tests.zoo import EVERY_SHAPE_OF_NAME


@pytest.mark.parametrize("name", EVERY_SHAPE_OF_NAME)
def test_every_shape_of_name_looks_like_a_name(name):
    assert looks_like_name(name)
    assert not looks_like_prose(name)


@pytest.mark.parametrize(
    "text",
    ["we propose a method", "(Jack) Li", "Jian (Jack Li", "Jian (Jack)) Li", "This is a sentence about things.",
     "Code: https://x", "Results (see Table 2) improve"],
)
def test_prose_and_fragments_do_not(text):
    assert not looks_like_name(text)


def test_a_page_with_no_structure_at_all_falls_back_to_name_shapes():
    # Every line a sibling <p> of one container: the structure cannot tell title, authors and
    # abstract apart, so the name shape does.
    abstract = "We read a page whose every line is the same kind of paragraph, and still find the authors."
    html = (
        "<html><body><div><p>Author name cluster</p><p>Ann Lee</p><p>1 paper</p><p>Possible papers</p>"
        "<p>ICML Conference 2020 Conference Paper</p><p>A Title</p><p>yann LeCun</p><p>Jian (Jack) Li</p>"
        f"<p>Wei ZHANG</p><p>{abstract}</p></div></body></html>"
    )
    page = parse_page(html, source="flat.html")
    assert page.is_complete
    assert [author.raw for author in page.papers[0].authors] == ["yann LeCun", "Jian (Jack) Li", "Wei ZHANG"]
    assert page.papers[0].abstract == abstract
