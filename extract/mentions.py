"""Mentions: where a name starts and ends in the text, and the titles written before it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from . import gazetteer, lexicon

# Words that end a run of role words to the left of a name ("said Defence Secretary X" stops
# at "said" because it is not capitalised and not a role word).
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}


@dataclass
class Mention:
    """One mention of a person, organisation, place or nationality in the text."""

    start: int  # token offsets in the doc
    end: int
    start_char: int
    end_char: int
    label: str  # PERSON, ORG, PLACE or NORP
    text: str  # the name as written, titles removed
    canonical: str | None = None  # from the alias table, when the name is a known variant
    role: str | None = None
    affiliation: str | None = None  # text of an organisation named in the role
    gender: str | None = None  # "m" or "f" where an honorific says so ("Mr", "Ms", "Sir")
    more_roles: list[str] = field(default_factory=list)  # a job besides the title ("Dr", …)


def titled_names(doc: Doc) -> list[Span]:
    """Names written after a title or job title: "Maj Gen Rupert Jones", "spokesman William
    Urban", "Mr Gardner". The title is the strongest sign there is that a person is named."""
    titles, roles = lexicon.titles(), lexicon.role_nouns()
    found = []
    for token in doc[:-1]:
        word = token.text.rstrip(".").lower()
        if word not in titles and word not in roles:
            continue
        # After an honorific or rank any capitalised word is a name ("General Barrons", whatever
        # the tagger thought of "Barrons"); after a job noun it must be tagged a proper noun.
        strict = word not in titles
        end = last = token.i + 1
        for _ in range(3):
            end = _particles(doc, end)  # "Sheikh Abdul Wahhab al-Janabi", "Mr van Rompuy"
            if end >= len(doc) or not _name_word(doc[end], titles, roles, strict=strict):
                break
            end = last = end + 1
        if last > token.i + 1:
            found.append(Span(doc, token.i + 1, last, label="PERSON"))
    return found


# Lower-case particles inside a name: "al-Janabi", "bin Laden", "von der Leyen", "da Silva".
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "de", "di", "da", "del", "dos", "das", "du", "van", "von"}
    | {"der", "den", "ter"}
)


HYPHENS = frozenset(["-", "‐", "–"])


def _particles(doc: Doc, i: int) -> int:
    """Where the next name word would start after the particles at `i` ("al-", "von der");
    `i` itself when there are none, or when no capitalised word follows them."""
    j = i
    while j < len(doc) and doc[j].text in _NAME_PARTICLES:
        j += 1
    if j == i:
        return i
    if j < len(doc) and doc[j].text in HYPHENS:
        if doc[j - 1].whitespace_ or doc[j].whitespace_:
            return i  # "al - Janabi" is not one name
        j += 1
    return j if j < len(doc) and doc[j].is_title else i


def _name_word(
    token: Token, titles: frozenset[str], roles: frozenset[str], *, strict: bool
) -> bool:
    word = token.text.rstrip(".").lower()
    if word in titles or word in roles or not token.is_title or not token.is_alpha:
        return False
    return not strict or token.pos_ in {"PROPN", ""} or token.ent_type_ == "PERSON"


def only_titles(span: Span) -> bool:
    """ "Maj Gen" alone is a rank, not an entity (the model sometimes tags it)."""
    words = [t.text.rstrip(".").lower() for t in span if not t.is_punct]
    return all(w in lexicon.titles() or w in lexicon.role_nouns() for w in words)


