"""Two small stored articles, built inline, for the query tests (no pipeline needed)."""

from __future__ import annotations

from claimgraph.extract.schema import (
    Article,
    Claim,
    ClaimKind,
    Entity,
    EntityRef,
    EntityType,
    Span,
    article_id,
    claim_id,
    entity_id,
)


def ref(entity_type: EntityType, name: str) -> EntityRef:
    return EntityRef(id=entity_id(entity_type, name), name=name, type=entity_type)


WILLIAMSON = ref("person", "Gavin Williamson")
GARDNER = ref("person", "Frank Gardner")
TALIBAN = ref("organization", "Taliban")
ISIS_K = ref("organization", "ISIS-K")
SKY_NEWS = ref("organization", "Sky News")
KABUL_AIRPORT = ref("place", "Kabul Airport")

KABUL_TEXT = (
    "Defence Secretary Gavin Williamson told Sky News: "
    '"The Taliban cannot be trusted with Kabul Airport." '
    "The Taliban said the airport was secure. "
    "Officials said the threat was imminent."
)
ISIS_TEXT = (
    'Frank Gardner said ISIS-K was "absolutely ruthless". '
    "Gavin Williamson warned that ISIS-K posed a threat to the Taliban."
)


def entity(text: str, ref: EntityRef, *roles: str) -> Entity:
    """An entity with a span for every place its name occurs in `text`."""
    name = ref.name
    spans = []
    start = text.find(name)
    while start >= 0:
        spans.append(Span(start_char=start, end_char=start + len(name)))
        start = text.find(name, start + 1)
    return Entity(**ref.model_dump(), mentions=len(spans), roles=list(roles), spans=spans)


def claim(
    text: str,
    content: str,
    *,
    speaker: EntityRef | None,
    speaker_text: str,
    cue: str,
    kind: ClaimKind,
    about: tuple[EntityRef, ...] = (),
    addressee: EntityRef | None = None,
) -> Claim:
    """A claim whose offsets are where `content` occurs in the article `text`."""
    start = text.index(content)
    end = start + len(content)
    return Claim(
        id=claim_id(article_id(text), start, end),
        speaker=speaker,
        speaker_text=speaker_text,
        cue=cue,
        cue_class="warn" if cue == "warned" else "assert",
        kind=kind,
        text=content,
        about=list(about),
        addressee=addressee,
        start_char=start,
        end_char=end,
        confidence=0.9,
    )


def kabul_article() -> Article:
    text = KABUL_TEXT
    return Article(
        id=article_id(text),
        source="tests/kabul.txt",
        title="Kabul Airport",
        published="2021-08-26",
        text=text,
        entities=[
            entity(text, WILLIAMSON, "Defence Secretary"),
            entity(text, SKY_NEWS),
            entity(text, TALIBAN),
            entity(text, KABUL_AIRPORT),
        ],
        claims=[
            claim(
                text,
                "The Taliban cannot be trusted with Kabul Airport.",
                speaker=WILLIAMSON,
                speaker_text="Defence Secretary Gavin Williamson",
                cue="told",
                kind="direct",
                about=(TALIBAN, KABUL_AIRPORT),
                addressee=SKY_NEWS,
            ),
            claim(
                text,
                "the airport was secure",
                speaker=TALIBAN,
                speaker_text="The Taliban",
                cue="said",
                kind="indirect",
                about=(KABUL_AIRPORT,),
            ),
            claim(
                text,
                "the threat was imminent",
                speaker=None,
                speaker_text="Officials",
                cue="said",
                kind="indirect",
            ),
        ],
    )


def isis_article() -> Article:
    text = ISIS_TEXT
    return Article(
        id=article_id(text),
        source="tests/isis.txt",
        title="ISIS-K",
        text=text,
        entities=[
            entity(text, GARDNER),
            entity(text, ISIS_K),
            entity(text, WILLIAMSON),
            entity(text, TALIBAN),
        ],
        claims=[
            claim(
                text,
                'ISIS-K was "absolutely ruthless"',
                speaker=GARDNER,
                speaker_text="Frank Gardner",
                cue="said",
                kind="mixed",
                about=(ISIS_K,),
            ),
            claim(
                text,
                "ISIS-K posed a threat to the Taliban",
                speaker=WILLIAMSON,
                speaker_text="Gavin Williamson",
                cue="warned",
                kind="indirect",
                about=(ISIS_K, TALIBAN),
            ),
        ],
    )


def sample_articles() -> list[Article]:
    return [kabul_article(), isis_article()]


SIR_GAVIN = ref("person", "Sir Gavin Williamson")
TITLED_TEXT = "Sir Gavin Williamson said the Taliban had changed."


def titled_article() -> Article:
    """Names Williamson with his title: the graph merges him with the untitled one."""
    text = TITLED_TEXT
    return Article(
        id=article_id(text),
        source="tests/titled.txt",
        text=text,
        entities=[entity(text, SIR_GAVIN), entity(text, TALIBAN)],
        claims=[
            claim(
                text,
                "the Taliban had changed",
                speaker=SIR_GAVIN,
                speaker_text="Sir Gavin Williamson",
                cue="said",
                kind="indirect",
                about=(TALIBAN,),
            )
        ],
    )
