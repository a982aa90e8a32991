"""Word lists shipped as data files (cues, titles, roles, descriptions, aliases), loaded once."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_VOWELS = "aeiou"

WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
# Generational suffixes that end a person's name ("Jr.", "III"), lower case, without stops.
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})
MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
# Days and months, capitalised words that are no part of a name ("Fallujah Wednesday").
CALENDAR = WEEKDAYS | MONTHS


def _data_lines(name: str) -> list[str]:
    raw = resources.files("claimgraph.extract").joinpath(f"data/{name}").read_text("utf-8")
    return [line.rstrip() for line in raw.splitlines() if line.strip() and line[0] != "#"]


def _inflections(lemma: str) -> list[str]:
    """Regular English verb forms: warn -> warns, warned, warning; deny -> denies, denied."""
    if lemma.endswith("e"):
        return [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    if lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        return [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return [lemma + "es", lemma + "ed", lemma + "ing"]
    return [lemma + "s", lemma + "ed", lemma + "ing"]


@dataclass(frozen=True)
class Cue:
    lemma: str
    cue_class: str


@cache
def cues() -> dict[str, Cue]:
    """Every written form of every reporting cue (lower case) -> its lemma and class."""
    table: dict[str, Cue] = {}
    for line in _data_lines("cues.tsv"):
        lemma, cue_class, *rest = line.split("\t")
        cue = Cue(lemma, cue_class)
        words = lemma.split()
        regular = [" ".join([form, *words[1:]]) for form in _inflections(words[0])]
        # Listed forms replace the regular past and participle ("admitted", not "admited");
        # the third person ("admits") is regular either way.
        forms = [*rest[0].split(","), regular[0]] if rest and rest[0] else regular
        for form in [lemma, *forms]:
            table.setdefault(form.strip().lower(), cue)
    return table


@cache
def titles() -> frozenset[str]:
    """Honorifics and ranks, lower case, without dots ("maj gen", "l/cpl")."""
    return frozenset(title.lower() for title in titles_as_written())


@cache
def noun_cues() -> dict[str, Cue]:
    """Reporting nouns, singular and plural ("suggestion", "suggestions") -> noun and class."""
    table: dict[str, Cue] = {}
    for line in _data_lines("noun_cues.tsv"):
        noun, cue_class = (part.strip() for part in line.split("\t"))
        entry = Cue(noun, cue_class)
        plural = noun[:-1] + "ies" if noun.endswith("y") and noun[-2] not in _VOWELS else noun + "s"
        table[noun] = table[plural] = entry
    return table


@cache
def postnominals() -> frozenset[str]:
    """Letters after a name that are not part of it ("KC", "MP", "OBE"), as written."""
    return frozenset(line.strip() for line in _data_lines("postnominals.txt"))


@cache
def titles_as_written() -> tuple[str, ...]:
    """The titles of titles.txt in their written case ("L/Cpl")."""
    return tuple(line.strip() for line in _data_lines("titles.txt"))


@cache
def role_nouns() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _data_lines("roles.txt"))


@cache
def abbreviations() -> dict[str, str]:
    """Abbreviated ranks and offices -> the words they stand for ("gen" -> "general")."""
    table: dict[str, str] = {}
    for line in _data_lines("abbreviations.tsv"):
        short, full = line.split("\t")
        table[short.strip()] = full.strip()
    return table


@cache
def description_nouns() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _data_lines("descriptions.txt"))


@cache
def document_nouns() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _data_lines("documents.txt"))


@cache
def alias_table() -> list[dict[str, Any]]:
    raw = resources.files("claimgraph.extract").joinpath("data/aliases.json").read_text("utf-8")
    return list(json.loads(raw)["entities"])


@cache
def canonical_names() -> dict[str, tuple[str, str]]:
    """Alias or canonical name (exact case) -> (canonical name, type)."""
    table: dict[str, tuple[str, str]] = {}
    for entry in alias_table():
        for alias in [entry["name"], *entry.get("aliases", [])]:
            table.setdefault(alias, (entry["name"], entry["type"]))
            if alias.lower().startswith("the "):
                table.setdefault(alias[4:], (entry["name"], entry["type"]))
    return table


@cache
def demonyms() -> dict[str, str]:
    """Nationality word -> canonical place name ("British" -> "United Kingdom")."""
    return {word: entry["name"] for entry in alias_table() for word in entry.get("demonyms", [])}


@dataclass(frozen=True)
class Reference:
    entity_type: str
    name_word: str | None


@cache
def references() -> dict[str, Reference]:
    """Head nouns of descriptions that refer back to a named entity ("the group")."""
    table = {}
    for line in _data_lines("references.tsv"):
        noun, entity_type, *hint = line.split("\t")
        table[noun] = Reference(entity_type, hint[0] if hint else None)
    return table


# Words that end a company's formal name and are dropped in running text ("Marrowby Group" is
# "Marrowby"; "Cordell Systems Inc." is "Cordell Systems"). A subsidiary's own word ("Marrowby
# Water") is not one of them.
CORPORATE_SUFFIXES = frozenset(
    {
        *("group", "plc", "inc", "ltd", "limited", "llc", "llp", "lp", "holdings"),
        *("corporation", "corp", "co", "company", "sa", "ag", "se", "nv", "gmbh"),
    }
)


def organisation_core(name: str) -> str:
    """An organisation's name without a leading "the", trailing corporate suffixes or a
    possessive "'s" ("New People's Party" is the New People Party), lower case."""
    words = re.sub(r"['’]s\b", "", name).replace(".", " ").replace(",", " ").lower().split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words = words[:-1]
    return " ".join(words)


# Head nouns of the formal names of bodies, which run on over "of", "for" and "the" ("Joint
# Council for the Welfare of Immigrants", "Office of the Inspector General").
FORMAL_BODY_HEADS = frozenset(
    {"council", "committee", "institute", "university", "department", "ministry", "office"}
    | {"agency", "association", "society", "foundation", "commission", "board", "centre"}
    | {"center", "bureau", "league", "federation", "union", "organization", "organisation"}
    | {"coalition", "alliance", "fund", "museum", "academy", "college", "school", "court"}
    | {"authority", "service", "trust", "party", "front", "movement", "network", "project"}
)
# The last word of a name says what kind of thing it names, whatever the model guessed.
ORG_HEADS = frozenset(
    {
        "front",
        "party",
        "army",
        "navy",
        "force",
        "forces",
        "ministry",
        "council",
        "committee",
        "agency",
        "department",
        "office",
        "group",
        "brigade",
        "movement",
        "union",
        "alliance",
        "organisation",
        "organization",
        "corporation",
        "institute",
        "university",
        "pictures",
        "news",
        "company",
        "bank",
        "command",
        "service",
        # Institutions, which ANNOTATION.md counts with the universities ("Adler Planetarium").
        "museum",
        "gallery",
        "planetarium",
        "academy",
        "college",
        "society",
        "association",
        "foundation",
        "commission",
    }
)
# Every word that ends a body's name ("… Committee", "… Museum").
BODY_HEADS = FORMAL_BODY_HEADS | ORG_HEADS
# Words after a company's name that say what trade it is in: "Take-Two Interactive" is
# "Take-Two", "Emirates Airline" "Emirates". Not "News", "Music", "Radio", "Maps" or "Cloud":
# those name a unit or a product of the company ("Apple Music" is not Apple).
TRADE_WORDS = frozenset(
    {"interactive", "airline", "airlines", "airways", "systems", "technologies", "technology"}
    | {"entertainment", "pharmaceuticals", "industries", "motors", "laboratories", "labs"}
    | {"software", "semiconductor", "semiconductors", "therapeutics", "biosciences", "bancorp"}
    | {"enterprises", "brands", "resorts", "hotels", "stores", "foods", "automotive", "aerospace"}
    | {"partners", "capital", "investments"}
)


def without_the(name: str) -> str:
    """A name without a leading "the" ("The Taliban" -> "Taliban")."""
    return re.sub(r"^(?i:the)\s+", "", name)


def shorter_forms(name: str) -> list[str]:
    """The shorter names a body (named without a leading "the") may go by: without a qualifier
    of capitalised words before a name of two words or more ending in a body's head ("House
    Intelligence Committee" -> "Intelligence Committee"), without its "of …" or "for …"
    ("Comic Corps of Canada" -> "Comic Corps"), without the trade its name gives ("Take-Two
    Interactive" -> "Take-Two"). Plain strings: the graph reads them too, without the NLP
    stack."""
    words = name.split()
    forms = []
    if len(words) >= 3 and words[-1].lower() in BODY_HEADS:
        for cut in range(1, min(len(words) - 2, 3) + 1):
            if all(w[:1].isupper() for w in words[: cut + 1]):
                forms.append(" ".join(words[cut:]))
    # (Two capitalised words or more before the "of" or "for".)
    for i, word in enumerate(words):
        if word in {"of", "for"}:
            if i >= 2 and all(w[:1].isupper() for w in words[:i]):
                forms.append(" ".join(words[:i]))
            break
    core = organisation_core(name).split()
    if 2 <= len(core) <= 4 and core[-1] in TRADE_WORDS and words[0][:1].isupper():
        forms.append(words[0])
    return forms
