"""Eponyms: a thing named after a person ("the James Webb Space Telescope", "the Kessler
Prize"), which the model reads as that person, here and wherever the article calls the thing
by the name alone ("Webb has been in orbit since 2021")."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .extensions import text_of
from .mentions import Mention

# Last words of the names of things named after people.
_THINGS = (
    "Telescope|Observatory|Probe|Prize|Award|Awards|Medal|Trophy|Cup|Foundation|Stadium|Arena"
    "|Bridge|Tunnel|Airport|Hospital|Institute|Museum|Library|Center|Centre|Act|Doctrine"
    "|Syndrome|Disease|Index"
)
_THING = re.compile(rf"(?: [A-Z][a-z]+){{0,2}} (?:{_THINGS})\b")
_NAMED_THING = re.compile(rf"((?:[A-Z][\w'’-]* ){{1,3}})(?:{_THINGS})\b")
# … of which these name no person, organisation or place at all (a site keeps its name).
_HEAD = re.compile(
    r" (?:Telescope|Probe|Prize|Award|Awards|Medal|Trophy|Cup|Act|Doctrine|Syndrome|Disease)$"
)


def without_eponyms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, less a person's name written as part of a thing's ("James Webb" of "the
    James Webb Space Telescope") and a surname the article uses for nothing else, unless a
    title, an honorific or a role makes it a person."""
    text = text_of(doc)
    in_things = [
        m
        for m in mentions
        if m.label == "PERSON" and (_THING.match(text, m.end_char) or _HEAD.search(m.text))
    ]
    dropped = {id(m) for m in in_things}
    people = [m for m in mentions if m.label == "PERSON" and id(m) not in dropped]
    things = {word for m in in_things for word in m.text.split()[-1:]}
    if people:
        things |= _words_before_things(text) & {m.text for m in people}
    # A person the article names in full elsewhere, or with a title, is a person after all.
    people_named = {p.text.split()[-1] for p in people if " " in p.text or p.role or p.gender}
    dropped |= {id(m) for m in people if m.text in things and m.text not in people_named}
    return [m for m in mentions if id(m) not in dropped]


def _words_before_things(text: str) -> set[str]:
    """The capitalised words written before the name of a thing named after a person ("James",
    "Webb" and "Space" of "James Webb Space Telescope"), found in one pass over the text."""
    return {word for match in _NAMED_THING.finditer(text) for word in match.group(1).split()}
