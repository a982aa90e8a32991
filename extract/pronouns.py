"""Pronouns: whom "he", "she", "they" and "it" at a cue stand for, the nearest one in focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .frames import source_noun

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
        group = recent_group(doc, at, by_mention, previous)
        if group is None or _unnamed_group_since(doc, at, group):
            return None
        return group
    if pronoun == "it":
        # "it said" is a body only when one is in focus close by; a report or a statement
        # may as well be what "it" stands for, and then it is no one named.
        # (An organisation only named in passing, "of the AMAs", is not what "it" is.)
        return recent_group(doc, at, by_mention, previous, paragraphs=1, in_passing=False)
    excluded = {"he": "f", "she": "m"}.get(pronoun)
    focus = None
    reported = reported_tokens(doc)
    same = _in_same_sentence(doc, at, by_mention, excluded, reported)
    if same is not None:
        return same
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


def _in_same_sentence(
    doc: Doc,
    at: int,
    by_mention: dict[int, Cluster],
    excluded: str | None,
    reported: frozenset[int],
) -> Cluster | None:
    """ "The campaign did not appeal to Julie Graham, a health officer; she said …": a person
    the pronoun's own sentence named before it, its subject first, over a speaker of an
    earlier sentence. None when two different people would fit."""
    start = doc[at].sent.start
    fits: list[tuple[Cluster, bool]] = []
    for mention in doc._.mentions or []:
        if mention.start >= at:
            break
        cluster = by_mention.get(mention.start)
        if mention.start < start or cluster is None or cluster.type != "person":
            continue
        if mention.start in reported or (excluded is not None and excluded in cluster.genders):
            continue
        fits.append((cluster, is_subject(doc, mention)))
    subjects = {c.id: c for c, subject in fits if subject}
    if len(subjects) == 1:
        return next(iter(subjects.values()))
    people = {c.id: c for c, _ in fits}
    return next(iter(people.values())) if len(people) == 1 and not subjects else None


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
    in_passing: bool = True,
) -> Cluster | None:
    """ "they said", "its spokesman": the organisation most recently in focus — the last one
    that spoke or the last one named, whichever came later. One named only inside reported
    words is talked about, not speaking ('"… block her Netflix special," they said' is not
    Netflix's). `paragraphs`: how many paragraph breaks back it may be; `in_passing`: whether
    an organisation named only inside another noun's phrase ("the organisers of the AMAs")
    may be in focus."""
    reported = reported_tokens(doc)
    named: list[tuple[Cluster, Mention]] = []
    asides = _speaker_asides(doc)
    for mention in doc._.mentions or []:
        if mention.start >= at or mention.label != "ORG" or mention.start in reported:
            continue
        if mention.start in asides:
            continue  # "Ann Lee, a fellow at the Acme Institute, said": Lee's, not in focus
        if not in_passing and _in_passing(doc, mention):
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


def _speaker_asides(doc: Doc) -> frozenset[int]:
    """Tokens of the words naming a speaker after their first comma ("Ann Lee, a fellow at
    the Acme Institute"): a body named there describes the speaker, it does not speak (one
    named before it does: "the Electoral Commission, which regulates …")."""
    cached = doc.user_data.get("claimgraph_speaker_asides")
    if cached is None:
        cached = frozenset(
            i
            for attribution in doc._.attributions or []
            if attribution.speaker is not None
            for i in range(_first_comma(doc, *attribution.speaker), attribution.speaker[1])
        )
        doc.user_data["claimgraph_speaker_asides"] = cached
    return frozenset(cached)


# Words that stand as the subject for a number of people nobody names ("many say", "others").
_UNNAMED_MANY = frozenset({"many", "some", "others", "more", "most", "few", "several", "both"})


def _unnamed_group_since(doc: Doc, at: int, group: Cluster) -> bool:
    """ "Analysts expect … They say …": the nearest subject a "they" can stand for is a group
    of people the article does not name (a plural common noun, "many", "others") or several
    named together ("Smith and Jones"), not the
    organisation named before it. Looked for between that organisation's last mention and the
    pronoun, in the same or the previous paragraph, outside reported words."""
    since = max((m.start for m in group.mentions if m.start < at), default=-1)
    reported = reported_tokens(doc)
    named = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    for token in reversed(doc[since + 1 : at]):
        if _paragraphs_between(doc, token.i, at) > 1:
            return False
        if token.i in reported or token.i in named:
            continue
        if not token.dep_.startswith("nsubj"):
            # "… got the attention of two Democratic politicians: … They criticised": people
            # named by a plural noun anywhere since may as well be "they" (no guess then).
            if token.tag_ == "NNS" and not token.ent_type_ and source_noun(token.lower_):
                return True
            continue
        if token.tag_ == "NNS" and not token.ent_type_:
            return True
        if any(child.dep_ == "conj" for child in token.children):
            return True  # "he and his wife Kali explained … they said": the two of them
        if token.lower_ in _UNNAMED_MANY and not any(c.pos_ == "NOUN" for c in token.children):
            return True
    return False


def _first_comma(doc: Doc, start: int, end: int) -> int:
    return next((i for i in range(start, end) if doc[i].text == ","), end)


def _in_passing(doc: Doc, mention: Mention) -> bool:
    """Whether a name only qualifies another noun ("the organisers of the AMAs", "Acme's
    lawyers"), rather than standing as a participant of its clause."""
    return doc[mention.start : mention.end].root.dep_ in {"nmod", "nmod:poss", "poss"}
