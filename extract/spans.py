"""Name spans the model joined wrongly, repaired before mentions become entities: two bodies
joined by "and", names glued together by a page's markup, a verb read inside a name."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import gazetteer, lexicon
from .extensions import text_of
from .mentions import Mention

# Lower-case words that belong inside a name ("Bank of America", "Office for National
# Statistics", "Abu Bakr al-Baghdadi"); any other is not part of one ("Microsoft woo VMware").
_NAME_PARTICLES = frozenset(
    {"of", "and", "for", "the", "on", "at", "in", "to", "upon", "a", "an", "&"}
    | {"de", "du", "des", "la", "le", "les", "von", "van", "der", "den", "da", "di", "del"}
    | {"dos", "das", "y", "e", "al", "el", "bin", "ibn", "ben", "st"}
)
# "OmarIlhan": a word and the next run together where a page's markup dropped the space
# between two links (not "McDonald", "DeSantis", "MacKenzie": a short prefix).
_GLUED = re.compile(r"[A-Z][a-z]{3,}[A-Z][a-z]")


def repaired(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions with wrong joins undone; the rest as they were, in order."""
    texts = _standalone_texts(doc, mentions)
    venues = _listed_venues(doc)
    taken = {i for venue in venues for i in range(venue.start, venue.end)}
    result: list[Mention] = list(venues)
    for mention in mentions:
        if _junk(mention) or taken.intersection(range(mention.start, mention.end)):
            continue
        parts = (
            _coordinated(doc, mention, texts)
            or _interrupted(doc, mention)
            or _of_outlet(doc, mention, texts)
        )
        parts = parts or _possessed(doc, mention) or [mention]
        for part in parts:
            _royal(doc, part)
            _without_trailing_title(doc, part)
            _with_lower_head(doc, part)
        result.extend(parts)
    return sorted(result, key=lambda m: m.start)


# A line of a tour or fixture list: "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL".
_LISTING = re.compile(
    r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2}/\d{1,2})\s*(?:--|–|—|-|:)\s*"
    r"(?P<venue>[A-Z][^,()]*?)\s*(?:\([^)]*\))?,\s*[A-Z][^,]*,\s*[A-Z]{2}\s*$",
    re.MULTILINE,
)


def _listed_venues(doc: Doc) -> list[Mention]:
    """The venue of each line of a list of dates, places and states: one place, whole, as
    the line names it ("Northwell Health at Jones Beach Theater"), however the model cut it."""
    found = []
    for match in _LISTING.finditer(text_of(doc)):
        span = doc.char_span(*match.span("venue"), alignment_mode="contract")
        if span is not None and len(span):
            found.append(_mention(span, "PLACE"))
    return found


def _junk(mention: Mention) -> bool:
    """A name glued to the next one, or cut inside a bracket ("CNN Business)A")."""
    text = mention.text
    glued = mention.label in {"PERSON", "PLACE"} and _GLUED.search(text) is not None
    return glued or text.count("(") != text.count(")")


def _standalone_texts(doc: Doc, mentions: list[Mention]) -> set[str]:
    return {m.text for m in mentions if " and " not in m.text}


def _known(text: str) -> str | None:
    """The label a name is known by (the alias table, then the place gazetteer), else None."""
    known = lexicon.canonical_names().get(text)
    if known is not None:
        return {"person": "PERSON", "organization": "ORG", "place": "PLACE"}[known[1]]
    return "PLACE" if text in gazetteer.place_names() else None


def _coordinated(doc: Doc, mention: Mention, texts: set[str]) -> list[Mention] | None:
    """ "The United Nations and European Union stressed …": two bodies, each a name the
    article or the alias table knows on its own, are two mentions."""
    if mention.label not in {"ORG", "PLACE"}:
        return None
    span = doc[mention.start : mention.end]
    joins = [t.i for t in span if t.lower_ == "and"]
    if len(joins) != 1 or joins[0] in {span.start, span.end - 1}:
        return None
    left, right = doc[span.start : joins[0]], doc[joins[0] + 1 : span.end]
    parts = [_trimmed(left), _trimmed(right)]
    if not all(p.text in texts or _known(p.text) for p in parts):
        return None
    return [_mention(p, _known(p.text) or mention.label) for p in parts]


def _interrupted(doc: Doc, mention: Mention) -> list[Mention] | None:
    """ "help Microsoft woo VMware customers": a lower-case word that is no particle of a
    name ends one name and starts another."""
    if mention.label != "ORG":
        return None
    span = doc[mention.start : mention.end]
    breaks = [t.i for t in span[1:-1] if _breaks_name(t)]
    if not breaks:
        return None
    runs, start = [], span.start
    for i in [*breaks, span.end]:
        if i > start:
            runs.append(doc[start:i])
        start = i + 1
    return [_mention(run, mention.label) for run in runs if run.text[:1].isupper()]


