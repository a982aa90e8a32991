"""Kinds the words around a name show, where the model guessed another: a hometown after a
person's age ("Ryan Hollman, 31, of Hope"), a city before the kind of business it is the city
of ("the Minneapolis ad agency"), and the capital written with its district ("Washington,
DC")."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from . import gazetteer, genders, lexicon
from .bodies import ANY_ORGANISATION, refers_to_body
from .extensions import text_of
from .mentions import Mention

_DISTRICTS = frozenset({"DC", "D.C."})


def relabelled(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, with places relabelled (every mention of the same name with them, one
    name keeping one kind in an article), a name written with a title a person wherever it
    recurs, a job's initials ("COO") no name, and "Washington, DC" made one."""
    places = {
        m.text
        for m in mentions
        if _hometown(doc, m)
        or _place_modifier(doc, m)
        or _before_kind_of_place(doc, m)
        or _country_as_body(m)
    }
    # "SoftBank CEO Masayoshi Son": a title or an honorific marks a person, in every mention.
    people = {m.text for m in mentions if m.label == "PERSON" and (m.role or m.gender)}
    bodies = {
        m.text
        for m in mentions
        if _after_kind_of_body(doc, m) or _employer(doc, m) or _in_business(doc, m)
    }
    # "told Gizmodo", "a survey from Statista": an outlet or a firm, unless the article names a
    # person of that name in full or with a title.
    in_full = {
        w
        for m in mentions
        if m.label == "PERSON" and (" " in m.text or m.role)
        for w in m.text.split()
    }
    bodies |= {m.text for m in mentions if _told_or_published(doc, m) and m.text not in in_full}
    for mention in mentions:
        if mention.canonical is not None:
            continue
        if mention.text in places:
            mention.label = "PLACE"
        elif mention.text in people:
            mention.label = "PERSON"
        elif mention.text in bodies:
            mention.label = "ORG"
    jobs = lexicon.role_nouns()
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON"}
    named = [m for m in mentions if m.text.lower() not in jobs and not _family(doc, m, surnames)]
    return _with_districts(doc, named)


def _country_as_body(mention: Mention) -> bool:
    """ "Sweden beat South Korea", "Jordan warned": a country the model read as a body is its
    government or its national team, which the article names by the country, a place (in a
    heading in capitals too: "ARGENTINA CRUISES")."""
    text = mention.text.title() if mention.text.isupper() else mention.text
    return mention.label == "ORG" and text in gazetteer.country_names()


def _family(doc: Doc, mention: Mention, surnames: set[str]) -> bool:
    """ "the Bidens": a family, no one person, by the plural of a surname the article uses."""
    text = mention.text
    return (
        mention.start > 0
        and doc[mention.start - 1].lower_ == "the"
        and text.endswith("s")
        and text[:-1] in surnames
    )


def _hometown(doc: Doc, mention: Mention) -> bool:
    """ "Ryan S. Hollman, 31, of Hope": where a person named with their age is from."""
    at = mention.start
    if at < 3 or doc[at - 1].lower_ != "of" or doc[at - 2].text != ",":
        return False
    age = doc[at - 3]
    return age.text.isdigit() and int(age.text) < 120


def _place_modifier(doc: Doc, mention: Mention) -> bool:
    """ "the Minneapolis ad agency": a one-word name the gazetteer knows as a place, before
    the common nouns of the business it is in."""
    nouns = list(doc[mention.end : mention.end + 2])
    kind = next((i for i, t in enumerate(nouns) if t.is_lower and _kind_of_body(t.lower_)), None)
    return (
        mention.label == "ORG"
        and mention.end - mention.start == 1
        and mention.text in gazetteer.place_names()
        and kind is not None
        and all(t.is_lower and t.pos_ == "NOUN" for t in nouns[: kind + 1])
    )


def _after_kind_of_body(doc: Doc, mention: Mention) -> bool:
    """ "energy company Burisma", "developer Valve": a name written right after the kind of
    organisation it is, which no model's guess of a person or place outweighs. Not a person
    named by first name after a noun that ends a phrase ("the company Jane Roe founded")."""
    before = doc[mention.start - 1] if mention.start else None
    words = mention.text.split()
    return (
        before is not None
        and before.is_lower
        and _kind_of_body(before.lower_)
        and mention.label != "NORP"
        and not (len(words) > 1 and words[0].casefold() in genders.first_names())
        and mention.text not in gazetteer.place_names()
    )


# "Matt Ode, equity strategist at Harwick Tabor": the words of a job between a person's name
# and where they work.
_JOB_WORDS = frozenset({"of", "for", "and", "in", "&"})


