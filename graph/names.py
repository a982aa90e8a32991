"""Names as cross-article resolution compares them: cores without titles, and the variants of a
person's name (short forms, nicknames, initials, transliterations) that may, with corroborating
context, be one person."""

from __future__ import annotations

import re
from collections.abc import Iterable

from claimgraph.extract.gazetteer import country_names
from claimgraph.extract.lexicon import CORPORATE_SUFFIXES as CORPORATE
from claimgraph.extract.lexicon import canonical_names, shorter_forms, without_the
from claimgraph.extract.schema import slug

# Honorifics and ranks news copy puts before a name ("Sir Gavin Williamson", "Maj Gen Rupert
# Jones", "President Biden"): dropped before person names are compared, so that a titled and an
# untitled mention meet. Royal titles are left out on purpose: royals go by first names, and
# "King Charles" must not become a "Charles" that could match any surname.
PERSON_TITLES = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"),
        *("lord", "lady", "baroness", "baron", "rev", "revd", "reverend", "fr"),
        *("gen", "general", "lt", "col", "colonel", "maj", "major", "capt", "captain"),
        *("brig", "brigadier", "adm", "admiral", "cdr", "commander", "sgt", "sergeant"),
        *("cpl", "corporal", "pte", "gov", "governor", "sen", "senator", "rep", "president"),
    }
)
# Letters after a name ("Tobias Ellwood MP") say nothing about who it is. Jr/Sr are kept: they
# tell a father from his son.
POST_NOMINALS = frozenset(
    {"mp", "msp", "ms", "mla", "mep", "qc", "kc", "obe", "mbe", "cbe", "kbe", "dbe", "phd"}
)
# "The Taliban" and "Taliban" are one group; organisations and places only lose a leading "the".
LEADING_ARTICLES = frozenset({"the"})
GENERATIONAL = frozenset({"jr", "sr", "ii", "iii", "iv"})

# English given names and the forms they go by. A pair listed here, or one name the start of the
# other ("Tim", "Timothy"), is a variant: evidence that two names may be one person, never proof.
_NICKNAMES = {
    "alexander": "alex sandy sasha",
    "andrew": "andy drew",
    "anthony": "tony",
    "benjamin": "ben benny",
    "charles": "charlie chuck",
    "christopher": "chris kit",
    "daniel": "dan danny",
    "david": "dave",
    "deborah": "debbie deb",
    "edward": "ed eddie ted ned",
    "elizabeth": "liz beth betty lizzie eliza",
    "frederick": "fred freddie",
    "henry": "harry hank",
    "james": "jim jimmy jamie",
    "jennifer": "jen jenny",
    "john": "jack johnny",
    "joseph": "joe joey",
    "katherine": "kate kathy katie cathy",
    "catherine": "kate cathy katie",
    "lawrence": "larry",
    "margaret": "maggie meg peggy",
    "matthew": "matt",
    "michael": "mike mick mickey",
    "nicholas": "nick nicky",
    "patricia": "pat patty tricia",
    "patrick": "pat paddy",
    "peter": "pete",
    "rebecca": "becky becca",
    "richard": "rick dick rich ricky",
    "robert": "bob bobby rob robbie bert",
    "samuel": "sam sammy",
    "stephen": "steve",
    "steven": "steve",
    "susan": "sue susie",
    "thomas": "tom tommy",
    "timothy": "tim",
    "victoria": "vicky tori",
    "william": "bill billy will willie liam",
}
NICKNAMES: dict[str, frozenset[str]] = {}
for _full, _short in _NICKNAMES.items():
    for _form in _short.split():
        NICKNAMES[_full] = NICKNAMES.get(_full, frozenset()) | {_form}
        NICKNAMES[_form] = NICKNAMES.get(_form, frozenset()) | {_full}


