"""A process-wide progress hook, so the CLI can draw a bar while the flow runs.

Flow parameters travel through the Prefect API as JSON, so a callback cannot be one of them;
the CLI installs a reporter here before calling the flow, and the flow reports pages as it goes.
"""

from __future__ import annotations

from collections.abc import Callable

_reporter: Callable[[int, int | None], None] | None = None


def install(reporter: Callable[[int, int | None], None] | None) -> None:
    global _reporter
    _reporter = reporter


def advance(pages: int, total: int | None = None) -> None:
    if _reporter is not None:
        _reporter(pages, total)
