"""Typed records a listing page parses into.

`ListingPage.to_dict()` is the stable JSON contract printed by `biblioduck parse --json`
and read by other tools: keys and their order must not change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

CAPPED_AUTHOR_COUNT = 8  # the site never shows more than this many authors per paper

# Problems that mean the parse did not read the whole page: a paper block without a title or
# authors, abstract-sized text left outside every paper, a paper count that disagrees with the
# page in a way a truncated listing cannot explain, or bytes that are not text in the page's
# encoding (a damaged name would load beside the real one). A page with any of them is quarantined, not
# loaded. (A truncated listing, fewer paper blocks than declared, is reported as
# "truncated_listing" and is complete.)
INCOMPLETE_KINDS = frozenset(
    {"missing_title", "missing_authors", "count_mismatch", "unparsed_abstract", "invalid_bytes"}
)


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    homonym: str | None
    raw: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "homonym": self.homonym, "raw": self.raw}


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    message: str
    where: str | int | None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "where": self.where}


@dataclass(slots=True)
class Paper:
    position: int
    venue_line: str | None
    venue: str | None
    venue_kind: str | None
    year: int | None
    publication_type: str | None
    title: str
    authors: list[Author]
    abstract: str | None
    urls: list[str] = field(default_factory=list)

    @property
    def authors_capped(self) -> bool:
        return len(self.authors) == CAPPED_AUTHOR_COUNT

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "venue_line": self.venue_line,
            "venue": self.venue,
            "venue_kind": self.venue_kind,
            "year": self.year,
            "publication_type": self.publication_type,
            "title": self.title,
            "authors": [author.to_dict() for author in self.authors],
            "authors_capped": self.authors_capped,
            "abstract": self.abstract,
            "urls": list(self.urls),
        }


@dataclass(slots=True)
class ListingPage:
    source: str
    cluster_name: str
    declared_papers: int | None
    declared_author_rows: int | None
    papers: list[Paper]
    problems: list[Problem]

    def incompleteness(self) -> list[Problem]:
        """The problems that make this parse incomplete; empty for a complete page."""
        return [problem for problem in self.problems if problem.kind in INCOMPLETE_KINDS]

    @property
    def is_complete(self) -> bool:
        return not self.incompleteness()

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "cluster_name": self.cluster_name,
            "declared_papers": self.declared_papers,
            "declared_author_rows": self.declared_author_rows,
            "papers": [paper.to_dict() for paper in self.papers],
            "problems": [problem.to_dict() for problem in self.problems],
        }


class NotAListingPage(ValueError):
    """The content is not an author listing page; `reason` says why, `source` names it.

    `code` is the reason's kind, for whoever records rejects: one word per subclass.
    """

    code: ClassVar[str] = "not_a_listing"

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: not a listing page: {reason}")
        self.source = source
        self.reason = reason


class PageTooComplex(NotAListingPage):
    """The page exceeds the per-page work budget (parsers/limits.py) and was not read.

    The reason starts with the code, so a reject recorded by its reason alone still names it.
    """

    code: ClassVar[str] = "too_complex"

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(source, f"{self.code}: {detail}")
        self.detail = detail
