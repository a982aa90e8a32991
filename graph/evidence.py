"""What an article's context says for two entities of two articles being one: a shared role or
affiliation, people and organisations named beside both, the same outlet, nearby dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from claimgraph.extract.schema import Article
from claimgraph.graph.build import article_node, canonical, iso_date, outlet_of
from claimgraph.graph.names import ROYAL_TITLES

NEARBY_DAYS = 30
# Articles of a candidate looked at for its company (a hub named in thousands of articles is
# judged by its latest ones).
COMPANY_ARTICLES = 200


@dataclass
class Context:
    """What one article says around its entities: what corroborates a variant of a name."""

    G: nx.MultiDiGraph
    day: date | None = None
    outlet: str | None = None
    roles: dict[str, set[str]] = field(default_factory=dict)  # local id -> roles, casefolded
    affiliations: dict[str, set[str]] = field(default_factory=dict)  # local id -> org nodes
    company: set[str] = field(default_factory=set)  # entity nodes the article names

    @classmethod
    def of(cls, G: nx.MultiDiGraph, article: Article, ids: dict[str, str]) -> Context:
        published = iso_date(article.published)
        outlet = outlet_of(article)
        context = cls(
            G,
            day=date.fromisoformat(published) if published else None,
            outlet=outlet.casefold() if outlet else None,
        )
        for entity in article.entities:
            local = ids.get(entity.id, entity.id)
            context.roles[local] = {role.casefold() for role in entity.roles}
            context.affiliations[local] = {
                canonical(G, a.organization.id) for a in entity.affiliations
            }
            node = canonical(G, local)
            if node in G and entity.type != "place":
                context.company.add(node)
        return context

    def support(self, local: str, node: str) -> tuple[float, list[str]]:
        """How much the article's context says the entity `local` is the graph's `node`: a
        score and the evidence, each fact once."""
        data = self.G.nodes[node]
        score, evidence = 0.0, []
        # A royal title is a royal's name, not a role that corroborates it.
        roles = self.roles.get(local, set()) & {role.casefold() for role in data["roles"]}
        roles -= ROYAL_TITLES
        if roles:
            score += 0.4
            evidence.append(f"both are called {sorted(roles)[0]!r}")
        organizations = self.affiliations.get(local, set()) & _affiliated(self.G, node)
        if organizations:
            score += 0.4
            names = sorted(self.G.nodes[o]["name"] for o in organizations)
            evidence.append(f"both are affiliated with {', '.join(names)}")
        shared = sorted(self.company & _company(self.G, node) - {node})
        if shared:
            score += min(0.1 * len(shared), 0.4)
            names = [self.G.nodes[n]["name"] for n in shared[:5]]
            more = f" and {len(shared) - 5} more" if len(shared) > 5 else ""
            evidence.append(f"named beside {', '.join(names)}{more} in both")
        articles = data["articles"][-COMPANY_ARTICLES:]
        if self.outlet and any(_outlet_of(self.G, article) == self.outlet for article in articles):
            score += 0.1
            evidence.append(f"both in {self.outlet}")
        if self.day is not None:
            gaps = [
                abs((self.day - date.fromisoformat(day)).days)
                for article in articles
                if (day := self.G.nodes[article_node(article)].get("date"))
            ]
            if gaps and min(gaps) <= NEARBY_DAYS:
                score += 0.1
                evidence.append(f"published {min(gaps)} days apart")
        return round(score, 2), evidence


def _outlet_of(G: nx.MultiDiGraph, article_id: str) -> str | None:
    found = G.nodes[article_node(article_id)].get("outlet")
    return found.casefold() if found else None


def _affiliated(G: nx.MultiDiGraph, node: str) -> set[str]:
    return {other for other, edges in G._succ[node].items() if "AFFILIATED_WITH" in edges}


def _company(G: nx.MultiDiGraph, node: str) -> set[str]:
    """People and organisations named in the node's (latest) articles."""
    found: set[str] = set()
    for article in G.nodes[node]["articles"][-COMPANY_ARTICLES:]:
        for other, edges in G._succ[article_node(article)].items():
            if "MENTIONS" in edges and G._node[other].get("type") != "place":
                found.add(other)
    return found
