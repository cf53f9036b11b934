"""A labelled identity set: listing pages in the seed's text format, with the person behind every mention.

    .venv/bin/python benchmarks/identity_set.py OUT_DIR [--labs 60 --seed 7]

People work in labs; a lab writes papers with teams of realistic size (2 to 14 people, mostly its own
members, sometimes a guest from another lab), of which the site shows at most 8. Each person has a
canonical name, and some print it in other forms on some papers:
  - accents dropped (José García -> Jose Garcia), transliterated (Jürgen -> Juergen, Sergey -> Sergei);
  - a middle name shown as an initial or left out (Maria K. Novak / Maria Novak);
  - a second surname dropped (Xavier Suau Cuadros / Xavier Suau);
  - a nickname in parentheses (Jian (Jack) Li), a hyphen (Jean-Pierre / Jeanpierre), an ALL-CAPS surname.
True homonyms: some people, in other labs, print exactly the name of someone else; a third of those pairs
carry dblp numbers (Wei Zhang 0001 / Wei Zhang 0002). Every printed name gets a cluster page listing the
papers that show it (case-insensitive exact match, as the site groups them).

Writes OUT_DIR/pages/*.txt and OUT_DIR/truth.csv (source, paper position, author index -> person, and the
slices the person belongs to: variant, homonym).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

GIVEN = [
    "Ana", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya", "Lars",
    "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Stefan", "Tariq", "Ugo", "Vera", "Wen", "Yusuf",
    "Zofia", "Amir", "Beatriz", "Cyril", "Dalia", "Emeka", "Fiona", "Gustavo", "Hana", "Ivan", "Jelena",
    "Kenji", "Leila", "Marco", "Nora", "Olga", "Pablo", "Rania", "Sven", "Tomas", "Ulla", "Viktor", "Wanda",
    "Xin", "Yara", "Zeno", "Arjun", "Bianca", "Carlos", "Daria", "Esra", "Felix", "Gina", "Henrik", "Irene",
    "Jorge", "Kira", "Luca", "Maja", "Nils", "Oscar", "Paula", "Rafael", "Sara", "Teo", "Uma", "Vivek",
]
ACCENTED_GIVEN = ["José", "María", "François", "Zoë", "Søren", "Łukasz", "André", "Björn", "Inés", "Renée", "Ömer"]
TRANSLITERATED = {"Jürgen": "Juergen", "Sergey": "Sergei", "Aleksandr": "Alexander", "Mohammed": "Mohamed",
                  "Yuriy": "Yuri", "Günther": "Guenther"}
NICKNAMES = {"Jian": "Jack", "William": "Bill", "Robert": "Bob", "Katherine": "Kate", "Xiaoming": "Sam",
             "Alexandra": "Sasha", "Margaret": "Peggy", "Wei-Lun": "Allen"}
SURNAMES = [
    "Novak", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Kowalski", "Haddad", "Ferreira", "Petrov", "Nakamura",
    "Rossi", "Schmidt", "Yilmaz", "Andersen", "Costa", "Dubois", "Eriksen", "Fischer", "Gupta", "Horvat",
    "Ivanova", "Jensen", "Kim", "Larsen", "Meyer", "Nowak", "Olsen", "Popescu", "Quinn", "Reyes", "Silva",
    "Takahashi", "Ueda", "Vargas", "Weber", "Xu", "Yamamoto", "Zimmermann", "Abbasi", "Bauer", "Chowdhury",
    "Dvorak", "Engel", "Fontaine", "Grant", "Hoffmann", "Ishikawa", "Jovanovic", "Keller", "Lopez", "Marsh",
    "Nguyen", "Ortega", "Park", "Rahman", "Sato", "Thorsen", "Ulrich", "Volkov", "Wagner", "Young", "Zhou",
]
ACCENTED_SURNAMES = ["García", "Müller", "Gómez", "Šimić", "Núñez", "Sørensen", "Çelik", "Dvořák", "Łęcki"]
SECOND_SURNAMES = ["Cuadros", "Ruiz", "Morales", "Navarro", "Iglesias", "Serrano", "Castillo"]
MIDDLES = ["K.", "J.", "Maria", "Lee", "T.", "Anne", "R."]
HYPHENATED_GIVEN = ["Jean-Pierre", "Anne-Marie", "Hans-Peter", "Jae-Won", "Ana-Luisa"]
COMMON_HOMONYMS = ["Wei Zhang", "Li Wang", "Jun Liu", "Yang Chen", "Min Li", "David Smith", "Maria Garcia"]
VENUES = ["ICML", "NeurIPS", "ICLR", "AAAI", "IJCAI", "CVPR", "ACL", "KDD"]
WORDS = ["learning", "graphs", "scaling", "attention", "sparse", "robust", "causal", "kernels", "diffusion",
         "agents", "equivariant", "priors", "retrieval", "tokens", "contrastive", "bounds", "flows", "search"]
CAP = 8


@dataclass
class Person:
    person: int
    lab: int
    given: str
    surname: str
    middle: str | None = None
    second_surname: str | None = None
    nickname: str | None = None
    homonym: str | None = None
    variants: list[str] = field(default_factory=list)  # the variant kinds this person prints
    homonym_of: int | None = None

    def canonical(self) -> str:
        parts = [self.given, self.middle, self.surname, self.second_surname]
        name = " ".join(part for part in parts if part)
        return f"{name} {self.homonym}" if self.homonym else name

    def printed(self, rng: random.Random) -> str:
        """The name as one paper prints it: canonical most of the time, else one of its variants."""
        if not self.variants or rng.random() < 0.55:
            return self.canonical()
        kind = rng.choice(self.variants)
        given, middle, surname, second = self.given, self.middle, self.surname, self.second_surname
        if kind == "accent":
            given, surname = _fold(given), _fold(surname)
            second = _fold(second) if second else None
        elif kind == "transliteration":
            given = TRANSLITERATED.get(given, given)
        elif kind == "middle":
            middle = rng.choice([None, middle[0] + "."]) if middle else None
        elif kind == "second_surname":
            second = None
        elif kind == "nickname":
            given = f"{given} ({self.nickname})"
        elif kind == "hyphen":
            given = given.replace("-", "")
        elif kind == "case":
            surname = surname.upper()
        parts = [given, middle, surname, second]
        name = " ".join(part for part in parts if part)
        return f"{name} {self.homonym}" if self.homonym else name


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ø", "o"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def make_people(rng: random.Random, labs: int) -> list[Person]:
    people: list[Person] = []
    used: set[str] = set()
    for lab in range(labs):
        for _ in range(rng.randint(6, 14)):
            person = _new_person(rng, len(people), lab, used)
            people.append(person)
    # true homonyms: someone in another lab prints exactly a name already taken
    hosts = rng.sample(people, k=max(2, len(people) // 12))
    numbered = 0
    for host in hosts:
        lab = rng.choice([other for other in range(labs) if other != host.lab])
        twin = Person(len(people), lab, host.given, host.surname, second_surname=None, homonym_of=host.person)
        host.middle, host.second_surname = None, None
        host.variants = [kind for kind in host.variants if kind in ("accent", "case")]
        if rng.random() < 1 / 3:  # a dblp-disambiguated pair: both always carry their numbers
            numbered += 1
            host.homonym, twin.homonym = "0001", "0002"
        people.append(twin)
    # a few very common names, printed by two or three people each
    for name in COMMON_HOMONYMS:
        given, surname = name.split()
        first = len(people)
        for copy in range(rng.randint(2, 3)):
            people.append(Person(len(people), rng.randrange(labs), given, surname,
                                 homonym_of=first if copy else None))
    return people


def _new_person(rng: random.Random, number: int, lab: int, used: set[str]) -> Person:
    while True:
        roll = rng.random()
        variants: list[str] = []
        middle = second = nickname = None
        if roll < 0.08:
            given = rng.choice(ACCENTED_GIVEN)
            variants.append("accent")
        elif roll < 0.13:
            given = rng.choice(list(TRANSLITERATED))
            variants.append("transliteration")
        elif roll < 0.18:
            given = rng.choice(list(NICKNAMES))
            nickname = NICKNAMES[given]
            variants.append("nickname")
        elif roll < 0.22:
            given = rng.choice(HYPHENATED_GIVEN)
            variants.append("hyphen")
        else:
            given = rng.choice(GIVEN)
        surname = rng.choice(ACCENTED_SURNAMES if rng.random() < 0.08 else SURNAMES)
        if _fold(surname) != surname and "accent" not in variants:
            variants.append("accent")
        if rng.random() < 0.12:
            middle = rng.choice(MIDDLES)
            variants.append("middle")
        if rng.random() < 0.08:
            second = rng.choice(SECOND_SURNAMES)
            variants.append("second_surname")
        if rng.random() < 0.05:
            variants.append("case")
        if rng.random() < 0.5:  # half of the people with a variable name print one form only
            variants = [] if rng.random() < 0.3 else variants
        person = Person(number, lab, given, surname, middle, second, nickname, variants=variants)
        key = _fold(f"{given} {surname}").lower()
        if key not in used:
            used.add(key)
            return person


def make_papers(rng: random.Random, people: list[Person], papers_per_person: float) -> list[dict]:
    by_lab: dict[int, list[Person]] = {}
    for person in people:
        by_lab.setdefault(person.lab, []).append(person)
    papers: list[dict] = []
    sizes = [2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 7, 8, 9, 10, 12, 14]
    total = int(len(people) * papers_per_person / 4.5)
    used_titles: set[str] = set()
    for number in range(total):
        lab = rng.randrange(len(by_lab))
        members = by_lab[lab]
        size = min(rng.choice(sizes), len(members) + 2)
        team = rng.sample(members, k=min(size, len(members)))
        while len(team) < size:  # guests from other labs
            guest = rng.choice(people)
            if guest not in team:
                team.append(guest)
        if len({member.canonical() for member in team}) < len(team):
            continue  # two homonyms on one paper: the site would show them, but keep the set clean
        title = _title(rng, used_titles)
        year = rng.randint(2015, 2025)
        printed = [(member.person, member.printed(rng)) for member in team]
        papers.append({"number": number, "title": title, "year": year, "venue": rng.choice(VENUES), "authors": printed})
    return papers


def _title(rng: random.Random, used: set[str]) -> str:
    while True:
        words = rng.sample(WORDS, k=4)
        title = f"{words[0].capitalize()} {words[1]} for {words[2]} {words[3]} {rng.randint(1, 9999)}"
        if title not in used:
            used.add(title)
            return title


def render_pages(papers: list[dict]) -> dict[str, tuple[str, list[tuple[int, dict]]]]:
    """One page per printed name (homonym number included), listing every paper that shows it."""
    clusters: dict[str, list[dict]] = {}
    shown_as: dict[str, str] = {}
    for listed in papers:
        for _, name in listed["authors"][:CAP]:
            key = name.casefold()
            shown_as.setdefault(key, name)
            if not clusters.get(key) or clusters[key][-1] is not listed:
                clusters.setdefault(key, []).append(listed)
    pages = {}
    for key, listed in sorted(clusters.items()):
        name = shown_as[key]
        slug = re.sub(r"[^a-z0-9]+", "-", _fold(name).lower()).strip("-")
        source = f"{slug}-{hashlib.md5(key.encode()).hexdigest()[:6]}.txt"
        pages[source] = (name, list(enumerate(listed, start=1)))
    return pages


def page_text(name: str, listed: list[tuple[int, dict]]) -> str:
    lines = [
        "Arrow Research search", "", "Author name cluster", "", name, "",
        "Possible papers associated with this exact author name in Arrow. This page groups case-insensitive "
        "exact name matches and is not a full identity disambiguation profile.", "",
        f"{len(listed)} papers", "1 author row", "", "Possible papers", "", str(len(listed)), "",
    ]
    for _, paper in listed:
        lines += [f"{paper['venue']} Conference {paper['year']} Conference Paper", "", paper["title"], ""]
        lines += [f"  • {author}" for _, author in paper["authors"][:CAP]]
        lines += ["", f"We study {paper['title'].lower()} and report what we found.", ""]
    return "\n".join(lines)


def write_set(out_dir: Path, *, labs: int = 60, seed: int = 7, papers_per_person: float = 6.0) -> dict[str, int]:
    rng = random.Random(seed)
    people = make_people(rng, labs)
    papers = make_papers(rng, people, papers_per_person)
    pages = render_pages(papers)
    printed_names: dict[int, set[str]] = {}
    holders: dict[str, set[int]] = {}
    for paper in papers:
        for person, name in paper["authors"][:CAP]:
            printed_names.setdefault(person, set()).add(name)
            holders.setdefault(_fold(re.sub(r"\s+\d{4}$", "", name)).casefold(), set()).add(person)
    homonym_people = {person for names in holders.values() if len(names) > 1 for person in names}
    folder = out_dir / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    with (out_dir / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["source", "position", "author_index", "person", "variant", "homonym"])
        for source, (name, listed) in pages.items():
            (folder / source).write_text(page_text(name, listed), encoding="utf-8")
            for position, paper in listed:
                for index, (person, _) in enumerate(paper["authors"][:CAP], start=1):
                    variant = len(printed_names[person]) > 1
                    writer.writerow([source, position, index, person, int(variant), int(person in homonym_people)])
    return {"people": len(people), "papers": len(papers), "pages": len(pages),
            "people_with_variants": sum(len(names) > 1 for names in printed_names.values()),
            "people_in_homonym_names": len(homonym_people)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--labs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    print(write_set(args.out_dir, labs=args.labs, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
