"""Repeats: one claim per statement, its headline, bullet and caption copies as occurrences."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .schema import Claim, Span


@lru_cache(maxsize=4096)
def _normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def merge_repeats(claims: list[Claim]) -> list[Claim]:
    """One claim per statement: the headline, bullet and caption copies become occurrences.

    The fullest copy is kept (the body usually quotes in full what a bullet abridges).
    """
    kept: list[Claim] = []
    # The copies merged into each kept claim: a bullet may restate the body's first telling
    # ("… posed a risk to the UK") rather than the fuller one it was merged into.
    copies: list[list[Claim]] = []
    # Kept claims by the stems of their content words (and their copies'): a copy shares most
    # of its content words with the claim it repeats, so only claims holding one of its
    # rarest stems can be its twin (comparing every claim with every other was quadratic).
    by_stem: dict[str, list[int]] = {}
    for claim in sorted(claims, key=lambda c: -len(c.text)):
        index = next(
            (
                i
                for i in _twin_candidates(claim, kept, by_stem)
                if any(_repeats(claim, told) for told in (kept[i], *copies[i]))
            ),
            None,
        )
        if index is None:
            index = len(kept)
            kept.append(claim)
            copies.append([])
        else:
            _merge(kept[index], claim)
            copies[index].append(claim)
        for stem in _stems(claim.text):
            holders = by_stem.setdefault(stem, [])
            if index not in holders:
                holders.append(index)
    for claim in kept:
        claim.occurrences.insert(0, Span(start_char=claim.start_char, end_char=claim.end_char))
        claim.occurrences.sort(key=lambda s: s.start_char)
    return sorted(kept, key=lambda c: c.start_char)


def _merge(twin: Claim, copy: Claim) -> None:
    twin.occurrences.append(Span(start_char=copy.start_char, end_char=copy.end_char))
    if twin.speaker is None and copy.speaker is not None:
        twin.speaker, twin.speaker_text = copy.speaker, copy.speaker_text


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _normalised(text).split() if w not in _FUNCTION_WORDS}


def _twin_candidates(claim: Claim, kept: list[Claim], by_stem: dict[str, list[int]]) -> list[int]:
    """Indexes of the kept claims that `_repeats` could find `claim` a copy of, in order."""
    text = _normalised(claim.text)
    sequence = text.split()
    words = {w for w in sequence if w not in _FUNCTION_WORDS}

    def rarest(stems: set[str]) -> list[str]:
        return sorted(stems, key=lambda stem: (len(by_stem.get(stem, ())), stem))

    found: set[int] = set()
    if len(text) >= 25:
        # A copy inside a longer claim: its inner words (the first and last may be parts of
        # words) are words of that claim, so the twin holds the rarest of their stems.
        inner = {w[:5] for w in sequence[1:-1] if w not in _FUNCTION_WORDS}
        if not inner:
            return list(range(len(kept)))
        found.update(by_stem.get(rarest(inner)[0], ()))
    if len(words) >= 5:
        # A twin shares 80% of the words, so it holds one of any int(20%) + 1 of their stems.
        needed = len(words) - math.ceil(0.8 * len(words)) + 1
        for stem in rarest({w[:5] for w in words})[:needed]:
            found.update(by_stem.get(stem, ()))
    return sorted(found)


_FUNCTION_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "and",
    "or",
    "that",
    "is",
    "was",
    "were",
    "be",
    "been",
    "it",
    "its",
    "for",
    "with",
    "by",
    "as",
    "has",
    "had",
    "have",
    "will",
    "would",
}


def _repeats(shorter: Claim, longer: Claim) -> bool:
    """Whether `shorter` restates `longer`: a headline, bullet or caption copy of it.

    Copies are abridged and re-tensed ("poses a risk" / "posed a risk"), so the test is that
    nearly all the shorter claim's content words recur in the longer one, not string equality.
    """
    if shorter.speaker and longer.speaker and shorter.speaker != longer.speaker:
        return False
    if _quoted(shorter) != _quoted(longer):
        # A lede's paraphrase ("X warned that the government "will not sit on its hands"")
        # and the full quote further down are two tellings in the body, each a claim; a
        # headline, bullet or caption copy is told as the body tells it.
        return False
    text = _normalised(shorter.text)
    if len(text) >= 25 and text in _normalised(longer.text):
        return True
    words = {w for w in text.split() if w not in _FUNCTION_WORDS}
    other = {w for w in _normalised(longer.text).split() if w not in _FUNCTION_WORDS}
    stems = {w[:5] for w in other}
    if len(words) < 5:
        return False
    shared = sum(1 for w in words if w in other or w[:5] in stems)
    return shared / len(words) >= 0.8


def _quoted(claim: Claim) -> bool:
    """Whether a claim is a quotation in full, rather than a paraphrase or a quoted phrase."""
    return claim.kind == "direct"
