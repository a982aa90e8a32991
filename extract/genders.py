"""Genders of the people an article names, for whom "he" or "she" can stand: from first names
(Faker's per-country lists of male and female first names, a maintained package) and from
the pronouns the article itself uses for a person."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

if TYPE_CHECKING:
    from .clusters import Cluster

_HE = frozenset({"he", "his"})
_SHE = frozenset({"she", "her"})


@cache
def first_names() -> dict[str, str]:
    """First name (case-folded) -> "m" or "f", for names only one sex bears in every list
    ("Andrea" is a man in Italy and a woman in England: neither)."""
    from faker.providers import person

    male: set[str] = set()
    female: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        male.update(name.casefold() for name in getattr(provider, "first_names_male", ()))
        female.update(name.casefold() for name in getattr(provider, "first_names_female", ()))
    return {name: "m" for name in male - female} | {name: "f" for name in female - male}


@cache
def english_first_names() -> frozenset[str]:
    """Every first name (case-folded) of Faker's English-language locales, of either sex: what
    a capitalised word written just before a surname may be ("Grant Sabatier")."""
    return _faker_first_names(("first_names_male", "first_names_female"), english_only=True)


@cache
def any_first_names() -> frozenset[str]:
    """Every first name (case-folded) of every Faker locale, of either sex: where a name
    starts inside words that may hold something else ("Minister of Education Stefania
    Giannini")."""
    return _faker_first_names(
        ("first_names_male", "first_names_female", "first_names"), english_only=False
    )


def _faker_first_names(fields: tuple[str, ...], *, english_only: bool) -> frozenset[str]:
    """The names of the given lists of Faker's person providers (those of English-language
    locales only, or all), case-folded."""
    from faker.providers import person

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if english_only and not module.name.startswith("en"):
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for field in fields:
            found = getattr(provider, field, ())
            if isinstance(found, (list, tuple, dict)):
                names.update(name.casefold() for name in found)
    return frozenset(names)


def of_first_name(name: str) -> str | None:
    """ "m" for "Tom Reed", "f" for "Julie Graham"; None for one word or a name both bear."""
    words = name.split()
    return first_names().get(words[0].casefold()) if len(words) > 1 else None


def from_pronouns(
    doc: Doc, people: Iterable[tuple[Cluster, int]], quoted: frozenset[int]
) -> dict[int, str]:
    """ "Reed said his team …", "Omar asked for compassion in a letter to Carlineo's judge,
    saying she …": the gender of the pronouns a sentence uses after the person who is its
    subject, or the only person it names (pronouns inside quotation marks are the speaker's,
    not the narrator's). `people`: (cluster, token) of each person mention, in order.
    Returns id(cluster) -> "m" or "f" where the article's usage is one way only."""
    by_sentence: dict[int, list[tuple[Cluster, int]]] = {}
    for cluster, at in people:
        by_sentence.setdefault(doc[at].sent.start, []).append((cluster, at))
    seen: dict[int, set[str]] = {}
    for mentions in by_sentence.values():
        subjects = [(c, at) for c, at in mentions if _subject(doc, at)]
        if len({id(cluster) for cluster, _ in mentions}) == 1:
            cluster, at = mentions[0]
        elif len(subjects) == 1 and subjects[0][1] == mentions[0][1]:
            cluster, at = subjects[0]  # the sentence's subject, named first
        else:
            continue
        sentence = doc[at].sent
        # A subject or possessive pronoun may be the person's own ("saying she …", "his
        # team"); an object is someone else's ("Sam Roe visited her").
        words = {
            t.lower_
            for t in doc[at : sentence.end]
            if t.i not in quoted and (t.dep_.startswith("nsubj") or t.dep_ == "poss")
        }
        found = {"m"} if words & _HE else set()
        found |= {"f"} if words & _SHE else set()
        seen.setdefault(id(cluster), set()).update(found)
    return {key: genders.pop() for key, genders in seen.items() if len(genders) == 1}


def assign(doc: Doc, clusters: list[Cluster], by_mention: dict[int, Cluster]) -> None:
    """Give each person without an honorific's gender the gender of their first name, else
    that of the pronouns the article uses for them."""
    quoted = frozenset(
        token.i
        for quote in doc._.quotes or []
        if (span := doc.char_span(quote.start_char, quote.end_char, alignment_mode="expand"))
        for token in span
    )
    people = [
        (by_mention[m.start], m.start)
        for m in doc._.mentions or []
        if m.start in by_mention and by_mention[m.start].type == "person"
    ]
    used = from_pronouns(doc, people, quoted)
    for cluster in clusters:
        if cluster.type != "person" or cluster.genders:
            continue
        # The article's own usage before a first name: "Ilhan" is a man's name in Turkey.
        gender = used.get(id(cluster)) or of_first_name(cluster.name)
        if gender is not None:
            cluster.genders.add(gender)


def _subject(doc: Doc, at: int) -> bool:
    """Whether the name starting at `at` is a subject ("Ilhan Omar asked …")."""
    token = doc[at]
    while token.dep_ in {"compound", "flat"} and token.head.i > token.i:
        token = token.head
    return token.dep_.startswith("nsubj")
