"""Hostile page shapes for the robustness tests and benchmarks/bench_shapes.py.

Each builder takes a repeat count, so a test can compare the work at two sizes of the same shape.
"""

from __future__ import annotations

_HEAD_TEXT = "Author name cluster\n\nAnn Bee\n\n1 paper\n\nPossible papers\n\n1\n\n"
_PAPER_TEXT = "ICML Conference 2020 Conference Paper\n\nA Title\n\n  • Ann Bee\n\n"
_HEAD_HTML = "<h1>Author name cluster</h1><h2>Ann Bee</h2><p>1 paper</p><h2>Possible papers</h2><p>1</p>"
_PAPER_HTML = "<p>ICML Conference 2020 Conference Paper</p><h3>A Title</h3><ul><li>Ann Bee</li></ul>"


def unclosed_math(repeats: int) -> bytes:
    """An abstract with an unclosed `\\(` repeated: each one used to be matched to the end."""
    abstract = "We study \\(x " * repeats + "and conclude."
    return (_HEAD_TEXT + _PAPER_TEXT + abstract + "\n").encode()


def author_and_stray_lines(repeats: int) -> bytes:
    """A text page alternating "• Ann Bee" and "x" lines: many tiny papers after one venue line."""
    body = "  • Ann Bee\nx\n" * repeats
    return (_HEAD_TEXT + "ICML Conference 2020 Conference Paper\n\nA Title\n" + body).encode()


def stray_paragraphs(repeats: int) -> bytes:
    """Sibling <p> lines outside any paper, each reported with its element path."""
    stray = "<p>some stray words here</p>\n" * repeats
    return f"<html><body>{_HEAD_HTML}{_PAPER_HTML}{stray}</body></html>".encode()


def many_attributes(count: int) -> bytes:
    """One element carrying `count` attributes."""
    attributes = " ".join(f"a{index}=1" for index in range(count))
    return f"<html><body>{_HEAD_HTML}<div {attributes}>{_PAPER_HTML}</div></body></html>".encode()


def deep_nesting(depth: int) -> bytes:
    """The listing nested `depth` <div>s deep."""
    return f"<html><body>{'<div>' * depth}{_HEAD_HTML}{_PAPER_HTML}{'</div>' * depth}</body></html>".encode()


def huge_text_node(size: int) -> bytes:
    """Two papers, the first with an abstract of `size` bytes in one text node."""
    words = "lorem ipsum dolor sit amet " * (size // 27 + 1)
    head = _HEAD_HTML.replace("1 paper", "2 papers").replace("<p>1</p>", "<p>2</p>")
    second = _PAPER_HTML.replace("A Title", "Another Title")
    return f"<html><body>{head}{_PAPER_HTML}<p>{words[:size]}</p>{second}</body></html>".encode()
