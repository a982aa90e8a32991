"""The extraction contract: the pydantic models shared by extract/, graph/ and app/.

This module must stay free of spaCy (and of FastAPI) so that graph/ and app/ can import it
without pulling in the NLP stack.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import Literal
from urllib.parse import urlsplit

from anyascii import anyascii
from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["person", "organization", "place"]
ClaimKind = Literal["direct", "indirect", "mixed", "according_to"]
# What a claim's reporting verb or phrase does (`Claim.cue_class`): "warned" is warn, "denied"
# deny. The cue lexicon (extract/data/cues.tsv, noun_cues.tsv) uses these classes only (tested).
CueClass = Literal[
    "accuse",
    "add",
    "admit",
    "agree",
    "announce",
    "ask",
    "assert",
    "claim",
    "confirm",
    "criticise",
    "deny",
    "explain",
    "insist",
    "praise",
    "predict",
    "promise",
    "reveal",
    "suggest",
    "warn",
]

# The id prefix of each entity type; DESIGN.md's examples use "org:" for organisations.
TYPE_PREFIX: dict[str, str] = {"person": "person", "organization": "org", "place": "place"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A character range in an article's cleaned text."""

    start_char: int = Field(ge=0)
    end_char: int = Field(ge=0)


class Context(Span):
    """The sentence or sentences of the article that hold a claim, as written there."""

    text: str


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
    first_seen: str | None = Field(
        default=None, description="the earliest publication date of the articles naming it"
    )
    last_seen: str | None = Field(
        default=None, description="the latest publication date of the articles naming it"
    )

    def ref(self) -> EntityRef:
        return EntityRef(id=self.id, name=self.name, type=self.type)


class ArticleRef(_Model):
    """Where a claim was published: enough to cite it without a second request."""

    id: str
    title: str | None = None
    source: str | None = Field(default=None, description="its URL when known, else its path")
    published: str | None = Field(default=None, description="publication date (ISO 8601)")
    outlet: str | None = Field(default=None, description="the site's name or domain")


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
    context: Context | None = Field(
        default=None,
        description="the sentence(s) holding the claim, with its speaker and cue where they "
        "stand in the same paragraph: what a reader quotes to cite it",
    )
    article_id: str | None = Field(default=None, description="set when served by the API")
    article: ArticleRef | None = Field(
        default=None,
        description="set when served by the API: the article's title, source, date and outlet",
    )


class Article(_Model):
    """One cleaned article with what was extracted from it."""

    id: str
    source: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: str | None = Field(default=None, description="the site's name or domain")
    text: str = Field(description="the cleaned text all offsets refer to")
    entities: list[Entity] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)


class Extraction(_Model):
    """The document `claimgraph extract --json` prints."""

    articles: list[Article]
    entities: list[Entity]


def domain_of(url: str | None) -> str | None:
    """The site a URL belongs to, without "www.": what names an outlet when its page does not.

    >>> domain_of("https://www.bbc.co.uk/news/uk-58349564")
    'bbc.co.uk'
    >>> domain_of("seeds/kabul.txt") is None
    True
    """
    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:  # a malformed address ("http://[::1") names no site
        return None
    return host.removeprefix("www.") if host and "." in host else None


def article_id(text: str) -> str:
    """A stable id for an article, derived from its cleaned text."""
    return "a-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def claim_id(article: str, start_char: int, end_char: int) -> str:
    """A stable id for a claim: its article and its place in it."""
    key = f"{article}:{start_char}:{end_char}".encode()
    return "c-" + hashlib.sha256(key).hexdigest()[:16]


# Where a name's letters need more than accents dropped to be spelled in ASCII, the slug carries a
# short hash of the name: transliteration loses distinctions (Chinese tones, Cyrillic soft
# signs), and two people must never share an id because their names look alike in Latin letters.
_HASH_CHARS = 8
# An id fits in every parameter that takes one (300 characters), with room to spare.
MAX_SLUG_CHARS = 64
# Bidirectional controls (which would display a name reversed) and other format characters are
# not part of a name; zero-width (non-)joiners are, in the scripts that write them.
_KEPT_FORMAT = {"\u200c", "\u200d"}
_DROPPED = {"Cc", "Cf", "Cs", "Co"}


def clean_name(name: str) -> str:
    """A name as it should be displayed and compared: Unicode NFC, without control or format
    characters (bidi overrides, zero-width spaces), with runs of white space as one space."""
    kept = (
        " " if char.isspace() else char
        for char in unicodedata.normalize("NFC", name)
        if char.isspace() or char in _KEPT_FORMAT or unicodedata.category(char) not in _DROPPED
    )
    return " ".join("".join(kept).split())


@lru_cache(maxsize=65_536)
def slug(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Gavin Williamson" -> "gavin-williamson",
    "José Martí" -> "jose-marti". A name in another script is transliterated and keeps a hash
    of its own ("Иван Сидоров" -> "ivan-sidorov-" + 8 hex digits), as does one too long to
    spell in full or with no letters or digits at all."""
    name = clean_name(name)
    words = _words(_drop_accents(name))
    if not _spelled_by_accents(name):
        words = _words(anyascii(name))
    elif words and len(words) <= MAX_SLUG_CHARS:
        return words
    digest = hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()[:_HASH_CHARS]
    words = words[:MAX_SLUG_CHARS].rstrip("-")
    return f"{words}-{digest}" if words else digest


def _drop_accents(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def _words(ascii_name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _spelled_by_accents(name: str) -> bool:
    """Whether dropping accents keeps every letter and digit of the name ("é" -> "e"; not
    "ł", "ß" or any letter of Cyrillic, Greek, Arabic or CJK)."""
    return all(_drop_accents(char).isalnum() for char in name if char.isalnum())


def entity_id(entity_type: str, name: str) -> str:
    """The stable id of an entity: its type prefix and the slug of its canonical name."""
    return f"{TYPE_PREFIX[entity_type]}:{slug(name)}"
