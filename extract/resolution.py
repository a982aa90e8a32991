"""Resolution in one article: mentions -> entities, and claims' speakers, addressees and topics."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from . import genders, kinds
from .attribution import Attribution
from .clusters import Cluster, cluster_mentions, clusters_in, entity_of
from .context import claim_context
from .descriptions import descriptions_by_neighbours
from .extensions import text_of
from .names import alias_mentions, defined_aliases, repeated_names, speaker_names
from .repeats import merge_repeats
from .schema import Claim
from .spans import repaired
from .speakers import after_unnamed_source, resolve_speaker
from .topics import described, named_in, referred


@Language.factory("claimgraph_resolution")
def make_resolution(nlp: Language, name: str) -> Resolver:
    return Resolver()


class Resolver:
    """Pipeline component: sets `doc._.entities` and `doc._.claims` (ids filled by Extractor)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = sorted(
            [*repaired(doc, doc._.mentions or []), *speaker_names(doc)], key=lambda m: m.start
        )
        doc._.mentions = kinds.relabelled(doc, doc._.mentions)
        defined = defined_aliases(doc)
        doc._.mentions = sorted(
            [*doc._.mentions, *alias_mentions(doc, defined)], key=lambda m: m.start
        )
        doc._.mentions = sorted([*doc._.mentions, *repeated_names(doc)], key=lambda m: m.start)
        clusters, by_mention = cluster_mentions(doc._.mentions, defined)
        genders.assign(doc, clusters, by_mention)
        doc._.entities = [entity_of(c, clusters) for c in clusters]
        attributions: list[Attribution] = doc._.attributions or []
        speakers: list[Cluster | None] = []
        previous: tuple[Cluster, int] | None = None
        for i, attribution in enumerate(attributions):
            if after_unnamed_source(doc, attributions[:i], attribution):
                speaker = None  # "One victim … said … ‘…,’ she wrote": still the unnamed one
            else:
                speaker = resolve_speaker(doc, attribution, by_mention, previous)
            speakers.append(speaker)
            if speaker is not None and not attribution.embedded:
                at = attribution.speaker[0] if attribution.speaker else attribution.cue_token
                previous = (speaker, at if at is not None else 0)
        nearby = descriptions_by_neighbours(doc, attributions, speakers, by_mention)
        claims = [
            _claim(doc, a, nearby.get(i, s), by_mention, guessed=i in nearby)
            for i, (a, s) in enumerate(zip(attributions, speakers, strict=True))
        ]
        doc._.claims = merge_repeats(claims)
        return doc


def _claim(
    doc: Doc,
    attribution: Attribution,
    speaker: Cluster | None,
    by_mention: dict[int, Cluster],
    *,
    guessed: bool = False,
) -> Claim:
    content = doc.char_span(attribution.start_char, attribution.end_char, alignment_mode="expand")
    about = named_in(doc, content, attribution, by_mention) if content else []
    if content is not None:
        about += [c for c in described(doc, content, by_mention) if c not in about]
        about += [c for c in referred(doc, content, speaker, by_mention) if c not in about]
    addressee = None
    if attribution.addressee is not None:
        targets = clusters_in(doc, by_mention, *attribution.addressee)
        addressee = targets[-1].ref() if targets else None
    speaker_text = (
        doc[attribution.speaker[0] : attribution.speaker[1]].text if attribution.speaker else None
    )
    confidence = attribution.confidence if speaker is not None else min(attribution.confidence, 0.6)
    if guessed:
        confidence = min(confidence, 0.7)
    return Claim(
        id="",
        speaker=speaker.ref() if speaker else None,
        speaker_text=speaker_text,
        cue=attribution.cue,
        cue_class=attribution.cue_class,
        kind=attribution.kind,  # type: ignore[arg-type]
        text=text_of(doc)[attribution.start_char : attribution.end_char],
        about=[c.ref() for c in about],
        addressee=addressee,
        start_char=attribution.start_char,
        end_char=attribution.end_char,
        confidence=round(confidence, 2),
        context=claim_context(doc, attribution),
    )
