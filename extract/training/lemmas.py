"""Rule-lemmatizer tables: auxiliaries and closed-class words the stock English tables miss."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.pipeline import Lemmatizer

EXCEPTIONS_FILE = Path(__file__).with_name("lemma_exceptions.json")
CLOSED_CLASSES = ("aux", "pron", "det", "part")


def extend_lemma_tables(nlp: Language, path: Path = EXCEPTIONS_FILE) -> None:
    """Give AUX the verb tables ("is", "has" -> "be", "have": the stock tables have no AUX entry,
    so auxiliaries kept their surface form), add UD-style lemmas for contractions, pronouns and
    determiners ("n't" -> "not", "me" -> "I"), and lower-case the rest of those closed classes
    ("The" -> "the") instead of keeping the surface form."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert isinstance(lemmatizer, Lemmatizer)
    index, exceptions, rules = (
        lemmatizer.lookups.get_table(name) for name in ("lemma_index", "lemma_exc", "lemma_rules")
    )
    index["aux"], exceptions["aux"] = index["verb"], dict(exceptions["verb"])
    extra = json.loads(path.read_text(encoding="utf-8"))
    for pos in CLOSED_CLASSES:
        exceptions[pos] = {**exceptions.get(pos, {}), **extra.get(pos, {})}
        # an empty suffix rule yields the lower-cased word when nothing else applies
        rules[pos] = [*rules.get(pos, rules["verb"] if pos == "aux" else []), ["", ""]]
    lemmatizer.cache = {}
