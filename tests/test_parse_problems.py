"""Problems, not crashes: each problem kind, and the clear error for pages that are not listings."""

from __future__ import annotations

import pytest

from parsers import NotAListingPage, parse_page


def _kinds(page):
    return [problem.kind for problem in page.problems]


@pytest.fixture(scope="module")
def seed_text(seed_bytes):
    return seed_bytes.decode("utf-8")


def test_fewer_blocks_than_declared_is_a_truncated_listing_and_complete(seed_text):
    page = parse_page(seed_text.replace("10 papers", "12 papers"), source="s.txt")
    assert _kinds(page) == ["truncated_listing"]
    assert "declares 12 papers but shows only 10" in page.problems[0].message
    assert page.problems[0].where == 3  # the "Author name cluster" line
    assert len(page.papers) == 10
    assert page.is_complete


def test_more_papers_than_declared_is_a_count_mismatch_and_incomplete(seed_text):
    page = parse_page(seed_text.replace("10 papers", "8 papers"), source="s.txt")
    assert _kinds(page) == ["conflicting_counts", "count_mismatch"]  # its "Possible papers 10" says more than 8 too
    assert "declares 8 papers but 10 were parsed" in page.problems[1].message
    assert not page.is_complete
    assert [problem.kind for problem in page.incompleteness()] == ["count_mismatch"]


def test_abstract_sized_text_outside_papers_makes_the_page_incomplete(seed_text):
    stray = "This paragraph stands between the counts and the first paper " * 3
    first_venue = "ICML Conference 2025 Conference Paper"
    text = seed_text.replace(first_venue, f"{stray}\n\n{first_venue}", 1)
    page = parse_page(text, source="s.txt")
    assert len(page.papers) == 10
    assert "unparsed_abstract" in _kinds(page)
    assert not page.is_complete


def test_seed_is_complete(seed_text):
    page = parse_page(seed_text, source="s.txt")
    assert page.is_complete and page.problems == []


def test_paper_without_title_is_skipped_rest_kept(seed_text):
    text = seed_text.replace("Poly-View Contrastive Learning\n\n", "")
    page = parse_page(text, source="s.txt")
    assert [paper.title for paper in page.papers][2:4] == [
        "DUET: 2D Structured and Approximately Equivariant Representations",
        "How to Scale Your EMA",
    ]
    assert len(page.papers) == 9
    assert _kinds(page) == ["missing_title", "count_mismatch"]
    missing = page.problems[0]
    assert missing.where == seed_text.splitlines().index("ICLR Conference 2024 Conference Paper") + 1
    assert [paper.position for paper in page.papers][:4] == [1, 2, 4, 5]


def test_paper_without_authors_is_skipped_rest_kept(seed_text):
    lines = seed_text.split("\n")
    start = lines.index("Distillation Scaling Laws")
    end = lines.index("  • Russell Webb", start)
    text = "\n".join(lines[: start + 2] + lines[end + 2:])
    page = parse_page(text, source="s.txt")
    assert _kinds(page) == ["missing_authors", "count_mismatch"]
    assert "Distillation Scaling Laws" in page.problems[0].message
    assert page.papers[0].title.startswith("Theory, Analysis")
    assert len(page.papers) == 9


def test_venue_line_outside_the_grammar_is_kept_raw(seed_text):
    text = seed_text.replace("ICLR Conference 2024 Conference Paper", "Proceedings of something, 2023")
    page = parse_page(text, source="s.txt")
    assert len(page.papers) == 10
    paper = page.papers[2]
    assert paper.title == "Poly-View Contrastive Learning"
    assert paper.venue_line == "Proceedings of something, 2023"
    assert (paper.venue, paper.venue_kind, paper.year, paper.publication_type) == (None, None, None, None)
    assert _kinds(page) == ["bad_venue_line"]
    # the previous paper keeps its own abstract, untouched by the confusion
    assert page.papers[1].abstract.startswith("Attention is a key part")


def test_missing_abstract_is_null(seed_text):
    lines = seed_text.split("\n")
    abstract = next(line for line in lines if line.startswith("We propose a distillation scaling law"))
    page = parse_page(seed_text.replace(abstract + "\n\n", ""), source="s.txt")
    assert page.problems == []
    assert page.papers[0].abstract is None
    assert page.papers[0].urls == []
    assert page.papers[1].abstract.startswith("Attention is a key part")


def test_html_problem_location_is_an_element_path():
    html = (
        "<html><body><h1>Author name cluster</h1><h2>Ann Lee</h2><p>2 papers</p>"
        "<h2>Possible papers</h2><p>2</p><article><p>ICML Conference 2020 Conference Paper</p>"
        "<ul><li>Ann Lee</li></ul></article><article><p>ICML Conference 2021 Conference Paper</p>"
        "<h3>T</h3><ul><li>Ann Lee</li></ul></article></body></html>"
    )
    page = parse_page(html, source="x.html")
    assert _kinds(page) == ["missing_title", "count_mismatch"]
    assert page.problems[0].where == "/html/body/article[1]/p"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the page is empty"),
        (b"   \n\t ", "the page is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        (b"<html><body><h1>404 Not Found</h1><p>Arrow Research search</p></body></html>",
         "no 'Author name cluster' heading"),
        (b"<html><body><form><h1>Sign in to continue</h1><input name=u></form></body></html>",
         "no 'Author name cluster' heading"),
        (b"<html><head><script>x()</script></head><body></body></html>", "the page shows no text"),
        (b"Arrow Research search\n\nAuthor name cluster\n", "not followed by a name"),
    ],
)
def test_not_a_listing_page_is_a_clear_error(content, reason):
    with pytest.raises(NotAListingPage) as caught:
        parse_page(content, source="page-7")
    assert caught.value.source == "page-7"
    assert reason in caught.value.reason
    assert str(caught.value).startswith("page-7: not a listing page: ")


