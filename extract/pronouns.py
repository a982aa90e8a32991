"""Pronouns: whom "he", "she", "they" and "it" at a cue stand for, the nearest one in focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from .clusters import Cluster
    from .mentions import Mention


def resolve_pronoun(
    doc: Doc,
    pronoun: str,
    at: int,
    by_mention: dict[int, Cluster],
    previous: tuple[Cluster, int] | None,
) -> Cluster | None:
    """ "he said": the person most recently in focus — the last one who spoke or was the
    subject of a sentence, whichever came later — whom the pronoun's gender does not exclude."""
    if pronoun in {"they", "we"}:
        return recent_group(doc, at, by_mention, previous)
    if pronoun == "it":
        # "it said" is a body only when one is in focus close by; a report or a statement
        # may as well be what "it" stands for, and then it is no one named.
        return recent_group(doc, at, by_mention, previous, paragraphs=1)
    excluded = {"he": "f", "she": "m"}.get(pronoun)
    focus = None
    reported = reported_tokens(doc)
    for mention in doc._.mentions or []:
        cluster = by_mention.get(mention.start)
        if mention.start >= at or cluster is None or cluster.type != "person":
            continue
        if mention.start in reported:
            continue  # "Vose said that Kell had spent …": Kell is talked about, not talking
        if excluded is not None and excluded in cluster.genders:
            continue
        if is_subject(doc, mention) or focus is None:
            focus = (cluster, mention.start)
    if (
        previous is not None
        and previous[0].type == "person"
        and (focus is None or previous[1] >= focus[1])
        and not (excluded is not None and excluded in previous[0].genders)
    ):
        return previous[0]
    return focus[0] if focus is not None else None


def reported_tokens(doc: Doc) -> frozenset[int]:
    """Tokens inside the content of an attributed statement (worked out once per doc)."""
    cached = doc.user_data.get("claimgraph_reported")
    if cached is None:
        tokens: set[int] = set()
        for attribution in doc._.attributions or []:
            span = doc.char_span(
                attribution.start_char, attribution.end_char, alignment_mode="expand"
            )
            if span is not None:
                tokens.update(range(span.start, span.end))
        cached = doc.user_data["claimgraph_reported"] = frozenset(tokens)
    return frozenset(cached)


def is_subject(doc: Doc, mention: Mention) -> bool:
    root = doc[mention.start : mention.end].root
    head = root
    for _ in range(3):  # "Her son, the director Sam Roe, visited …": appositions of a subject
        if head.dep_ != "appos" or head.head is head:
            break
        head = head.head
    if head is not root and head.dep_.startswith("nsubj"):
        return True  # "The company that runs the show, Acme, denies …"
    return root.dep_.startswith("nsubj") or root.i == doc[root.i].sent.start


def recent_group(
    doc: Doc,
    at: int,
    by_mention: dict[int, Cluster],
    previous: tuple[Cluster, int] | None,
    *,
    paragraphs: int | None = None,
) -> Cluster | None:
    """ "they said", "its spokesman": the organisation most recently in focus — the last one
    that spoke or the last one named, whichever came later. One named only inside reported
    words is talked about, not speaking ('"… block her Netflix special," they said' is not
    Netflix's). `paragraphs`: how many paragraph breaks back it may be."""
    reported = reported_tokens(doc)
    named: list[tuple[Cluster, Mention]] = []
    for mention in doc._.mentions or []:
        if mention.start >= at or mention.label != "ORG" or mention.start in reported:
            continue
        cluster = by_mention.get(mention.start)
        if cluster is not None and cluster.type == "organization":
            named.append((cluster, mention))
    focus: tuple[Cluster, int] | None = None
    if named:
        # The last one named, or the subject of the sentence it is named in ("The company
        # that runs the show, Acme, denies …" is Acme's, not the show's).
        sentence = doc[named[-1][1].start].sent
        same = [(c, m) for c, m in named if doc[m.start].sent == sentence and is_subject(doc, m)]
        cluster, mention = same[-1] if same else named[-1]
        focus = (cluster, mention.start)
    if (
        previous is not None
        and previous[0].type == "organization"
        and (focus is None or previous[1] >= focus[1])
    ):
        focus = previous
    if focus is None or (
        paragraphs is not None and _paragraphs_between(doc, focus[1], at) > paragraphs
    ):
        return None
    return focus[0]


def _paragraphs_between(doc: Doc, start: int, end: int) -> int:
    return sum("\n" in token.text_with_ws for token in doc[start:end])
