"""Distil the encoder NER into a CNN NER: label the non-held-out corpus text with it, train on that.

    python -m claimgraph.extract.training.distill --corpora ../shared/corpora --max-minutes 30

writes training-output/distill/: `silver.spacy` (spaCy's tokens and the encoder's entities),
`label_stats.json` (sizes and the teacher's agreement with the gold where the text has it) and
the trained pipeline `model-best` / `model-last`: extract/model's tok2vec, tagger, morphologizer,
parser and lemmatizer, unchanged, with the new NER (config_distill.cfg).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.train import train as spacy_train
from spacy.language import Language
from spacy.pipeline import Lemmatizer, TrainablePipe
from spacy.tokens import Doc, DocBin, Span
from spacy.util import registry

from claimgraph.extract.training.convert import read_ewt, read_gum
from claimgraph.extract.training.ner_sources import collect_demonyms, read_redocred, training_tweets
from claimgraph.extract.training.sentences import (
    Sentence,
    chunk_by_document,
    load_titles,
    strip_titles,
    to_doc,
)

HERE = Path(__file__).parent
CONFIG = HERE / "config_distill.cfg"
SHIPPED = HERE.parent / "model"
SHIPPED_NER = HERE.parent / "model_ner"
STEPS = ("label", "train", "check")
FROZEN = ("tok2vec", "tagger", "morphologizer", "parser", "lemmatizer")
LABELS = ("PERSON", "ORG", "PLACE")
CharSpan = tuple[int, int, str]


class TrainingDeadline(Exception):
    """Raised between updates once training has had its time; model-best is already saved."""


@registry.callbacks("claimgraph.training_deadline.v1")
def make_training_deadline(minutes: float) -> Callable[[Language, dict[str, Any]], None]:
    """A `before_update` callback that stops training after `minutes` (0: no limit). spaCy
    resolves it when the training loop starts, so initialisation is not counted."""
    deadline = time.monotonic() + 60 * minutes

    def check(nlp: Language, info: dict[str, Any]) -> None:
        if minutes > 0 and time.monotonic() > deadline:
            raise TrainingDeadline(f"{minutes:g} minutes reached at step {info['step']}")

    return check


def unlabelled_sentences(corpora: Path) -> dict[str, list[Sentence]]:
    """The sentences the student may learn from, by source: everything but the held-out splits.

    Never read: UD/UNER EWT test, GUM dev and test (which hold the news documents we score),
    Re-DocRED test_revised.json, BTC section h and the WNUT-17 test set. EWT dev is not labelled
    either: it stays gold, for choosing model-best as the shipped CNN's training did. Their gold
    entities (titles stripped as in convert.py) are kept only to measure the teacher against.
    """
    ewt = read_ewt(corpora, "train")
    gum = [sentence for doc in read_gum(corpora / "gum")["train"] for sentence in doc]
    demonyms = collect_demonyms(ewt + gum)
    sources = {
        "ewt-train": ewt,
        "gum-train": gum,
        "redocred-dev": list(read_redocred(corpora / "re-docred" / "dev_revised.json", demonyms)),
        **training_tweets(corpora),
    }
    titles = load_titles()
    return {name: [strip_titles(s, titles) for s in found] for name, found in sources.items()}


def gold_docs(nlp: Language, sentences: Iterable[Sentence], per_doc: int = 10) -> list[Doc]:
    """Docs of up to `per_doc` consecutive sentences of one document, as convert.py makes them;
    their text is what the teacher reads."""
    return [to_doc(nlp.vocab, chunk) for chunk in chunk_by_document(sentences, per_doc)]


def load_teacher(model: Path = SHIPPED, encoder: Path = SHIPPED_NER) -> Language:
    """The shipped entities: extract/model's tokenizer and parser (the encoder packs whole
    sentences into its windows) with the encoder NER, as bench/ner.py --encoder-ner runs it."""
    import claimgraph.extract.encoder_ner  # noqa: F401  (registers the factory)

    nlp = spacy.load(model, exclude=["tagger", "morphologizer", "lemmatizer", "ner"])
    nlp.add_pipe("claimgraph_encoder_ner", config={"model_dir": str(encoder)})
    return nlp


def silver_doc(labelled: Doc) -> Doc:
    """Only the tokens and the teacher's entities; every other token is O (not missing), so
    the student also learns where the teacher saw no name."""
    words = [token.text for token in labelled]
    spaces = [bool(token.whitespace_) for token in labelled]
    doc = Doc(labelled.vocab, words=words, spaces=spaces)
    ents = [Span(doc, ent.start, ent.end, label=ent.label_) for ent in labelled.ents]
    doc.set_ents(ents, default="outside")
    return doc


def char_spans(doc: Doc) -> set[CharSpan]:
    return {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in LABELS}


def agreement(golds: Iterable[Doc], preds: Iterable[Doc]) -> Counter[str]:
    """Strict span matches by character offsets, as bench/ner.py counts them."""
    counts: Counter[str] = Counter()
    for gold_doc, pred_doc in zip(golds, preds, strict=True):
        gold, pred = char_spans(gold_doc), char_spans(pred_doc)
        counts.update(gold=len(gold), pred=len(pred), tp=len(gold & pred))
    return counts


def f1(counts: Counter[str]) -> float:
    total = counts["gold"] + counts["pred"]
    return 2 * counts["tp"] / total if total else 0.0


def label_source(teacher: Language, golds: list[Doc]) -> Iterator[tuple[Doc, Doc]]:
    """(gold, labelled) pairs; the labelled doc is the teacher's run over the gold doc's text."""
    labelled = teacher.pipe((doc.text for doc in golds), batch_size=64)
    yield from zip(golds, labelled, strict=True)


def label(corpora: Path, out: Path, teacher: Language) -> dict[str, dict[str, Any]]:
    """Write silver.spacy and label_stats.json; returns the stats per source."""
    silver = DocBin(store_user_data=False)
    stats: dict[str, dict[str, Any]] = {}
    for name, sentences in unlabelled_sentences(corpora).items():
        started = time.monotonic()
        counts: Counter[str] = Counter()
        golds = gold_docs(teacher, sentences)
        for gold, labelled in label_source(teacher, golds):
            silver.add(silver_doc(labelled))
            counts.update(agreement([gold], [labelled]))
            counts.update(docs=1, words=len(labelled))
            counts.update(ent.label_ for ent in labelled.ents)
        seconds = time.monotonic() - started
        stats[name] = {**counts, "teacher_vs_gold_f1": round(100 * f1(counts), 1)}
        stats[name]["seconds"] = round(seconds, 1)
        print(f"{name:14} {json.dumps(stats[name])}", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    silver.to_disk(out / "silver.spacy")
    (out / "label_stats.json").write_text(json.dumps(stats, indent=2), encoding="utf-8")
    return stats


def train(silver: Path, dev: Path, output: Path, *, minutes: float, steps: int | None) -> None:
    """spaCy training of the NER alone; on the deadline spaCy keeps model-best and writes
    model-last before the stop reaches us."""
    overrides: dict[str, Any] = {
        "paths.train": str(silver),
        "paths.dev": str(dev),
        "paths.shipped": str(SHIPPED),
        "training.before_update.minutes": minutes,
    }
    if steps:
        overrides["training.max_steps"] = steps
    try:
        spacy_train(CONFIG, output, use_gpu=-1, overrides=overrides)
    except TrainingDeadline as stop:
        print(f"training stopped: {stop}", flush=True)


def component_state(nlp: Language, name: str) -> bytes:
    """What a component has learnt: its model's weights, or the lemmatizer's tables."""
    component = nlp.get_pipe(name)
    if isinstance(component, Lemmatizer):
        return bytes(component.lookups.to_bytes())
    assert isinstance(component, TrainablePipe)
    return bytes(component.model.to_bytes())


def changed_components(trained: Path, shipped: Path = SHIPPED) -> list[str]:
    """The frozen components whose state differs from the shipped pipeline's (should be none)."""
    student, reference = spacy.load(trained), spacy.load(shipped)
    return [n for n in FROZEN if component_state(student, n) != component_state(reference, n)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--dev", type=Path, default=Path("corpus/dev.spacy"), help="gold dev")
    parser.add_argument("--output", type=Path, default=Path("training-output/distill"))
    parser.add_argument("--encoder-ner", type=Path, default=SHIPPED_NER, help="the teacher")
    parser.add_argument("--steps", default=",".join(STEPS), help="any of " + ",".join(STEPS))
    parser.add_argument("--max-minutes", type=float, default=30.0, help="training time limit")
    parser.add_argument("--max-steps", type=int, help="override training.max_steps")
    args = parser.parse_args(argv)
    steps = set(args.steps.split(","))
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # one core: the machine is shared
    started = time.monotonic()
    if "label" in steps:
        label(args.corpora, args.output, load_teacher(encoder=args.encoder_ner))
        print(f"labelled in {time.monotonic() - started:.0f} s", flush=True)
    if "train" in steps:
        silver = args.output / "silver.spacy"
        train(silver, args.dev, args.output, minutes=args.max_minutes, steps=args.max_steps)
    if "check" in steps:
        changed = changed_components(args.output / "model-best")
        print(f"frozen components changed: {changed or 'none'}")
    print(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
