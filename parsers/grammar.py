"""The listing-page grammar, over visible lines from either front end.

    page    := ... "Author name cluster" NAME ... COUNTS ... "Possible papers" [N] paper*
    paper   := VENUE_LINE TITLE AUTHOR+ [ABSTRACT]

Papers are found by their venue lines (see venue.py) and by their author runs, so a paper whose
venue line breaks the grammar is still found, and one without a title or authors is skipped with
a problem while the rest of the page is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from parsers.lines import Line
from parsers.names import looks_like_name, looks_like_prose, split_author
from parsers.records import ListingPage, NotAListingPage, Paper, Problem
from parsers.repair import find_urls, repair_abstract
from parsers.venue import MAX_VENUE_LINE, Venue, parse_venue_line

_CLUSTER_HEADING = "author name cluster"
_PAPER_COUNT = re.compile(r"^(\d[\d,]*)\s+papers?$", re.IGNORECASE)
_AUTHOR_ROW_COUNT = re.compile(r"^(\d[\d,]*)\s+author\s+rows?$", re.IGNORECASE)
_POSSIBLE_PAPERS = re.compile(r"^possible papers(?:\s*[:(]?\s*(\d[\d,]*)\)?)?$", re.IGNORECASE)
_BARE_COUNT = re.compile(r"^\(?(\d[\d,]*)\)?$")
_HEADER_SCAN_LIMIT = 12  # lines after the cluster name where the counts may stand
_ABSTRACT_MIN_CHARS = 120
_ABSTRACT_MIN_SPACES = 12
_UNASKED = object()


@dataclass(slots=True)
class _Draft:
    venue: Line | None = None
    # Set when the venue line was already read while splitting the body, so it is not re-read.
    parsed_venue: Venue | None = None
    title: Line | None = None
    authors: list[Line] = field(default_factory=list)
    abstract: Line | None = None
    first_line: Line | None = None


def _count(text: str) -> int:
    return int(text.replace(",", ""))


def _looks_like_abstract(line: Line) -> bool:
    return len(line.text) >= _ABSTRACT_MIN_CHARS or line.text.count(" ") >= _ABSTRACT_MIN_SPACES


def parse_lines(lines: list[Line], source: str) -> ListingPage:
    problems: list[Problem] = []
    heading = next(
        (index for index, line in enumerate(lines) if line.text.casefold() == _CLUSTER_HEADING), None
    )
    if heading is None:
        raise NotAListingPage(source, "no 'Author name cluster' heading found")
    if heading + 1 >= len(lines):
        raise NotAListingPage(source, "the 'Author name cluster' heading is not followed by a name")
    cluster_name = lines[heading + 1].text

    declared_papers: int | None = None
    declared_author_rows: int | None = None
    listed_count: int | None = None
    body_start = heading + 2
    index = heading + 2
    limit = min(len(lines), heading + 2 + _HEADER_SCAN_LIMIT)
    while index < limit:
        text = lines[index].text
        if match := _PAPER_COUNT.match(text):
            declared_papers = _count(match.group(1))
        elif match := _AUTHOR_ROW_COUNT.match(text):
            declared_author_rows = _count(match.group(1))
        elif match := _POSSIBLE_PAPERS.match(text):
            body_start = index + 1
            if match.group(1):
                listed_count = _count(match.group(1))
            elif body_start < len(lines) and (bare := _BARE_COUNT.match(lines[body_start].text)):
                listed_count = _count(bare.group(1))
                body_start += 1
            break
        elif parse_venue_line(text) is not None:
            break
        index += 1
        body_start = index
    # Fewer possible papers than papers is how a site that cuts its listing short may say so; more is
    # a contradiction, and the page's own count is the one checked.
    if declared_papers is not None and listed_count is not None and listed_count > declared_papers:
        problems.append(
            Problem(
                "conflicting_counts",
                f"the page declares {declared_papers} papers, and {listed_count} possible papers",
                lines[heading].where(),
            )
        )
    if declared_papers is None:
        declared_papers = listed_count
    if declared_papers is None:
        problems.append(
            Problem("missing_count", "the page declares no paper count", lines[heading].where())
        )

    drafts = _find_papers(lines[body_start:], problems)
    papers = _build_papers(drafts, problems)
    problems.extend(_repeated_papers(papers, drafts))
    if declared_papers is not None and declared_papers != len(papers):
        problems.append(_count_problem(declared_papers, len(drafts), len(papers), problems, lines[heading].where()))
    return ListingPage(
        source=source,
        cluster_name=cluster_name,
        declared_papers=declared_papers,
        declared_author_rows=declared_author_rows,
        papers=papers,
        problems=problems,
    )


def _repeated_papers(papers: list[Paper], drafts: list[_Draft]) -> list[Problem]:
    """A paper block shown twice, word for word: loaded as one paper, so the page's count and what it adds to
    the warehouse differ by it, and the problem says why."""
    first_shown: dict[tuple, int] = {}
    repeated = []
    for paper in papers:
        title = " ".join(paper.title.casefold().split())
        key = (title, paper.venue_line, tuple(author.raw for author in paper.authors))
        first = first_shown.setdefault(key, paper.position)
        if first != paper.position:
            repeated.append(
                Problem(
                    "repeated_paper",
                    f"paper {paper.position} repeats paper {first} ({paper.title[:60]!r}); it is loaded once",
                    _where(drafts[paper.position - 1]),
                )
            )
    return repeated


def _count_problem(
    declared: int, blocks: int, parsed: int, problems: list[Problem], where: str | int | None
) -> Problem:
    # Every block the page shows was read, and there are fewer than it declares: the site cut the
    # listing short. Anything else means papers were lost on the way, so the page is incomplete.
    truncated = (
        0 < parsed == blocks < declared and not any(problem.kind == "unparsed_abstract" for problem in problems)
    )
    if truncated:
        return Problem(
            "truncated_listing", f"the page declares {declared} papers but shows only {parsed}", where
        )
    return Problem("count_mismatch", f"the page declares {declared} papers but {parsed} were parsed", where)


def _unparsed(line: Line) -> Problem:
    if _looks_like_abstract(line):
        return Problem("unparsed_abstract", f"abstract-sized text outside any paper: {line.text[:80]!r}", line.where())
    return Problem("unparsed_text", f"text outside any paper: {line.text[:80]!r}", line.where())


def _segments(body: list[Line]) -> list[tuple[Line | None, Venue | None, list[Line]]]:
    """Split the body at venue lines; a venue-shaped line right after another is a title."""
    segments: list[tuple[Line | None, Venue | None, list[Line]]] = []
    venue: Line | None = None
    parsed: Venue | None = None
    current: list[Line] = []
    previous_was_venue = False
    for line in body:
        if (
            not line.item
            and not previous_was_venue
            and len(line.text) <= MAX_VENUE_LINE
            and (found := parse_venue_line(line.text)) is not None
        ):
            if venue is not None or current:
                segments.append((venue, parsed, current))
            venue, parsed, current = line, found, []
            previous_was_venue = True
            continue
        current.append(line)
        previous_was_venue = False
    if venue is not None or current:
        segments.append((venue, parsed, current))
    return segments


def _find_papers(body: list[Line], problems: list[Problem]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for venue, parsed, segment in _segments(body):
        item_mode = any(line.item for line in segment)
        is_author: Callable[[Line], bool] = (
            (lambda line: line.item) if item_mode else (lambda line: looks_like_name(line.text))
        )
        if venue is None:
            # Lines before the first venue line: a paper only if an author run shows one.
            _read_after_authors(None, segment, is_author, drafts, problems, item_mode)
            continue
        draft = _Draft(venue=venue, parsed_venue=parsed, first_line=venue)
        drafts.append(draft)
        position = 0
        if position < len(segment) and not segment[position].item:
            draft.title = segment[position]
            position += 1
        position = _take_authors(segment, position, draft, is_author)
        _read_after_authors(draft, segment[position:], is_author, drafts, problems, item_mode)
    return drafts


def _take_authors(segment: list[Line], position: int, draft: _Draft, is_author: Callable[[Line], bool]) -> int:
    """Read the author list that starts at `position`; returns where it ends.

    The page's structure decides first: list items; a run of same-kind sibling boxes, or of the
    lines of one box split by <br>, that the title and venue line are not part of; one line made of
    same-kind links or classed spans ("A, B and C"). Name shape decides only when the structure
    says nothing. Prose (a sentence, an abstract) is never an author.
    """
    if position >= len(segment) or segment[position].item:
        return _take_while(segment, position, draft, is_author)
    first = segment[position]
    group = first.group
    # The line's parts are worked out from the tree, so at most once here.
    parts: Any = _UNASKED
    if (
        group is not None
        and (draft.title is None or draft.title.group != group)
        and (draft.venue is None or draft.venue.group != group)
    ):
        end = position
        while end < len(segment) and segment[end].group == group and not looks_like_prose(segment[end].text):
            end += 1
        if end - position > 1 or (end > position and not (parts := first.parts)):
            draft.authors.extend(segment[position:end])
            return end
    if parts is _UNASKED:
        parts = first.parts
    if parts and not any(map(looks_like_prose, parts)):
        draft.authors.extend(Line(part, True, first.origin) for part in parts)
        return position + 1
    return _take_while(segment, position, draft, is_author)


def _take_while(segment: list[Line], position: int, draft: _Draft, is_author: Callable[[Line], bool]) -> int:
    while position < len(segment) and is_author(segment[position]):
        draft.authors.append(segment[position])
        position += 1
    return position


def _read_after_authors(
    draft: _Draft | None,
    rest: list[Line],
    is_author: Callable[[Line], bool],
    drafts: list[_Draft],
    problems: list[Problem],
    item_mode: bool,
) -> None:
    """Take the abstract, then any further paper whose venue line did not fit the grammar.

    One pass over `rest` by index: slicing off each paper read copied the remainder every time,
    quadratic on a page of many tiny papers.
    """
    first_possible = 1 if item_mode else 2
    start, end = 0, len(rest)
    while start < end:
        run = next((index for index in range(start + first_possible, end) if is_author(rest[index])), None)
        if run is None:
            leftover = start
            if draft is not None and draft.abstract is None:
                draft.abstract, leftover = rest[start], start + 1
            problems.extend(_unparsed(rest[index]) for index in range(leftover, end))
            return
        gap_start = start
        nxt = _Draft()
        if draft is not None and (run - gap_start >= 3 or _looks_like_abstract(rest[gap_start])):
            draft.abstract = rest[gap_start]
            gap_start += 1
        problems.extend(_unparsed(rest[index]) for index in range(gap_start, run - 2))
        if run - gap_start >= 2:
            nxt.venue, nxt.title = rest[run - 2], rest[run - 1]
        elif run > gap_start:
            nxt.title = rest[run - 1]
        position = run
        while position < end and is_author(rest[position]):
            nxt.authors.append(rest[position])
            position += 1
        nxt.first_line = nxt.venue or nxt.title or nxt.authors[0]
        drafts.append(nxt)
        draft, start = nxt, position


def _where(draft: _Draft) -> str | int | None:
    # Only for problems: resolving an HTML element's path is not free.
    return draft.first_line.where() if draft.first_line else None


def _build_papers(drafts: list[_Draft], problems: list[Problem]) -> list[Paper]:
    papers: list[Paper] = []
    for position, draft in enumerate(drafts, start=1):
        if draft.title is None:
            problems.append(
                Problem("missing_title", f"paper {position} has no title; skipped", _where(draft))
            )
            continue
        if not draft.authors:
            problems.append(
                Problem(
                    "missing_authors",
                    f"paper {position} ({draft.title.text[:60]!r}) lists no authors; skipped",
                    _where(draft),
                )
            )
            continue
        venue_line = draft.venue.text if draft.venue else None
        venue = draft.parsed_venue or (parse_venue_line(venue_line) if venue_line else None)
        if venue_line is None:
            problems.append(
                Problem("missing_venue_line", f"paper {position} has no venue line", _where(draft))
            )
        elif venue is None:
            problems.append(
                Problem(
                    "bad_venue_line",
                    f"venue line {venue_line!r} does not read as '<VENUE> <KIND> <YEAR> <TYPE>'",
                    _where(draft),
                )
            )
        abstract = repair_abstract(draft.abstract.text) if draft.abstract else None
        papers.append(
            Paper(
                position=position,
                venue_line=venue_line,
                venue=venue.venue if venue else None,
                venue_kind=venue.kind if venue else None,
                year=venue.year if venue else None,
                publication_type=venue.publication_type if venue else None,
                title=draft.title.text,
                authors=[split_author(line.text) for line in draft.authors],
                abstract=abstract,
                urls=find_urls(abstract) if abstract else [],
            )
        )
    return papers
