"""The one real sample page, field by field."""

from __future__ import annotations

import pytest

from parsers import parse_page

SEED_PAPERS = [
    ("ICML", 2025, "Distillation Scaling Laws",
     ["Dan Busbridge", "Amitis Shidani", "Floris Weers", "Jason Ramapuram", "Etai Littwin", "Russell Webb"]),
    ("ICLR", 2025, "Theory, Analysis, and Best Practices for Sigmoid Self-Attention",
     ["Jason Ramapuram", "Federico Danieli", "Eeshan Gunesh Dhekane", "Floris Weers", "Dan Busbridge",
      "Pierre Ablin", "Tatiana Likhomanenko", "Jagrit Digani"]),
    ("ICLR", 2024, "Poly-View Contrastive Learning",
     ["Amitis Shidani", "R. Devon Hjelm", "Jason Ramapuram", "Russell Webb", "Eeshan Gunesh Dhekane",
      "Dan Busbridge"]),
    ("ICML", 2023, "DUET: 2D Structured and Approximately Equivariant Representations",
     ["Xavier Suau", "Federico Danieli", "T. Anderson Keller", "Arno Blaas", "Chen Huang 0001",
      "Jason Ramapuram", "Dan Busbridge", "Luca Zappella"]),
    ("NeurIPS", 2023, "How to Scale Your EMA",
     ["Dan Busbridge", "Jason Ramapuram", "Pierre Ablin", "Tatiana Likhomanenko", "Eeshan Gunesh Dhekane",
      "Xavier Suau Cuadros", "Russell Webb"]),
    ("ICML", 2023, "Stabilizing Transformer Training by Preventing Attention Entropy Collapse",
     ["Shuangfei Zhai", "Tatiana Likhomanenko", "Etai Littwin", "Dan Busbridge", "Jason Ramapuram",
      "Yizhe Zhang 0002", "Jiatao Gu", "Joshua M. Susskind"]),
    ("ICML", 2023, "The Role of Entropy and Reconstruction in Multi-View Self-Supervised Learning",
     ["Borja Rodríguez Gálvez", "Arno Blaas", "Pau Rodríguez", "Adam Golinski", "Xavier Suau",
      "Jason Ramapuram", "Dan Busbridge", "Luca Zappella"]),
    ("ICML", 2022, "Position Prediction as an Effective Pretraining Strategy",
     ["Shuangfei Zhai", "Navdeep Jaitly", "Jason Ramapuram", "Dan Busbridge", "Tatiana Likhomanenko",
      "Joseph Yitan Cheng", "Walter Talbott", "Chen Huang 0001"]),
    ("ICLR", 2021,
     "Kanerva++: Extending the Kanerva Machine With Differentiable, Locally Block Allocated Latent Memory",
     ["Jason Ramapuram", "Yan Wu", "Alexandros Kalousis"]),
    ("NeurIPS", 2020, "Self-Supervised MultiModal Versatile Networks",
     ["Jean-Baptiste Alayrac", "Adria Recasens", "Rosalia Schneider", "Relja Arandjelović", "Jason Ramapuram",
      "Jeffrey De Fauw", "Lucas Smaira", "Sander Dieleman"]),
]


@pytest.fixture(scope="module")
def seed(seed_bytes):
    return parse_page(seed_bytes, source="fixtures/demo/seed.txt", content_type="text/plain")


def test_header(seed):
    assert seed.cluster_name == "Jason Ramapuram"
    assert seed.declared_papers == 10
    assert seed.declared_author_rows == 2
    assert seed.problems == []


def test_every_paper_and_author_in_order(seed):
    assert len(seed.papers) == 10
    for paper, (venue, year, title, authors) in zip(seed.papers, SEED_PAPERS, strict=True):
        assert (paper.venue, paper.year, paper.title) == (venue, year, title)
        assert paper.venue_kind == "Conference"
        assert paper.publication_type == "Conference Paper"
        assert paper.venue_line == f"{venue} Conference {year} Conference Paper"
        assert [author.raw for author in paper.authors] == authors
    assert [paper.position for paper in seed.papers] == list(range(1, 11))


def test_homonym_numbers_are_split_off(seed):
    authors = {author.raw: author for paper in seed.papers for author in paper.authors}
    assert (authors["Chen Huang 0001"].name, authors["Chen Huang 0001"].homonym) == ("Chen Huang", "0001")
    assert (authors["Yizhe Zhang 0002"].name, authors["Yizhe Zhang 0002"].homonym) == ("Yizhe Zhang", "0002")
    assert authors["Xavier Suau Cuadros"].homonym is None
    assert authors["Joshua M. Susskind"].name == "Joshua M. Susskind"


def test_authors_capped_exactly_on_eight_name_lists(seed):
    assert [paper.authors_capped for paper in seed.papers] == [len(p[3]) == 8 for p in SEED_PAPERS]
    assert sum(paper.authors_capped for paper in seed.papers) == 6


def test_abstract_damage_is_repaired(seed):
    by_title = {paper.title: paper for paper in seed.papers}
    sigma = by_title["Stabilizing Transformer Training by Preventing Attention Entropy Collapse"]
    assert sigma.urls == ["https://github.com/apple/ml-sigma-reparam"]
    assert sigma.abstract.endswith("Code is available at https://github.com/apple/ml-sigma-reparam.")
    assert "$\\sigma$Reparam" in sigma.abstract  # LaTeX verbatim
    duet = by_title["DUET: 2D Structured and Approximately Equivariant Representations"]
    assert "SimCLR (Chen et al., 2020)" in duet.abstract
    assert "(Dangovski et al., 2022)" in duet.abstract
    ema = by_title["How to Scale Your EMA"]
    assert "up to batch size 24,576 without" in ema.abstract
    assert "6$\\times$ wall-clock" in ema.abstract
    kanerva = by_title[SEED_PAPERS[8][2]]
    assert "(≤41.58 nats/image), binarized Omniglot" in kanerva.abstract
    assert " ," not in "".join(paper.abstract for paper in seed.papers)
    assert all(paper.urls == [] for paper in seed.papers if paper is not sigma)


def test_to_dict_is_the_json_contract(seed):
    page = seed.to_dict()
    assert list(page) == ["source", "cluster_name", "declared_papers", "declared_author_rows", "papers",
                          "problems"]
    paper = page["papers"][3]
    assert list(paper) == ["position", "venue_line", "venue", "venue_kind", "year", "publication_type", "title",
                           "authors", "authors_capped", "abstract", "urls"]
    assert paper["authors"][4] == {"name": "Chen Huang", "homonym": "0001", "raw": "Chen Huang 0001"}
    assert paper["authors_capped"] is True


def test_str_and_bytes_give_the_same_page(seed, seed_bytes):
    assert parse_page(seed_bytes.decode("utf-8"), source="fixtures/demo/seed.txt").to_dict() == seed.to_dict()
