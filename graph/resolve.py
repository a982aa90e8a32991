"""Cross-article entity resolution: rules that propose merging two ids for one real thing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx

from claimgraph.extract.lexicon import CORPORATE_SUFFIXES as CORPORATE
from claimgraph.extract.schema import Article, EntityRef, slug
from claimgraph.graph.build import canonical, entity_records, is_entity
from claimgraph.graph.store import MergeProposal

# Honorifics and ranks news copy puts before a name ("Sir Gavin Williamson", "Maj Gen Rupert
# Jones", "President Biden"): dropped before person names are compared, so that a titled and an
# untitled mention meet. Royal titles are left out on purpose: royals go by first names, and
# "King Charles" must not become a "Charles" that could match any surname.
PERSON_TITLES = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"),
        *("lord", "lady", "baroness", "baron", "rev", "revd", "reverend", "fr"),
        *("gen", "general", "lt", "col", "colonel", "maj", "major", "capt", "captain"),
        *("brig", "brigadier", "adm", "admiral", "cdr", "commander", "sgt", "sergeant"),
        *("cpl", "corporal", "pte", "gov", "governor", "sen", "senator", "rep", "president"),
    }
)
# Letters after a name ("Tobias Ellwood MP") say nothing about who it is. Jr/Sr are kept: they
# tell a father from his son.
POST_NOMINALS = frozenset(
    {"mp", "msp", "ms", "mla", "mep", "qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "phd"}
)
# "The Taliban" and "Taliban" are one group; organisations and places only lose a leading "the".
LEADING_ARTICLES = frozenset({"the"})

IndexKey = tuple[str, str, str]  # (entity type, field, normalised value)
Found = dict[str, tuple[bool, str]]  # candidate node -> (the new entity is kept, reason)
Rule = Callable[[nx.MultiDiGraph, "NameIndex", dict[str, Any]], Found]


def core_name(name: str, entity_type: str) -> str:
    """The slug of a name without titles, post-nominals or a leading article."""
    tokens = slug(name).split("-")
    if entity_type == "person":
        while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
            tokens.pop(0)
        while len(tokens) > 1 and tokens[-1] in POST_NOMINALS:
            tokens.pop()
    else:
        if len(tokens) > 1 and tokens[0] in LEADING_ARTICLES:
            tokens.pop(0)
        while entity_type == "organization" and len(tokens) > 1 and tokens[-1] in CORPORATE:
            tokens.pop()  # "Marrowby Group" is "Marrowby"
    return "-".join(tokens)


def name_keys(data: dict[str, Any]) -> set[IndexKey]:
    """The keys an entity node is found by: its name, its aliases, and for people the surname."""
    entity_type = data["type"]
    core = core_name(data["name"], entity_type)
    keys = {(entity_type, "name", core)}
    keys |= {(entity_type, "alias", core_name(alias, entity_type)) for alias in data["aliases"]}
    if entity_type == "person":
        tokens = core.split("-")
        keys.add(
            (entity_type, "surname", tokens[-1])
            if len(tokens) > 1
            else (entity_type, "single", core)
        )
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


def _same_name(G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any]) -> Found:
    # "Sir Gavin Williamson" / "Gavin Williamson": the bare form is the canonical name.
    core = core_name(record["name"], record["type"])
    new_is_bare = slug(record["name"]) == core
    dropped = (
        "titles are" if record["type"] == "person" else "a leading 'the' or a company suffix is"
    )
    found: Found = {}
    for node in index.lookup(record["type"], "name", core):
        name = G.nodes[node]["name"]
        kept_is_new = new_is_bare and slug(name) != core
        found[node] = (
            kept_is_new,
            f"{record['name']!r} and {name!r} are one name once {dropped} dropped",
        )
    return found


def _extends(one: str, other: str) -> bool:
    """Whether one core name is the other followed by more words ("bbc-radio-4", "bbc")."""
    return one.startswith(other + "-") or other.startswith(one + "-")


def _alias_is_name(G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any]) -> Found:
    # An entity that lists the other's name among its aliases ("Islamic State" with alias "Isil")
    # is the extractor's canonical form, so it is kept. A name that extends the other names a
    # part of it or something beside it (BBC Radio 4 and the BBC, Kabul Airport and Kabul), so an
    # alias linking them is taken for a slip of the extractor, not a reason to merge.
    entity_type, name = record["type"], record["name"]
    core = core_name(name, entity_type)
    found: Found = {}
    for alias in record["aliases"]:
        for node in index.lookup(entity_type, "name", core_name(alias, entity_type)):
            other = G.nodes[node]["name"]
            found[node] = (True, f"{alias!r}, an alias of {name!r}, is the name of {other!r}")
    for node in index.lookup(entity_type, "alias", core):
        found[node] = (False, f"{name!r} is an alias of {G.nodes[node]['name']!r}")
    return {
        node: verdict
        for node, verdict in found.items()
        if not _extends(core, core_name(G.nodes[node]["name"], entity_type))
    }


def _surname(G: nx.MultiDiGraph, index: NameIndex, record: dict[str, Any]) -> Found:
    # Second references in news copy use the surname alone ("Williamson said"): a one-word person
    # is the one person of that surname, when there is exactly one.
    if record["type"] != "person":
        return {}
    tokens = core_name(record["name"], "person").split("-")
    name = record["name"]
    if len(tokens) == 1:
        return {
            node: (False, f"{name!r} is the surname of {G.nodes[node]['name']!r}, the only one")
            for node in index.lookup("person", "surname", tokens[0])
        }
    if index.lookup("person", "surname", tokens[-1]):
        return {}  # the one-word people of this surname already have a full name to choose from
    return {
        node: (True, f"{G.nodes[node]['name']!r} is the surname of {name!r}, the only one")
        for node in index.lookup("person", "single", tokens[-1])
    }


# Tried in order; the first rule with any candidate decides: one candidate merges, several mean
# the name is ambiguous and nothing is merged (weaker rules are never asked to break the tie).
RULES: tuple[Rule, ...] = (_same_name, _alias_is_name, _surname)


def propose_merges(
    G: nx.MultiDiGraph,
    article: Article,
    *,
    index: NameIndex,
    blocked: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
) -> list[MergeProposal]:
    """Merges of the article's new entity ids with entities already in G.

    Only ids G has never seen are considered. An entity is never merged with one the same article
    names separately (the extractor kept them apart for a reason), nor with one a user has
    separated (`blocked` holds the undone pairs of ids); either kind of candidate still makes a
    name ambiguous, so ruling one out never hands the merge to another.
    """
    records = entity_records(article)
    known = {canonical(G, entity_id) for entity_id in records}
    taken = {node for node in known if node in G}
    proposals: list[MergeProposal] = []
    for record in records.values():
        if record["id"] in G or canonical(G, record["id"]) != record["id"]:
            continue
        proposal = _propose(G, index, record, taken, blocked)
        if proposal:
            proposals.append(proposal)
            taken.add(proposal.merged.id if proposal.kept.id == record["id"] else proposal.kept.id)
    return proposals


def _propose(
    G: nx.MultiDiGraph,
    index: NameIndex,
    record: dict[str, Any],
    taken: set[str],
    blocked: set[frozenset[str]] | frozenset[frozenset[str]],
) -> MergeProposal | None:
    for rule in RULES:
        found = rule(G, index, record)
        if not found:
            continue
        [(node, (kept_is_new, reason)), *others] = found.items()
        # An excluded candidate still counts: ruling one out must not make another the answer
        # ("Williamson" is not Gavin Williamson, says the user; so not Sir Gavin either).
        if others or node in taken or _blocked(G, node, record["id"], blocked):
            return None
        new = EntityRef(id=record["id"], name=record["name"], type=record["type"])
        old = EntityRef(id=node, name=G.nodes[node]["name"], type=record["type"])
        kept, merged = (new, old) if kept_is_new else (old, new)
        return MergeProposal(kept=kept, merged=merged, reason=reason)
    return None


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
