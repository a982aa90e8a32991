"""Portfolios: the words of a job title before a person's name ("Energy Secretary Rick Perry",
"National Security Adviser John Bolton"), which the model reads as a name of their own."""

from __future__ import annotations

from spacy.tokens import Doc

from . import gazetteer, lexicon
from .mentions import Mention

# Offices whose title is written after their portfolio, not after an employer: "Acme CEO Jane
# Roe" names the company, but "Energy Secretary Rick Perry" names no body called "Energy".
_OFFICES = frozenset(
    {"secretary", "minister", "adviser", "advisor", "counsel", "czar", "tsar", "undersecretary"}
)


def without_portfolios(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, less a portfolio written before an office and a person's name, or cut
    back to the known name it starts with ("White House Press Secretary Stephanie Grisham":
    "White House"). A name the article writes elsewhere on its own stays whole."""
    elsewhere = {m.text for m in mentions if not _before_office(doc, m)}
    kept = []
    for mention in mentions:
        if not _before_office(doc, mention) or mention.text in elsewhere or _known(mention.text):
            kept.append(mention)
            continue
        for end in range(mention.end - 1, mention.start, -1):
            if _known(doc[mention.start : end].text):
                part = doc[mention.start : end]
                mention.end, mention.end_char, mention.text = end, part.end_char, part.text
                kept.append(mention)
                break
    return kept


def _before_office(doc: Doc, mention: Mention) -> bool:
    """ "Energy Secretary Rick Perry": the mention, an office, then a capitalised name."""
    office = doc[mention.end] if mention.end < len(doc) else None
    name = doc[mention.end + 1] if mention.end + 1 < len(doc) else None
    return (
        mention.label in {"PERSON", "ORG"}
        and office is not None
        and name is not None
        and office.lower_ in _OFFICES
        and name.is_title
        and mention.canonical is None
    )


def _known(name: str) -> bool:
    return name in lexicon.canonical_names() or name in gazetteer.place_names()
