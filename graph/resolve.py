"""Cross-article entity resolution: which of an article's entities are ones the graph already
holds, on what evidence.

A wrong merge puts one person's words in another's mouth; a split only makes a reader search
twice. So the resolver applies a merge only on proof (the same full name once titles are
dropped; an alias the article itself gives; a variant of a name, such as a short form,
nickname, initial or transliteration, corroborated by context) and turns what is plausible but
not proven into a *proposal* that a person accepts or rejects. A surname alone never merges
people across articles: it is proposed, with the evidence for each candidate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from claimgraph.extract.schema import Article, EntityRef, slug
from claimgraph.graph.build import (
    SPLITS,
    canonical,
    entity_records,
    is_entity,
    local_ids,
)
from claimgraph.graph.evidence import Context
from claimgraph.graph.names import (
    PERSON_TITLES,
    core_name,
    given_variant,
    initials,
    is_acronym,
    is_single_name,
    lone_word,
    name_parts,
    royal_styles,
    short_forms,
    spelling_key,
)
from claimgraph.graph.store import APPLIED, PROPOSED, MergeProposal

__all__ = [
    "PERSON_TITLES",
    "Context",
    "NameIndex",
    "core_name",
    "merged_ids",
    "name_keys",
    "propose_merges",
]

IndexKey = tuple[str, str, str]  # (entity type, field, normalised value)
# How much context a variant of a name needs before it merges on its own (a shared role or
# affiliation does it; so do several people and organisations named beside both).
VARIANT_NEEDS = 0.4
MAX_PROPOSALS = 3  # candidates proposed for one surname: the best supported


def name_keys(data: dict[str, Any]) -> set[IndexKey]:
    """The keys an entity node is found by: its name, its aliases, and for people the surname
    (as written and as a spelling key) or, for a one-word name or a royal style, that word."""
    entity_type = data["type"]
    core = core_name(data["name"], entity_type)
    keys = {(entity_type, "name", core)}
    keys |= {(entity_type, "alias", core_name(alias, entity_type)) for alias in data["aliases"]}
    if entity_type == "person":
        word = lone_word(data["name"])
        if word is None:
            surname = name_parts(core)[1]
            keys.add((entity_type, "surname", surname))
            keys.add((entity_type, "spelling", spelling_key(surname)))
        else:
            keys.add((entity_type, "single", word))
    elif entity_type == "organization":
        keys |= {(entity_type, "initials", form) for form in initials(data["name"])}
        keys |= {(entity_type, "short", form) for form in short_forms(data["name"])}
        if is_acronym(data["name"]):
            keys.add((entity_type, "acronym", data["name"].replace(".", "").lower()))
    return keys


class NameIndex:
    """Entity nodes by normalised name, alias and surname; kept in step with the graph."""

    def __init__(self) -> None:
        self._nodes: defaultdict[IndexKey, set[str]] = defaultdict(set)
        self._keys: dict[str, set[IndexKey]] = {}

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> NameIndex:
        index = cls()
        index.update(G, G.nodes)
        return index

    def update(self, G: nx.MultiDiGraph, nodes: Iterable[str]) -> None:
        """Re-index nodes whose names changed, appeared or went."""
        for node in nodes:
            for key in self._keys.pop(node, ()):
                self._nodes[key].discard(node)
                if not self._nodes[key]:
                    del self._nodes[key]
            if is_entity(G, node):
                self._keys[node] = name_keys(G.nodes[node])
                for key in self._keys[node]:
                    self._nodes[key].add(node)

    def lookup(self, entity_type: str, field: str, value: str) -> set[str]:
        return set(self._nodes.get((entity_type, field, value), ()))


@dataclass(frozen=True)
class Candidate:
    """A node the new entity may be, with the verdict and the evidence."""

    node: str
    status: str  # APPLIED or PROPOSED
    kept_is_new: bool
    reason: str
    evidence: tuple[str, ...]
    score: float


def propose_merges(
    G: nx.MultiDiGraph,
    article: Article,
    *,
    index: NameIndex,
    blocked: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
    proposed: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
) -> list[MergeProposal]:
    """Merges (applied or proposed) of the article's new entity ids with entities in G.

    Only ids G has never seen are considered. An entity is never merged with one the same
    article names separately (the extractor kept them apart for a reason), nor with one a person
    has separated or refused (`blocked` holds those pairs of ids), and a pair already proposed
    (`proposed`) is not proposed again. A merge that would be applied but has a rival of equal
    standing is only proposed, with the rival: the name is ambiguous.
    """
    splits = G.graph.get(SPLITS) or {}
    ids = local_ids(article, splits)
    # What a person split off is theirs to join again, never the resolver's.
    split_off = set(splits.get(article.id, {}).values())
    records = entity_records(article, ids)
    context = Context.of(G, article, ids)
    known = {canonical(G, entity_id) for entity_id in records}
    taken = {node for node in known if node in G}
    proposals: list[MergeProposal] = []
    for record in records.values():
        if record["id"] in G or canonical(G, record["id"]) != record["id"]:
            continue
        if record["id"] in split_off:
            continue
        found = [c for c in _candidates(G, index, record, context) if c.node not in taken]
        # A candidate a person separated still counts when deciding whether the name is
        # ambiguous: ruling one out never hands the merge to another ("Williamson" is not
        # Gavin Williamson, says the user; so not Sir Gavin either).
        applied = [c for c in found if c.status == APPLIED]
        candidates = [c for c in found if not _blocked(G, c.node, record["id"], blocked)]
        if len(applied) == 1:
            [chosen] = applied
            if chosen in candidates:
                proposals.append(_proposal(G, record, chosen))
                taken.add(chosen.node)
            continue
        # Ambiguous (several would apply) or unproven: a person decides, best supported first.
        # A name alone (a surname, a variant) with nothing in the context for it is not worth
        # a person's time: the reader still finds both under the name.
        worth = [c for c in candidates if c.status == APPLIED or len(c.evidence) > 1]
        shown = sorted(worth, key=lambda c: (-c.score, c.node))[:MAX_PROPOSALS]
        for candidate in shown:
            if _blocked(G, candidate.node, record["id"], proposed):
                continue
            if candidate.status == APPLIED:
                candidate = _ambiguous(candidate, len(applied))
            proposals.append(_proposal(G, record, candidate))
    return proposals


def _ambiguous(candidate: Candidate, rivals: int) -> Candidate:
    return Candidate(
        candidate.node,
        PROPOSED,
        candidate.kept_is_new,
        candidate.reason,
        (*candidate.evidence, f"but {rivals - 1} other entities have as good a claim"),
        round(candidate.score / rivals, 2),
    )


def _proposal(G: nx.MultiDiGraph, record: dict[str, Any], chosen: Candidate) -> MergeProposal:
    new = EntityRef(id=record["id"], name=record["name"], type=record["type"])
    old = EntityRef(id=chosen.node, name=G.nodes[chosen.node]["name"], type=record["type"])
    kept, merged = (new, old) if chosen.kept_is_new else (old, new)
    return MergeProposal(
        kept=kept,
        merged=merged,
        reason=chosen.reason,
        evidence=chosen.evidence,
        score=chosen.score,
        status=chosen.status,
    )


def _candidates(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """Every node the record may be, each with its verdict; the strongest rule that finds any
    candidate decides (a weaker rule is not asked to break its tie)."""
    for rule in (_same_name, _alias_is_name):
        found = rule(G, index, record)
        if found:
            return found
    if record["type"] == "organization":
        return _acronyms(G, index, record, context) or _short_names(G, index, record, context)
    if record["type"] != "person":
        return []
    return _person_variants(G, index, record, context)


def _acronyms(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """An organisation written as an acronym in one article and in full in another ("ESA",
    "European Space Agency"): the letters agree, but many bodies share three letters, so the
    context must corroborate it, as for a variant of a person's name."""
    name, acronym = record["name"], ("organization", "acronym")
    if is_acronym(name):
        letters = name.replace(".", "").lower()
        nodes = index.lookup("organization", "initials", letters)
    else:
        nodes = {node for form in initials(name) for node in index.lookup(*acronym, form)}
    found = []
    for node in sorted(nodes - {record["id"]}):
        other = G.nodes[node]["name"]
        short, full = (name, other) if is_acronym(name) else (other, name)
        fact = f"{short!r} is the initials of {full!r}"
        found.append(_corroborated(context, record, node, fact, full == name))
    return found


