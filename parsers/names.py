"""Author names: dblp homonym numbers, and telling a name from a sentence."""

from __future__ import annotations

import re

from parsers.records import Author

# dblp disambiguates people who share a name with a four-digit suffix: "Chen Huang 0001".
_HOMONYM = re.compile(r"^(?P<name>.*\S)\s+(?P<homonym>\d{4})$")
# Lower-case particles that may stand inside a personal name.
_PARTICLES = frozenset(
    [
        "de",
        "da",
        "das",
        "do",
        "dos",
        "di",
        "del",
        "della",
        "der",
        "den",
        "des",
        "du",
        "la",
        "le",
        "van",
        "von",
        "ter",
        "ten",
        "zu",
        "y",
        "e",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "af",
        "av",
    ]
)
_NOT_IN_NAMES = re.compile(r"[,;:!?\[\]{}<>$\\/=+*&@#%|\"]")
# A nickname in parentheses, as in "Jian (Jack) Li".
_NICKNAME = re.compile(r"^\(\w[\w.'-]*\)$")
_MAX_PROSE_FREE_CHARS = 100
_MAX_PROSE_FREE_WORDS = 10
_MAX_NAME_WORDS = 7


def split_author(raw: str) -> Author:
    # Most names end in a letter: skip the regex (and its backtracking) for them.
    match = _HOMONYM.match(raw) if raw[-1:].isdecimal() else None
    if match:
        return Author(name=match.group("name"), homonym=match.group("homonym"), raw=raw)
    return Author(name=raw, homonym=None, raw=raw)


def looks_like_name(text: str) -> bool:
    """A heuristic for pages that mark author lines with nothing at all.

    Names are a few words, each starting with a capital or caseless letter (or a particle such
    as "van"), with no sentence punctuation; a lower-case given name ("yann LeCun") and a nickname
    in parentheses ("Jian (Jack) Li") are allowed. Abstracts and prose fail quickly.
    """
    if len(text) > 80:
        return False
    words = (_HOMONYM.sub(r"\g<name>", text) if text[-1:].isdecimal() else text).split()
    if not words or len(words) > _MAX_NAME_WORDS:
        return False
    if _NOT_IN_NAMES.search(text):
        return False
    if text.endswith(".") and len(words[-1]) > 3:  # a sentence, not an initial or "Jr."
        return False
    capitalised = False
    for index, word in enumerate(words):
        if word[0] == "(":
            if not _NICKNAME.match(word) or index == 0:
                return False
            word = word[1:-1]
        if "(" in word or ")" in word:
            return False
        first = word[0]
        if first.islower():
            if word not in _PARTICLES and index > 0:
                return False
        elif not first.isalpha():
            return False
        else:
            capitalised = True
    # Only the given name may be lower-case, and not all of the name.
    return capitalised


def looks_like_prose(text: str) -> bool:
    """Too long, too many words, or a sentence: not a name, whatever the structure says."""
    if len(text) > _MAX_PROSE_FREE_CHARS:
        return True
    words = text.split()
    return len(words) > _MAX_PROSE_FREE_WORDS or (text[-1] in ".!?" and len(words[-1]) > 4)
