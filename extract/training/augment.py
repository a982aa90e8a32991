"""Training-data augmentation: news typography (curly quotes, dashes) on treebank docs only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.training.augment import create_orth_variants_augmenter
from spacy.util import registry

Augmenter = Callable[[Language, Example], Iterator[Example]]


@registry.augmenters("claimgraph.treebank_orth_variants.v1")
def create_treebank_orth_variants(level: float, orth_variants: dict[str, list[dict]]) -> Augmenter:
    """spaCy's orth-variant augmenter, applied only to docs with tags. Its variants are chosen by
    tag anyway, and on an untagged doc (Re-DocRED) it would write an empty morphology that the
    morphologizer then learns as a POS-less label."""
    augment = create_orth_variants_augmenter(level=level, lower=0.0, orth_variants=orth_variants)

    def augmenter(nlp: Language, example: Example) -> Iterator[Example]:
        if example.reference.has_annotation("TAG"):
            yield from augment(nlp, example)
        else:
            yield example

    return augmenter