def _corroborated(
    context: Context, record: dict[str, Any], node: str, fact: str, full_is_new: bool
) -> Candidate:
    """A variant of a body's name (its initials, a short name) is the node when the context
    corroborates it, else a proposal; the name in full is kept."""
    score, evidence = context.support(record["id"], node)
    status = APPLIED if score >= VARIANT_NEEDS else PROPOSED
    return Candidate(node, status, full_is_new, fact, (fact, *evidence), _strong(score))


def _short_names(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """A body named in full in one article and by a shorter name in another ("Tyvak" and
    "Tyvak Nano-Satellite Systems Inc", "Customs and Border Protection" and "U.S. Customs and
    Border Protection"): a variant, so the context must corroborate it, as for an acronym.
    Never a unit or product of a company ("BBC Radio 4" is no short form's long form)."""
    name = record["name"]
    core = core_name(name, "organization")
    longer = index.lookup("organization", "short", core)
    shorter = {
        node for form in short_forms(name) for node in index.lookup("organization", "name", form)
    }
    found = []
    for node in sorted((longer | shorter) - {record["id"]}):
        other = G.nodes[node]["name"]
        short, full = (name, other) if node in longer else (other, name)
        fact = f"{short!r} is a short name of {full!r}"
        found.append(_corroborated(context, record, node, fact, full == name))
    return found


def _same_name(G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any]) -> list[Candidate]:
    # "Sir Gavin Williamson" / "Gavin Williamson": the bare form is the canonical name. One
    # word ("Williamson") names nobody in particular, nor does a royal style ("King Abdullah"):
    # the variants rule proposes the one and merges the other on corroborating context.
    core = core_name(record["name"], record["type"])
    if record["type"] == "person" and is_single_name(record["name"]):
        return []
    new_is_bare = slug(record["name"]) == core
    dropped = (
        "titles are" if record["type"] == "person" else "a leading 'the' or a company suffix is"
    )
    found = []
    for node in index.lookup(record["type"], "name", core):
        name = G.nodes[node]["name"]
        reason = f"{record['name']!r} and {name!r} are one name once {dropped} dropped"
        kept_is_new = new_is_bare and slug(name) != core
        found.append(Candidate(node, APPLIED, kept_is_new, reason, (reason,), 1.0))
    return found


