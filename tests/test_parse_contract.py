"""parse_page returns a ListingPage or raises NotAListingPage, whatever charset a page declares."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import ListingPage, NotAListingPage, parse_page
from parsers.repair import split_math

_HEAD = "<h1>Author name cluster</h1><h2>Ann Lee</h2><p>1 paper</p><h2>Possible papers</h2>"
_PAPER = "<p>ICML Conference 2020 Conference Paper</p><h3>T</h3><ul><li>Ann Lee</li></ul><p>Rodríguez Gálvez</p>"
_NON_TEXT_CODECS = ["rot13", "rot_13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "base64_codec"]
_LABELS = [
    *_NON_TEXT_CODECS,
    "utf-8", "utf-16", "utf-16le", "utf-16-be", "utf-32", "utf-32be", "utf-7", "utf-8-sig",
    "cp037", "cp500", "ibm1140", "ebcdic-cp-us", "windows-1252", "latin1", "ascii", "koi8-r",
    "shift_jis", "gb18030", "iso-2022-jp", "idna", "punycode", "undefined", "unicode_escape",
    "raw_unicode_escape", "mbcs", "x-user-defined", "bogus", "", "..", "utf-8;", "ütf-8",
]


def _page(meta_charset: str | None = None) -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset is not None else ""
    return f"<html><head>{meta}</head><body>{_HEAD}{_PAPER}</body></html>"


@pytest.mark.parametrize("label", _NON_TEXT_CODECS)
@pytest.mark.parametrize("where", ["header", "meta"])
def test_a_codec_that_is_no_text_encoding_is_an_unknown_charset(label, where):
    content = _page(label if where == "meta" else None).encode("utf-8")
    content_type = f"text/html; charset={label}" if where == "header" else "text/html"
    page = parse_page(content, source="p.html", content_type=content_type)
    assert page.papers[0].abstract == "Rodríguez Gálvez"


@pytest.mark.parametrize("label", ["utf-16", "utf-16le", "utf-16-be", "utf-32", "utf-32-le"])
@pytest.mark.parametrize("pad", ["", " "], ids=["even", "odd"])
@pytest.mark.parametrize("where", ["header", "meta"])
def test_a_wide_charset_the_bytes_contradict_falls_back_to_utf8(label, pad, where):
    content = (_page(label if where == "meta" else None) + pad).encode("utf-8")
    content_type = f"text/html; charset={label}" if where == "header" else "text/html"
    page = parse_page(content, source="p.html", content_type=content_type)
    assert page.papers[0].abstract == "Rodríguez Gálvez"


@pytest.mark.parametrize("label", ["cp037", "cp500", "ibm1140", "ebcdic-cp-us"])
@pytest.mark.parametrize("media", ["text/html", "application/octet-stream"])
def test_ebcdic_pages_decode(label, media):
    page = parse_page(_page().encode(label), source="p.html", content_type=f"{media}; charset={label}")
    assert page.cluster_name == "Ann Lee"
    assert page.papers[0].abstract == "Rodríguez Gálvez"


_label = st.one_of(st.sampled_from(_LABELS), st.text(max_size=12), st.from_regex(r"[\w.:-]{1,16}", fullmatch=True))
_content_type = st.one_of(
    st.none(),
    st.sampled_from(["text/html", "text/plain", "application/xhtml+xml", "application/octet-stream", ""]),
    st.builds(lambda media, label: f"{media}; charset={label}", st.sampled_from(["text/html", "text/plain"]), _label),
)


@st.composite
def _declared_pages(draw: st.DrawFn) -> bytes:
    text = draw(st.sampled_from([_page(draw(_label)), _page(), _HEAD + _PAPER, "Author name cluster\n\nAnn Lee\n"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-32", "cp1252", "cp037", "koi8-r"]))
    content = text.encode(encoding, "replace")
    cut = draw(st.integers(0, len(content)))
    return content[:cut] + draw(st.binary(max_size=64)) + content[cut:]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_declared_pages(), st.binary(max_size=2048), st.text(max_size=512)), _content_type)
def test_any_charset_declaration_gives_a_page_or_the_clear_error(content, content_type):
    try:
        result = parse_page(content, source="any", content_type=content_type)
    except NotAListingPage as error:
        assert error.source == "any"
    else:
        assert isinstance(result, ListingPage)


# The regex the one-pass scan replaced: the same cuts, in quadratic time on unclosed openers.
_MATH_REFERENCE = re.compile(r"(\$\$.*?\$\$|\$[^$]*\$|\\\(.*?\\\)|\\\[.*?\\\])", re.DOTALL)


_MATH_PIECES = ["$", "$$", "\\", "(", ")", "[", "]", "\\(", "\\)", "\\[", "\\]", "a", " "]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MATH_PIECES)).map("".join))
def test_math_spans_are_cut_as_the_regex_cut_them(text):
    assert split_math(text) == _MATH_REFERENCE.split(text)


def test_a_batch_keeps_the_page_with_a_bogus_charset_and_rejects_only_the_too_complex_one(seed_bytes):
    from flows.acquire.records import RawPage
    from flows.parse.batch import parse_batch
    from tests import shapes

    batch = parse_batch(
        [
            RawPage("rot13.html", _page("rot13").encode("utf-8"), content_type="text/html; charset=rot13"),
            RawPage("crowded.html", shapes.many_attributes(200_000), content_type="text/html"),
            RawPage("seed.txt", seed_bytes, content_type="text/plain"),
        ]
    )
    assert [ref.source for ref, _ in batch.pages] == ["rot13.html", "seed.txt"]
    assert batch.pages[0][1].papers[0].abstract == "Rodríguez Gálvez"
    assert [(reject.source, reject.reason.split(":")[0]) for reject in batch.rejected] == [
        ("crowded.html", "too_complex")
    ]
