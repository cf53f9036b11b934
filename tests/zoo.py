"""A markup zoo: one listing's content rendered in many layouts a real site might use.

A `Layout` is one choice from each axis of a small grammar: how cards are built, how an author
list is built, where the CSS lives, and which decoys (hidden text that must not be read) the page
carries. `ZOO` names the hand-picked layouts the tests walk through one by one; the property tests
draw any valid combination. `render(spec, layout)` returns the page and the linked stylesheets a
fetcher would pass to `parse_page(..., stylesheets=)`.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, replace

from parsers.lines import text_lines
from parsers.venue import parse_venue_line
from tests.pagegen import EXPLANATION, PageSpec, PaperSpec, _plural

CARDS = ("article", "flex", "grid", "dl", "table", "framework")
AUTHOR_LISTS = ("li", "block_spans", "flex_spans", "comma_links", "br", "chips", "nested", "inline_li")
CSS_PLACES = ("style", "linked", "missing")  # missing: a linked sheet the fetcher did not get
DECOYS = ("duplicate_title", "sr_only", "template_card", "print_only", "mobile_only", "hidden_attr", "noscript")
# What a page cannot be read without: these only disappear (or only become boxes) through its CSS.
NEEDS_CSS = frozenset(
    {"flex", "grid", "flex_spans", "duplicate_title", "sr_only", "template_card", "print_only", "mobile_only"}
)
LINKED_HREF = "/static/css/app.5d41402a.css"
PRINT_HREF = "/static/css/print.css"


@dataclass(frozen=True)
class Layout:
    card: str = "article"
    authors: str = "li"
    css: str = "style"
    decoys: tuple[str, ...] = ()

    def readable(self) -> bool:
        """Whether a browser-faithful reader can recover the content: a missing sheet must not matter."""
        return self.css != "missing" or not ({self.card, self.authors, *self.decoys} & NEEDS_CSS)


ZOO: dict[str, Layout] = {
    "style_classes_and_decoys": Layout(
        "article", "block_spans", "style", ("duplicate_title", "sr_only", "template_card", "print_only")
    ),
    "linked_stylesheet": Layout(
        "article", "block_spans", "linked", ("duplicate_title", "template_card", "mobile_only")
    ),
    "linked_stylesheet_missing": Layout("article", "block_spans", "missing", ("hidden_attr", "noscript")),
    "flex_cards": Layout("flex", "flex_spans", "style", ("sr_only",)),
    "grid_cards": Layout("grid", "comma_links", "linked", ("mobile_only",)),
    "definition_lists": Layout("dl", "li", "style", ("duplicate_title",)),
    "comma_separated_links": Layout("article", "comma_links", "missing", ("hidden_attr",)),
    "table_with_br": Layout("table", "br", "style", ("print_only",)),
    "framework_divs": Layout("framework", "nested", "style", ("sr_only", "template_card")),
    "template_and_noscript": Layout("article", "li", "style", ("noscript", "hidden_attr")),
    "inline_list_items": Layout("article", "inline_li", "linked", ("duplicate_title",)),
    "inline_block_chips": Layout("grid", "chips", "style", ("mobile_only", "sr_only")),
}


def seed_spec(text: str) -> PageSpec:
    """The content of the plain-text seed as a spec (abstracts exactly as shown, before repair)."""
    lines = [line for line in text_lines(text)]
    texts = [line.text for line in lines]
    cluster = texts[texts.index("Author name cluster") + 1]
    rows = next(int(t.split()[0]) for t in texts if t.endswith(("author rows", "author row")))
    papers: list[PaperSpec] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.item and parse_venue_line(line.text) and index + 1 < len(lines):
            paper = PaperSpec(line.text, lines[index + 1].text, [], None)
            index += 2
            while index < len(lines) and lines[index].item:
                paper.authors.append(lines[index].text)
                index += 1
            if index < len(lines) and not parse_venue_line(lines[index].text):
                paper.abstract = lines[index].text
                index += 1
            papers.append(paper)
        else:
            index += 1
    return PageSpec(cluster, papers, rows)


# Names of every shape the issue lists, for content other than the seed's.
EVERY_SHAPE_OF_NAME = [
    "yann LeCun",
    "Jian (Jack) Li",
    "Wei ZHANG",
    "Ana M Silva",
    "Ana M. Silva",
    "Ludwig van der Waals",
    "María de la Fuente",
    "Conan O'Brien",
    "Jean-Baptiste Alayrac",
    "王小明",
    "Дмитрий Ветров",
    "Prince",
    "Chen Huang 0001",
    "de Gaulle",
]


def names_spec() -> PageSpec:
    papers = [
        PaperSpec("ICML Conference 2024 Conference Paper", "Reading Names Of Every Shape", EVERY_SHAPE_OF_NAME[:8],
                  "We read names exactly as shown. " * 6 + "Nothing else."),
        PaperSpec("NeurIPS Conference 2023 Conference Paper", "One Author", ["Prince"], None),
        PaperSpec("ACL Conference 2022 Conference Paper", "Scripts", EVERY_SHAPE_OF_NAME[8:],
                  "Names in several scripts stand side by side in one list, and every one of them is kept."),
    ]
    return PageSpec("Wei ZHANG", papers, 3)


# ---------------------------------------------------------------------------- rendering


def _e(text: str) -> str:
    return html.escape(text, quote=True)


_BASE_CSS = """
body{margin:0;font:14px/1.5 system-ui,sans-serif}
.wrap{max-width:960px;margin:0 auto}
.venue{color:#666;font-size:12px}
.title a{color:inherit;text-decoration:none}
.title a:hover{text-decoration:underline}
.a1{display:block}
.card .a1{display:inline}
.a1{display:block !important}
.chip{display:inline-block;padding:0 6px;border-radius:9px;background:#eef}
.people{display:flex;flex-wrap:wrap;gap:4px 10px}
ul.inline{list-style:none;padding:0}
ul.inline li{display:inline}
ul.inline li+li::before{content:", "}
.row{display:flex;flex-direction:column}
.cards{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px}
.css-1k9x2ab{display:flex;flex-direction:column}
.css-7q1w3er{display:flex;gap:4px}
.dup{display:none}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border-width:0}
.card.is-template{display:none}
.print-only{display:none}
@media print{.print-only{display:block}.a1{display:none}}
@media (min-width: 768px){.md\\:hidden{display:none}}
@media screen and (max-width: 767px){.md\\:hidden{display:block}}
"""


def _authors(names: list[str], kind: str, decoys: tuple[str, ...]) -> str:
    label = "<span class='sr-only'>Authors: </span>" if "sr_only" in decoys else ""
    if kind == "li":
        return label + "<ul class='authors'>" + "".join(f"<li>{_e(n)}</li>" for n in names) + "</ul>"
    if kind == "block_spans":
        spans = " ".join(f"<span class='a1'>{_e(n)}</span>" for n in names)
        return f"<div class='authors'>{label}{spans}</div>"
    if kind == "flex_spans":
        return f"{label}<div class='people'>\n" + "\n".join(f"<span>{_e(n)}</span>" for n in names) + "</div>"
    if kind == "comma_links":
        links = [f"<a href='/author/{index}'>{_e(n)}</a>" for index, n in enumerate(names)]
        text = links[0] if len(links) == 1 else ", ".join(links[:-1]) + " and " + links[-1]
        return f"<p class='byline'>{label}{text}</p>"
    if kind == "br":
        return f"<div class='authors'>{label}" + "<br>\n".join(_e(n) for n in names) + "</div>"
    if kind == "chips":
        chips = " ".join(f"<span class='chip'>{_e(n)}</span>" for n in names)
        return f"<div class='authors'>{label}{chips}</div>"
    if kind == "nested":
        return f"<div class='css-7q1w3er'>{label}" + "".join(
            f"<div class='css-0aa1b2c'><div class='css-9zz8y7x'><span class='css-t0k3n'>{_e(n)}</span></div></div>"
            for n in names
        ) + "</div>"
    if kind == "inline_li":
        return label + "<ul class='inline'>" + "".join(f"<li><a href='#'>{_e(n)}</a></li>" for n in names) + "</ul>"
    raise ValueError(kind)


def _card(paper: PaperSpec, layout: Layout, index: int) -> str:
    decoys = layout.decoys
    title = f"<a href='/paper/{index}'>{_e(paper.title)}</a>"
    duplicate = f"<h3 class='title dup'>{_e(paper.title)}</h3>" if "duplicate_title" in decoys else ""
    mobile = f"<div class='title md:hidden'>{_e(paper.title)}</div>" if "mobile_only" in decoys else ""
    hidden = "<div hidden>Cited by 12 · Save · Share</div>" if "hidden_attr" in decoys else ""
    authors = _authors(paper.authors, layout.authors, decoys)
    abstract = "" if paper.abstract is None else _e(paper.abstract)
    card = layout.card
    if card == "article":
        return (
            f"<article class='card'><p class='venue'>{_e(paper.venue_line)}</p>{mobile}<h3 class='title'>{title}</h3>"
            f"{duplicate}{authors}{hidden}"
            + (f"<p class='abstract'>{abstract}</p>" if abstract else "")
            + "</article>\n"
        )
    if card == "flex":
        # Flex items are boxes, so the venue and the title need no block element of their own.
        return (
            f"<div class='card row'><span class='venue'>{_e(paper.venue_line)}</span> {mobile}"
            f"<a class='title' href='/paper/{index}'>{_e(paper.title)}</a> {duplicate}{authors}{hidden}"
            + (f"<div class='abstract'>{abstract}</div>" if abstract else "") + "</div>\n"
        )
    if card == "grid":
        return (
            f"<div class='card'><header><span class='venue'>{_e(paper.venue_line)}</span></header>{mobile}"
            f"<h4 class='title'>{title}</h4>{duplicate}{authors}{hidden}"
            + (f"<section class='abstract'><p>{abstract}</p></section>" if abstract else "") + "</div>\n"
        )
    if card == "dl":
        return (
            f"<dl class='card'><dt class='venue'>{_e(paper.venue_line)}</dt>{mobile}<dt class='title'>{title}</dt>"
            f"{duplicate}<dd class='authors-cell'>{authors}</dd>{hidden}"
            + (f"<dd class='abstract'>{abstract}</dd>" if abstract else "") + "</dl>\n"
        )
    if card == "table":
        return (
            f"<tr><td class='venue'><font size=1>{_e(paper.venue_line)}</font></td></tr>"
            f"<tr><td class='title'><b>{title}</b>{mobile}{duplicate}</td></tr>"
            f"<tr valign=top><td class='authors-cell'>{authors}{hidden}</td>"
            + (f"<td class='abstract'>{abstract}</td>" if abstract else "") + "</tr>\n"
        )
    if card == "framework":
        deep = "<div class='css-4f5g6h'><div class='css-8j9k0l'>{}</div></div>"
        return (
            "<div class='css-1k9x2ab card'>"
            + deep.format(f"<span class='css-v3n'>{_e(paper.venue_line)}</span>") + mobile
            + deep.format(f"<h3 class='css-h2t title'>{title}</h3>") + duplicate
            + deep.format(authors) + hidden
            + (deep.format(f"<p class='css-a8s'>{abstract}</p>") if abstract else "") + "</div>\n"
        )
    raise ValueError(card)


def render(spec: PageSpec, layout: Layout) -> tuple[bytes, dict[str, str]]:
    """The page as served, and the linked stylesheets the fetcher got for it (none when `missing`)."""
    decoys = layout.decoys
    if layout.css == "style":
        head_css, sheets = f"<style>{_BASE_CSS}</style>", {}
    else:
        head_css = (
            f"<link rel='stylesheet' href='{LINKED_HREF}'><link rel='stylesheet' media='print' href='{PRINT_HREF}'>"
            "<link rel='preload' as='style' href='/static/css/fonts.css'>"
        )
        # A fetcher that got the print sheet anyway must not make the page read as printed.
        sheets = {} if layout.css == "missing" else {LINKED_HREF: _BASE_CSS, PRINT_HREF: ".authors,.card{display:none}"}
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Arrow Research search</title>",
        head_css,
        "</head><body><div class='wrap'>",
        "<div class='brand'>Arrow Research search</div>",
        "<div class='print-only'>Printed from Arrow Research</div>" if "print_only" in decoys else "",
        f"<h1>Author name cluster</h1><h2>{_e(spec.cluster_name)}</h2><p class='muted'>{_e(EXPLANATION)}</p>",
        f"<div class='stats'><div>{_plural(len(spec.papers), 'paper')}</div>"
        f"<div>{_plural(spec.author_rows, 'author row')}</div></div>",
        f"<h2>Possible papers</h2><div class='count'>{len(spec.papers)}</div>",
        "<noscript><p>Enable JavaScript to see more papers by Jason Ramapuram.</p></noscript>"
        if "noscript" in decoys
        else "",
    ]
    template = PaperSpec("ICML Conference 2099 Conference Paper", "Template Paper Title", ["Template Author"],
                         "Template abstract. " * 10)
    if "noscript" in decoys:
        parts.append(f"<template id='card'>{_card(template, replace(layout, decoys=()), 0)}</template>")
    opening, closing = {
        "table": ("<table class='papers' cellpadding=3>", "</table>"),
        "grid": ("<div class='cards'>", "</div>"),
    }.get(layout.card, ("<div class='papers'>", "</div>"))
    parts.append(opening)
    if "template_card" in decoys and layout.card != "table":
        parts.append(_card(template, replace(layout, decoys=()), 0).replace("class='card", "class='card is-template", 1)
                     .replace("class='css-1k9x2ab card", "class='css-1k9x2ab card is-template", 1))
    for index, paper in enumerate(spec.papers, start=1):
        parts.append(_card(paper, layout, index))
    parts.append(closing)
    parts.append("</div></body></html>")
    return "".join(parts).encode("utf-8"), sheets


def random_layout(rng: random.Random) -> Layout:
    while True:
        layout = Layout(
            rng.choice(CARDS),
            rng.choice(AUTHOR_LISTS),
            rng.choice(CSS_PLACES),
            tuple(decoy for decoy in DECOYS if rng.random() < 0.3),
        )
        if layout.readable():
            return layout


def framework_css(seed: int = 0) -> str:
    """A stylesheet the size and shape of a CSS framework's (about 90 kB): responsive display
    utilities, components with state selectors, and many rules about nothing this reader needs."""
    rng = random.Random(seed)
    out: list[str] = [":root{--bs-blue:#0d6efd;--bs-body-font-size:1rem}", "*,::before,::after{box-sizing:border-box}"]
    displays = ("none", "inline", "inline-block", "block", "grid", "table", "table-cell", "flex", "inline-flex")
    breakpoints = (("sm", 576), ("md", 768), ("lg", 992), ("xl", 1200), ("xxl", 1400))
    for value in displays:
        out.append(f".d-{value}{{display:{value}!important}}")
    for name, width in breakpoints:
        rules = "".join(f".d-{name}-{value}{{display:{value}!important}}" for value in displays)
        out.append(f"@media (min-width:{width}px){{{rules}}}")
    out.append("@media print{" + "".join(f".d-print-{value}{{display:{value}!important}}" for value in displays) + "}")
    for prop, short in (("margin", "m"), ("padding", "p")):
        for side, sides in (("", ("",)), ("t", ("-top",)), ("b", ("-bottom",)), ("x", ("-left", "-right"))):
            for size in range(6):
                body = ";".join(f"{prop}{s}:{size * 0.25}rem" for s in sides)
                out.append(f".{short}{side}-{size}{{{body}!important}}")
    components = ("btn", "card", "nav", "navbar", "dropdown", "modal", "toast", "badge", "alert", "list-group")
    states = ("", ":hover", ":focus", ":active", ".active", ".disabled", ":focus-visible", ":not(:disabled)")
    for component in components:
        for variant in ("", "-primary", "-secondary", "-outline", "-sm", "-lg", "-header", "-body", "-item"):
            for state in states:
                color = f"#{rng.randrange(16**6):06x}"
                out.append(f".{component}{variant}{state}{{color:{color};background-color:{color};"
                           f"border-color:{color};transition:color .15s ease-in-out}}")
        out.append(f".{component}-collapse:not(.show){{display:none}}")
        out.append(f".{component} .{component}-toggler{{display:none}}")
        out.append(f".{component}>.{component}-item+.{component}-item::before{{content:'/';padding:0 .5rem}}")
    out.append(".visually-hidden,.visually-hidden-focusable:not(:focus):not(:focus-within){position:absolute!important;"
               "width:1px!important;height:1px!important;padding:0!important;margin:-1px!important;"
               "overflow:hidden!important;clip:rect(0,0,0,0)!important;white-space:nowrap!important;border:0!important}")
    out.append("[hidden]{display:none!important}")
    return "\n".join(out) + "\n" + _BASE_CSS
