"""Pure parsing: a listing page (bytes or text, HTML or plain text) in; records and problems out.

No I/O happens here. `parse_page` is the one entry point; everything else is its machinery.
"""

from __future__ import annotations

from parsers.decode import decode, looks_binary, sniff_html
from parsers.grammar import parse_lines
from parsers.html_lines import html_lines, parse_tree
from parsers.limits import OverBudget, check_markup, check_size, check_text_lines
from parsers.lines import element_paths, text_lines
from parsers.records import Author, ListingPage, NotAListingPage, PageTooComplex, Paper, Problem

__all__ = ["Author", "ListingPage", "NotAListingPage", "PageTooComplex", "Paper", "Problem", "parse_page"]


def parse_page(content: bytes | str, *, source: str, content_type: str | None = None) -> ListingPage:
    """Parse one listing page. Raises NotAListingPage (naming `source`) and nothing else for bad input.

    A page past the work budget (parsers/limits.py) raises PageTooComplex, a NotAListingPage.
    """
    try:
        return _parse(content, source, content_type)
    except NotAListingPage:
        raise
    except OverBudget as over:
        raise PageTooComplex(source, over.detail) from None
    except (ValueError, TypeError, RecursionError, MemoryError, UnicodeError) as error:
        raise NotAListingPage(source, f"unreadable content ({type(error).__name__}: {error})") from error


def _parse(content: bytes | str, source: str, content_type: str | None) -> ListingPage:
    markup: bytes | str  # what the HTML parser reads: UTF-8 bytes when the page came as such
    check_size(content)
    if isinstance(content, bytes):
        if not content.strip():
            raise NotAListingPage(source, "the page is empty")
        if looks_binary(content) and not content.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
            raise NotAListingPage(source, "binary content, not a text or HTML page")
        decoded = decode(content, content_type)
        text, is_html, markup = decoded.text, decoded.is_html, decoded.utf8 or decoded.text
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
        lines = html_lines(root)
    else:
        check_text_lines(text)
        lines = text_lines(text)
    if not lines:
        raise NotAListingPage(source, "the page shows no text")
    with element_paths():
        return parse_lines(lines, source)