def core_name(name: str, entity_type: str) -> str:
    """The slug of a name without titles, post-nominals or a leading article.

    >>> core_name("Maj Gen Rupert Jones", "person"), core_name("The Taliban", "organization")
    ('rupert-jones', 'taliban')
    """
    tokens = slug(name).split("-")
    if entity_type == "person":
        while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
            tokens.pop(0)
        while len(tokens) > 1 and tokens[-1] in POST_NOMINALS:
            tokens.pop()
    else:
        if len(tokens) > 1 and tokens[0] in LEADING_ARTICLES:
            tokens.pop(0)
        while entity_type == "organization" and len(tokens) > 1 and tokens[-1] in CORPORATE:
            tokens.pop()  # "Marrowby Group" is "Marrowby"
    return "-".join(tokens)


def name_parts(core: str) -> tuple[str, str]:
    """(given names, surname) of a person's core name; the given part may be empty.

    >>> name_parts("martin-luther-king-jr"), name_parts("williamson")
    (('martin-luther', 'king-jr'), ('', 'williamson'))
    """
    tokens = core.split("-")
    if len(tokens) > 2 and tokens[-1] in GENERATIONAL:
        return "-".join(tokens[:-2]), "-".join(tokens[-2:])
    return "-".join(tokens[:-1]), tokens[-1]


# Royals go by a title and a given name ("Prince Andrew", "Queen Elizabeth"), which the
# extractor keeps as the name (earlier versions read it as the role "Prince" of a person named
# "Andrew": stores hold both). That style is their name, so two people of one style may be one
# person, on corroborating context only: regnal names come back and styles are shared at once
# (two King Abdullahs reigned side by side, in Jordan and Saudi Arabia), so a style is no full
# name. A regnal number ("Queen Elizabeth II") is: it names one monarch.
ROYAL_TITLES = frozenset(
    {"king", "queen", "prince", "princess", "crown prince", "crown princess", "emperor", "empress"}
)


def _royal_name(core: str) -> tuple[str, str] | None:
    """(title, given name) of a core name that is a royal style and nothing more."""
    tokens = core.split("-")
    for size in (2, 1):
        title = " ".join(tokens[:size])
        if title in ROYAL_TITLES and len(tokens) == size + 1:
            return title, tokens[-1]
    return None


def lone_word(name: str) -> str | None:
    """The one word a person is named by across articles: the whole core name when it is one
    word ("Williamson"), the given name of a royal style ("Prince Andrew"); None for a name of
    several words, which can tell one person from another.

    >>> lone_word("Mr Williamson"), lone_word("Prince Andrew"), lone_word("Queen Elizabeth II")
    ('williamson', 'andrew', None)
    """
    core = core_name(name, "person")
    if "-" not in core:
        return core
    royal = _royal_name(core)
    return royal[1] if royal else None


def royal_styles(name: str, roles: Iterable[str]) -> set[str]:
    """The royal styles a person named by one word goes by ("prince andrew"), from a royal
    style that is the name or the royal titles among its roles; none for a longer name.

    >>> royal_styles("Andrew", ["Prince", "Duke of York"]), royal_styles("Andrew Yang", ["King"])
    ({'prince andrew'}, set())
    >>> royal_styles("Crown Prince Mohammed", []), royal_styles("Queen Elizabeth II", ["Queen"])
    ({'crown prince mohammed'}, set())
    """
    word = lone_word(name)
    if word is None:
        return set()
    royal = _royal_name(core_name(name, "person"))
    titles = {role.casefold() for role in roles} | ({royal[0]} if royal else set())
    return {f"{title} {word}" for title in titles & ROYAL_TITLES}


def is_single_name(name: str) -> bool:
    """Whether a person is named by one word only ("Williamson", "Mr Park", "Prince Andrew"): a
    surname, a first name or a royal style, that cannot tell one person from another across
    articles."""
    return lone_word(name) is not None


