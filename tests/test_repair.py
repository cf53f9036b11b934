"""Abstract repair: unambiguous extraction damage is mended, everything else left alone."""

from __future__ import annotations

import pytest

from parsers.repair import find_urls, repair_abstract


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Code at https: //github. com/apple/ml-sigma-reparam.", "Code at https://github.com/apple/ml-sigma-reparam."),
        ("as in (Chen et al. , 2020) and", "as in (Chen et al., 2020) and"),
        ("on MNIST (≤41.58 nats/image) , binarized", "on MNIST (≤41.58 nats/image), binarized"),
        ("up to batch size 24, 576 without", "up to batch size 24,576 without"),
        ("we saw 1, 000, 000 rows", "we saw 1, 000, 000 rows"),  # ambiguous: a list or a number
        ("sizes 128, 256, 512 and 1024", "sizes 128, 256, 512 and 1024"),  # a list of numbers
        ("in 2019, 2020 and", "in 2019, 2020 and"),
        ("see https://x.org. Then we", "see https://x.org. Then we"),  # a sentence after a URL
        ("math $a , b$ stays , but text moves", "math $a , b$ stays, but text moves"),
        ("\\(x , y\\) and \\cite{a, b}", "\\(x , y\\) and \\cite{a, b}"),
    ],
)
def test_repair(damaged, repaired):
    assert repair_abstract(damaged) == repaired


def test_find_urls_strips_sentence_punctuation_and_dedups():
    text = "See https://a.org/x. Also (https://b.io/y), and https://a.org/x again."
    assert find_urls(text) == ["https://a.org/x", "https://b.io/y"]