def _employer(doc: Doc, mention: Mention) -> bool:
    """ "Ann Lee, senior analyst at Harwick Tabor,": where a person just named works is an
    organisation, unless the gazetteer knows it as a place or its last word makes it a site
    ("… a surgeon at Alderbridge Infirmary")."""
    at = mention.start - 1
    if at < 2 or doc[at].lower_ not in {"at", "with"} or mention.label == "NORP":
        return False
    i = at - 1
    while i > at - 8 and (doc[i].is_lower or doc[i].lower_ in _JOB_WORDS or doc[i].is_title):
        if doc[i].text == "," or doc[i].ent_type_ in {"ORG", "PLACE", "GPE"}:
            break
        i -= 1
    words = doc[i + 1 : at]
    return (
        doc[i].text == ","
        and i > 0
        and doc[i - 1].ent_type_ == "PERSON"
        and any(t.lower_ in lexicon.role_nouns() or t.lower_.endswith(_JOB_ENDINGS) for t in words)
        and mention.text not in gazetteer.place_names()
        and mention.text.split()[-1].lower() not in _SITE_WORDS
    )


_JOB_ENDINGS = ("ist", "er", "or", "ant", "ent")
# What a company has and a place does not: "Pegatron plants", "Rivian shares", and what one
# buys or invests in: "a stake in Rivian", "shares of Nvidia", "jobs at Stellantis".
_BUSINESS_AFTER = frozenset(
    {"shares", "stock", "stocks", "plants", "plant", "factory", "factories", "sites", "stores"}
    | {"employees", "workers", "staff", "executives", "executive", "ceo", "chief", "founder"}
    | {"spokesman", "spokeswoman", "spokesperson", "products", "subsidiary"}
    | {"investors", "shareholders", "revenue", "revenues", "earnings", "profit", "sales"}
)
_BUSINESS_BEFORE = re.compile(
    r"(?:shares (?:in|of)|stake in|investments? in|invested in|money into|jobs at|"
    r"acquisition of|takeover of|bid for|(?:acquired|bought) by|owned by)\s$",
    re.IGNORECASE,
)


_TOLD_OR_PUBLISHED = re.compile(
    r"(?:\btold|\b(?:survey|report|study|poll|analysis|data|research|ranking|estimates?)s? "
    r"(?:from|by|published by))\s$",
    re.IGNORECASE,
)


def _told_or_published(doc: Doc, mention: Mention) -> bool:
    """ "Dempsey told Gizmodo", "a survey from Statista": a one-word name the model read as a
    person, with no first name nor title anywhere, after "told" or a publication's noun."""
    if mention.label != "PERSON" or " " in mention.text or mention.role or mention.gender:
        return False
    if mention.text.casefold() in genders.first_names():
        return False
    before = text_of(doc)[max(0, mention.start_char - 30) : mention.start_char]
    return _TOLD_OR_PUBLISHED.search(before) is not None


@cache
def _known_places() -> frozenset[str]:
    return gazetteer.place_names() | gazetteer.region_names()


def _in_business(doc: Doc, mention: Mention) -> bool:
    """A name the model read as a place or person that the words around it make a company
    ("Pegatron plants", "a stake in Rivian"), unless the gazetteer knows it as a place."""
    if mention.label not in {"PLACE", "PERSON"} or mention.text in _known_places():
        return False
    if mention.label == "PERSON" and (mention.role or mention.gender or " " in mention.text):
        return False
    after = doc[mention.end] if mention.end < len(doc) else None
    # "Rivian shares fell", not "Sabatier shares the formula" (a verb).
    if (
        after is not None
        and after.is_lower
        and after.lower_ in _BUSINESS_AFTER
        and not after.tag_.startswith("VB")
    ):
        return True
    before = text_of(doc)[max(0, mention.start_char - 30) : mention.start_char]
    return _BUSINESS_BEFORE.search(before) is not None


_SITE_WORDS = frozenset(
    {"hospital", "infirmary", "airport", "station", "base", "prison", "school", "church"}
    | {"mosque", "park", "stadium", "arena", "hotel", "centre", "center", "museum", "zoo"}
)
# "the Gush Hadar settlement bloc": a name before the kind of place it is.
_KINDS_OF_PLACE = frozenset(
    {"settlement", "village", "town", "city", "suburb", "neighbourhood", "neighborhood"}
    | {"district", "county", "region", "province", "island", "valley", "enclave"}
)


def _before_kind_of_place(doc: Doc, mention: Mention) -> bool:
    """ "the Gush Hadar settlement bloc", "the Tal Afar district": a name before the kind of
    place it is, but not before a body of that place ("the Alderbridge city council")."""
    after = doc[mention.end : mention.end + 2]
    return (
        len(after) > 0
        and after[0].lower_ in _KINDS_OF_PLACE
        and after[0].is_lower
        and mention.label in {"ORG", "PERSON"}
        and not (len(after) > 1 and (after[1].is_title or _kind_of_body(after[1].lower_)))
    )


def _kind_of_body(word: str) -> bool:
    return word in ANY_ORGANISATION or refers_to_body(word)


def _with_districts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    result: list[Mention] = []
    for mention in mentions:
        previous = result[-1] if result else None
        if (
            previous is not None
            and mention.text in _DISTRICTS
            and previous.label == "PLACE"
            and previous.end + 1 == mention.start
            and doc[previous.end].text == ","
        ):
            span = doc[previous.start : mention.end]
            previous.end, previous.end_char, previous.text = span.end, span.end_char, span.text
            continue
        result.append(mention)
    return result