def mention_of(doc: Doc, span: Span, claimed: set[int], *, edited: bool = True) -> Mention | None:
    start, end = span.start, span.end
    while end > start and doc[end - 1].text in {"’s", "'s", "’", "'", ",", "."}:
        if span.label_ in {"ORG", "PLACE"} and _named_with_s(doc, end - 1):
            break
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    if span.label_ == "ORG" and doc[start].lower_ == "the":
        start += 1
    if span.label_ != "NORP" and edited:
        # "east Alderbridge": in edited text a name does not begin with a lower-case word, but
        # for a particle ("al-Qaeda", "de Gaulle"); typed online, "san francisco" may well.
        while start < end - 1 and (
            doc[start].is_punct
            or (
                doc[start].is_alpha
                and doc[start].is_lower
                and doc[start].text not in _NAME_PARTICLES
            )
        ):
            start += 1
    role = None
    if span.label_ == "PERSON":
        title_end = _title_prefix(doc, start, end)
        if title_end > start:
            role = doc[start:title_end].text
            start = title_end
    if end <= start or not any(ch.isalpha() for ch in doc[start:end].text):
        return None
    if span.label_ != "NORP" and not lexicon.canonical_names().get(doc[start:end].text):
        end = _rest_of_name(doc, start, end, claimed, span.label_)
        if span.label_ == "ORG":
            end = _body_name_end(doc, end)
    end = _hyphenated(doc, start, end)
    if (
        edited
        and span.label_ in {"ORG", "PLACE"}
        and not lexicon.canonical_names().get(doc[start:end].text)
    ):
        # "the United Health Workers union", "Nangarhar province": in edited text, the name, not
        # the word that says what it is ("Alderbridge council" is not the place Alderbridge);
        # typed online, a lower-case word may be the name itself ("tampa bay").
        shortest = 1 if span.label_ == "PLACE" else 2
        while end - start > shortest and doc[end - 1].is_lower and doc[end - 1].is_alpha:
            end -= 1
    if span.label_ == "PERSON" and end - start > 1 and doc[end - 1].text in lexicon.postnominals():
        role = role or doc[end - 1].text  # "Jonathan Pike KC"
        end -= 1
    if end <= start:
        return None
    text = doc[start:end].text
    canonical, known_type = lexicon.canonical_names().get(text, (None, None))
    if span.label_ == "PERSON" and known_type not in {None, "person"}:
        # The gazetteer gave way ("Mr Jordan"): a man, not the country.
        canonical = None
    if span.label_ == "NORP":
        canonical = lexicon.demonyms().get(text)
    return Mention(
        start,
        end,
        doc[start].idx,
        doc[end - 1].idx + len(doc[end - 1]),
        span.label_,
        text,
        canonical,
        role,
    )


def _named_with_s(doc: Doc, s: int) -> bool:
    """ "'s" that is part of a business's name, not a possessive: nothing possessed follows it
    ("Moody's said", "dinner at Del Frisco's on Friday"), where "Acme's shares" has a noun."""
    if doc[s].lower_ not in {"'s", "’s"} or doc[s - 1].whitespace_:
        return False
    if s + 1 == len(doc):
        return True
    after = doc[s + 1]
    return (after.is_punct and after.text not in HYPHENS) or after.pos_ in {"VERB", "AUX", "ADP"}


def _hyphenated(doc: Doc, start: int, end: int) -> int:
    """ "Jimenez-Holt" and "Stoke-on-Trent" whole, when the model's span stops at or before a
    hyphen; a stray trailing hyphen goes."""
    while True:
        if (
            end < len(doc) - 1
            and doc[end].text in HYPHENS
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_title
        ):
            end += 2
            continue
        if (
            end < len(doc) - 3
            and doc[end].text in HYPHENS
            and doc[end + 1].is_lower
            and len(doc[end + 1]) <= 4
            and doc[end + 2].text in HYPHENS
            and doc[end + 3].is_title
            and not any(t.whitespace_ for t in doc[end - 1 : end + 3])
        ):
            end += 4  # "Stoke-on-Trent", "Mazar-i-Sharif", "Lashkar-e-Taiba"
            continue
        if end > start and doc[end - 1].text in HYPHENS:
            if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_title:
                end += 1
                continue
            end -= 1
        return end


_MASCULINE = {"mr", "sir", "lord", "king", "prince", "baron", "father", "fr", "sheikh"}


_FEMININE = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "baroness"}


def gender_of(role: str | None) -> str | None:
    """What an honorific says about which pronoun ("he", "she") can refer to the person."""
    words = {w.rstrip(".").lower() for w in (role or "").split()}
    if words & _MASCULINE:
        return "m"
    return "f" if words & _FEMININE else None


