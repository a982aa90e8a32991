"""Convert the annotated corpora into spaCy DocBins: train, dev and one file per held-out split."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.tokens import DocBin

from claimgraph.extract.training.conllu import read_conllu, read_ewt_train
from claimgraph.extract.training.gum import add_named_entities
from claimgraph.extract.training.ner_sources import (
    collect_demonyms,
    join_uner,
    read_redocred,
    read_tweets,
    training_tweets,
)
from claimgraph.extract.training.sentences import (
    Sentence,
    chunk_by_document,
    load_titles,
    strip_titles,
    to_doc,
)

GUM_NEWS_PREFIX = "GUM_news_"


def gum_splits(gum_dir: Path) -> dict[str, str]:
    """Document name -> split ("dev", "test", "test2") from splits.md; the rest is train."""
    split, names = "", {}
    for line in (gum_dir / "splits.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            split = line[3:].strip()
        elif line.strip().startswith("* ") and split:
            names[line.strip()[2:].strip()] = split
    return names


def read_gum(gum_dir: Path) -> dict[str, list[list[Sentence]]]:
    """GUM documents by split, each document a list of sentences with named entities set."""
    splits = gum_splits(gum_dir)
    documents: dict[str, list[list[Sentence]]] = {"train": [], "dev": [], "test": [], "news": []}
    for path in sorted(gum_dir.glob("GUM_*.conllu")):
        document = list(add_named_entities(read_conllu(path)))
        split = splits.get(path.stem, "train")
        documents.setdefault(split, []).append(document)
        if split != "train" and path.stem.startswith(GUM_NEWS_PREFIX):
            documents["news"].append(document)
    return documents


def read_ewt(corpora: Path, split: str) -> list[Sentence]:
    """UD EWT trees of one split with UNER's entities for the same sentences."""
    ewt, uner = corpora / "ud-english-ewt", corpora / "uner-english-ewt"
    trees = (
        read_ewt_train(ewt) if split == "train" else read_conllu(ewt / f"en_ewt-ud-{split}.conllu")
    )
    return list(join_uner(trees, uner / f"en_ewt-ud-{split}.iob2"))


def build(corpora: Path) -> dict[str, list[Sentence]]:
    """Every output file's sentences, in document order."""
    ewt_train, ewt_test = read_ewt(corpora, "train"), read_ewt(corpora, "test")
    gum = {
        name: [s for doc in docs for s in doc] for name, docs in read_gum(corpora / "gum").items()
    }
    demonyms = collect_demonyms(ewt_train + gum["train"])
    redocred = corpora / "re-docred"
    redocred_train = list(read_redocred(redocred / "dev_revised.json", demonyms))
    return {
        "train": ewt_train + gum["train"] + redocred_train,
        # Tweets train the encoder NER only, sampled (extract.training.encoder_ner --social-rate):
        # they add names of companies, bands and teams, but not trees or news habits.
        "train-social": [s for found in training_tweets(corpora).values() for s in found],
        "dev": read_ewt(corpora, "dev"),
        "eval/uner-test": ewt_test,
        "eval/ewt-test": ewt_test,
        "eval/gum-dev": gum["dev"],
        "eval/gum-test": gum["test"],
        "eval/gum-news": gum["news"],
        "eval/redocred-test": list(read_redocred(redocred / "test_revised.json", demonyms)),
        "eval/wnut17-test": list(read_tweets(corpora / "wnut17" / "emerging.test.annotated")),
        "eval/btc": list(read_tweets(corpora / "broad-twitter-corpus" / "h.conll")),
    }


def write_docbin(sentences: Iterable[Sentence], path: Path, per_doc: int) -> dict[str, int]:
    """Write one DocBin; returns counts for the conversion report."""
    nlp = spacy.blank("en")
    docbin = DocBin(store_user_data=False)
    counts: Counter[str] = Counter()
    for chunk in chunk_by_document(sentences, per_doc):
        doc = to_doc(nlp.vocab, chunk)
        docbin.add(doc)
        counts.update(docs=1, sentences=len(chunk), words=len(doc))
        counts.update(ent.label_ for ent in doc.ents)
        counts.update(parsed_words=len(doc) if doc.has_annotation("DEP") else 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    docbin.to_disk(path)
    return dict(counts)


def convert(corpora: Path, out: Path, per_doc: int = 10) -> dict[str, dict[str, int]]:
    titles = load_titles()
    report = {}
    for name, sentences in build(corpora).items():
        normalised = [strip_titles(s, titles) for s in sentences]
        report[name] = write_docbin(normalised, out / f"{name}.spacy", per_doc)
        print(f"{name:20} {report[name]}", flush=True)
    (out / "stats.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, required=True, help="folder of the corpora")
    parser.add_argument("--out", type=Path, default=Path("corpus"), help="output folder")
    parser.add_argument("--sentences-per-doc", type=int, default=10)
    args = parser.parse_args(argv)
    convert(args.corpora, args.out, args.sentences_per_doc)


if __name__ == "__main__":
    main()
