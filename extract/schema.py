"""The extraction contract: the pydantic models shared by extract/, graph/ and app/.

This module must stay free of spaCy (and of FastAPI) so that graph/ and app/ can import it
without pulling in the NLP stack.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["person", "organization", "place"]
ClaimKind = Literal["direct", "indirect", "mixed", "according_to"]

# The id prefix of each entity type; DESIGN.md's examples use "org:" for organisations.
TYPE_PREFIX: dict[str, str] = {"person": "person", "organization": "org", "place": "place"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A character range in an article's cleaned text."""

    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)


class EntityRef(_Model):
    """How a claim points at an entity: enough to display and link it."""

    id: str
    name: str
    type: EntityType


class Affiliation(_Model):
    """A person's tie to an organisation, as the article states it ("BBC correspondent")."""

    organization: EntityRef
    role: str | None = None


class Entity(EntityRef):
    """A person, organisation or place, either within one article or merged across articles."""

    aliases: list[str] = Field(default_factory=list)
    mentions: int = 0
    roles: list[str] = Field(default_factory=list)
    affiliations: list[Affiliation] = Field(default_factory=list)
    spans: list[Span] = Field(default_factory=list, description="where it is mentioned")
    articles: list[str] = Field(default_factory=list, description="ids of articles naming it")

    def ref(self) -> EntityRef:
        return EntityRef(id=self.id, name=self.name, type=self.type)


class Claim(_Model):
    """One attributed statement: who said it, how, to whom, about whom, and where it is."""

    id: str
    speaker: EntityRef | None = None
    speaker_text: str | None = None
    cue: str | None = None
    cue_class: str | None = None
    kind: ClaimKind
    text: str
    about: list[EntityRef] = Field(default_factory=list)
    addressee: EntityRef | None = None
    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)
    confidence: float = Field(ge=0.0, le=1.0)
    occurrences: list[Span] = Field(
        default_factory=list,
        description="every place the same claim appears (headline, bullets, captions, body)",
    )
    article_id: str | None = Field(default=None, description="set when served by the API")


class Article(_Model):
    """One cleaned article with what was extracted from it."""

    id: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    text: str = Field(description="the cleaned text all offsets refer to")
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Extraction(_Model):
    """The document `claimgraph extract --json` prints."""

    articles: list[Article]
    entities: list[Entity]


def article_id(text: str) -> str:
    """A stable id for an article, derived from its cleaned text."""
    return "a-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_id(article: str, start_char: int, end_char: int) -> str:
    """A stable id for a claim: its article and its place in it."""
    key = f"{article}:{start_char}:{end_char}".encode()
    return "c-" + hashlib.sha256(key).hexdigest()[:16]


def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Gavin Williamson" -> "gavin-williamson"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"


def entity_id(entity_type: str, name: str) -> str:
    """The stable id of an entity: its type prefix and the slug of its canonical name."""
    return f"{TYPE_PREFIX[entity_type]}:{slug(name)}"