def without_honorifics(role: str | None) -> str | None:
    """ "Mr" and "Ms" say nothing about what a person does: they are not roles."""
    if role is None:
        return None
    words = [w for w in role.split() if w.rstrip(".").lower() not in _HONORIFICS]
    return " ".join(words) or None


def strip_titles(doc: Doc, mention: Mention) -> None:
    """Move leading titles of a person mention into its role ("General Barrons")."""
    title_end = _title_prefix(doc, mention.start, mention.end)
    if title_end == mention.start:
        return
    mention.role = doc[mention.start : title_end].text
    mention.gender = gender_of(mention.role)
    mention.role = without_honorifics(mention.role)
    mention.start = title_end
    mention.start_char = doc[title_end].idx
    mention.text = doc[title_end : mention.end].text


def _rest_of_name(doc: Doc, start: int, end: int, claimed: set[int], label: str) -> int:
    """The model sometimes stops a name early ("Jonas" of "Jonas Wehrle", "NFF" of
    "NFF-South"): a hyphen glued to a capitalised word right after it is the rest of the name,
    and so is a capitalised proper noun after a one-word person or organisation, on the same
    line (a line break is a token of its own, and stops it), unless it is a day or a month
    ("Fallujah Wednesday", "John Staikos Direct Dial")."""
    one_word = end - start == 1
    while end < len(doc) and end - start < 4 and end not in claimed:
        token = doc[end]
        glued = not doc[end - 1].whitespace_ and not token.whitespace_
        word = token.text.rstrip(".").lower()
        if word in lexicon.titles() or word in lexicon.role_nouns():
            break
        if (
            one_word
            and label in {"PERSON", "ORG"}
            and token.is_title
            and (token.pos_ == "PROPN" or (label == "PERSON" and _surname_word(doc, end)))
            and not token.ent_type_
            and word not in lexicon.CALENDAR
        ):
            end += 1
            one_word = False
        elif (
            token.text in {"-", "–"}
            and glued
            and end + 1 < len(doc)
            and (doc[end + 1].is_title or doc[end + 1].is_upper)
        ):
            end += 2
        else:
            break
    return end


# Words that end a body's name and take an "of" or "for" phrase that is part of it ("Office
# of the Inspector General", "Hall of Fame", "High Commissioner for Human Rights").
_OF_HEADS = frozenset(
    {"office", "hall", "department", "ministry", "bureau", "commissioner", "commission"}
    | {"institute", "museum", "university", "college", "school", "academy", "society"}
    | {"council", "court", "board", "committee", "federation", "association", "bank"}
)


def _body_name_end(doc: Doc, end: int) -> int:
    """Where a body's name ends when the model stopped at a word of it: title-case office
    words after a name that ends in one ("Office of the Inspector" + "General"), and an "of"
    or "for" phrase of title-case words after a head that takes one ("Rock & Roll Hall" +
    "of Fame", "United Nations High" + "Commissioner for Human Rights")."""
    offices = lexicon.titles() | lexicon.role_nouns()
    i = end
    while i < len(doc) and i - end < 2 and doc[i].is_title and doc[i].lower_ in offices:
        i += 1
    last = doc[i - 1].lower_
    if i + 1 < len(doc) and doc[i].lower_ in {"of", "for"} and last in _OF_HEADS:
        j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        k = j
        while k < len(doc) and k - j < 4 and (doc[k].is_title or doc[k].text == "&"):
            k += 1
        if k > j and doc[k - 1].text != "&":
            return k
    # Office words alone only where the name itself ended in one ("Inspector" + "General").
    return i if i > end and doc[end - 1].lower_ in offices else end


_NOT_SURNAMES = frozenset({"PRON", "DET", "CCONJ", "SCONJ", "ADP", "AUX", "PART", "NUM", "PUNCT"})


