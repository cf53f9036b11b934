"""Synthetic listing pages for tests and benchmarks: a page spec rendered as the site's text
or in one of several HTML markups, so parsers can be checked against what was rendered.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field

from parsers.names import split_author
from parsers.records import ListingPage, Paper
from parsers.venue import parse_venue_line

MARKUPS = ("semantic", "divsoup", "table", "noisy")
EXPLANATION = (
    "Possible papers associated with this exact author name in Arrow. This page groups "
    "case-insensitive exact name matches and is not a full identity disambiguation profile."
)


@dataclass
class PaperSpec:
    venue_line: str
    title: str
    authors: list[str]
    abstract: str | None


@dataclass
class PageSpec:
    cluster_name: str
    papers: list[PaperSpec]
    author_rows: int = 1
    extra: dict = field(default_factory=dict)


def expected_page(spec: PageSpec, source: str) -> ListingPage:
    """The records a correct parser returns for `spec` (abstracts here need no repair)."""
    papers = []
    for position, paper in enumerate(spec.papers, start=1):
        venue = parse_venue_line(paper.venue_line)
        papers.append(
            Paper(
                position=position,
                venue_line=paper.venue_line,
                venue=venue.venue if venue else None,
                venue_kind=venue.kind if venue else None,
                year=venue.year if venue else None,
                publication_type=venue.publication_type if venue else None,
                title=paper.title,
                authors=[split_author(name) for name in paper.authors],
                abstract=paper.abstract,
                urls=[],
            )
        )
    return ListingPage(source, spec.cluster_name, len(spec.papers), spec.author_rows, papers, [])


# ---------------------------------------------------------------------------- random specs

_FIRST = [
    "Dan",
    "Amitis",
    "Floris",
    "Jason",
    "Etai",
    "Russell",
    "Federico",
    "Eeshan",
    "Pierre",
    "Tatiana",
    "Jagrit",
    "Xavier",
    "Arno",
    "Chen",
    "Luca",
    "Shuangfei",
    "Yizhe",
    "Jiatao",
    "Borja",
    "Łukasz",
    "Zoë",
    "Relja",
    "Søren",
    "Ángel",
    "Mei",
]
_LAST = [
    "Busbridge",
    "Shidani",
    "Weers",
    "Ramapuram",
    "Littwin",
    "Webb",
    "Danieli",
    "Dhekane",
    "Ablin",
    "Likhomanenko",
    "Digani",
    "Suau",
    "Blaas",
    "Huang",
    "Zappella",
    "Zhai",
    "Zhang",
    "Gu",
    "Gálvez",
    "Kaiser",
    "Müller",
    "Arandjelović",
    "Nørgaard",
    "O'Brien",
    "Dieleman",
]
_WORDS = [
    "learning",
    "scaling",
    "laws",
    "attention",
    "transformer",
    "contrastive",
    "views",
    "memory",
    "latent",
    "model",
    "training",
    "entropy",
    "collapse",
    "networks",
    "representation",
    "equivariant",
    "structured",
    "distillation",
    "sigmoid",
    "theory",
    "analysis",
    "practices",
    "stability",
    "optimization",
    "batch",
    "size",
    "momentum",
    "speech",
    "vision",
    "language",
]
_VENUES = ["ICML", "ICLR", "NeurIPS", "Interspeech", "TMLR", "CVPR", "ACL", "AAAI"]
_KINDS = ["Conference", "Journal", "Workshop"]
_TYPES = ["Conference Paper", "Journal Article", "Workshop Paper"]


def random_spec(rng: random.Random, papers: int | None = None) -> PageSpec:
    count = rng.randint(1, 14) if papers is None else papers
    cluster = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
    specs = []
    for _ in range(count):
        authors = []
        for _ in range(rng.randint(1, 8)):
            name = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
            if rng.random() < 0.1:
                name += f" {rng.randint(1, 9):04d}"
            authors.append(name)
        title_words = [w.capitalize() for w in rng.sample(_WORDS, rng.randint(2, 9))]
        abstract = None
        if rng.random() < 0.9:
            sentences = [
                " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 25))).capitalize() + "."
                for _ in range(rng.randint(3, 9))
            ]
            abstract = "We study " + " ".join(sentences)
        specs.append(
            PaperSpec(
                venue_line=f"{rng.choice(_VENUES)} {rng.choice(_KINDS)} {rng.randint(1995, 2026)} {rng.choice(_TYPES)}",
                title=" ".join(title_words),
                authors=authors,
                abstract=abstract,
            )
        )
    return PageSpec(cluster, specs, rng.randint(1, 3))


# ---------------------------------------------------------------------------- renderers


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def render_text(spec: PageSpec) -> str:
    out = [
        "Arrow Research search",
        "Author name cluster",
        spec.cluster_name,
        EXPLANATION,
        f"{_plural(len(spec.papers), 'paper')}\n{_plural(spec.author_rows, 'author row')}",
        "Possible papers",
        str(len(spec.papers)),
    ]
    for paper in spec.papers:
        out.append(paper.venue_line)
        out.append(paper.title)
        out.append("\n".join(f"  • {name}" for name in paper.authors))
        if paper.abstract is not None:
            out.append(paper.abstract)
    return "\n\n".join(out) + "\n"


def render_html(spec: PageSpec, markup: str) -> bytes:
    if markup == "semantic":
        return _semantic(spec).encode("utf-8")
    if markup == "divsoup":
        return _divsoup(spec).encode("utf-8")
    if markup == "table":
        return _table(spec).encode("utf-8")
    if markup == "noisy":
        return _noisy(spec).encode("cp1252", "xmlcharrefreplace")
    raise ValueError(f"unknown markup {markup!r}")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _semantic(spec: PageSpec) -> str:
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Arrow</title></head><body>",
        "<header><p>Arrow Research search</p></header><main>",
        f"<h1>Author name cluster</h1><h2>{_e(spec.cluster_name)}</h2><p>{_e(EXPLANATION)}</p>",
        f"<ul class='stats'><li>{_plural(len(spec.papers), 'paper')}</li>"
        f"<li>{_plural(spec.author_rows, 'author row')}</li></ul>",
        f"<section><h2>Possible papers</h2><p>{len(spec.papers)}</p>",
    ]
    for paper in spec.papers:
        parts.append(f"<article><p>{_e(paper.venue_line)}</p><h3>{_e(paper.title)}</h3><ul>")
        parts.extend(f"<li>{_e(name)}</li>" for name in paper.authors)
        parts.append("</ul>")
        if paper.abstract is not None:
            parts.append(f"<p>{_e(paper.abstract)}</p>")
        parts.append("</article>\n")
    parts.append("</section></main></body></html>")
    return "".join(parts)


def _split_spans(text: str) -> str:
    words = text.split(" ")
    if len(words) < 3:
        return f"<span>{_e(text)}</span>"
    middle = len(words) // 2
    return f"<span>{_e(' '.join(words[:middle]))} </span><span class='k2'>{_e(' '.join(words[middle:]))}</span>"


def _divsoup(spec: PageSpec) -> str:
    parts = [
        "<html><head><style>.n{display:block}</style></head><body><div class='r0'>",
        "<div class='t1'>Arrow Research search</div><div class='a9'>Author name cluster</div>",
        f"<div class='zz'>{_split_spans(spec.cluster_name)}</div><div class='q'>{_split_spans(EXPLANATION)}</div>",
        f"<div><span>{_plural(len(spec.papers), 'paper')}</span></div>",
        f"<div><span>{_plural(spec.author_rows, 'author row')}</span></div>",
        f"<div class='h'>Possible papers</div><div class='c'>{len(spec.papers)}</div>",
    ]
    for index, paper in enumerate(spec.papers):
        parts.append(f"<div class='p{index % 3}'><div class='v'>{_split_spans(paper.venue_line)}</div>")
        parts.append(f"<div class='t'>{_split_spans(paper.title)}</div><div class='au'>")
        if index % 2:
            parts.extend(f"<span class='n'>{_e(name)}</span>" for name in paper.authors)
        else:
            parts.extend(f"<div class='n'>{_e(name)}</div>" for name in paper.authors)
        parts.append("</div>")
        if paper.abstract is not None:
            parts.append(f"<div class='ab'>{_split_spans(paper.abstract)}</div>")
        parts.append("</div>")
    parts.append("</div></body></html>")
    return "".join(parts)


def _table(spec: PageSpec) -> str:
    parts = [
        "<html><body><center><table border=0 cellpadding=2>",
        "<tr><td><font size=4>Arrow Research search</font></td></tr>",
        f"<tr><td><b>Author name cluster</b></td></tr><tr><td>{_e(spec.cluster_name)}</td></tr>",
        f"<tr><td>{_e(EXPLANATION)}</td></tr>",
        f"<tr><td>{_plural(len(spec.papers), 'paper')}</td><td>{_plural(spec.author_rows, 'author row')}</td></tr>",
        f"<tr><td>Possible papers</td><td>{len(spec.papers)}</td></tr>",
    ]
    for paper in spec.papers:
        parts.append(f"<tr><td><i>{_e(paper.venue_line)}</i></td></tr><tr><td><b>{_e(paper.title)}</b></td></tr>")
        parts.append("<tr><td>" + "<br>".join(_e(name) for name in paper.authors) + "</td></tr>")
        if paper.abstract is not None:
            parts.append(f"<tr><td>{_e(paper.abstract)}</td></tr>")
    parts.append("</table></center></body></html>")
    return "".join(parts)


# Noise a real single-page-app listing carries around the visible content: none of it may show.
_ANALYTICS = (
    "<script async src='https://www.googletagmanager.com/gtag/js?id=G-ARROW0001'></script>"
    "<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}"
    "gtag('js', new Date()); gtag('config', 'G-ARROW0001', {anonymize_ip: true, send_page_view: true});"
    "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start': new Date().getTime(),event:'gtm.js'});"
    "var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;"
    "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})"
    "(window,document,'script','dataLayer','GTM-ARROW');</script>"
)
_MENU = [
    "Home", "Search", "Authors", "Venues", "Conferences", "Journals", "Workshops", "Topics",
    "Trending", "Recent", "Collections", "Datasets", "Code", "Benchmarks", "Leaderboards",
    "API", "Blog", "About", "Help", "Contact", "Log in", "Sign up",
]
_ICONS = {
    "bookmark": "M6 2h12a1 1 0 0 1 1 1v19l-7-4.5L5 22V3a1 1 0 0 1 1-1z",
    "share": "M18 8a3 3 0 1 0-2.83-4H15a3 3 0 0 0 .17 1L8.1 9.1a3 3 0 1 0 0 5.8l7.07 4.1A3 3 0 1 0 18 16"
    "a3 3 0 0 0-2.1.86l-7-4.07a3 3 0 0 0 0-1.58l7-4.07A3 3 0 0 0 18 8z",
}


def _icon(name: str) -> str:
    return (
        f"<svg class='icon icon-{name}' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' width='16' "
        f"height='16' aria-hidden='true' focusable='false'><title>{name}</title><path fill='none' "
        f"stroke='currentColor' stroke-width='2' stroke-linecap='round' d='{_ICONS[name]}'/></svg>"
    )


def _noisy(spec: PageSpec) -> str:
    # The server-side state a single-page app ships duplicates the page's content as JSON.
    state = {
        "papers": [
            {
                "id": f"p{index:06d}",
                "venueLine": p.venue_line,
                "title": p.title,
                "authors": [{"name": name, "href": "/author/x"} for name in p.authors],
                "abstractPreview": p.abstract[:200] if p.abstract else None,
                "bookmarked": False,
            }
            for index, p in enumerate(spec.papers)
        ],
        "cluster": spec.cluster_name,
        "blob": "x" * 2000,
    }
    menu = "".join(f"<li class='menu-item'><a href='/{item.lower()}'>{item}</a></li>" for item in _MENU)
    parts = [
        "<!DOCTYPE html><html><head>",
        "<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<link rel='stylesheet' href='/static/css/app.3f9a1c.css'><link rel='icon' href='/favicon.ico'>",
        "<title>Arrow Research</title><style>.hidden{display:none} body{font:14px sans-serif}</style>",
        _ANALYTICS,
        "<script>window.__STATE__ = " + json.dumps(state).replace("</", "<\\/") + ";</script>",
        "<script>var tpl = \"<li class='author'>Fake Person</li><h3>Fake Title</h3>\";</script>",
        "</head><body>",
        "<nav><a href='/'>Home</a> | <a href='/search'>Search</a> | <a href='/login'>Log in</a></nav>",
        f"<nav class='menu'><button aria-label='Menu'>{_icon('share')}</button><ul>{menu}</ul></nav>",
        "<nav aria-label='breadcrumb'><ol><li>Home</li><li>Authors</li></ol></nav>",
        "<div id='cookie'><p>We use cookies to improve your experience.</p><button>Accept</button></div>",
        "<!-- <h3>A commented-out paper</h3> -->",
        "<div class='wrap'><p class='brand'>Arrow Research search</p>",
        f"<h1>Author name cluster</h1><h2>{_e(spec.cluster_name)}</h2><p>{_e(EXPLANATION)}</p>",
        f"<p><span>{_plural(len(spec.papers), 'paper')}</span></p>",
        f"<p><span>{_plural(spec.author_rows, 'author row')}</span></p>",
        "<template><article><h3>Template paper</h3></article></template>",
        f"<h2>Possible papers</h2><div class='count'>{len(spec.papers)}</div>",
        "<noscript>Please enable JavaScript.</noscript>",
    ]
    for paper in spec.papers:
        parts.append(
            f"<div class='card'><div><span class='badge'>{_e(paper.venue_line)}</span></div>"
            f"<h2><a href='/paper/1'>{_e(paper.title)}</a></h2><ol class='authors'>"
        )
        parts.extend(f"<li><a href='/author/x'>{_e(name)}</a></li>" for name in paper.authors)
        parts.append("</ol>")
        parts.append("<div hidden>Hidden duplicate text</div><div style='display: none'>Invisible</div>")
        if paper.abstract is not None:
            parts.append(f"<p class='abs'>{_e(paper.abstract)}</p>")
        parts.append(
            f"<div class='actions'><button type='button' data-action='save'>{_icon('bookmark')}</button></div>"
            "<script>track('card');</script></div>\n"
        )
    columns = "".join(
        f"<div class='col'><h4>{title}</h4><ul>"
        + "".join(f"<li><a href='/{title.lower()}/{item.lower()}'>{item}</a></li>" for item in _MENU[start::4])
        + "</ul></div>"
        for start, title in enumerate(("Explore", "Research", "Community", "Company"))
    )
    parts.append(
        "</div><footer><div class='cols'>" + columns + "</div>"
        "<p>© 2025 Arrow Research · <a href='/terms'>Terms</a> · <a href='/privacy'>Privacy</a> · "
        "<a href='/cookies'>Cookies</a></p></footer>"
    )
    parts.append("<img src='https://px.arrow.example/t.gif?p=author' width='1' height='1' alt='' style='display:none'>")
    parts.append("</body></html>")
    return "".join(parts)