def _breaks_name(token: Token) -> bool:
    """A word on its own between two capitalised words that no name would hold ("woo")."""
    doc = token.doc
    before, after = doc[token.i - 1], doc[token.i + 1]
    return (
        token.is_lower
        and token.is_alpha
        and token.lower_ not in _NAME_PARTICLES
        and bool(before.whitespace_)
        and bool(token.whitespace_)
        and before.text[:1].isupper()
        and after.text[:1].isupper()
    )


def _trimmed(span: SpacySpan) -> SpacySpan:
    start = span.start + 1 if span[0].lower_ == "the" and len(span) > 1 else span.start
    return span.doc[start : span.end]


def _mention(span: SpacySpan, label: str) -> Mention:
    canonical = lexicon.canonical_names().get(span.text)
    return Mention(
        span.start,
        span.end,
        span.start_char,
        span.end_char,
        label,
        span.text,
        canonical[0] if canonical else None,
    )


# Royal titles are part of how a royal is named ("Queen Elizabeth II", "Prince Andrew").
_ROYAL = frozenset({"queen", "king", "prince", "princess"})


def _royal(doc: Doc, mention: Mention) -> None:
    """ "Queen Elizabeth II's third child": the title the mention lost is put back."""
    before = mention.start - 1
    if mention.label != "PERSON" or before < 0 or doc[before].lower_ not in _ROYAL:
        return
    if not doc[before].is_title:
        return  # "the queen Elizabeth": a common noun
    mention.start, mention.start_char = before, doc[before].idx
    mention.text = doc[before : mention.end].text


def _without_trailing_title(doc: Doc, mention: Mention) -> None:
    """ "Hawaii Rep. Tulsi Gabbard": the state a representative is from, not a body named
    "Hawaii Rep."."""
    last = doc[mention.end - 1]
    if mention.label == "PERSON" or mention.end - mention.start < 2:
        return
    if last.text.rstrip(".").lower() not in lexicon.titles():
        return
    # Only a title that goes with the name after it: not "Office of the Inspector General".
    if mention.end >= len(doc) or doc[mention.end].ent_type_ != "PERSON":
        return
    rest = doc[mention.start : mention.end - 1]
    mention.end, mention.end_char, mention.text = rest.end, rest.end_char, rest.text
    if rest.text in gazetteer.place_names() or rest.text in gazetteer.region_names():
        mention.label = "PLACE"


def _of_outlet(doc: Doc, mention: Mention, texts: set[str]) -> list[Mention] | None:
    """ "Wee of the Times reports": a person the article names, of the outlet they write for."""
    span = doc[mention.start : mention.end]
    of = next((t.i for t in span if t.lower_ == "of"), None)
    if mention.label != "ORG" or of is None or of == span.start or of + 1 >= span.end:
        return None
    person, body = doc[span.start : of], _trimmed(doc[of + 1 : span.end])
    surnames = {text.split()[-1] for text in texts if " " in text}
    if len(person) != 1 or person.text not in surnames or not len(body):
        return None
    # Only as a byline at a cue ("Wee of the Times reports"): "Bank of the West" is a bank.
    after = doc[span.end] if span.end < len(doc) else None
    if after is None or after.lower_ not in lexicon.cues():
        return None
    return [_mention(person, "PERSON"), _mention(body, "ORG")]


# Heads that some names carry in lower case ("the Democratic Progressive party", "the Haqqani
# network", "Hoa Lo prison", "the Qinghai-Tibet plateau"), with the kind they make the name.
_LOWER_HEADS = {
    **dict.fromkeys(("party", "network", "commission"), "ORG"),
    **dict.fromkeys(("prison", "plateau", "desert", "strait", "river"), "PLACE"),
}


def _with_lower_head(doc: Doc, mention: Mention) -> None:
    """A name followed by such a head, with at most one lower-case word between ("Inner
    Mongolia health commission"), runs to the head."""
    if mention.label not in {"ORG", "PLACE"}:
        return
    for end in (mention.end + 1, mention.end + 2):
        if end > len(doc):
            return
        words = doc[mention.end : end]
        if not all(t.is_lower and t.is_alpha for t in words):
            return
        kind = _LOWER_HEADS.get(words[-1].lower_)
        # (Not "the Labour party leaders", where the head is a noun's modifier.)
        if kind is not None and (end == len(doc) or doc[end].pos_ not in {"NOUN", "PROPN"}):
            span = doc[mention.start : end]
            mention.end, mention.end_char, mention.text = end, span.end_char, span.text
            mention.label = kind
            return


def _possessed(doc: Doc, mention: Mention) -> list[Mention] | None:
    """ "Cleveland's Public Auditorium": a known place's possession is a name of its own,
    and the place another."""
    span = doc[mention.start : mention.end]
    mark = next((t.i for t in span[1:-1] if t.lower_ in {"'s", "’s"}), None)
    if mark is None:
        return None
    owner, owned = doc[span.start : mark], doc[mark + 1 : span.end]
    if not (owner.text in gazetteer.place_names() or owner.text in gazetteer.region_names()):
        return None
    return [_mention(owner, "PLACE"), _mention(owned, mention.label)]
