"""Result models the facade returns, on top of the shared extraction contract."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from claimgraph.extract.schema import EntityRef

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list; `count` is the total number of results before pagination."""

    data: list[T]
    count: int


class ArticleSummary(BaseModel):
    id: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: str | None = Field(default=None, description="the site's name or domain")
    entities: int
    claims: int
    ingested_at: str


class IngestResult(BaseModel):
    """What storing one article did: `created`, or `unchanged` when its text was stored before."""

    article_id: str
    status: Literal["created", "unchanged"]
    title: str | None = None
    entities: int
    claims: int


class SpeakerCount(BaseModel):
    """A speaker and how many of its claims are about the entity asked for."""

    entity: EntityRef
    claims: int


class TimelineBucket(BaseModel):
    """The claims of one period: how many, and how many of each cue class."""

    period: str = Field(description='"2021-08-26", "2021-W34", "2021-08" or "2021"')
    start: str = Field(description="its first day")
    end: str = Field(description="its last day")
    claims: int
    cue_classes: dict[str, int] = Field(
        description='claims per cue class ("warn": 2); "unclassified" where the cue has none'
    )


class Timeline(BaseModel):
    """An entity's claims over time, by the publication dates of their articles."""

    entity: EntityRef
    role: Literal["speaker", "about"] = Field(description="claims it made, or claims about it")
    interval: Literal["day", "week", "month", "year"]
    claims: int = Field(description="all the claims counted, dated or not")
    undated: int = Field(description="claims whose article states no publication date")
    cue_classes: dict[str, int] = Field(
        default_factory=dict,
        description="all the claims counted per cue class, dated or not, most frequent first",
    )
    buckets: list[TimelineBucket] = Field(
        description="every period from the first dated claim to the last, empty ones included"
    )


class PathStep(BaseModel):
    """One node on a path between two entities."""

    id: str
    kind: str
    label: str


class GraphPath(BaseModel):
    """A path through the graph, edge direction ignored.

    `edges[i]` is the kind of the edge joining `nodes[i]` and `nodes[i + 1]` ("SAID", …), or
    the kinds joined by "|" where two nodes are linked more than one way ("ABOUT|TOLD").
    """

    nodes: list[PathStep]
    edges: list[str]


class Split(BaseModel):
    """A person's decision that, in some articles, an entity is someone (something) else: the
    mentions of those articles were moved to a new entity."""

    id: str
    entity: EntityRef = Field(description="the entity as it was before the split")
    new: EntityRef = Field(description="the entity the chosen articles' mentions moved to")
    articles: list[str]
    decided_by: str
    decided_at: str
    active: bool = Field(description="false once undone")


class Merge(BaseModel):
    """Two entity ids taken for one real thing (`merged` folded into `kept`), or proposed to be:
    every merge the resolver made or suggested, and every decision a person took, stays listed."""

    id: str
    kept: EntityRef
    merged: EntityRef
    reason: str = Field(description="why, in one line")
    evidence: list[str] = Field(
        default_factory=list, description="each fact the merge rests on, or that speaks for it"
    )
    score: float = Field(description="how strongly the evidence holds, 0-1 (1: proved)")
    status: Literal["applied", "proposed", "rejected", "undone"] = Field(
        description="applied: in force; proposed: waiting for a person; rejected: a person "
        "refused it; undone: a person took it back"
    )
    decided_by: str = Field(description='"claimgraph" for the resolver, else who decided')
    decided_at: str | None = Field(default=None, description="when a person decided")
    created_at: str
    active: bool = Field(description="whether it is in force (status applied)")
