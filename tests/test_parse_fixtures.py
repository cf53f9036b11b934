"""Markup equivalence over the hand-written renderings of the seed, and the problem fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.acquire.files import guess_content_type
from parsers import NotAListingPage, parse_page
from tests.helpers import DATA

RENDERINGS = [
    "seed_semantic.html",
    "seed_divsoup.html",
    "seed_table.html",
    "seed_noisy_cp1252.html",
    "seed_utf16.html",
]


def _parse(path: Path, content_type: str | None = "guess"):
    content_type = guess_content_type(path) if content_type == "guess" else content_type
    return parse_page(path.read_bytes(), source="same", content_type=content_type)


def _records(page) -> dict:
    return page.to_dict()


@pytest.mark.parametrize("rendering", RENDERINGS)
@pytest.mark.parametrize("content_type", ["guess", None])
def test_every_markup_gives_the_records_of_the_text_page(fixtures_dir, rendering, content_type):
    expected = _records(_parse(fixtures_dir / "demo" / "seed.txt"))
    assert len(expected["papers"]) == 10
    assert _records(_parse(fixtures_dir / "demo" / rendering, content_type)) == expected


def test_noise_stays_invisible(fixtures_dir):
    page = _parse(fixtures_dir / "demo" / "seed_noisy_cp1252.html")
    everything = repr(page.to_dict())
    for fake in ("Fake", "window.__STATE__", "Template", "Log in", "enable JavaScript"):
        assert fake not in everything
    assert page.papers[9].authors[3].raw == "Relja Arandjelović"  # &#263; entity
    assert "content reconstruction – that of" in page.papers[7].abstract  # raw 0x96 byte


@pytest.mark.parametrize(
    ("name", "kinds", "titles"),
    [
        ("problems_count_mismatch.txt", ["truncated_listing"], 10),
        ("problems_missing_title.txt", ["missing_title", "count_mismatch"], 2),
        ("problems_missing_authors.txt", ["missing_authors", "count_mismatch"], 2),
        ("problems_bad_venue.txt", ["bad_venue_line"], 3),
        ("problems_no_abstract.txt", [], 2),
    ],
)
def test_problem_fixtures(fixtures_dir, name, kinds, titles):
    page = _parse(fixtures_dir / name)
    assert [problem.kind for problem in page.problems] == kinds
    assert len(page.papers) == titles
    assert all(isinstance(problem.where, int) for problem in page.problems)


def test_no_abstract_fixture_keeps_the_next_paper_whole(fixtures_dir):
    page = _parse(fixtures_dir / "problems_no_abstract.txt")
    assert page.papers[0].abstract is None
    assert page.papers[1].abstract


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not_listing_404.html", "no 'Author name cluster' heading"),
        ("not_listing_login.html", "no 'Author name cluster' heading"),
        ("not_listing_other_site.html", "no 'Author name cluster' heading"),
        ("not_listing_empty.txt", "the page is empty"),
    ],
)
def test_pages_that_are_not_listings(name, reason):
    with pytest.raises(NotAListingPage) as caught:
        _parse(DATA / name)
    assert reason in caught.value.reason
    assert caught.value.source == "same"