def test_one_stray_byte_in_utf8_is_damage_not_a_windows_1252_page(seed_text):
    """Read as windows-1252, every bullet and accent of the page would turn into mojibake ("â€¢ Jason
    Ramapuram"); read as UTF-8 the damage stays one U+FFFD, and the page is held back for it."""
    damaged = seed_text.encode().replace("Pau Rodríguez".encode(), b"Pau Rodr\xedguez", 1)
    page = parse_page(damaged, source="damaged.txt")
    names = [author.name for listed in page.papers for author in listed.authors]
    assert "Jason Ramapuram" in names and "Relja Arandjelović" in names
    assert "Pau Rodr\ufffdguez" in names and not any("â€" in name for name in names)
    (problem,) = page.incompleteness()
    assert problem.kind == "invalid_bytes" and "1 byte sequence(s) not valid utf-8" in problem.message
    assert "Pau Rodr\ufffdguez" in problem.message
    assert seed_text.split("\n")[problem.where - 1].count("Pau Rodríguez") == 1  # the line it stands on
    # a page of windows-1252 bytes alone (no valid UTF-8 sequence) is still read as windows-1252, whole
    legacy = parse_page(seed_text.replace("ć", "c").replace("≤", "<=").encode("cp1252"), source="legacy.txt")
    assert not legacy.incompleteness()
    assert "Pau Rodríguez" in [author.name for listed in legacy.papers for author in listed.authors]


def test_a_paper_shown_twice_and_counts_that_disagree_are_said(seed_text):
    lines = seed_text.split("\n")
    venues = [index for index, line in enumerate(lines) if line.endswith("Conference Paper")]
    block = lines[venues[1] : venues[2]]
    repeated = "\n".join([*lines[: venues[2]], *block, *lines[venues[2] :]])
    repeated = repeated.replace("10 papers", "11 papers").replace("Possible papers\n\n10", "Possible papers\n\n11")
    page = parse_page(repeated, source="twice.txt")
    assert len(page.papers) == 11 and page.is_complete
    (problem,) = [problem for problem in page.problems if problem.kind == "repeated_paper"]
    assert problem.message.startswith("paper 3 repeats paper 2 (") and problem.where == venues[2] + 1

    disagreeing = parse_page(seed_text.replace("Possible papers\n\n10", "Possible papers\n\n12"), source="c.txt")
    assert [problem.kind for problem in disagreeing.problems] == ["conflicting_counts"]
    assert disagreeing.problems[0].message == "the page declares 10 papers, and 12 possible papers"
    assert not [problem for problem in parse_page(seed_text, source="s.txt").problems]


@pytest.mark.parametrize("label", ["iso-8859-1", "windows-1252", "koi8-r"])
def test_utf8_under_a_one_byte_label_is_read_as_utf8_and_the_label_reported(label):
    """A server's default "charset=iso-8859-1" over UTF-8 bytes: believed, every accented name would load
    garbled ("JosÃ© MarÃ­a") beside the right one from the other pages."""
    page_head = "<h1>Author name cluster</h1><h2>José María</h2><p>1 paper</p><h2>Possible papers</h2>"
    paper = "<p>ICML Conference 2020 Conference Paper</p><h3>T</h3><ul><li>José María</li><li>Дмитрий Ветров</li></ul>"
    page = parse_page((page_head + paper).encode(), source="m.html", content_type=f"text/html; charset={label}")
    assert [author.name for author in page.papers[0].authors] == ["José María", "Дмитрий Ветров"]
    assert [(problem.kind, problem.message) for problem in page.problems] == [
        ("mislabelled_charset", f"the page declares {label}, but its bytes are utf-8: read as utf-8")
    ]
    assert page.is_complete
    # the label is believed where the bytes are no UTF-8 (what it is for), and silently
    legacy = parse_page((page_head + paper.replace("Дмитрий Ветров", "Ann Lee")).encode("cp1252"), source="l.html",
                        content_type="text/html; charset=windows-1252")
    assert [author.name for author in legacy.papers[0].authors] == ["José María", "Ann Lee"] and not legacy.problems


def test_utf16_with_bom_is_not_mistaken_for_binary(seed_text):
    page = parse_page(seed_text.encode("utf-16"), source="u16.txt")
    assert len(page.papers) == 10
    assert page.papers[9].authors[3].name == "Relja Arandjelović"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=windows-1252", "<p>Rodríguez Gálvez</p>".encode("cp1252")),
        ("text/html; charset=utf-8", "<p>Rodríguez Gálvez</p>".encode("cp1252")),  # header lies
        ("text/html", "<meta charset='windows-1252'><p>Rodríguez Gálvez</p>".encode("cp1252")),
        ("text/html", "<p>Rodríguez Gálvez</p>".encode("cp1252")),  # no charset anywhere
        (None, "<html><p>Rodr&iacute;guez G&#225;lvez</p>".encode("ascii")),
    ],
)
def test_charset_from_header_meta_or_fallback(content_type, body):
    page_head = b"<h1>Author name cluster</h1><h2>Ann Lee</h2><p>1 paper</p><h2>Possible papers</h2>"
    paper = b"<p>ICML Conference 2020 Conference Paper</p><h3>T</h3><ul><li>Ann Lee</li></ul>"
    page = parse_page(page_head + paper + body, source="c.html", content_type=content_type)
    assert page.papers[0].abstract == "Rodríguez Gálvez"
