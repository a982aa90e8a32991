"""Held-out quality and speed of a trained pipeline: NER P/R/F1 per split, LAS/UAS, words/s."""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, DocBin
from spacy.training import Example

LABELS = ("PERSON", "ORG", "PLACE")
PARSE_SPLIT = "ewt-test"
CharSpan = tuple[int, int, str]


def spans(doc: Doc) -> set[CharSpan]:
    return {(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents if ent.label_ in LABELS}


def _overlaps(span: CharSpan, others: set[CharSpan]) -> bool:
    return any(o[2] == span[2] and o[0] < span[1] and span[0] < o[1] for o in others)


def count(golds: Iterable[Doc], preds: Iterable[Doc]) -> Counter[tuple[str, str]]:
    """Counts per (label, kind): gold, pred, strict true positives, lenient hits both ways.
    Spans are compared by character offsets, so tokenisation differences do not matter."""
    counts: Counter[tuple[str, str]] = Counter()
    for gold_doc, pred_doc in zip(golds, preds, strict=True):
        gold, pred = spans(gold_doc), spans(pred_doc)
        for span in gold:
            counts[span[2], "gold"] += 1
            counts[span[2], "lenient_r"] += _overlaps(span, pred)
        for span in pred:
            counts[span[2], "pred"] += 1
            counts[span[2], "tp"] += span in gold
            counts[span[2], "lenient_p"] += _overlaps(span, gold)
    for kind in ("gold", "pred", "tp", "lenient_r", "lenient_p"):
        counts["ALL", kind] = sum(counts[label, kind] for label in LABELS)
    return counts


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def rows(split: str, counts: Counter[tuple[str, str]]) -> list[str]:
    lines = []
    for label in (*LABELS, "ALL"):
        gold, pred = counts[label, "gold"], counts[label, "pred"]
        p = counts[label, "tp"] / pred if pred else 0.0
        r = counts[label, "tp"] / gold if gold else 0.0
        lp = counts[label, "lenient_p"] / pred if pred else 0.0
        lr = counts[label, "lenient_r"] / gold if gold else 0.0
        cells = f"{100 * p:6.1f} {100 * r:6.1f} {100 * _f1(p, r):6.1f} {100 * _f1(lp, lr):8.1f}"
        lines.append(f"{split:16} {label:7} {gold:6} {pred:6} {cells}")
    return lines


def predict(nlp: Language, golds: list[Doc]) -> tuple[list[Doc], float, float]:
    """Predictions, wall-clock seconds and CPU seconds (the latter unaffected by other load)."""
    wall, cpu = time.perf_counter(), time.process_time()
    preds = list(nlp.pipe((doc.text for doc in golds), batch_size=64))
    return preds, time.perf_counter() - wall, time.process_time() - cpu


def parse_scores(nlp: Language, golds: list[Doc], preds: list[Doc]) -> str:
    """LAS/UAS as spaCy scores them (punctuation excluded), plus the tagging accuracies."""
    examples = [Example(pred, gold) for pred, gold in zip(preds, golds, strict=True)]
    scores = Scorer(nlp).score(examples)
    keys = ("dep_las", "dep_uas", "sents_f", "tag_acc", "pos_acc", "morph_acc", "lemma_acc")
    return "  ".join(f"{k}={100 * scores[k]:.1f}" for k in keys if scores.get(k) is not None)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=Path("extract/model"))
    parser.add_argument("--corpus", type=Path, default=Path("corpus/eval"))
    parser.add_argument(
        "--encoder-ner",
        type=Path,
        default=None,
        help="add claimgraph_encoder_ner from this model folder after the model's ner",
    )
    parser.add_argument(
        "--components",
        action="store_true",
        help="add claimgraph's rule components on top (extract.pipeline.add_components): the "
        "names the whole default pipeline gives, not the statistical model's alone",
    )
    args = parser.parse_args(argv)
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # speed on one core
    nlp = spacy.load(args.model)
    if args.encoder_ner:
        import claimgraph.extract.encoder_ner  # noqa: F401  (registers the factory)

        config = {"model_dir": str(args.encoder_ner)}
        nlp.add_pipe("claimgraph_encoder_ner", after="ner", config=config)
        nlp.disable_pipe("ner")  # as extract.load_pipeline does: the encoder's names replace it
    if args.components:
        from claimgraph.extract.pipeline import add_components

        add_components(nlp)
    words, wall, cpu, parse_line = 0, 0.0, 0.0, ""
    print(f"{'split':16} {'label':7} {'gold':>6} {'pred':>6}", end=" ")
    print(f"{'P':>6} {'R':>6} {'F1':>6} lenient-F1")
    for path in sorted(args.corpus.glob("*.spacy")):
        golds = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        preds, wall_s, cpu_s = predict(nlp, golds)
        words, wall, cpu = words + sum(len(d) for d in preds), wall + wall_s, cpu + cpu_s
        if path.stem == PARSE_SPLIT:
            parse_line = f"{PARSE_SPLIT}: " + parse_scores(nlp, golds, preds)
            continue  # same sentences as uner-test; scored there for NER
        print("\n".join(rows(path.stem, count(golds, preds))))
    print(parse_line)
    print(
        f"speed (nlp.pipe, 1 core, {words:,} words): {words / wall:,.0f} words/s wall clock, "
        f"{words / cpu:,.0f} words per CPU second"
    )
    if len(cores) > 1 and args.components:
        # Our components keep Python objects on the Doc (doc._.mentions) that spaCy cannot
        # send between processes; bench/extraction.py times the whole extraction on 2 workers.
        print("speed on all cores: see bench/extraction.py (the components stay in-process)")
    elif len(cores) > 1:
        os.sched_setaffinity(0, cores)
        texts = [
            d.text
            for p in sorted(args.corpus.glob("*.spacy"))
            if p.stem != PARSE_SPLIT
            for d in DocBin().from_disk(p).get_docs(nlp.vocab)
        ]
        start = time.perf_counter()
        counted = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=len(cores)))
        seconds = time.perf_counter() - start
        print(
            f"speed (nlp.pipe n_process={len(cores)}, {len(cores)} cores, {counted:,} words): "
            f"{counted / seconds:,.0f} words/s wall clock"
        )


if __name__ == "__main__":
    main()
