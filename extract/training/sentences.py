"""The corpus-neutral sentence record every reader produces, and its conversion to spaCy Docs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

# Source labels -> ours. Anything absent (MISC, OTH, TIME, NUM, product, creative-work, event,
# abstract, ...) is outside our three types and becomes O.
LABEL_MAP: dict[str, str] = {
    "per": "PERSON",
    "person": "PERSON",
    "org": "ORG",
    "organization": "ORG",
    "corporation": "ORG",
    # WNUT-17 "group" is mostly bands, teams and companies' collectives: ORG in OntoNotes terms.
    "group": "ORG",
    "loc": "PLACE",
    "gpe": "PLACE",
    "fac": "PLACE",
    "place": "PLACE",
    "location": "PLACE",
    "facility": "PLACE",
}

TITLES_FILE = Path(__file__).with_name("titles.txt")

Span = tuple[int, int, str]  # token start, token end (exclusive), our label


@dataclass
class Sentence:
    """One sentence of any corpus: words plus whatever layers that corpus annotates."""

    words: list[str]
    spaces: list[bool]
    sent_id: str = ""
    doc_id: str = ""
    tags: list[str] | None = None
    pos: list[str] | None = None
    morphs: list[str] | None = None
    lemmas: list[str] | None = None
    heads: list[int] | None = None  # 0-based within the sentence; a root points to itself
    deps: list[str] | None = None
    misc: list[str] | None = None
    ents: list[Span] = field(default_factory=list)
    # Token ranges whose NER annotation is unknown (left missing, neither entity nor O).
    unknown: list[tuple[int, int]] = field(default_factory=list)
    has_ner: bool = True


def map_label(label: str) -> str | None:
    """Our label for a corpus label, or None when the type is not one we extract."""
    return LABEL_MAP.get(label.lower())


def iob_to_spans(labels: list[str]) -> list[Span]:
    """Spans from IOB2 tags, mapped to our labels; stray I- tags open a span, as conlleval does."""
    spans: list[Span] = []
    start, current = -1, ""
    for i, tag in enumerate([*labels, "O"]):
        prefix, _, kind = tag.partition("-")
        kind = kind if prefix in ("B", "I") and kind not in ("", "O") else ""
        if current and (prefix != "I" or kind != current):
            mapped = map_label(current)
            if mapped:
                spans.append((start, i, mapped))
            current = ""
        if kind and not current:
            start, current = i, kind
    return spans


_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]+|'s|'S|n't|N'T|'re|'ve|'ll|'d|'m|’s)$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{$#@]$")


def guess_spaces(words: list[str]) -> list[bool]:
    """Whitespace for corpora that only give token lists: the usual English detokenisation."""
    spaces = [True] * len(words)
    for i, word in enumerate(words):
        if _NO_SPACE_AFTER.match(word):
            spaces[i] = False
        if i and _NO_SPACE_BEFORE.match(word):
            spaces[i - 1] = False
    return spaces


def strip_titles(sentence: Sentence, titles: frozenset[str]) -> Sentence:
    """Drop honorifics and titles from the front of PERSON spans ("Sheikh", "Professor"), the
    convention of UNER that news rules rely on (the title is a role, not part of the name)."""
    spans: list[Span] = []
    for start, end, label in sentence.ents:
        while label == "PERSON" and end - start > 1 and bare(sentence.words[start]) in titles:
            start += 1
        spans.append((start, end, label))
    sentence.ents = spans
    return sentence


def bare(word: str) -> str:
    """A word as titles.txt lists it: lower case, no trailing full stop ("Dr." -> "dr")."""
    return word.lower().rstrip(".")


@cache
def load_titles(path: Path = TITLES_FILE) -> frozenset[str]:
    """The honorifics and job titles that precede names (titles.txt), read once."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def chunk_by_document(sentences: Iterable[Sentence], size: int) -> Iterator[list[Sentence]]:
    """Consecutive sentences of one document, `size` at a time, so docs span sentence breaks."""
    chunk: list[Sentence] = []
    for sentence in sentences:
        if chunk and (len(chunk) >= size or sentence.doc_id != chunk[0].doc_id):
            yield chunk
            chunk = []
        chunk.append(sentence)
    if chunk:
        yield chunk


def _iob(sentence: Sentence) -> list[str]:
    if not sentence.has_ner:
        return [""] * len(sentence.words)
    tags = ["O"] * len(sentence.words)
    for start, end in sentence.unknown:
        tags[start:end] = [""] * (end - start)
    for start, end, label in sentence.ents:
        tags[start:end] = [f"B-{label}"] + [f"I-{label}"] * (end - start - 1)
    return tags


def _layer(sentences: list[Sentence], name: str) -> list[str] | None:
    values = [getattr(s, name) for s in sentences]
    if any(v is None for v in values):
        return None
    return [item for v in values for item in v]


def to_doc(vocab: Vocab, sentences: list[Sentence]) -> Doc:
    """One Doc from consecutive sentences. Layers a sentence lacks stay unannotated (missing)."""
    words = [w for s in sentences for w in s.words]
    spaces = [sp for s in sentences for sp in s.spaces]
    if spaces:
        spaces[-1] = False
    heads: list[int] | None = None
    sent_starts: list[bool | int | None] | None = None
    if all(s.heads is not None for s in sentences):
        heads, offset = [], 0
        for s in sentences:
            heads.extend(h + offset for h in s.heads or [])
            offset += len(s.words)
    else:
        sent_starts = [i == 0 for s in sentences for i in range(len(s.words))]
    ents = None
    if any(s.has_ner for s in sentences):
        ents = [tag for s in sentences for tag in _iob(s)]
    return Doc(
        vocab,
        words=words,
        spaces=spaces,
        tags=_layer(sentences, "tags"),
        pos=_layer(sentences, "pos"),
        morphs=_layer(sentences, "morphs"),
        lemmas=_layer(sentences, "lemmas"),
        heads=heads,
        deps=_layer(sentences, "deps") if heads is not None else None,
        sent_starts=sent_starts,
        ents=ents,
    )
