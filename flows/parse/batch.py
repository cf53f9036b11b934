"""Parse a batch of raw pages: records for the listing pages, rejects for the rest and for those held back.

Kept apart from the flow module so that a parse worker process imports only the parsers, not
Prefect.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from flows.acquire.records import PageRef, RawPage, Reject
from flows.parse.quarantine import QualityGate
from parsers import ListingPage, NotAListingPage, Problem, parse_page, stylesheet_links


@dataclass(slots=True)
class ParsedBatch:
    pages: list[tuple[PageRef, ListingPage]] = field(default_factory=list)
    # not listing pages, parser failures, and pages the quality gate held back
    rejected: list[Reject] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)
    parsed: int = 0  # pages that parsed to a listing, held back or not
    incomplete: int = 0  # of those, pages whose parse was incomplete (accepted or not)


def parse_batch(
    pages: Iterable[RawPage],
    gate: QualityGate | None = None,
    loaded_papers: Mapping[str, int] | None = None,
    on_page: Callable[[], None] | None = None,
) -> ParsedBatch:
    """`loaded_papers`: for sources loaded before, how many papers their loaded version lists;
    `on_page` is called after each page, for a progress bar."""
    gate = gate or QualityGate()
    loaded_papers = loaded_papers or {}
    parsed = ParsedBatch()
    for raw in pages:
        _parse_one(raw, gate, loaded_papers.get(raw.source), parsed)
        if on_page is not None:
            on_page()
    return parsed


def _parse_one(raw: RawPage, gate: QualityGate, loaded_papers: int | None, parsed: ParsedBatch) -> None:
    try:
        page = parse_page(
            raw.content, source=raw.source, content_type=raw.content_type, stylesheets=raw.stylesheet_texts()
        )
    except NotAListingPage as error:
        code = getattr(error, "code", "not_a_listing")
        parsed.rejected.append(Reject(source=raw.source, reason=error.reason, raw_sha256=raw.sha256, code=code))
        return
    except Exception as error:  # a parser bug must cost one page, not the run; --reparse retries it
        reason = f"parser error: {type(error).__name__}: {error}"
        parsed.rejected.append(Reject(source=raw.source, reason=reason, raw_sha256=raw.sha256, code="parser_error"))
        return
    if raw.source.startswith(("http://", "https://")):
        page.problems.extend(_laid_out_without(raw))
    parsed.parsed += 1
    parsed.incomplete += not page.is_complete
    parsed.problems.update(problem.kind for problem in page.problems)
    held = gate.hold(page, raw.sha256, loaded_papers)
    if held is not None:
        parsed.rejected.append(held)
        return
    parsed.pages.append((PageRef(raw.source, raw.sha256, raw.fetched_at), page))


def _laid_out_without(raw: RawPage) -> list[Problem]:
    """The page's linked stylesheets that were not had (another origin, a failed fetch, robots.txt): what
    they show or hide is not known, and the page's problems say so, not only the run's log. Pages read
    from disk use the CSS inside them by design, and are not told this."""
    attached = {sheet.href for sheet in raw.stylesheets}
    return [
        Problem(
            "stylesheet_missing",
            f"laid out without its stylesheet {href!r} (another origin, or it could not be fetched: see the "
            "run's log); what it shows or hides is not known",
            None,
        )
        for href in stylesheet_links(raw.content, raw.content_type)
        if href not in attached
    ]
