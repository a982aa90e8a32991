"""Topics: the entities a claim is about, named or referred to in its words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import lexicon
from .bodies import introduced_as

if TYPE_CHECKING:
    from .attribution import Attribution
    from .mentions import Mention
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
    """Entities a claim names by description: "the group" -> the group named just before, or
    the one the article introduced by that noun ("Acme, a software company," is "the
    company" whatever other body was named since, as a reader takes it)."""
    found: list[Cluster] = []
    table = lexicon.references()
    for token in content:
        reference = table.get(token.lower_)
        if reference is None or token.ent_type_ or not _definite(token):
            continue
        introduced = [
            c for noun, c in introduced_as(doc, by_mention, token.i) if noun == token.lower_
        ]
        cluster = introduced[-1] if introduced else _last_of_kind(doc, token, reference, by_mention)
        if cluster is not None and cluster not in found:
            found.append(cluster)
    return found


def _last_of_kind(
    doc: Doc, token: Token, reference: lexicon.Reference, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """The last entity named before `token` of the kind its noun names (whose name holds the
    noun's name word, if it has one: "the airport" is the last "… Airport"); one whose name
    holds the noun itself first ("the agency" is the "… Agency" named before a company)."""
    found = named = None
    word = token.lower_.title()
    for mention in doc._.mentions or []:
        if mention.start >= token.i:
            break
        cluster = by_mention.get(mention.start)
        if cluster is None or cluster.type != reference.entity_type:
            continue
        if reference.name_word is not None and reference.name_word not in cluster.name.split():
            continue
        if token.lower_ in _BUSINESSES and cluster.name.split()[-1].lower() in _PUBLIC_HEADS:
            continue  # "the company" is no White House, ministry or council
        if not _outlet(doc, mention, cluster):
            found = cluster
            if word in cluster.name.split() and token.lower_ not in _LOOSE_NAME_WORDS:
                named = cluster
    return named or found


# Nouns that many names end in whatever they are ("Marrowby Group" is a company, "European Union"
# no trade union): their name proves nothing.
_LOOSE_NAME_WORDS = frozenset({"group", "union"})

# Descriptions of a business, and the last words of public bodies' names, which no business is.
_BUSINESSES = frozenset({"company", "firm", "airline", "carmaker", "retailer", "insurer"})
_PUBLIC_HEADS = frozenset(
    {"house", "ministry", "department", "council", "agency", "office", "committee", "court"}
    | {"commission", "parliament", "senate", "congress", "police", "army", "navy", "party"}
    | {"government", "administration", "assembly", "authority", "service", "union"}
)


def _outlet(doc: Doc, mention: Mention, cluster: Cluster) -> bool:
    """ "…, he told Reuters": an organisation named once, as all of whom a statement was made
    to, is the outlet that carried it, not an actor of the story that a later "the group"
    or "the fund" can stand for."""
    return len(cluster.mentions) == 1 and mention.start in _addressed(doc)


def _addressed(doc: Doc) -> frozenset[int]:
    """Tokens of the words naming whom statements were made to (worked out once per doc)."""
    cached = doc.user_data.get("claimgraph_addressed")
    if cached is None:
        cached = doc.user_data["claimgraph_addressed"] = frozenset(
            i
            for attribution in doc._.attributions or []
            if attribution.addressee is not None
            for i in range(*attribution.addressee)
        )
    return frozenset(cached)


# Determiners that make a description point back ("the council", "this council"). Not "that",
# which as often opens a clause ("warned that police …").
_DEFINITE = frozenset({"the", "this"})


def _definite(token: Token) -> bool:
    """ "the (terror) group", "this council"; not "a group", not "the group's" rivals named
    separately, nor a noun that only qualifies another ("the airline industry") or counts it
    ("the group of diseases", "the town of Castrel"; but "accused the company of hiding" is
    the company)."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if token.dep_ == "compound" or (after is not None and after.pos_ in {"NOUN", "PROPN"}):
        return False
    counted = after is not None and after.lower_ == "of" and token.i + 2 < len(doc)
    if counted and doc[token.i + 2].tag_ != "VBG":
        return False
    for before in reversed(doc[max(token.i - 3, 0) : token.i]):
        if before.lower_ in _DEFINITE:
            return True
        if not before.is_alpha or before.ent_type_:
            return False
    return False


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