def _extends(one: str, other: str) -> bool:
    """Whether one core name is the other followed by more words ("bbc-radio-4", "bbc")."""
    return one.startswith(other + "-") or other.startswith(one + "-")


def _alias_is_name(G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any]) -> list[Candidate]:
    # An entity that lists the other's name among its aliases ("Islamic State" with alias "Isil")
    # is the extractor's canonical form, so it is kept. A name that extends the other names a
    # part of it or something beside it (BBC Radio 4 and the BBC, Kabul Airport and Kabul), so an
    # alias linking them is taken for a slip of the extractor, not a reason to merge. For people
    # an alias of one word is a surname, and a royal style is shared, which prove nothing
    # across articles.
    entity_type, name = record["type"], record["name"]
    core = core_name(name, entity_type)

    def proves(value: str) -> bool:
        return entity_type != "person" or not is_single_name(value)

    found: dict[str, tuple[bool, str]] = {}
    for alias in record["aliases"]:
        alias_core = core_name(alias, entity_type)
        if not proves(alias_core):
            continue
        for node in index.lookup(entity_type, "name", alias_core):
            other = G.nodes[node]["name"]
            found[node] = (True, f"{alias!r}, an alias of {name!r}, is the name of {other!r}")
    if proves(core):
        for node in index.lookup(entity_type, "alias", core):
            found[node] = (False, f"{name!r} is an alias of {G.nodes[node]['name']!r}")
    return [
        Candidate(node, APPLIED, kept_is_new, reason, (reason,), 1.0)
        for node, (kept_is_new, reason) in sorted(found.items())
        if not _extends(core, core_name(G.nodes[node]["name"], entity_type))
    ]


