"""Venue lines: "<VENUE> <KIND> <YEAR> <PUBLICATION TYPE>", e.g. "ICML Conference 2025 Conference Paper"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The venue is usually one token (NeurIPS, Interspeech, TMLR); a few are allowed so that
# "Findings of ACL" still reads, but not so many that a sentence ending in "... 2012 Test Set" does.
_VENUE_LINE = re.compile(
    r"^(?P<venue>\S+(?: \S+){0,3}?) (?P<kind>[A-Z][A-Za-z-]+) (?P<year>(?:18|19|20|21)\d{2})"
    r" (?P<ptype>[A-Z][A-Za-z-]*(?: [A-Za-z-]+){0,3})$"
)

# No line longer than this can match the grammar above with sane venue names: a cheap pre-check.
MAX_VENUE_LINE = 160


@dataclass(frozen=True, slots=True)
class Venue:
    venue: str
    kind: str
    year: int
    publication_type: str


def parse_venue_line(line: str) -> Venue | None:
    # The year stands after a space: without one of these the regex cannot match, and most lines
    # (names, titles) have none, so they are turned away by substring tests in C.
    if " 20" not in line and " 19" not in line and " 18" not in line and " 21" not in line:
        return None
    match = _VENUE_LINE.match(line)
    if match is None:
        return None
    return Venue(
        venue=match.group("venue"),
        kind=match.group("kind"),
        year=int(match.group("year")),
        publication_type=match.group("ptype"),
    )
