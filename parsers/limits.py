"""The per-page work budget: the one home of every bound the parser puts on a page.

Every step of the parse is linear in the page's size, so bounds on its bytes, tags and lines
bound the parse time; the exceptions are the ones libxml2 brings (attributes of one element cost
it quadratic time, and it cannot nest deeper than MAX_DEPTH), and these are bounded on their own.
A page past any bound is rejected as too complex (PageTooComplex, code "too_complex") before the
costly step where it can be, so that no page can stall its batch; the rest of the batch goes on.
"""

from __future__ import annotations

import re

# Above the fetcher's default --max-bytes (10 MiB), so any fetched page fits, and so does a saved
# page with a text node of that size. A text node may take the whole of it.
MAX_PAGE_BYTES = 16 * 1024 * 1024
# Real pages have about 23 tags per kB of HTML and 15 lines (blank ones included) per kB of text,
# so a real page of MAX_PAGE_BYTES has fewer than 400,000 tags or 250,000 lines; pages of tiny
# elements or lines reach these bounds first.
# Bounding both keeps the cost of any page within budget to a few seconds.
MAX_TAGS = 500_000  # "<" characters in the markup: counted before libxml2 reads it
# Line breaks of a text page. An HTML page shows at most a line per tag, so MAX_TAGS bounds it.
MAX_LINES = 500_000
# libxml2 reads at most this many nested elements, even with its limits lifted (huge_tree), and
# drops everything below; such a page is rejected rather than read in part.
MAX_DEPTH = 2048
# libxml2 checks each attribute of an element against the others: a million attributes on one
# element would take hours. Counted as the words inside one tag (see check_markup).
MAX_ATTRIBUTES_PER_ELEMENT = 1000

# Every problem on an HTML page carries its element's path, a new string each: 40,000 stray lines
# 2,000 elements deep would build gigabytes of them. A real page's problems take a few kilobytes.
MAX_LOCATION_CHARS = 16 * 1024 * 1024


class OverBudget(Exception):
    """A page exceeds a bound; parse_page turns it into PageTooComplex naming the source."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


# A tag long enough to hold the bound of attributes (each takes a space and a name at least).
# Finding these is one pass of the regex engine over the page; only they are counted word by word.
_LONG_TAG_BYTES = re.compile(rb"<[A-Za-z][^<>]{%d}[^<>]*" % (2 * MAX_ATTRIBUTES_PER_ELEMENT))
_LONG_TAG_TEXT = re.compile(_LONG_TAG_BYTES.pattern.decode())


def check_size(content: bytes | str) -> None:
    # A str is measured in characters: its UTF-8 form may be larger, never smaller.
    if len(content) > MAX_PAGE_BYTES:
        raise OverBudget(f"the page has {len(content):,} bytes, more than the {MAX_PAGE_BYTES:,} read per page")


def check_markup(markup: bytes | str) -> None:
    """Reject, before libxml2 sees it, markup too costly to read."""
    tags = markup.count(b"<" if isinstance(markup, bytes) else "<") if len(markup) > MAX_TAGS else 0
    if tags > MAX_TAGS:
        raise OverBudget(f"the page has {tags:,} tags, more than the {MAX_TAGS:,} read per page")
    long_tag = _LONG_TAG_BYTES if isinstance(markup, bytes) else _LONG_TAG_TEXT
    for match in long_tag.finditer(markup):
        # Words, not "=" signs: attributes without a value cost libxml2 the same. A style or class
        # value of many words over-counts, which the bound's size allows for.
        if len(match.group().split()) - 1 > MAX_ATTRIBUTES_PER_ELEMENT:  # the first is the tag's name
            raise OverBudget(f"an element has more than {MAX_ATTRIBUTES_PER_ELEMENT:,} attributes")


# Where str.splitlines() breaks, besides "\n" and "\r".
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def check_text_lines(text: str) -> None:
    """Before a text page is split into lines."""
    if len(text) <= MAX_LINES:  # every real page: nothing to count
        return
    breaks = text.count("\n") + text.count("\r") - text.count("\r\n")
    breaks += sum(text.count(separator) for separator in _OTHER_LINE_BREAKS)
    if breaks > MAX_LINES:
        raise OverBudget(f"the page has {breaks:,} lines, more than the {MAX_LINES:,} read per page")


def libxml2_stopped(message: str) -> OverBudget:
    """libxml2 hit one of its own limits and stopped reading: what lay beyond is lost."""
    if "depth" in message.lower():
        return OverBudget(f"elements are nested more than {MAX_DEPTH:,} deep")
    # No other limit of libxml2's is reachable under MAX_PAGE_BYTES with huge_tree; named if one is.
    return OverBudget(f"libxml2 stopped reading: {message.strip()}")
