"""Bytes to text: charset from BOM, HTTP header or meta tag, with a sensible fallback.

Order follows what a browser does (BOM, then the transport's charset, then the document's own
declaration), except that a declaration the bytes contradict is not trusted blindly: real pages
often send "charset=utf-8" over windows-1252 bytes, and a page must not lose its accents for it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(
    rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE
)
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|main|section"
    rb"|article|h[1-6]|ul|span|script|style|link)\b",
    re.IGNORECASE | re.DOTALL,
)
# Browsers treat these labels as windows-1252 (WHATWG encoding standard).
_LATIN1_ALIASES = {"latin_1", "iso8859-1", "ascii", "us-ascii", "iso-8859-1"}
# Codecs Python counts as text encodings that encode something other than a document: a page
# declaring one has made a mistake, and decoding it so would give nonsense or a non-decode error.
_NOT_DOCUMENT_CODECS = {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape", "mbcs", "oem"}
# Without a BOM, a UTF-16/32 declaration is believed only when the decoded head shows markup or
# line breaks: UTF-8 bytes read as UTF-16 decode cleanly (when their length is even) into CJK.
_WIDE_ENCODINGS = ("utf-16", "utf-32")


@dataclass(frozen=True, slots=True)
class DecodedPage:
    text: str
    encoding: str
    is_html: bool
    # The content itself when it is exactly `text` in UTF-8: the HTML parser takes it as it is.
    utf8: bytes | None = None
    # Byte sequences invalid in `encoding`, shown as U+FFFD (as a browser shows them).
    invalid_sequences: int = 0
    # The charset the page declared, when its bytes said otherwise and were read as `encoding`.
    overruled: str | None = None


def _normalize(label: str | None) -> str | None:
    if not label:
        return None
    try:
        info = codecs.lookup(label.strip())
    except (LookupError, ValueError):
        return None
    name = info.name
    # rot13, base64, hex, zlib, bz2, uu, quopri: bytes-to-bytes or str-to-str, not a charset.
    if not info._is_text_encoding or name in _NOT_DOCUMENT_CODECS:
        return None
    if name in _LATIN1_ALIASES:
        return "cp1252"
    return name


_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])


def looks_binary(content: bytes) -> bool:
    head = content[:4096]
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls > len(head) // 20


def sniff_html(content: bytes | str, content_type: str | None) -> bool:
    if content_type:
        media = content_type.split(";", 1)[0].strip().lower()
        if media in {"text/html", "application/xhtml+xml"}:
            return True
        if media == "text/plain":
            return False
    head = content[:2048]
    if isinstance(head, str):
        head = head.encode("utf-8", "replace")
    return bool(_HTML_SNIFF.match(head))


def _looks_like_a_document(text: str) -> bool:
    head = text[:2048]
    return "<" in head or "\n" in head


_REPLACEMENT = "\ufffd"


@lru_cache(maxsize=64)
def _single_byte(encoding: str) -> bool:
    # One character per byte: the legacy code pages (windows-125x, iso-8859-x, koi8, EBCDIC...), not
    # UTF-8, UTF-16/32 or the multi-byte CJK encodings.
    if encoding == "utf-8" or encoding.startswith(_WIDE_ENCODINGS):
        return False
    try:
        return len(bytes(range(256)).decode(encoding, "replace")) == 256
    except (LookupError, UnicodeError, TypeError):
        return False


def _damaged_utf8(content: bytes, is_html: bool) -> DecodedPage | None:
    """UTF-8 with a few invalid bytes (a truncated download, one stray windows-1252 byte), or None.

    Such bytes are UTF-8 text with damage, not windows-1252: read as windows-1252, every valid
    multi-byte character around the damage turns into mojibake ("•" into "â€¢", "é" into "Ã©"), and
    the page would load with every name garbled. windows-1252 text almost never holds a valid UTF-8
    multi-byte sequence, so the valid ones outnumbering the invalid ones tells the two apart."""
    text = content.decode("utf-8", "replace")
    invalid = text.count(_REPLACEMENT) - content.count(_REPLACEMENT.encode())
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - text.count(_REPLACEMENT)
    if valid_non_ascii <= invalid:
        return None
    return DecodedPage(text, "utf-8", is_html, invalid_sequences=invalid)


def decode(content: bytes, content_type: str | None = None) -> DecodedPage:
    """Decode `content`; the caller has already ruled out binary data (except BOM'd UTF-16/32)."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            body = content[len(bom):]
            text = body.decode(encoding, "replace")
            # Counting the literal U+FFFDs means a second decode: only when the page shows any at all.
            invalid = (
                text.count(_REPLACEMENT) - body.decode(encoding, "ignore").count(_REPLACEMENT)
                if _REPLACEMENT in text
                else 0
            )
            return DecodedPage(text, encoding, sniff_html(text, content_type), invalid_sequences=invalid)

    is_html = sniff_html(content, content_type)
    candidates: list[str] = []
    labels: list[str] = []  # as the page wrote them, for the problem that says one was overruled
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        declared = _normalize(match.group(1)) if match else None
        if declared:
            candidates.append(declared)
            labels.append(match.group(1))
    if is_html:
        match = _META_CHARSET.search(content[:4096])
        label = match.group(1).decode("ascii", "ignore") if match else None
        declared = _normalize(label)
        if declared:
            candidates.append(declared)
            labels.append(label)
    declared_first = candidates[0] if candidates else None
    if declared_first is not None and _single_byte(declared_first) and not content.isascii():
        # Valid UTF-8 with multi-byte characters under a one-byte label (iso-8859-1 sent by a server's
        # default): legacy text almost never forms valid UTF-8 sequences, and believing the label would
        # load "JosÃ© MarÃ­a" beside the "José María" of every other page.
        try:
            return DecodedPage(content.decode("utf-8"), "utf-8", is_html, content, overruled=labels[0])
        except UnicodeError:
            pass
    candidates += ["utf-8", "cp1252"]

    for encoding in dict.fromkeys(candidates):
        try:
            text = content.decode(encoding)
        except UnicodeError:
            if encoding == "utf-8" and (damaged := _damaged_utf8(content, is_html)) is not None:
                return damaged
            continue
        if encoding.startswith(_WIDE_ENCODINGS) and not _looks_like_a_document(text):
            continue
        if not is_html and "<".encode(encoding) != b"<":
            # EBCDIC and the like: the byte sniff could not see the markup, the text can.
            is_html = sniff_html(text, content_type)
        overruled = labels[0] if declared_first not in (None, encoding) else None
        return DecodedPage(text, encoding, is_html, content if encoding == "utf-8" else None, overruled=overruled)
    # Bytes valid in none of them: let UnicodeDammit guess, as a lenient last resort.
    from bs4 import UnicodeDammit

    dammit = UnicodeDammit(content, is_html=is_html)
    if dammit.unicode_markup is not None:
        return DecodedPage(dammit.unicode_markup, dammit.original_encoding or "unknown", is_html)
    return DecodedPage(content.decode("utf-8", "replace"), "utf-8", is_html)