def _person_variants(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """People whose names may be the record's: the same surname (or another spelling of it)
    with a compatible given name, merged when the context corroborates it; or a surname alone,
    on either side, only ever proposed."""
    name = record["name"]
    if is_single_name(name):
        return _one_word(G, index, record, context)
    given, surname = name_parts(core_name(name, "person"))
    found: list[Candidate] = []
    nodes = index.lookup("person", "surname", surname) | index.lookup(
        "person", "spelling", spelling_key(surname)
    )
    for node in sorted(nodes):
        other = G.nodes[node]["name"]
        other_given, other_surname = name_parts(core_name(other, "person"))
        variant = given_variant(given, other_given)
        if variant is None:
            continue
        spelled = other_surname != surname
        fact = f"{name!r} and {other!r}: " + (
            f"the surname spelled another way, the given name {variant}"
            if spelled
            else f"the same surname, the given name {variant}"
        )
        score, evidence = context.support(record["id"], node)
        status = APPLIED if score >= VARIANT_NEEDS else PROPOSED
        kept_is_new = len(given) > len(other_given)  # the fuller name is kept
        found.append(Candidate(node, status, kept_is_new, fact, (fact, *evidence), _strong(score)))
    # Lone surnames already in the graph ("Williamson" from earlier articles): proposed. A
    # royal style's word is a given name ("Prince Andrew" is no Christopher Andrew).
    for node in sorted(index.lookup("person", "single", surname)):
        other = G.nodes[node]["name"]
        if royal_styles(other, G.nodes[node]["roles"]):
            continue
        score, evidence = context.support(record["id"], node)
        fact = f"{other!r} is only a surname, that of {name!r}"
        found.append(Candidate(node, PROPOSED, True, fact, (fact, *evidence), _weak(score)))
    return found


def _one_word(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """Whom a person named by one word may be: only ever proposed, unless a royal style
    ("Prince Andrew") makes the word a name."""
    name = record["name"]
    surname = lone_word(name) or core_name(name, "person")
    found: list[Candidate] = []
    # "Williamson": every person of that surname; failing any, every other lone
    # "Williamson" (were there one with a full name, accepting the proposal to join it is
    # the way, and proposing each lone pair as well would only multiply the questions).
    nodes = index.lookup("person", "surname", surname) or index.lookup("person", "single", surname)
    royal = _royal_style(G, index, record, context)
    if royal_styles(name, record["roles"]):
        nodes = index.lookup("person", "single", surname)  # a given name, not a surname
    for node in sorted(nodes - {record["id"]} - {c.node for c in royal}):
        other = G.nodes[node]["name"]
        score, evidence = context.support(record["id"], node)
        full = not is_single_name(other)
        fact = (
            f"{name!r} is only a surname, that of {other!r}"
            if full
            else f"{name!r} and {other!r} are one word, the same"
        )
        found.append(Candidate(node, PROPOSED, not full, fact, (fact, *evidence), _weak(score)))
    return [*found, *royal]


def _royal_style(
    G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any], context: Context
) -> list[Candidate]:
    """One-word people of the record's royal style ("Prince Andrew"), merged when the context
    corroborates it, as a variant of a name is."""
    styles = royal_styles(record["name"], record["roles"])
    if not styles:
        return []
    found = []
    word = lone_word(record["name"])
    for node in sorted(index.lookup("person", "single", word or "") - {record["id"]}):
        data = G.nodes[node]
        shared = styles & royal_styles(data["name"], data["roles"])
        if not shared:
            continue
        fact = f"{record['name']!r} and {data['name']!r} are both {min(shared).title()!r}"
        score, evidence = context.support(record["id"], node)
        status = APPLIED if score >= VARIANT_NEEDS else PROPOSED
        found.append(Candidate(node, status, False, fact, (fact, *evidence), _strong(score)))
    return found


def _strong(context: float) -> float:
    """The score of a variant of a name: half from the name, half from the context."""
    return round(min(0.5 + context, 0.95), 2)


def _weak(context: float) -> float:
    """The score of a surname alone: never near proof, whatever the context."""
    return round(min(0.2 + context / 2, 0.6), 2)


def _blocked(
    G: nx.MultiDiGraph,
    node: str,
    entity_id: str,
    blocked: set[frozenset[str]] | frozenset[frozenset[str]],
) -> bool:
    ids = G.nodes[node].get("entity_ids") or [node]
    return any(frozenset((entity_id, other)) in blocked for other in (node, *ids))


def merged_ids(merges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(merged id, kept id) pairs -> merged id: final node id, following chains (a->b, b->c)."""
    kept_of = dict(merges)
    resolved: dict[str, str] = {}
    for merged in kept_of:
        seen, kept = {merged}, kept_of[merged]
        while kept in kept_of and kept not in seen:
            seen.add(kept)
            kept = kept_of[kept]
        if kept != merged:
            resolved[merged] = kept
    return resolved
