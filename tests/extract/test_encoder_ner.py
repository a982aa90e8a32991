"""The encoder NER: case features, windowing and BIO decoding, then the shipped ONNX model."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from claimgraph.extract import encoder_ner
from claimgraph.extract.encoder_ner import (
    DIGITS,
    LETTER,
    LOWER,
    MIXED,
    N_SHAPES,
    OTHER,
    TAGS,
    TITLE,
    UPPER,
    SubwordEncoder,
    split_long,
    viterbi,
    word_shape,
)

MODEL_DIR = encoder_ner.bundled_model_dir()


@pytest.mark.parametrize(
    ("word", "shape"),
    [
        ("minister", LOWER),
        ("Williamson", TITLE),
        ("NATO", UPPER),
        ("U.S.", UPPER),
        ("I", LETTER),
        ("McDonald", MIXED),
        ("iPhone", MIXED),
        ("G7", MIXED),
        ("2021", DIGITS),
        ("3.5", DIGITS),
        ("“", OTHER),
        ("\n\n", OTHER),
    ],
)
def test_word_shape(word: str, shape: int) -> None:
    assert word_shape(word) == shape


def test_case_ids_flag_the_first_word_after_an_opening_quote() -> None:
    doc = spacy.blank("en")("“The Taliban said so.")
    ids = encoder_ner.case_ids(doc)
    assert ids[:3] == [OTHER, TITLE + N_SHAPES, TITLE]


def test_split_long_keeps_every_word_once_within_budget() -> None:
    counts = [1, 3, 2, 1, 1, 4, 2, 1] * 40
    windows = split_long(counts, 0, len(counts), budget=50)
    assert len(windows) > 1
    kept = [i for _, _, keep_start, keep_end in windows for i in range(keep_start, keep_end)]
    assert kept == list(range(len(counts)))
    for start, end, keep_start, keep_end in windows:
        assert sum(counts[start:end]) <= 50
        assert start <= keep_start <= keep_end <= end


def test_viterbi_never_opens_an_entity_with_inside() -> None:
    scores = np.log(np.full((3, len(TAGS)), 0.01, dtype=np.float32))
    scores[:, TAGS.index("I-ORG")] = 0.0  # the most likely tag everywhere, yet invalid first
    tags = [TAGS[i] for i in viterbi(scores)]
    assert tags[0] != "I-ORG"
    assert all(not t.startswith("I-") or t[2:] == p[2:] for p, t in pairwise(tags))


def test_windows_cover_a_long_unsegmented_doc() -> None:
    encoder = SubwordEncoder(MODEL_DIR / "tokenizer.json")
    doc = spacy.blank("en")(" ".join(["Kabul Airport, said Mr Williamson;"] * 60))
    windows = encoder.windows(doc)
    assert len(windows) > 2
    assert all(len(w.input_ids) <= 128 for w in windows)
    kept = [i for w in windows for i in range(w.keep_start, w.keep_end)]
    assert kept == list(range(len(doc)))


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("claimgraph_encoder_ner")
    return nlp


NEWS = [
    (
        "Defence Secretary Gavin Williamson told Sky News that the threat to the UK was real.",
        {("Gavin Williamson", "PERSON"), ("Sky News", "ORG"), ("UK", "PLACE")},
    ),
    (
        "The Taliban took control of Kabul on Sunday, the BBC's Frank Gardner reported.",
        {("Taliban", "ORG"), ("Kabul", "PLACE"), ("BBC", "ORG"), ("Frank Gardner", "PERSON")},
    ),
    (
        "Angela Merkel met Emmanuel Macron in Paris before the European Union summit.",
        {("Angela Merkel", "PERSON"), ("Emmanuel Macron", "PERSON"), ("Paris", "PLACE")},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS)
def test_shipped_model_finds_names_in_news(nlp: Language, text: str, expected: set) -> None:
    found = {(ent.text, ent.label_) for ent in nlp(text).ents}
    assert expected <= found


def test_pipe_in_batches_matches_one_doc_at_a_time(nlp: Language) -> None:
    texts = [text for text, _ in NEWS] * 5 + [" ".join([text for text, _ in NEWS] * 4)]
    batched = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]
    single = [[(e.start_char, e.end_char, e.label_) for e in nlp(text).ents] for text in texts]
    assert batched == single
    assert len(batched[-1]) >= 4 * 3


def test_component_replaces_earlier_entities(nlp: Language) -> None:
    doc = nlp.make_doc("Gavin Williamson spoke.")
    doc.ents = [Span(doc, 2, 3, label="ORG")]
    for _, component in nlp.pipeline:
        doc = component(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Gavin Williamson", "PERSON")]