# Transliteration and spelling drift: Zelensky / Zelenskiy / Zelenskyy, Gaddafi / Qaddafi.
_SPELLING = (
    (re.compile(r"(iy|yi|yy|ij|ii|y)(?=$|-)"), "i"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"^q"), "g"),
    (re.compile(r"(?<=[a-z])q"), "k"),
    (re.compile(r"ks"), "x"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"([a-z])\1"), r"\1"),
    (re.compile(r"[aeiou](?=$)"), ""),
)


def spelling_key(word: str) -> str:
    """A key two spellings of one transliterated name share.

    >>> spelling_key("zelensky") == spelling_key("zelenskiy") == spelling_key("zelenskyy")
    True
    >>> spelling_key("gaddafi") == spelling_key("qaddafi")
    True
    """
    key = word
    for pattern, replacement in _SPELLING:
        key = pattern.sub(replacement, key)
    return key


def given_variant(one: str, other: str) -> str | None:
    """How two given-name parts may name one person, or None when they cannot.

    >>> given_variant("chris", "christine"), given_variant("bill", "william")
    ('a short form', 'a nickname')
    >>> given_variant("j", "john"), given_variant("john-f", "john"), given_variant("tom", "tim")
    ('an initial', 'a middle name left out', None)
    """
    if one == other:
        return "the same"
    a, b = one.split("-"), other.split("-")
    first_a, first_b = a[0], b[0]
    if first_a == first_b:
        # "John F Kennedy" / "John Kennedy": one leaves out a middle name or initial.
        return "a middle name left out" if _middles_fit(a[1:], b[1:]) else None
    if len(first_a) == 1 or len(first_b) == 1:
        return "an initial" if first_a[0] == first_b[0] else None
    if first_b in NICKNAMES.get(first_a, ()):
        return "a nickname"
    shorter, longer = sorted((first_a, first_b), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return "a short form"
    if len(shorter) >= 4 and spelling_key(first_a) == spelling_key(first_b):
        return "another spelling"
    return None


def _middles_fit(a: list[str], b: list[str]) -> bool:
    """Middle names that do not contradict: one side has none, or they agree (initials too)."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(x[0] == y[0] for x, y in zip(a, b, strict=True))


# Small words an acronym may leave out ("FBI", Federal Bureau of Investigation) or keep ("DoD").
_ACRONYM_SKIPS = frozenset({"of", "the", "and", "for", "on", "in", "at", "to"})


def short_forms(name: str) -> set[str]:
    """The core names of the shorter forms a body's name may take in another article: the
    extractor's in-article short forms ("Take-Two" of "Take-Two Interactive", "Intelligence
    Committee" of "House Intelligence Committee"), and the name without a leading country
    ("Customs and Border Protection" of "U.S. Customs and Border Protection")."""
    forms = set(shorter_forms(without_the(name)))
    words = name.split()
    for cut in (1, 2):
        if len(words) - cut >= 2:
            lead = " ".join(words[:cut])
            known = canonical_names().get(lead)
            if lead in country_names() or (known is not None and known[1] == "place"):
                forms.add(" ".join(words[cut:]))
    return {core_name(form, "organization") for form in forms} - {core_name(name, "organization")}


def is_acronym(name: str) -> bool:
    """Whether a name is written as an acronym: two to six capitals, dots allowed ("U.N.")."""
    letters = name.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def initials(name: str) -> set[str]:
    """The acronyms an organisation of several words may go by, lower case.

    >>> sorted(initials("the European Space Agency")), sorted(initials("Department of Defense"))
    (['esa'], ['dd', 'dod'])
    """
    tokens = slug(name).split("-")
    if tokens and tokens[0] in LEADING_ARTICLES:
        tokens.pop(0)
    if len(tokens) < 2 or any(not t.isalpha() for t in tokens):
        return set()
    forms = {"".join(t[0] for t in tokens)}
    kept = [t for t in tokens if t not in _ACRONYM_SKIPS]
    if len(kept) >= 2:
        forms.add("".join(t[0] for t in kept))
    return forms
