"""The list questions of StoreGraph as SQL over the store's graph tables: claims by their
filters, entities by name, alias or id, and an entity named by any of those.

Each answers as its counterpart over the in-memory graph does (queries.claims,
EntitySearch.ranked, queries.resolve_entity): the same matches, in the same order (strings by
code point), the same errors.
"""

from __future__ import annotations

from collections.abc import Sequence

from claimgraph.extract.schema import slug
from claimgraph.graph import queries
from claimgraph.graph.errors import ArticleNotFound, EntityNotFound
from claimgraph.graph.nodes import ENTITY_KINDS, article_node
from claimgraph.graph.search import EXACT_NAME, text_tier
from claimgraph.graph.service import CLAIM_KINDS, CUE_CLASSES, _one_of, _page
from claimgraph.graph.tableload import COLLATE, Query, chunks

CLAIM_FILTERS = frozenset(
    {"speaker", "about", "addressee", "article", "kind", "q", "cue_class", "since", "until"}
    | {"source", "outlet"}
)


def given(filters: dict[str, str | None]) -> dict[str, str | None]:
    """The claim filters a caller gave (ClaimGraph's methods name them one by one)."""
    unknown = set(filters) - CLAIM_FILTERS
    if unknown:
        raise TypeError(f"unknown claim filters: {', '.join(sorted(unknown))}")
    return filters


def exact_keys(needle: str) -> list[str]:
    """The keys an exact search for `needle` looks up: itself and, with letters or digits,
    its slug (as EntitySearch._exact_matches)."""
    keys = {needle}
    if any(char.isalnum() for char in needle):
        keys.add(slug(needle))
    return sorted(keys)


