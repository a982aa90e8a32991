"""Names the model missed: speakers named at a cue, and aliases the article defines."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from . import lexicon
from .clusters import type_and_name
from .entities import LABEL_OF_TYPE
from .extensions import text_of
from .frames import looks_like_name
from .headlines import headline_ranges, outside_headlines
from .mentions import Mention, strip_titles

_ORG_WORDS = {
    "ministry",
    "office",
    "department",
    "army",
    "navy",
    "force",
    "agency",
    "council",
    "committee",
    "party",
    "group",
    "front",
    "corporation",
    "company",
    "bank",
    "news",
    "pictures",
    "institute",
    "university",
    "command",
    "service",
    "services",
}


def speaker_names(doc: Doc) -> list[Mention]:
    """Names the NER missed but that stand as the subject of a reporting cue ("Owen Hale said").

    A proper name credited with speech is a person (or, with an organisation word in it, an
    organisation); the name is in the text, so nothing is invented.
    """
    added: list[Mention] = []
    taken = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    # "Nissan is hoping …" where "Nissan" was tagged elsewhere: the kind the article gave it.
    known = {m.text: m for m in doc._.mentions or [] if m.label != "NORP"}
    for attribution in doc._.attributions or []:
        if attribution.speaker is None:
            continue
        words = doc[attribution.speaker[0] : attribution.speaker[1]]
        if taken.intersection(range(words.start, words.end)) or not looks_like_name(words):
            continue
        label = "ORG" if any(t.lower_ in _ORG_WORDS for t in words) else "PERSON"
        same = known.get(words.text)
        mention = Mention(
            words.start,
            words.end,
            words.start_char,
            words.end_char,
            same.label if same else label,
            words.text,
            canonical=same.canonical if same else None,
        )
        if label == "PERSON":
            strip_titles(doc, mention)
        added.append(mention)
        taken.update(range(words.start, words.end))
    return outside_headlines(doc, added)


def defined_aliases(doc: Doc) -> dict[str, tuple[str, str]]:
    """Names the article defines for an entity: "the Northern Freedom Front (NFF)",
    "Islamic State in Iraq and Levant (Isil)", "IS-Khorasan, also known as IS-K".

    Returns alias -> (type, name of the defined entity).
    """
    defined: dict[str, tuple[str, str]] = {}
    for mention in doc._.mentions or []:
        if mention.label == "NORP":
            continue
        entity_type, name = type_and_name(mention)
        for alias in _definitions_after(doc, mention.end):
            if alias != name and alias not in lexicon.canonical_names():
                defined.setdefault(alias, (entity_type, name))
    _implicit_acronyms(doc._.mentions or [], defined)
    ranges = headline_ranges(doc)
    _short_forms(doc._.mentions or [], defined, ranges[-1][1] if ranges else 0)
    return defined


# "Department of Justice" is also written "Justice Department"; a ministry likewise.
_OF_FORM = re.compile(
    r"^(?:(?P<pre>[A-Z][\w.]*) )?(?P<head>Department|Ministry) of (?P<x>[A-Z][\w-]*)$"
)
_PARTY = re.compile(r"^(?P<x>[A-Z][\w-]*(?: [A-Z][\w-]*)?) [Pp]arty$")


def _short_forms(
    mentions: list[Mention], defined: dict[str, tuple[str, str]], story_start: int = 0
) -> None:
    """The other names one body goes by in one article: "Justice Department" beside "U.S.
    Department of Justice", "Conservatives" and "Conservative" beside "Conservative Party"."""
    bodies = [m for m in mentions if m.label == "ORG"]
    short: dict[str, str] = {}
    for mention in bodies:
        name = type_and_name(mention)[1]
        if match := _OF_FORM.match(mention.text):
            head, x = match["head"], match["x"]
            short.setdefault(f"{x} {head}", name)
            if match["pre"]:
                short.setdefault(f"{match['pre']} {x} {head}", name)
        elif match := _PARTY.match(mention.text):
            x = match["x"]
            # "Democrats" and "Democrat" beside "Democratic Party".
            plain = x[:-2] if x.endswith("ic") else x
            for form in (x, x + "s", plain, plain + "s"):
                short.setdefault(form, name)
    for mention in bodies:
        full = short.get(mention.text)
        known = mention.text in defined or mention.text in lexicon.canonical_names()
        if full is not None and full != mention.text and not known:
            defined[mention.text] = ("organization", full)
    _shortened_names(bodies, defined, story_start)


