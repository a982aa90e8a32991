"""Entity search without walking the graph: names, aliases and ids, kept in step with it.

The graph holds every claim and article as a node too (more than ten of them per entity), so
finding entities by scanning its nodes makes each name lookup cost the whole graph. The index
holds only entity nodes, with their names and aliases already case-folded, and is updated with
the nodes each write touches, like `resolve.NameIndex`. Its answers equal
`queries.ranked_entities` on the same graph (tested).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import networkx as nx

from claimgraph.extract.schema import slug
from claimgraph.graph.nodes import ENTITY_KINDS

# Match tiers of a name search, best first (queries.py re-exports them). A whole word beats
# the start of a longer one: `q=Hill` is the people named Hill before Hillary Clinton.
EXACT_NAME, EXACT_ALIAS, WORD, PREFIX, SUBSTRING = range(5)


@lru_cache(maxsize=1024)
def _word_patterns(needle: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the needle as whole words, the needle at the start of a word)."""
    escaped = re.escape(needle)
    return re.compile(rf"(?<!\w){escaped}(?!\w)"), re.compile(rf"(?<!\w){escaped}")


def text_tier(name: str, aliases: Iterable[str], needle: str) -> int | None:
    """How a case-folded needle matches a case-folded name and aliases: EXACT_ALIAS, WORD
    (whole words of a name or alias: "hill" in "fred hill"), PREFIX (the start of a name, an
    alias or one of their words: "hill" in "hillary clinton", "clin" in it too), SUBSTRING, or
    None. (An exact name is the caller's test: it also matches ids.)"""
    texts = (name, *aliases)
    if needle in texts[1:]:
        return EXACT_ALIAS
    if not any(needle in text for text in texts):
        return None
    whole, start = _word_patterns(needle)
    if any(whole.search(text) for text in texts):
        return WORD
    if any(start.search(text) for text in texts):
        return PREFIX
    return SUBSTRING


@dataclass(frozen=True, slots=True)
class _Entry:
    node: str
    type: str
    name: str  # case-folded
    aliases: tuple[str, ...]  # case-folded
    ids: tuple[str, ...]  # the node's id and the ids merged into it
    text: str  # name and aliases joined by NUL: one substring test rules most entries out
    prominence: tuple[int, str, str]  # most mentioned first, then by name

    @classmethod
    def of(cls, node: str, data: dict) -> _Entry:
        name = data["name"].casefold()
        aliases = tuple(alias.casefold() for alias in data["aliases"])
        return cls(
            node=node,
            type=data["kind"],
            name=name,
            aliases=aliases,
            ids=tuple(data.get("entity_ids") or [node]),
            text="\0".join((name, *aliases)),
            prominence=(-data["mentions"], name, node),
        )

    def exact_keys(self) -> set[str]:
        """Needles that match this entry exactly: its name, its ids and their slugs."""
        return {self.name, self.node, *self.ids, *(ref.split(":", 1)[-1] for ref in self.ids)}

    def rank(self, needle: str) -> int | None:
        if needle not in self.text:
            return None
        if self.name == needle:
            return EXACT_NAME
        return text_tier(self.name, self.aliases, needle)  # None: it spans the NUL


class EntitySearch:
    """Entity nodes by name, alias and id, for search and for resolving a name to a node."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._exact: defaultdict[str, set[str]] = defaultdict(set)
        self._alias: defaultdict[str, set[str]] = defaultdict(set)
        self._sorted: dict[str | None, list[str]] = {}
        # Every entry's text in one string, so that finding the entries a needle occurs in is
        # str.find (C speed) rather than a Python test per entity; rebuilt after a write.
        self._blob: tuple[str, list[int], list[_Entry]] | None = None

    @classmethod
    def of(cls, G: nx.MultiDiGraph) -> EntitySearch:
        search = cls()
        search.update(G, (node for node, kind in G.nodes(data="kind") if kind in ENTITY_KINDS))
        return search

    def update(self, G: nx.MultiDiGraph, nodes: Iterable[str]) -> None:
        """Re-index nodes whose names, aliases or counts changed, appeared or went."""
        for node in nodes:
            self._drop(node)
            data = G.nodes[node] if node in G else None
            if data is not None and data.get("kind") in ENTITY_KINDS:
                entry = self._entries[node] = _Entry.of(node, data)
                for key in entry.exact_keys():
                    self._exact[key].add(node)
                for alias in entry.aliases:
                    self._alias[alias].add(node)
        self._sorted.clear()
        self._blob = None

    def _drop(self, node: str) -> None:
        entry = self._entries.pop(node, None)
        if entry is None:
            return
        for table, keys in ((self._exact, entry.exact_keys()), (self._alias, entry.aliases)):
            for key in keys:
                table[key].discard(node)
                if not table[key]:
                    del table[key]

    def _order(self, node: str) -> tuple[int, str, str]:
        return self._entries[node].prominence

    def all(self, *, type: str | None = None) -> list[str]:
        """Every entity (of one type), most mentioned first."""
        if type not in self._sorted:
            nodes = [e.node for e in self._entries.values() if type is None or e.type == type]
            self._sorted[type] = sorted(nodes, key=self._order)
        return self._sorted[type]

    def ranked(self, q: str | None = None, *, type: str | None = None) -> list[tuple[int, str]]:
        """(match tier, node) of entities matching q, best first; every entity when q is empty."""
        needle = (q or "").strip().casefold()
        if not needle:
            return [(EXACT_NAME, node) for node in self.all(type=type)]
        exact = self._exact_matches(needle)
        entries = {self._entries[node] for node in exact} | self._containing(needle)
        ranked = []
        for entry in entries:
            if type is not None and entry.type != type:
                continue
            rank = EXACT_NAME if entry.node in exact else entry.rank(needle)
            if rank is not None:
                ranked.append((rank, entry.node))
        return sorted(ranked, key=lambda item: (item[0], *self._order(item[1])))

    def _containing(self, needle: str) -> set[_Entry]:
        """Entries whose name or aliases may contain the needle (rank() has the last word)."""
        if self._blob is None:
            entries = list(self._entries.values())
            starts = list(itertools.accumulate((len(e.text) + 1 for e in entries), initial=0))
            self._blob = ("\n".join(e.text for e in entries), starts, entries)
        blob, starts, entries = self._blob
        found = set()
        at = blob.find(needle)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            found.add(entries[index])
            at = blob.find(needle, starts[index + 1]) if index + 1 < len(starts) else -1
        return found

    def best_exact(self, ref: str) -> str | None:
        """The most prominent entity whose name, id or alias is exactly `ref` (any case)."""
        needle = ref.strip().casefold()
        if not needle:
            return None
        for candidates in (self._exact_matches(needle), self._alias.get(needle, set())):
            if candidates:
                return min(candidates, key=self._order)
        return None

    def _exact_matches(self, needle: str) -> set[str]:
        # slug() names a string with no letters or digits "unnamed"; such a query matches no id.
        keys = {needle}
        if any(char.isalnum() for char in needle):
            keys.add(slug(needle))
        return set().union(*(self._exact.get(key, set()) for key in keys))
