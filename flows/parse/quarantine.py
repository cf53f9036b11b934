"""What keeps a bad parse out of the warehouse: the quality gate per page and the drift breaker per run.

A page whose parse did not read the whole page (parsers' `ListingPage.incompleteness()`), or whose new
version lists far fewer papers than the version loaded now (or any fewer, when it shows fewer than it
declares), is held back: its raw page is stored, it is recorded in rejects with its problems, and the
contribution already loaded stays as it was. Both holds can be lifted per run (--accept-incomplete,
--accept-shrink). Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows import defaults
from flows.acquire.records import Reject
from parsers import ListingPage


@dataclass(frozen=True, slots=True)
class QualityGate:
    accept_incomplete: bool = False
    accept_shrink: bool = False
    shrink_ratio: float = defaults.SHRINK_RATIO
    shrink_min_drop: int = defaults.SHRINK_MIN_DROP

    def hold(self, page: ListingPage, sha256: str, loaded_papers: int | None) -> Reject | None:
        """The reject that holds `page` back, or None when it may be loaded.

        `loaded_papers` is how many papers the source's currently loaded version lists (None: never loaded).
        """
        missing = page.incompleteness()
        if missing and not self.accept_incomplete:
            kinds = ", ".join(sorted({problem.kind for problem in missing}))
            return Reject(
                source=page.source,
                reason=f"incomplete parse ({kinds}): {missing[0].message}",
                problems=list(page.problems),
                raw_sha256=sha256,
                code="incomplete_parse",
            )
        if loaded_papers is None or self.accept_shrink:
            return None
        cut_short = _cut_short(page)
        if self.shrunk(loaded_papers, len(page.papers)) or (cut_short and len(page.papers) < loaded_papers):
            why = f" and shows fewer than the {page.declared_papers} it declares" if cut_short else ""
            return Reject(
                source=page.source,
                reason=(
                    f"shrunk: the new version lists {len(page.papers)} papers{why}, the loaded one {loaded_papers}; "
                    "the loaded contribution is kept (--accept-shrink loads it)"
                ),
                problems=list(page.problems),
                raw_sha256=sha256,
                code="shrunk",
            )
        return None

    def shrunk(self, loaded_papers: int, new_papers: int) -> bool:
        return new_papers < loaded_papers * self.shrink_ratio and loaded_papers - new_papers >= self.shrink_min_drop


def _cut_short(page: ListingPage) -> bool:
    # A truncated listing says by itself that papers are missing from it: a page cut off on the way (a
    # download that stopped, a file saved half-way) looks just like one. Complete as a first load, but
    # it must never take away papers a fuller version of the same page loaded, however few.
    return any(problem.kind == "truncated_listing" for problem in page.problems)


@dataclass(slots=True)
class DriftBreaker:
    """Stops a run whose pages keep parsing incompletely: a changed site should not burn a whole crawl."""

    min_pages: int = defaults.DRIFT_MIN_PAGES
    max_share: float = defaults.DRIFT_MAX_SHARE
    parsed: int = 0
    incomplete: int = 0

    def record(self, parsed: int, incomplete: int) -> None:
        self.parsed += parsed
        self.incomplete += incomplete

    @property
    def tripped(self) -> bool:
        return self.parsed >= self.min_pages and self.incomplete > self.parsed * self.max_share

    def reason(self) -> str:
        return (
            f"not fetched: the drift breaker stopped the run after {self.incomplete} of {self.parsed} parsed pages "
            f"were incomplete (more than {self.max_share:.0%}); fix the parser or pass --accept-incomplete"
        )
