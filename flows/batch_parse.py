"""Parse a batch of raw pages: records for the listing pages, rejects for the rest.

Kept apart from the flow module so that a parse worker process imports only the parsers, not
Prefect.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from parsers import ListingPage, NotAListingPage, parse_page
from warehouse.records import PageRef, RawPage, Reject


@dataclass(slots=True)
class ParsedBatch:
    pages: list[tuple[PageRef, ListingPage]] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)  # not listing pages
    problems: Counter[str] = field(default_factory=Counter)
    # Rejected before parsing (fetch errors); recorded with this batch's load.
    upstream_rejected: list[Reject] = field(default_factory=list)


def parse_batch(pages: Iterable[RawPage]) -> ParsedBatch:
    parsed = ParsedBatch()
    for raw in pages:
        try:
            page = parse_page(raw.content, source=raw.source, content_type=raw.content_type)
        except NotAListingPage as error:
            parsed.rejected.append(Reject(source=raw.source, reason=error.reason, raw_sha256=raw.sha256))
            continue
        except Exception as error:  # a parser bug must cost one page, not the run; --reparse retries it
            reason = f"parser error: {type(error).__name__}: {error}"
            parsed.rejected.append(Reject(source=raw.source, reason=reason, raw_sha256=raw.sha256))
            continue
        parsed.problems.update(problem.kind for problem in page.problems)
        parsed.pages.append((PageRef(raw.source, raw.sha256), page))
    return parsed