def like(text: str) -> str:
    """`text` as a LIKE pattern matching itself anywhere (with ESCAPE '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class TableQueries:
    """SQL for StoreGraph's lists, through `query(sql, params)` (in the caller's snapshot)."""

    def __init__(self, query: Query) -> None:
        self._q = query

    def canonical(self, ref: str) -> str:
        rows = self._q("SELECT new FROM g_merged WHERE old = ?", (ref,))
        return str(rows[0][0]) if rows else ref

    def is_entity(self, node: str) -> bool:
        return bool(self._q("SELECT 1 FROM g_entities WHERE id = ?", (node,)))

    def resolve(self, ref: str) -> str:
        """As queries.resolve_entity: an id, a merged id, or an exact name or alias."""
        ref = ref.strip()
        node = self.canonical(ref)
        if self.is_entity(node):
            return node
        needle = ref.casefold()
        if needle:
            for kinds, keys in ((["name", "id"], exact_keys(needle)), (["alias"], [needle])):
                rows = self._q(
                    "SELECT e.id FROM g_names n JOIN g_entities e ON e.id = n.node"
                    " WHERE n.kind = ANY(?) AND n.key = ANY(?)"
                    f" ORDER BY e.mentions DESC, e.folded{COLLATE}, e.id{COLLATE} LIMIT 1",
                    (kinds, keys),
                )
                if rows:
                    return str(rows[0][0])
        raise EntityNotFound(ref)

    def entity_page(
        self, type: str | None, q: str | None, limit: int, offset: int
    ) -> tuple[Sequence[str], int]:
        _one_of("entity type", type, ENTITY_KINDS)
        _page((), limit, offset)
        needle = (q or "").strip().casefold()
        kind = "" if type is None else " WHERE type = ?"
        chosen: tuple[object, ...] = () if type is None else (type,)
        if not needle:
            rows = self._q(
                f"SELECT id FROM g_entities{kind}"
                f" ORDER BY mentions DESC, folded{COLLATE}, id{COLLATE} LIMIT ? OFFSET ?",
                (*chosen, limit, offset),
            )
            count = self._q(f"SELECT count(*) FROM g_entities{kind}", chosen)[0][0]
            return [row[0] for row in rows], int(count)
        ranked = self.ranked(needle, type)
        return _page([node for _, node in ranked], limit, offset)

    def ranked(self, needle: str, type: str | None) -> list[tuple[int, str]]:
        """As EntitySearch.ranked: (tier, node) of entities whose name, alias or id matches."""
        exact = {
            row[0]
            for row in self._q(
                "SELECT node FROM g_names WHERE kind IN ('name', 'id') AND key = ANY(?)",
                (exact_keys(needle),),
            )
        }
        found = self._q(
            "SELECT DISTINCT node FROM g_names WHERE kind IN ('name', 'alias')"
            " AND key LIKE ? ESCAPE '\\'",
            (like(needle),),
        )
        candidates = sorted(exact | {row[0] for row in found})
        names: dict[str, list[str]] = {}
        entities: dict[str, tuple[str, str, int]] = {}
        for chunk in chunks(candidates):
            for node, kind, folded, mentions in self._q(
                "SELECT id, type, folded, mentions FROM g_entities WHERE id = ANY(?)", (chunk,)
            ):
                entities[node] = (kind, folded, int(mentions))
            for node, key in self._q(
                "SELECT node, key FROM g_names WHERE kind = 'alias' AND node = ANY(?)", (chunk,)
            ):
                names.setdefault(node, []).append(key)
        ranked = []
        for node, (kind, folded, _) in entities.items():
            if type is not None and kind != type:
                continue
            aliases = names.get(node, [])
            if node in exact or folded == needle:
                rank: int | None = EXACT_NAME
            elif needle in "\0".join((folded, *aliases)):
                rank = text_tier(folded, aliases, needle)
            else:
                rank = None
            if rank is not None:
                ranked.append((rank, node))
        return sorted(
            ranked, key=lambda item: (item[0], -entities[item[1]][2], entities[item[1]][1], item[1])
        )

    def where(self, filters: dict[str, str | None]) -> tuple[str, list[object]]:
        """The FROM and WHERE of the claims matching the filters (validated and resolved as
        ClaimGraph._claim_list does), and their parameters."""
        _one_of("claim kind", filters.get("kind"), CLAIM_KINDS)
        _one_of("cue class", filters.get("cue_class"), CUE_CLASSES)
        sql, tests, params = ["FROM g_claims c"], [], list[object]()
        about = filters.get("about")
        if about is not None:
            sql.append("JOIN g_edges a ON a.u = c.id AND a.key = 'ABOUT' AND a.v = ?")
            params.append(self.resolve(about))
        article = filters.get("article")
        if article is not None:
            if not self._q("SELECT 1 FROM g_nodes WHERE id = ?", (article_node(article),)):
                raise ArticleNotFound(article)
            tests.append("c.article = ?")
            params.append(article)
        for name in ("speaker", "addressee"):
            value = filters.get(name)
            if value is not None:
                tests.append(f"c.{name} = ?")
                params.append(self.resolve(value))
        for name, column in (("kind", "kind"), ("cue_class", "cue_class"), ("source", "source")):
            if filters.get(name) is not None:
                tests.append(f"c.{column} = ?")
                params.append(filters[name])
        if filters.get("q"):
            tests.append("c.text LIKE ? ESCAPE '\\'")
            params.append(like(str(filters["q"]).casefold()))
        if filters.get("since") is not None:
            tests.append("c.day >= ?")
            params.append(queries.day_bound(str(filters["since"])))
        if filters.get("until") is not None:
            tests.append("c.day <= ?")
            params.append(queries.day_bound(str(filters["until"]), last=True))
        if filters.get("outlet") is not None:
            needle = str(filters["outlet"]).strip().casefold().removeprefix("www.")
            tests.append("(c.outlet = ? OR c.domain = ? OR c.domain LIKE ? ESCAPE '\\')")
            params += [needle, needle, "%." + like(needle)[1:]]
        where = " WHERE " + " AND ".join(tests) if tests else ""
        return " ".join(sql) + where, params
