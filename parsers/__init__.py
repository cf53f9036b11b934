"""Pure parsing: a listing page (bytes or text, HTML or plain text) in; records and problems out.

No I/O happens here. `parse_page` is the one entry point; everything else is its machinery.
"""

from __future__ import annotations

from collections.abc import Mapping

from parsers.css import compute_style, stylesheet_hrefs
from parsers.decode import DecodedPage, decode, looks_binary, sniff_html
from parsers.grammar import parse_lines
from parsers.html_lines import html_lines, parse_tree
from parsers.limits import OverBudget, check_markup, check_size, check_text_lines
from parsers.lines import element_paths, text_lines
from parsers.records import Author, ListingPage, NotAListingPage, PageTooComplex, Paper, Problem

__all__ = [
    "Author",
    "ListingPage",
    "NotAListingPage",
    "PageTooComplex",
    "Paper",
    "Problem",
    "parse_page",
    "stylesheet_links",
]


def parse_page(
    content: bytes | str,
    *,
    source: str,
    content_type: str | None = None,
    stylesheets: Mapping[str, str | bytes] | None = None,
) -> ListingPage:
    """Parse one listing page. Raises NotAListingPage (naming `source`) and nothing else for bad input.

    `stylesheets` maps the href of a `<link rel="stylesheet">`, exactly as the page writes it, to
    that file's content; a link missing from it is read without (the page's structure still tells
    authors apart). The page's `<style>` elements and `style` attributes always apply.

    A page past the work budget (parsers/limits.py) raises PageTooComplex, a NotAListingPage.
    """
    try:
        return _parse(content, source, content_type, stylesheets)
    except NotAListingPage:
        raise
    except OverBudget as over:
        raise PageTooComplex(source, over.detail) from None
    except (ValueError, TypeError, RecursionError, MemoryError, UnicodeError) as error:
        raise NotAListingPage(source, f"unreadable content ({type(error).__name__}: {error})") from error


def stylesheet_links(content: bytes | str, content_type: str | None = None) -> list[str]:
    """The hrefs, as written, of the page's `<link rel="stylesheet">`s that apply on screen, in
    document order: what a fetcher fetches and passes back as `parse_page(..., stylesheets=)`.
    Empty for text pages and for anything unreadable."""
    try:
        if isinstance(content, bytes):
            decoded = decode(content, content_type)
            is_html, markup = decoded.is_html, decoded.utf8 or decoded.text
        else:
            is_html, markup = sniff_html(content, content_type), content
        if not is_html or not markup.strip():
            return []
        check_size(content)
        check_markup(markup)  # a hostile page must not stall the fetcher either
        root = parse_tree(markup)
    except Exception:  # a page parse_page would refuse links nothing; the fetcher only needs a list
        return []
    return stylesheet_hrefs(root) if root is not None else []


def _parse(
    content: bytes | str, source: str, content_type: str | None, stylesheets: Mapping[str, str | bytes] | None
) -> ListingPage:
    markup: bytes | str  # what the HTML parser reads: UTF-8 bytes when the page came as such
    # What reading the bytes found (their encoding), added to the grammar's problems.
    reading: list[Problem] = []
    check_size(content)
    if isinstance(content, bytes):
        if not content.strip():
            raise NotAListingPage(source, "the page is empty")
        if looks_binary(content) and not content.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
            raise NotAListingPage(source, "binary content, not a text or HTML page")
        decoded = decode(content, content_type)
        text, is_html, markup = decoded.text, decoded.is_html, decoded.utf8 or decoded.text
        if decoded.invalid_sequences:
            reading.append(_invalid_bytes(decoded))
        elif decoded.overruled:
            reading.append(
                Problem(
                    "mislabelled_charset",
                    f"the page declares {decoded.overruled}, but its bytes are {decoded.encoding}: read as "
                    f"{decoded.encoding}",
                    None,
                )
            )
    else:
        text, is_html = content, sniff_html(content, content_type)
        markup = text
        if not text.strip():
            raise NotAListingPage(source, "the page is empty")
    if is_html:
        check_markup(markup)
        root = parse_tree(markup)
        if root is None:
            raise NotAListingPage(source, "no HTML document could be read")
        lines = html_lines(root, compute_style(root, stylesheets))
    else:
        check_text_lines(text)
        lines = text_lines(text)
    if not lines:
        raise NotAListingPage(source, "the page shows no text")
    with element_paths():
        parsed = parse_lines(lines, source)
    parsed.problems.extend(reading)
    return parsed


def _invalid_bytes(decoded: DecodedPage) -> Problem:
    # A name or title with a U+FFFD in it is not what the site printed, so the page is held back
    # (INCOMPLETE_KINDS) rather than loaded with a damaged name beside the real one.
    first = decoded.text.index("\ufffd")
    context = " ".join(decoded.text[max(0, first - 30) : first + 30].split())
    return Problem(
        "invalid_bytes",
        f"{decoded.invalid_sequences} byte sequence(s) not valid {decoded.encoding}, shown as U+FFFD, "
        f"the first in {context!r}",
        decoded.text.count("\n", 0, first) + 1,
    )
