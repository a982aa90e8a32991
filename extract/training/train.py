"""Rebuild the shipped pipeline: convert the corpora, train, copy model-best into extract/model."""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path

import spacy
from spacy.cli.train import train as spacy_train
from spacy.util import load_config

from claimgraph.extract.training import augment  # noqa: F401  (registers the config's augmenter)
from claimgraph.extract.training.convert import convert
from claimgraph.extract.training.lemmas import extend_lemma_tables

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
SHIPPED = HERE.parent / "model"
STEPS = ("convert", "train", "package")
TRAINED_ON = [
    {"name": "UD English EWT + UNER English EWT", "license": "CC BY-SA 4.0"},
    {"name": "GUM (bio, interview, news, voyage; train split)", "license": "CC BY 4.0"},
    {"name": "Re-DocRED (dev set)", "license": "MIT"},
]


def train(corpus: Path, output: Path, overrides: dict[str, object]) -> None:
    """`spacy train` on the converted corpus; spaCy writes model-best and model-last."""
    settings = {"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")}
    settings["paths.orth_variants"] = str(HERE / "orth_variants.json")
    spacy_train(CONFIG, output, use_gpu=-1, overrides={**settings, **overrides})


def package(best: Path, target: Path, version: str = "0.1.0") -> None:
    """Copy a trained pipeline to `target` as the shipped model: what spacy.load needs, the
    extended lemma tables, a meta.json with the dev-set performance (lemma_acc predates the
    table extension) and the corpora it learnt from, and a config whose training-only
    references (corpus paths, the augmenter) are cleared."""
    nlp = spacy.load(best)
    extend_lemma_tables(nlp)
    nlp.meta.update(
        name="claimgraph_en",
        version=version,
        description="claimgraph's English pipeline: tagger, morphologizer, parser, "
        "rule lemmatizer and PERSON/ORG/PLACE NER, trained without word vectors",
        license="CC BY-SA 4.0",
        sources=TRAINED_ON,
        spacy_version=">=3.8.0,<3.9.0",  # any 3.8 runs it; the default pins the patch release
    )
    staging = target.with_name(target.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    nlp.to_disk(staging)
    config = load_config(staging / "config.cfg")
    config["paths"].update(train=None, dev=None, orth_variants=None)
    config["corpora"]["train"]["augmenter"] = None
    config.to_disk(staging / "config.cfg")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    performance = nlp.meta.get("performance", {})
    headline = {k: v for k, v in performance.items() if isinstance(v, float)}
    print(f"packaged {best} -> {target}: {json.dumps(headline)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", type=Path, default=Path("../shared/corpora"))
    parser.add_argument("--corpus", type=Path, default=Path("corpus"), help="converted DocBins")
    parser.add_argument("--output", type=Path, default=Path("training-output"))
    parser.add_argument("--model", type=Path, default=SHIPPED, help="where the model ships")
    parser.add_argument("--steps", default=",".join(STEPS), help="any of " + ",".join(STEPS))
    parser.add_argument("--max-steps", type=int, help="override training.max_steps")
    args = parser.parse_args(argv)
    steps = set(args.steps.split(","))
    started = time.monotonic()
    if "convert" in steps:
        convert(args.corpora, args.corpus)
    if "train" in steps:
        overrides = {"training.max_steps": args.max_steps} if args.max_steps else {}
        train(args.corpus, args.output, overrides)
    if "package" in steps:
        package(args.output / "model-best", args.model)
    print(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
