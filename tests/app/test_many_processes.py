"""Many processes on one store: API processes see each other's writes at once, and several
workers ingesting at the same time end where one worker taking the articles in turn ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.graph import ClaimGraph
from claimgraph.graph.build import ENTITY_KINDS
from claimgraph.graph.store import SqliteStore, open_store
from tests.app.samples import sample_articles
from tests.app.support import MakeClient

# Articles naming the same people, under full names, titles, surnames and short forms, with
# two people sharing a surname: the resolver's merges and proposals depend on what it has
# already seen, so writers that did not take turns would disagree with one that did.
PEOPLE_TEXTS = [
    "Mayor Ada Park said the Riverton bridge would reopen in May.",
    "Ada Park, the mayor of Riverton, warned that the bridge repairs could cost more.",
    "Park, the mayor of Riverton, told the council the bridge was safe.",
    "Rovers coach Timothy Morrison said the Riverton Rovers would win the cup.",
    "Rovers coach Tim Morrison said the Riverton Rovers players were tired.",
    "Morrison, the Rovers coach, said the club needed a new stadium.",
    "Senator Ann Cohen accused the governor of hiding the budget.",
    "Ann Cohen, a senator from Ohio, said the budget was late.",
    "Cohen, a senator from Ohio, said the governor had misled voters.",
    "Professor David Cohen said the study showed a clear link.",
    "David Cohen of Riverton University warned that the data were incomplete.",
    "Mayor Ada Park and Senator Ann Cohen said they would meet in June.",
    "Timothy Morrison denied that the Rovers would sell their stadium.",
    "The Riverton Rovers said Tim Morrison would stay as coach.",
    "Ada Park said Ann Cohen had promised money for the bridge.",
    "Park and Morrison said the stadium plan would go to a vote.",
]


def state(graph: ClaimGraph) -> dict[str, object]:
    """What must agree: entities (ids, names, types), merges and proposals, who said what."""
    G = graph.graph
    entities = sorted(
        (node, G.nodes[node]["name"], G.nodes[node]["type"])
        for node, kind in G.nodes(data="kind")
        if kind in ENTITY_KINDS
    )
    merges = sorted(
        (merge.kept.id, merge.merged.id, merge.status, merge.reason)
        for status in ("applied", "proposed")
        for merge in graph.merges(status=status, limit=1000).data
    )
    said = sorted(
        (claim.id, claim.speaker.id if claim.speaker else None)
        for claim in graph.claims(limit=1000).data
    )
    return {"entities": entities, "merges": merges, "said": said}


def test_api_processes_see_each_others_writes_at_once(make_client: MakeClient) -> None:
    one, two = make_client(), make_client()  # two services, each with its own graph
    first, second = sample_articles()
    one.app.state.graph.ingest(first)  # type: ignore[attr-defined]
    assert two.get("/claims").json()["count"] == len(first.claims)
    assert two.get("/claims").json()["count"] == len(first.claims)  # now from its cache
    one.app.state.graph.ingest(second)  # type: ignore[attr-defined]
    assert two.get("/claims").json()["count"] == len(first.claims) + len(second.claims)
    assert two.delete(f"/articles/{first.id}").status_code == 204
    assert one.get("/claims").json()["count"] == len(second.claims)
    assert one.get(f"/articles/{first.id}").status_code == 404


@pytest.mark.postgres_only
def test_four_workers_end_as_one_worker_in_turn(db_path: str | Path) -> None:
    with open_store(db_path) as store:
        store.enqueue(
            [{"text": text, "title": f"Story {n}"} for n, text in enumerate(PEOPLE_TEXTS)]
        )
    env = {**os.environ, "CLAIMGRAPH_DB": str(db_path)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-m", "claimgraph", "worker", "--drain", "--poll", "0.05"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    outputs = [worker.communicate(timeout=600) for worker in workers]
    assert all(worker.returncode == 0 for worker in workers), outputs
    with ClaimGraph.open(db_path) as shared:
        assert shared.store.count_jobs()["done"] == len(PEOPLE_TEXTS)
        done_by = {out.split(" jobs done")[0] for out, _ in outputs}
        assert len(done_by) > 1 or "16" not in done_by, "one worker did everything"
        # The same articles taken one at a time, in the order the workers committed them.
        with ClaimGraph(SqliteStore(":memory:")) as in_turn:
            for stored in shared.store.iter_articles():
                in_turn.ingest(stored.article)
            expected = state(in_turn)
        got = state(shared)
        assert got == expected
        assert got["merges"], "the texts gave the resolver nothing to merge or propose"
