"""Repair the damage text extraction did to abstracts, and find their URLs.

Only unambiguous damage is mended, and never inside LaTeX math ($...$, \\(...\\), \\[...\\]),
which stays verbatim.
"""

from __future__ import annotations

import re

# Where math may open: "$", "$$", "\\(" or "\\[".
_MATH_OPENER = re.compile(r"\$|\\[(\[]")
_MATH_CLOSER = {"\\(": "\\)", "\\[": "\\]"}
# "https: //github. com/apple/x" -> the scheme separator and the dots of a URL got spaces.
_BROKEN_SCHEME = re.compile(r"\b(https?|ftp):\s+//", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?|ftp)://[^\s<>\"'`]+", re.IGNORECASE)
# Inside a URL: ". " or "/ " followed by a lower-case or digit continuation is extraction damage;
# a sentence after a URL starts with a capital.
_URL_WITH_GAPS = re.compile(
    r"\b(?:https?|ftp)://[^\s<>\"'`]+(?:(?<=[./]) (?=(?-i:[a-z0-9]))[^\s<>\"'`]+)*", re.IGNORECASE
)
_SPACE_BEFORE_COMMA = re.compile(r"\s+,")
# "24, 576" is 24,576 when the right group has exactly three digits and neither side is part
# of a list of numbers ("sizes 128, 256, 512" stays as it is).
_SPLIT_THOUSANDS = re.compile(r"(?<![\d.,])(?<!\d, )\b(\d{1,3}), (\d{3})\b(?![.,]?\s?\d)(?!,\s)")
_URL_TRAILING = ".,;:!?)]}'\""


# Literal first, so that re scans for ", " at C speed instead of trying \d at every position.
_DIGIT_COMMA_DIGIT = re.compile(r", (?<=\d, )\d")


def _repair_prose(text: str) -> str:
    # Cheap substring checks first: most abstracts have none of this damage, and these regexes
    # (look-behinds at every position) dominate parse time otherwise.
    if "//" in text:
        text = _BROKEN_SCHEME.sub(r"\1://", text)
        text = _URL_WITH_GAPS.sub(lambda match: match.group(0).replace(". ", ".").replace("/ ", "/"), text)
    if " ," in text:
        text = _SPACE_BEFORE_COMMA.sub(",", text)
    if _DIGIT_COMMA_DIGIT.search(text):
        text = _SPLIT_THOUSANDS.sub(r"\1,\2", text)
    return text


class _NextOccurrence:
    """str.find that remembers: asked again from a later start, it never rescans what it passed.

    An opener without a closer used to be matched to the end of the text once per opener, which
    made "\\(x " repeated n times cost n² steps.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[str, tuple[int, int]] = {}  # needle -> (searched from, found at or -1)

    def find(self, needle: str, start: int) -> int:
        cached = self._found.get(needle)
        if cached is not None:
            searched_from, found = cached
            if searched_from <= start and (found == -1 or found >= start):
                return found
        found = self._text.find(needle, start)
        self._found[needle] = (start, found)
        return found


def split_math(text: str) -> list[str]:
    """Prose, math, prose, ... (odd items are math), as the first of $$...$$, $...$, \\(...\\),
    \\[...\\] to match at each place from the left would cut it; in one pass over the text."""
    pieces: list[str] = []
    finder = _NextOccurrence(text)
    prose_start = position = 0
    while (opener := _MATH_OPENER.search(text, position)) is not None:
        start = opener.start()
        end = -1
        if opener.group() == "$":
            if text.startswith("$$", start) and (close := finder.find("$$", start + 2)) != -1:
                end = close + 2
            elif (close := finder.find("$", start + 1)) != -1:
                end = close + 1
        elif (close := finder.find(_MATH_CLOSER[opener.group()], start + 2)) != -1:
            end = close + 2
        if end == -1:
            position = start + 1
            continue
        pieces += (text[prose_start:start], text[start:end])
        prose_start = position = end
    pieces.append(text[prose_start:])
    return pieces


def repair_abstract(text: str) -> str:
    if "$" not in text and "\\" not in text:
        return _repair_prose(text)
    # Only prose is touched; math stays verbatim.
    pieces = split_math(text)
    return "".join(piece if index % 2 else _repair_prose(piece) for index, piece in enumerate(pieces))


def find_urls(text: str) -> list[str]:
    urls: list[str] = []
    if "//" not in text:
        return urls
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(_URL_TRAILING)
        if url.count("(") < url.count(")"):
            url = url.rstrip(")")
        if url not in urls:
            urls.append(url)
    return urls