def _shortened_names(
    bodies: list[Mention], defined: dict[str, tuple[str, str]], story_start: int
) -> None:
    """The shorter name a body goes by once the story has given it in full (a headline may
    use it first): without the place or body it belongs to ("Intelligence Committee" after
    "House Intelligence Committee"), without its "of …" or "for …" ("Comic Corps" after
    "Comic Corps of Canada"), without the trade its name gives ("Take-Two" after "Take-Two
    Interactive"). A short name two bodies of the article could have is neither's, and one the
    alias table knows keeps its own entity; a full name whose short form the table knows is
    that body ("UK Home Office"), and a well-known body's short form is that body wherever
    the article uses it ("Security Council" beside "UN Security Council")."""
    first: dict[str, int] = {}
    for mention in bodies:
        if mention.start_char >= story_start:
            first.setdefault(lexicon.without_the(mention.text), mention.start)
    names = {lexicon.without_the(m.text) for m in bodies}
    known = lexicon.canonical_names()
    fulls: dict[str, set[str]] = {}
    for name in names - defined.keys():
        entry = known.get(name)
        if entry is not None and entry[1] != "organization":
            continue
        for form in lexicon.shorter_forms(name):
            form_entry = known.get(form)
            if form_entry is None:
                fulls.setdefault(form, set()).add(entry[0] if entry else name)
            elif entry is None and form_entry[1] == "organization" and name.endswith(" " + form):
                defined.setdefault(name, ("organization", form_entry[0]))
    for form, targets in fulls.items():
        if len(targets) != 1 or form not in names or form in defined:
            continue
        (full,) = targets
        well_known = full in known
        if well_known or first.get(full, float("inf")) < first.get(form, -1):
            defined[form] = ("organization", full)


def _implicit_acronyms(mentions: list[Mention], defined: dict[str, tuple[str, str]]) -> None:
    """ "NFF" in an article that also names the Northern Freedom Front: its initials."""
    # A place's initials are the place ("NZ" beside "New Zealand"), a body's the body.
    full = {
        _initials(m.text): type_and_name(m)
        for m in mentions
        if m.label in {"ORG", "PLACE"} and " " in m.text
    }
    for mention in mentions:
        text = mention.text
        known = text in defined or text in lexicon.canonical_names()
        if text.isupper() and 2 <= len(text) <= 6 and text.isalpha() and text in full and not known:
            defined[text] = full[text]


def _initials(name: str) -> str:
    words = [w for w in lexicon.without_the(name).split() if w[:1].isupper()]
    return "".join(w[0] for w in words)


def alias_mentions(doc: Doc, defined: dict[str, tuple[str, str]]) -> list[Mention]:
    """Every use of a name the article defined ("NFF") is a mention, tagged by the model or not."""
    taken = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    return [
        Mention(span.start, span.end, span.start_char, span.end_char, LABEL_OF_TYPE[kind], alias)
        for alias, (kind, _) in defined.items()
        for span in _free_uses(doc, alias, taken)
    ]


def _free_uses(doc: Doc, name: str, taken: set[int]) -> Iterator[Span]:
    """Each whole-word use of `name` whose tokens no mention holds yet; each one yielded is
    then taken (added to `taken`)."""
    for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w]|-\w)", text_of(doc)):
        span = doc.char_span(match.start(), match.end())
        if span is not None and not taken.intersection(range(span.start, span.end)):
            taken.update(range(span.start, span.end))
            yield span


def _definitions_after(doc: Doc, at: int) -> list[str]:
    if at + 2 < len(doc) and doc[at].text == "(":
        close = next((i for i in range(at + 1, min(at + 6, len(doc))) if doc[i].text == ")"), None)
        if close is not None and close > at + 1:
            alias = doc[at + 1 : close].text
            if len(alias) <= 12 and any(ch.isupper() for ch in alias) and " " not in alias:
                return [] if _where(alias) else [alias]
        return []
    i = at + 1 if at < len(doc) and doc[at].text == "," else at
    i += 1 if i < len(doc) and doc[i].lower_ in {"also", "commonly", "better"} else 0
    if i + 2 < len(doc) and doc[i].lower_ == "known" and doc[i + 1].lower_ == "as":
        return _names_from(doc, i + 2)
    return []


def _where(name: str) -> bool:
    """A country or region written out in brackets after a name says where the thing is
    ("Baar (Switzerland)", "Ascom (Switzerland)", "Springfield (Illinois)"): no other name of
    it. A short form in capitals still is ("(UK)", "(NFF)")."""
    from .gazetteer import country_names, region_names

    return not name.isupper() and (name in country_names() or name in region_names())


def _names_from(doc: Doc, i: int) -> list[str]:
    """ "X or Y": capitalised names after "known as"."""
    names, start = [], i
    while i <= len(doc):
        if (
            i == len(doc)
            or doc[i].lower_ in {"or", ","}
            or not (doc[i].is_title or doc[i].is_upper or doc[i].text in {"-", "–"})
        ):
            if i > start:
                names.append(doc[start:i].text)
            if i < len(doc) and doc[i].lower_ == "or":
                start = i = i + 1
                continue
            return names
        i += 1
    return names


# Labels whose names are looked for again wherever they recur in the article.
_REPEATED_LABELS = frozenset({"ORG", "PERSON", "PLACE"})


def repeated_names(doc: Doc) -> list[Mention]:
    """An organisation the model tagged once is the same organisation wherever its name recurs
    ("… is investigating WeWork. The company confirmed …" where only a later "WeWork" was
    tagged): a name means one thing throughout one article."""
    taken = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    names = {
        m.text: m
        for m in doc._.mentions or []
        if m.label in _REPEATED_LABELS and m.text[:1].isupper() and len(m.text) > 2
    }
    return [
        Mention(
            span.start,
            span.end,
            span.start_char,
            span.end_char,
            model.label,
            name,
            canonical=model.canonical,
        )
        for name, model in names.items()
        for span in _free_uses(doc, name, taken)
    ]