def _surname_word(doc: Doc, i: int) -> bool:
    """A surname that is also a common word ("Chris Early", "Mark Young", "Tom Little"): the
    tagger reads it as an adverb or adjective, but a capitalised word right after a first name,
    with the name ending there (punctuation or a lower-case word next, not a Title Case
    headline), is the rest of the name."""
    if doc[i].pos_ in _NOT_SURNAMES or not doc[i].is_alpha or doc[i].is_stop:
        return False
    if i + 1 == len(doc):
        return True
    after = doc[i + 1]
    return after.is_punct or after.is_space or (after.is_alpha and after.is_lower)


def _title_prefix(doc: Doc, start: int, end: int) -> int:
    """Token index where the name starts after leading titles ("Maj Gen Rupert Jones")."""
    i = start
    while i < end - 1:
        matched = 0
        for length in (3, 2, 1):
            words = [t.text.rstrip(".").lower() for t in doc[i : min(i + length, end - 1)]]
            if len(words) == length and " ".join(words) in lexicon.titles():
                matched = length
                break
        if not matched:
            break
        i += matched
        if i < end - 1 and doc[i].text == ".":
            i += 1  # "Col." split as "Col" and "."
    return i


def surnames_again(doc: Doc, mentions: list[Mention], claimed: set[int]) -> list[Mention]:
    """A person named in full is then called by surname alone, and a surname that is also a
    common word ("Early", "Young") is not tagged a name on its own: a capitalised word that is
    the last word of a person named in full is that person, but at a sentence's start only
    before a verb ("Early says …", not "Early results show …") or, a proper noun, a comma."""
    surnames = {m.text.split()[-1]: m for m in mentions if m.label == "PERSON" and " " in m.text}
    found = []
    for token in doc:
        person = surnames.get(token.text)
        if person is None or token.i in claimed or not token.is_title:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        starts = token.is_sent_start or (token.i > 0 and doc[token.i - 1].is_space)
        # ("Buser, however, is …": a proper noun set off by a comma is the name too.)
        verb = after is not None and after.pos_ in {"VERB", "AUX"}
        aside = after is not None and after.text == "," and token.pos_ == "PROPN"
        if starts and not (verb or aside):
            continue
        found.append(
            Mention(token.i, token.i + 1, token.idx, token.idx + len(token), "PERSON", token.text)
        )
    return found


def split_pairs(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "US-China trade", "Israel-Gaza war": two places joined by a hyphen are two places,
    each a name of its own, unless the whole is one ("Guinea-Bissau")."""
    known = lexicon.canonical_names()
    places = gazetteer.place_names()

    def place(text: str) -> bool:
        return text in places or known.get(text, ("", ""))[1] == "place"

    result = []
    for mention in mentions:
        hyphen = next(
            (i for i in range(mention.start + 1, mention.end - 1) if doc[i].text in HYPHENS), None
        )
        if hyphen is None or place(mention.text):
            result.append(mention)
            continue
        left, right = doc[mention.start : hyphen], doc[hyphen + 1 : mention.end]
        if mention.label != "PLACE" and left.text not in _PARTY_LETTERS:
            result.append(mention)
            continue
        if left.text in _PARTY_LETTERS and right[0].is_title:
            result.append(_state_of_party_label(doc, right))
            continue
        if not (place(left.text) and place(right.text)):
            result.append(mention)
            continue
        for part in (left, right):
            result.append(
                Mention(
                    part.start,
                    part.end,
                    part.start_char,
                    part.end_char,
                    "PLACE",
                    part.text,
                    known.get(part.text, (None, None))[0],
                )
            )
    return result


# "Rep. Ann Lee, R-W.Va.," / "(D-Minn.)": a lawmaker's party and state, as American papers
# write them after the name.
_PARTY_LETTERS = frozenset({"R", "D", "I"})


def _state_of_party_label(doc: Doc, state: Span) -> Mention:
    """The state of a party label, with the full stop its abbreviation ends in ("W.Va.")."""
    end = state.end
    if end < len(doc) and doc[end].text == "." and not doc[end - 1].whitespace_:
        end += 1  # "W.Va" + "." as the tokenizer cut it
    span = doc[state.start : end]
    return Mention(span.start, span.end, span.start_char, span.end_char, "PLACE", span.text)
