"""Small hand-built articles for the graph tests: no spaCy, offsets that hold."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from claimgraph.extract.schema import (
    Affiliation,
    Article,
    Claim,
    Entity,
    EntityType,
    article_id,
    claim_id,
    entity_id,
)


def ent(
    entity_type: EntityType,
    name: str,
    *,
    aliases: Sequence[str] = (),
    mentions: int = 1,
    roles: Sequence[str] = (),
    affiliations: Sequence[Entity] = (),
) -> Entity:
    return Entity(
        id=entity_id(entity_type, name),
        name=name,
        type=entity_type,
        aliases=list(aliases),
        mentions=mentions,
        roles=list(roles),
        affiliations=[
            Affiliation(organization=org.ref(), role=roles[0] if roles else None)
            for org in affiliations
        ],
    )


@dataclass
class Said:
    """A claim to place in an article's text."""

    text: str
    speaker: Entity | None = None
    about: Sequence[Entity] = ()
    addressee: Entity | None = None
    kind: str = "direct"
    cue: str = "said"
    speaker_text: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def make_article(
    title: str, entities: Sequence[Entity] = (), claims: Sequence[Said] = (), **fields: Any
) -> Article:
    """An article whose text holds each claim at the offsets its Claim gives."""
    text, offsets = f"{title}.", []
    for said in claims:
        text += " "
        offsets.append((len(text), len(text) + len(said.text)))
        text += said.text
    aid = article_id(text)
    built = [
        Claim(
            id=claim_id(aid, start, end),
            speaker=said.speaker.ref() if said.speaker else None,
            speaker_text=said.speaker_text or (said.speaker.name if said.speaker else None),
            cue=said.cue,
            kind=said.kind,  # type: ignore[arg-type]
            text=said.text,
            about=[entity.ref() for entity in said.about],
            addressee=said.addressee.ref() if said.addressee else None,
            start_char=start,
            end_char=end,
            confidence=0.9,
            **{"cue_class": "assert", **said.extra},
        )
        for said, (start, end) in zip(claims, offsets, strict=True)
    ]
    return Article(id=aid, title=title, text=text, entities=list(entities), claims=built, **fields)


# The cast of a small news story, reused across tests.
WILLIAMSON = ent(
    "person",
    "Gavin Williamson",
    aliases=["Mr Williamson", "Williamson"],
    mentions=3,
    roles=["Defence Secretary"],
)
SKY = ent("organization", "Sky News")
ISIS_K = ent("organization", "ISIS-K", aliases=["IS-K", "Islamic State Khorasan"], mentions=2)
ISLAMIC_STATE = ent("organization", "Islamic State", aliases=["IS", "Isil"], mentions=2)
UK = ent("place", "United Kingdom", aliases=["UK", "Britain"])
KABUL = ent("place", "Kabul", mentions=2)
KABUL_AIRPORT = ent("place", "Kabul Airport")
BBC = ent("organization", "BBC")
RADIO_4 = ent("organization", "BBC Radio 4")
GARDNER = ent(
    "person",
    "Frank Gardner",
    aliases=["Mr Gardner", "Gardner"],
    mentions=2,
    roles=["Security Correspondent"],
    affiliations=[BBC],
)
TALIBAN = ent("organization", "Taliban", mentions=2)


def threat_article() -> Article:
    return make_article(
        "Williamson warns of IS-K threat",
        [WILLIAMSON, SKY, ISIS_K, UK, KABUL, KABUL_AIRPORT],
        [
            Said(
                "What we see is a real threat posed by these groups to the UK",
                speaker=WILLIAMSON,
                about=[UK, ISIS_K],
                addressee=SKY,
                cue="told",
            ),
            Said(
                "the airport in Kabul must stay open",
                speaker=WILLIAMSON,
                about=[KABUL_AIRPORT],
                kind="indirect",
            ),
        ],
        source="seeds/threat.txt",
        published="2021-08-26",
    )


def bbc_article() -> Article:
    return make_article(
        "Gardner on the Taliban",
        [GARDNER, BBC, RADIO_4, ISLAMIC_STATE, TALIBAN, KABUL],
        [
            Said(
                "the Taliban and Islamic State are bitter rivals",
                speaker=GARDNER,
                about=[TALIBAN, ISLAMIC_STATE],
                addressee=RADIO_4,
                kind="indirect",
                cue="told",
            ),
            Said(
                "the Taliban controls Kabul",
                about=[TALIBAN, KABUL],
                kind="according_to",
                cue="according to",
                speaker_text="officials",
            ),
        ],
        byline="By a staff reporter",
    )


def snapshot(G: nx.MultiDiGraph) -> tuple[dict[str, Any], dict[tuple[str, str, str], Any]]:
    """Every node and edge with its data, independent of the order they were added in.

    A deep copy: the graph's attribute dicts change in place, and a snapshot holding them would
    change with the graph and always compare equal to it.
    """
    nodes = dict(G.nodes(data=True))
    edges = {(u, v, k): data for u, v, k, data in G.edges(keys=True, data=True)}
    return copy.deepcopy((nodes, edges))
