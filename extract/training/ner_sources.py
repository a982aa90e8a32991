"""NER-only corpora: UNER (joined onto UD EWT trees), BTC, WNUT-17 and Re-DocRED."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimgraph.extract.training.sentences import (
    Sentence,
    Span,
    guess_spaces,
    iob_to_spans,
    map_label,
)

IobSentence = tuple[str, list[str], list[str]]  # sent_id, tokens, IOB tags


def read_iob(path: Path) -> Iterator[IobSentence]:
    """Token-per-line NER files: UNER's iob2 (id, token, tag, ...) or CoNLL (token, tag)."""
    sent_id, tokens, tags = "", list[str](), list[str]()
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            if line.startswith("# ") or (len(cols) == 1 and line.startswith("#")):
                continue
            if not line.strip():
                if tokens:
                    yield sent_id, tokens, tags
                sent_id, tokens, tags = "", [], []
                continue
            token, tag = (cols[1], cols[2]) if cols[0].isdigit() and len(cols) >= 3 else cols[:2]
            if not token.strip():
                continue  # BTC has a few blank tokens (lost emoji); a Doc cannot hold them
            tokens.append(token)
            tags.append(tag.strip() or "O")
    if tokens:
        yield sent_id, tokens, tags


def _char_spans(words: list[str]) -> list[tuple[int, int]]:
    spans, offset = [], 0
    for word in words:
        spans.append((offset, offset + len(word)))
        offset += len(word)
    return spans


def transfer_spans(src: list[str], spans: list[Span], dst: list[str]) -> list[Span] | None:
    """Move entity spans between two tokenisations of the same characters (whitespace ignored).
    None when the characters differ or a span boundary falls inside a target word."""
    if "".join(src) != "".join(dst):
        return None
    src_chars, dst_chars = _char_spans(src), _char_spans(dst)
    starts = {s: i for i, (s, _) in enumerate(dst_chars)}
    ends = {e: i + 1 for i, (_, e) in enumerate(dst_chars)}
    moved: list[Span] = []
    for start, end, label in spans:
        first, last = src_chars[start][0], src_chars[end - 1][1]
        if first not in starts or last not in ends:
            return None
        moved.append((starts[first], ends[last], label))
    return moved


def join_uner(trees: Iterable[Sentence], uner_path: Path) -> Iterator[Sentence]:
    """UD EWT sentences carrying UNER's entities, joined by sent_id (UNER annotates the same
    sentences). A sentence whose words cannot be aligned keeps its tree and loses NER (missing)."""
    uner = {sid: (tokens, iob_to_spans(tags)) for sid, tokens, tags in read_iob(uner_path)}
    for sentence in trees:
        tokens, spans = uner.get(sentence.sent_id, ([], []))
        moved = transfer_spans(tokens, spans, sentence.words) if tokens else None
        if moved is None:
            sentence.has_ner = False
        else:
            sentence.ents = moved
        yield sentence


def read_tweets(path: Path) -> Iterator[Sentence]:
    """BTC / WNUT-17 posts. A lone "@" or "#" tagged as an entity (BTC splits "@user" into two
    entity tokens) names nothing, so it is dropped."""
    for sent_id, tokens, tags in read_iob(path):
        spans = [
            (s, e, label)
            for s, e, label in iob_to_spans(tags)
            if not (e - s == 1 and tokens[s] in ("@", "#"))
        ]
        yield Sentence(tokens, guess_spaces(tokens), sent_id=sent_id, doc_id=path.name, ents=spans)


# BTC section h and the WNUT-17 test set are held out (eval/btc, eval/wnut17-test).
BTC_TRAIN_SECTIONS = ("a", "b", "e", "f", "g")


def training_tweets(corpora: Path) -> dict[str, list[Sentence]]:
    """The tweets that may train a model, by source: WNUT-17 train and dev, BTC a, b, e, f, g."""
    btc = corpora / "broad-twitter-corpus"
    return {
        "wnut17-train": list(read_tweets(corpora / "wnut17" / "wnut17train.conll")),
        "wnut17-dev": list(read_tweets(corpora / "wnut17" / "emerging.dev.conll")),
        **{f"btc-{part}": list(read_tweets(btc / f"{part}.conll")) for part in BTC_TRAIN_SECTIONS},
    }


_ARTICLES = {"the", "The"}
_DEMONYM_SUFFIX = re.compile(r"[A-Z][a-z]+(?:ian|ean|ish|ese)$")
# Demonyms no suffix rule catches and too rare mid-sentence in the treebanks to be collected.
_IRREGULAR_DEMONYMS = {"Greek", "Dutch", "French", "Czech", "Soviet", "Thai", "Swiss", "Welsh"}


def _is_demonym(words: list[str], start: int, end: int, demonyms: set[str]) -> bool:
    """Nationality words ("American", "South Korean") that Re-DocRED tags LOC are NORP, not
    places. "the Caribbean" used as a noun (article before, no noun after) is a place."""
    last = words[end - 1]
    if last not in demonyms | _IRREGULAR_DEMONYMS and not _DEMONYM_SUFFIX.match(last):
        return False
    modifies_noun = end < len(words) and words[end][:1].islower()
    used_as_noun = start > 0 and words[start - 1] in _ARTICLES and not modifies_noun
    return not used_as_noun


def _redocred_spans(words: list[str], mentions: list[dict], demonyms: set[str]) -> list[Span]:
    spans: list[Span] = []
    for mention in mentions:
        label = map_label(mention["type"])
        start, end = mention["pos"]
        if words[start] in _ARTICLES and end - start > 1:
            start += 1  # Re-DocRED often includes "the"; our entities never do
        if label is None or (label == "PLACE" and _is_demonym(words, start, end, demonyms)):
            continue
        spans.append((start, end, label))
    return longest_first(spans)


def longest_first(spans: list[Span]) -> list[Span]:
    """Non-overlapping spans, preferring the longer (outer) one where mentions overlap."""
    taken: set[int] = set()
    kept: list[Span] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if taken.isdisjoint(range(start, end)):
            taken.update(range(start, end))
            kept.append((start, end, label))
    return sorted(kept)


def read_redocred(path: Path, demonyms: set[str]) -> Iterator[Sentence]:
    """Re-DocRED documents: token lists and entity mentions, no trees (parse left missing)."""
    for number, document in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        by_sentence: dict[int, list[dict]] = {}
        for vertex in document["vertexSet"]:
            for mention in vertex:
                by_sentence.setdefault(mention["sent_id"], []).append(mention)
        for i, words in enumerate(document["sents"]):
            yield Sentence(
                words=list(words),
                spaces=guess_spaces(words),
                sent_id=f"{path.stem}-{number}-{i}",
                doc_id=f"{path.stem}-{number}",
                ents=_redocred_spans(words, by_sentence.get(i, []), demonyms),
            )


def collect_demonyms(sentences: Iterable[Sentence]) -> set[str]:
    """Capitalised words the UD treebanks tag as adjectives mid-sentence: "American", "Iraqi"."""
    found: set[str] = set()
    for sentence in sentences:
        for i, (word, tag) in enumerate(zip(sentence.words, sentence.tags or [], strict=False)):
            if i and tag == "JJ" and word[:1].isupper() and word[1:].islower():
                found.add(word)
    return found
