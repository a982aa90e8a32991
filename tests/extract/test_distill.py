"""Distillation helpers: silver docs, teacher agreement, the time limit and the held-out guard."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Span

from claimgraph.extract.training.convert import gum_splits
from claimgraph.extract.training.distill import (
    TrainingDeadline,
    agreement,
    make_training_deadline,
    silver_doc,
    unlabelled_sentences,
)

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"


def _labelled(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(spacy.blank("en").vocab, words=words, tags=["NNP"] * len(words))
    doc.set_ents([Span(doc, start, end, label=label) for start, end, label in ents])
    return doc


def test_silver_doc_keeps_tokens_and_entities_and_marks_the_rest_outside() -> None:
    labelled = _labelled(["Ann", "Lee", "told", "Reuters", "."], [(0, 2, "PERSON"), (3, 4, "ORG")])
    silver = silver_doc(labelled)
    assert silver.text == labelled.text
    assert [(e.start, e.end, e.label_) for e in silver.ents] == [(0, 2, "PERSON"), (3, 4, "ORG")]
    assert [token.ent_iob_ for token in silver] == ["B", "I", "O", "B", "O"]
    assert not silver.has_annotation("TAG")


def test_agreement_counts_strict_character_spans() -> None:
    gold = _labelled(["Ann", "Lee", "visited", "Paris"], [(0, 2, "PERSON"), (3, 4, "PLACE")])
    teacher = _labelled(["Ann", "Lee", "visited", "Paris"], [(1, 2, "PERSON"), (3, 4, "PLACE")])
    assert agreement([gold], [teacher]) == Counter(gold=2, pred=2, tp=1)


def test_training_deadline_stops_only_when_set_and_passed() -> None:
    nlp = spacy.blank("en")
    make_training_deadline(0)(nlp, {"step": 10, "epoch": 1})
    check = make_training_deadline(1e-6)  # 60 microseconds
    time.sleep(0.01)
    with pytest.raises(TrainingDeadline):
        check(nlp, {"step": 10, "epoch": 1})


@pytest.mark.skipif(not CORPORA.is_dir(), reason="the corpora are not next to the repository")
def test_unlabelled_sentences_never_read_the_held_out_splits() -> None:
    sources = unlabelled_sentences(CORPORA)
    held_out_gum = {doc for doc, split in gum_splits(CORPORA / "gum").items() if split != "train"}
    assert {s.doc_id for s in sources["gum-train"]}.isdisjoint(held_out_gum)
    ewt_test = CORPORA / "ud-english-ewt" / "en_ewt-ud-test.conllu"
    lines = ewt_test.read_text(encoding="utf-8").splitlines()
    test_ids = {line.split("=", 1)[1].strip() for line in lines if line.startswith("# sent_id")}
    assert {s.sent_id for s in sources["ewt-train"]}.isdisjoint(test_ids)
    assert all(s.doc_id.startswith("dev_revised-") for s in sources["redocred-dev"])
    tweets = (found for name, found in sources.items() if name.startswith(("btc", "wnut")))
    tweet_files = {s.doc_id for found in tweets for s in found}
    assert {"h.conll", "emerging.test.annotated"}.isdisjoint(tweet_files)
    assert all(found for found in sources.values())
