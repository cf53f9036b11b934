"""Parse cost of the hostile page shapes at the sizes the robustness issue names, and at a quarter
of them, so the growth is visible next to the cost.

    .venv/bin/python benchmarks/bench_shapes.py [--quick]

Figures are CPU seconds (least of 3 runs); "x4" is the cost at the full size over the cost at a
quarter of it: about 4 when parsing is linear, 16 when quadratic.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parsers import NotAListingPage, parse_page
from tests import shapes

SHAPES = [
    ("unclosed \\( x20,000 in an abstract", shapes.unclosed_math, 20_000),
    ('"• Ann Bee" / "x" lines x40,000', shapes.author_and_stray_lines, 40_000),
    ("40,000 sibling <p> outside papers", shapes.stray_paragraphs, 40_000),
    ("200,000 attributes on one element", shapes.many_attributes, 200_000),
]


def cost(content: bytes, runs: int) -> tuple[float, str]:
    best, outcome = float("inf"), ""
    for _ in range(runs):
        started = time.process_time()
        try:
            page = parse_page(content, source="shape")
            outcome = f"{len(page.papers)} papers, {len(page.problems)} problems"
        except NotAListingPage as error:
            outcome = f"rejected: {error.reason}"
        best = min(best, time.process_time() - started)
    return best, outcome


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("--quick", action="store_true", help="one run per size, not three")
    arguments = options.parse_args()
    runs = 1 if arguments.quick else 3
    for name, build, size in SHAPES:
        quarter, _ = cost(build(size // 4), runs)
        content = build(size)
        full, outcome = cost(content, runs)
        print(
            f"{name:38} {len(content) / 1e3:8.0f} kB {full:8.3f} s  x4 {full / max(quarter, 1e-4):5.1f}  {outcome[:70]}"
        )


if __name__ == "__main__":
    main()
