"""The encoder trainer's case variants: the same subwords and tags, other case ids (needs torch,
the `train` extra; skipped without it)."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.tokens import Doc, Span

pytest.importorskip("torch")

from claimgraph.extract.encoder_ner import (
    LOWER,
    N_SHAPES,
    TITLE,
    UPPER,
    SubwordEncoder,
)
from claimgraph.extract.training.encoder_ner import (
    TAG_IDS,
    base_model_dir,
    examples,
    recase,
)


@pytest.fixture(scope="module")
def encoder() -> SubwordEncoder:
    return SubwordEncoder(base_model_dir() / "tokenizer.json")


def _doc() -> Doc:
    words = ["Troops", "left", "San", "Francisco", "on", "Monday", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, sent_starts=[True] + [False] * 6)
    doc.set_ents([Span(doc, 2, 4, label="PLACE")], default="outside")
    return doc


def test_the_case_variants_share_subwords_and_tags_and_differ_in_case(encoder) -> None:
    ((written, tags), (lower, lower_tags), (upper, upper_tags)) = examples(
        encoder, [_doc()], case_variants=True
    )[0]
    assert written.input_ids == lower.input_ids == upper.input_ids
    assert tags == lower_tags == upper_tags
    assert tags[written.first_piece[2]] == TAG_IDS["B-PLACE"]
    san = written.first_piece[2]
    assert (written.case_ids[san], lower.case_ids[san], upper.case_ids[san]) == (
        TITLE,
        LOWER,
        UPPER,
    )
    # The sentence's first word keeps its flag in every variant.
    assert {w.case_ids[1] // N_SHAPES for w in (written, lower, upper)} == {1}


def test_an_epoch_takes_each_variant_at_its_rate(encoder) -> None:
    found = examples(encoder, [_doc()], case_variants=True) * 1000
    assert [pair for pair in recase(found, (0.0, 0.0), random.Random(1))] == [
        versions[0] for versions in found
    ]
    chosen = recase(found, (0.2, 0.1), random.Random(1))
    lower = sum(pair is versions[1] for pair, versions in zip(chosen, found, strict=True))
    upper = sum(pair is versions[2] for pair, versions in zip(chosen, found, strict=True))
    assert 150 < lower < 250
    assert 60 < upper < 140
