"""The graph updated in place always equals the graph rebuilt from the store, whatever happened."""

from __future__ import annotations

import random
from pathlib import Path

from claimgraph.extract.schema import Article, Entity
from claimgraph.graph import ClaimGraph
from tests.graph.factories import BBC, KABUL, Said, ent, make_article, snapshot

# Overlapping names, case variants, titles, surnames and aliases: every summary rule is exercised.
CAST: list[Entity] = [
    ent("person", "Gavin Williamson", aliases=["Williamson", "Mr Williamson"], roles=["MP"]),
    ent("person", "gavin williamson", aliases=["WILLIAMSON"], roles=["Defence Secretary"]),
    ent("person", "Williamson", roles=["mp"]),
    ent("person", "Sir Gavin Williamson"),
    ent("person", "Frank Gardner", roles=["Security Correspondent"], affiliations=[BBC]),
    ent("person", "Frank Gardner", roles=["Journalist"], affiliations=[BBC]),
    ent("organization", "Islamic State", aliases=["IS", "Isil"]),
    ent("organization", "Isil"),
    ent("place", "Kabul", aliases=["Kabul city"]),
    ent("place", "Kabul Airport"),
    BBC,
    KABUL,
]


def random_article(rng: random.Random, n: int) -> Article:
    named: dict[str, Entity] = {}
    for entity in rng.sample(CAST, 4):
        named.setdefault(entity.id, entity)
    entities = list(named.values())
    people = [e for e in entities if e.type == "person"] or [None]
    claims = [
        Said(f"claim {i} of story {n}", speaker=rng.choice(people), about=rng.sample(entities, 2))
        for i in range(rng.randint(0, 3))
    ]
    return make_article(f"Story {n}", entities, claims)


def test_random_ingests_deletes_and_undos_match_a_rebuild(db_path: Path) -> None:
    rng = random.Random(20210826)
    pool = [random_article(rng, n) for n in range(14)]
    with ClaimGraph.open(db_path) as cg:
        for step in range(80):
            article = rng.choice(pool)
            if cg.store.has_article(article.id) and rng.random() < 0.4:
                cg.delete_article(article.id)
            else:
                cg.ingest(article)
            active = [m for m in cg.merges(limit=100).data if m.active]
            if active and step % 9 == 0:
                cg.undo_merge(rng.choice(active).id)
            if step % 20 == 19:
                with ClaimGraph.open(db_path) as rebuilt:
                    assert snapshot(rebuilt.graph) == snapshot(cg.graph), f"step {step}"
        assert cg.merges().count > 0
        final = snapshot(cg.graph)
    with ClaimGraph.open(db_path) as rebuilt:
        assert snapshot(rebuilt.graph) == final
