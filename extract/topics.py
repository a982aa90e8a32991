"""Topics: the entities a claim is about, named or referred to in its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import lexicon

if TYPE_CHECKING:
    from .attribution import Attribution
    from .resolution import Cluster


def named_in(
    doc: Doc, content: SpacySpan, attribution: Attribution, by_mention: dict[int, Cluster]
) -> list[Cluster]:
    """Entities named in a claim's words, but not in the aside that names its speaker ("The
    key to its success, says Buser, is …" is not about Buser); and whom a charge in the
    passive accuses ("The party was accused of …" is about the party)."""
    from .clusters import clusters_in

    speaker = attribution.speaker
    if speaker is None or not (content.start <= speaker[0] and speaker[1] <= content.end):
        found = clusters_in(doc, by_mention, content.start, content.end)
    else:
        found = clusters_in(doc, by_mention, content.start, speaker[0])
        found += [
            c for c in clusters_in(doc, by_mention, speaker[1], content.end) if c not in found
        ]
    if attribution.topic is not None:
        found += [c for c in clusters_in(doc, by_mention, *attribution.topic) if c not in found]
    return found


def described(doc: Doc, content: SpacySpan, by_mention: dict[int, Cluster]) -> list[Cluster]:
    """Entities a claim names by description: "the group" -> the group named just before."""
    found: list[Cluster] = []
    table = lexicon.references()
    for token in content:
        reference = table.get(token.lower_)
        if reference is None or token.ent_type_ or not _definite(token):
            continue
        earlier = [
            by_mention[m.start]
            for m in doc._.mentions or []
            if m.start < token.i and m.start in by_mention
        ]
        candidates = [
            c
            for c in earlier
            if c.type == reference.entity_type
            and (reference.name_word is None or reference.name_word in c.name.split())
        ]
        if candidates and candidates[-1] not in found:
            found.append(candidates[-1])
    return found


def _definite(token: Token) -> bool:
    """ "the (terror) group", but not "a group" or "the group's" rivals named separately."""
    i = token.i - 1
    while i >= 0 and token.i - i <= 3 and token.doc[i].lower_ != "the":
        if not token.doc[i].is_alpha or token.doc[i].ent_type_:
            return False
        i -= 1
    return i >= 0 and token.doc[i].lower_ == "the"


_THIRD_PERSON = {"him": "m", "his": "m", "her": "f", "hers": "f"}


def referred(
    doc: Doc, content: SpacySpan, speaker: Cluster | None, by_mention: dict[int, Cluster]
) -> list[Cluster]:
    """The person a claim refers to by "he" or "her": the last person named before the
    pronoun whom its gender does not exclude — none when that is the speaker (who talks of
    themselves: "Smith said he would resign") or when the pronoun opens reported speech of
    a speaker named just before it."""
    found: list[Cluster] = []
    for token in content:
        gender = _THIRD_PERSON.get(token.lower_)
        if gender is None:
            continue
        last = None
        for mention in doc._.mentions or []:
            if mention.start >= token.i:
                break
            cluster = by_mention.get(mention.start)
            if cluster is None or cluster.type != "person":
                continue
            if cluster.genders and gender not in cluster.genders:
                continue
            last = cluster
        if last is not None and last is not speaker and last not in found:
            found.append(last)
    return found
