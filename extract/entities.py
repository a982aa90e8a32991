"""Entities: the statistical NER plus a rule layer (gazetteers, titles as roles, acronyms)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from . import gazetteer, lexicon, sentences
from .extensions import text_of

# Labels of other pipelines (en_core_web_*, OntoNotes) mapped onto ours.
LABEL_MAP = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "ORG": "ORG",
    "PLACE": "PLACE",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "NORP",
}
# Words that end a run of role words to the left of a name ("said Defence Secretary X" stops
# at "said" because it is not capitalised and not a role word).
_HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}
_JOINERS = {"of", "for", "and", "&", "-", "'s", "’s", "the"}


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


@Language.factory("claimgraph_entities")
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules(nlp)


class EntityRules:
    """Pipeline component: corrects and completes `doc.ents`, and sets `doc._.mentions`."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = lexicon.canonical_names()
        for label in ("PERSON", "ORG", "PLACE"):
            typed = [a for a, (_, kind) in names.items() if LABEL_OF_TYPE[kind] == label]
            self.matcher.add(label, [nlp.make_doc(alias) for alias in typed])
        self.matcher.add("NORP", [nlp.make_doc(word) for word in lexicon.demonyms()])
        gazetteer.place_names()  # read the place gazetteer now, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        # The first of our components: the parse is done, so sentences can be indexed.
        sentences.install(doc)
        statistical = [
            Span(doc, e.start, e.end, label=LABEL_MAP[e.label_])
            for e in doc.ents
            if e.label_ in LABEL_MAP
        ]
        gazetteer = [Span(doc, s, e, label=doc.vocab.strings[m]) for m, s, e in self.matcher(doc)]
        # "Mr Jordan" is a man, whatever country bears the name, and so is "Jordan" after it.
        personal = {
            s.text for s in gazetteer if s.label_ != "PERSON" and _after_title(doc, s.start)
        }
        gazetteer = [s for s in gazetteer if _standalone(s) and s.text not in personal]
        # A known name inside a longer one the model read is part of that name: "US" in "US
        # National Hurricane Center", "West" in "West Bank", "Australia" in "South Australia".
        gazetteer = [g for g in gazetteer if not any(_part_of(g, s) for s in statistical)]
        # A known name beats the model's guess where they overlap, and so does a name written
        # after a title ("Correspondent Frank Gardner"); otherwise keep the model's spans.
        spans = filter_spans(gazetteer)
        taken = {i for span in spans for i in range(span.start, span.end)}
        # ...but not where the model read the title word as part of a longer name before it
        # ("Muhammed Sheikh Khalil"), nor where it read a longer name that holds it ("Sheikh
        # Abdul Wahhab al-Janabi" when the title rule stops at a word it does not know).
        people = [s for s in statistical if s.label_ == "PERSON"]
        inside = {i for s in people for i in range(s.start + 1, s.end)}
        spans += [
            s
            for s in titled_names(doc)
            if not taken.intersection(range(s.start, s.end))
            and s.start - 1 not in inside
            and not any(p.start <= s.start and p.end > s.end for p in people)
        ]
        taken = {i for span in spans for i in range(span.start, span.end)}
        spans += [s for s in statistical if not taken.intersection(range(s.start, s.end))]
        spans = [s for s in filter_spans(spans) if not _only_titles(s)]
        # "© Getty": a picture's credit, not a name the story mentions.
        spans = [s for s in spans if not (s.start and doc[s.start - 1].text == "©")]
        spans = [s for s in spans if not _address(s)]
        edited = _edited(doc)
        if edited:
            # In edited text a name is capitalised: a span with no capital ("north") is not one.
            spans = [s for s in spans if any(ch.isupper() for ch in s.text)]
        claimed = {i for span in spans for i in range(span.start, span.end)}
        mentions = [
            m for span in spans if (m := _mention(doc, span, claimed, edited=edited)) is not None
        ]
        mentions = _without_overlaps([m for m in mentions if not _quoted_title(doc, m)])
        mentions = _without_storms(doc, mentions)
        _derived_demonyms(mentions)
        _types_from_heads(doc, mentions)
        _one_label_per_name(mentions)
        doc.ents = [Span(doc, m.start, m.end, label=m.label) for m in mentions]
        for mention in mentions:
            if mention.label == "PERSON":
                _add_preceding_role(doc, mention)
                _add_appositive_role(doc, mention)
            mention.gender = _gender(mention.role)
            mention.role = _without_honorifics(mention.role)
        doc._.mentions = mentions
        return doc


def _part_of(known: Span, name: Span) -> bool:
    """Whether `name` holds `known` and more of a name: a capitalised word beside it ("US
    Navy", "New South Wales"), not only a possessive or a common noun ("the UK's", "UK water
    regulator"), nor only words for a region of it ("Western Iraq")."""
    doc = name.doc
    start = known.start + 1 if doc[known.start].lower_ == "the" else known.start  # "the West"
    if not (name.start <= start and known.end <= name.end) or len(name) == known.end - start:
        return False
    before, after = doc[name.start : start], doc[known.end : name.end]
    if not len(after) and all(token.lower_ in _REGION_WORDS for token in before):
        # "Western Iraq", "Continental Europe": a part of the place, named by the place.
        return name.text in gazetteer.place_names()
    rest = [*before, *after]
    return any(token.is_alpha and (token.is_title or token.is_upper) for token in rest)


_REGION_WORDS = frozenset(
    ["western", "eastern", "northern", "southern", "central", "continental", "mainland"]
)


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
_HYPHENS = frozenset(["-", "‐", "–"])


def _particles(doc: Doc, i: int) -> int:
    """Where the next name word would start after the particles at `i` ("al-", "von der");
    `i` itself when there are none, or when no capitalised word follows them."""
    j = i
    while j < len(doc) and doc[j].text in _NAME_PARTICLES:
        j += 1
    if j == i:
        return i
    if j < len(doc) and doc[j].text in _HYPHENS:
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


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if not kept or mention.start >= kept[-1].end:
            kept.append(mention)
    return kept


# Capitalised, as storms are named ("Storm Ciarán"); lower-case "storm" is any upheaval ("the
# storm Johnson faced").
_STORM_WORDS = {"Hurricane", "Typhoon", "Cyclone", "Storm", "hurricane", "typhoon", "cyclone"}


def _without_storms(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Hurricane Rita", "Cyclone Phailin": a storm is no person, place or organisation, and
    neither is "Rita" or "Phailin" anywhere else in the article."""
    storms = set()
    for mention in mentions:
        before = doc[mention.start - 1].text if mention.start else ""
        words = mention.text.split()
        if before == "Storm" and mention.start > 1 and doc[mention.start - 2].is_title:
            continue  # a headline's "After The Storm Johnson Faces Revolt"
        if before in _STORM_WORDS or (len(words) > 1 and words[0] in _STORM_WORDS):
            storms.add(words[-1])
    return [m for m in mentions if m.text.split()[-1] not in storms]


def _quoted_title(doc: Doc, mention: Mention) -> bool:
    """The film “Desert Line”, the nickname 'the Kettle': a name that fills a pair of quotation
    marks is the title of a work or a nickname, not a person, organisation or place."""
    text = text_of(doc)
    before = text[max(0, mention.start_char - 8) : mention.start_char]
    before = before.rstrip().removesuffix("the").rstrip()
    after = text[mention.end_char : mention.end_char + 80]
    if _DISPLAY_NAME.match(after):
        return False  # "Ryan Reynolds" <rr@example.ca>: a mail's sender, by name
    return before[-1:] in {"“", "‘", '"', "'"} and after[:1] in {"”", "’", '"', "'"}


_DISPLAY_NAME = re.compile(r"""["”']\s*<[^<>\s]+@[^<>\s]+>""")


def _derived_demonyms(mentions: list[Mention]) -> None:
    """ "Kestrian" beside "Kestria": a nationality word of a place the article names."""
    places = {m.text for m in mentions if m.label == "PLACE"}
    for mention in mentions:
        word = mention.text
        if mention.label != "NORP" and " " not in word and word.endswith("n"):
            stem = word[:-1]
            if stem in places:
                mention.label, mention.canonical = "NORP", stem


# The last word of a name says what kind of thing it names, whatever the model guessed.
_ORG_HEADS = {
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
}
_PLACE_HEADS = {
    "airport",
    "base",
    "street",
    "province",
    "city",
    "island",
    "islands",
    "river",
    "mountains",
    "sea",
    "ocean",
    "valley",
    "district",
    "region",
    "square",
    "port",
}
# Last words of the names of a place's own institutions and sites ("Alderbridge City Council").
_LOCAL_HEADS = {
    "council",
    "airport",
    "police",
    "hospital",
    "infirmary",
    "university",
    "port",
    "harbour",
    "station",
    "court",
    "county",
    "city",
}
_LOCATIVE = {"in", "into", "across", "throughout", "from", "near", "outside", "inside"}


def _types_from_heads(doc: Doc, mentions: list[Mention]) -> None:
    """ "Northern Freedom Front" is an organisation and "Riverton Airport" a place by their
    last word; a "person" is a place if it is a country, capital or city ("Raqqa") or, for a
    one-word name, is written after "in"/"across" somewhere in the article ("a formal role in
    Kestria"), unless something marks it as a person: a title, an honorific, a first name. A
    one-word city name alone is no evidence: cities are named after people and people after
    cities (George, Bryan, Constance), so only countries and capitals count then."""
    located = _located_words(doc)
    # "Alderbridge" beside "Alderbridge City Council" and "Alderbridge Airport": the first word
    # of the names of a place's institutions is the place.
    local = {
        m.text.split()[0]
        for m in mentions
        if m.label in {"ORG", "PLACE"}
        and len(m.text.split()) > 1
        and m.text.split()[-1].lower() in _LOCAL_HEADS
    }
    personal = {m.text for m in mentions if m.role or m.gender or _after_title(doc, m.start)}
    personal |= {word for m in mentions if m.label == "PERSON" for word in m.text.split()[1:]}
    # "Laurentide" beside "Laurentide Infrastructure Partners": the short name of a body.
    bodies = {m.text.split()[0] for m in mentions if m.label == "ORG" and len(m.text.split()) > 1}
    for mention in mentions:
        if mention.canonical is not None or mention.label == "NORP":
            continue
        words = mention.text.split()
        head = words[-1].lower()
        known_place = mention.text in gazetteer.place_names()
        if (len(words) > 1 and head in _ORG_HEADS) or (
            mention.label == "PERSON"
            and len(words) == 1
            and mention.text in bodies
            and mention.text not in personal
            and mention.text not in local
        ):
            mention.label = "ORG"
        elif (
            (len(words) > 1 and head in _PLACE_HEADS)
            # "Stoke-on-Trent", "Mexico City" read as a body: a known place of several words
            or (mention.label == "ORG" and _several_words(mention.text) and known_place)
        ) or (
            mention.label == "PERSON"
            and mention.text not in personal
            and (
                (len(words) == 1 and (mention.text in located or mention.text in local))
                or mention.text in gazetteer.capital_names()
                or (len(words) > 1 and known_place)
            )
        ):
            mention.label = "PLACE"


def _edited(doc: Doc) -> bool:
    """Text whose sentences begin with a capital (news, reports), unlike much of what people
    type online ("do you think taco bell is cool?"), where a name may well be lower-case."""
    if not doc.has_annotation("SENT_START"):
        return False
    firsts = [t for sent in doc.sents if (t := next((w for w in sent if w.is_alpha), None))]
    # "I" is a capital whoever types it: a sentence that starts with it says nothing.
    firsts = [t for t in firsts if t.text != "I"]
    return bool(firsts) and sum(not t.is_lower for t in firsts) >= 0.9 * len(firsts)


_FILE_NAME = re.compile(r"\.(?:docx?|pdf|xlsx?|pptx?|csv|txt|rtf|zip|jpe?g|png|gif)$", re.I)


def _address(span: Span) -> bool:
    """An e-mail address, a file's name or a web address names no person or place
    ("Lisa_resume.doc", "kent.shoemaker@ae.ge.com"); a company's domain may name the company
    ("Amazon.com")."""
    for token in span:
        if "@" in token.text or _FILE_NAME.search(token.text):  # any e-mail address has one
            return True
        if token.like_url and (span.label_ != "ORG" or "/" in token.text):
            return True
    return False


def _several_words(name: str) -> bool:
    return " " in name or any(h in name for h in _HYPHENS)


def _after_title(doc: Doc, start: int) -> bool:
    return start > 0 and doc[start - 1].text.rstrip(".").lower() in lexicon.titles()


def _located_words(doc: Doc) -> set[str]:
    """Capitalised words written after a locative preposition, not as a possessor ("in
    Kestria", but not "in Smith's view")."""
    found = set()
    for token in doc[1:]:
        if (
            token.is_title
            and doc[token.i - 1].lower_ in _LOCATIVE
            and doc[token.i - 1].lower_ != "from"
            and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in {"'s", "’s"})
        ):
            found.add(token.text)
    return found


def _one_label_per_name(mentions: list[Mention]) -> None:
    """One name, one type in an article: a stray PERSON tag on a name tagged PLACE everywhere
    else is the model's slip, not a second entity (known names from the gazetteer stay put)."""
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text}
    for mention in mentions:
        # "Marsh presses allies" in a headline, "Helen Marsh" below: the surname of a person.
        if mention.text in surnames and mention.canonical is None:
            mention.label = "PERSON"
    votes: dict[str, Counter[str]] = {}
    for mention in mentions:
        if mention.label != "NORP":
            votes.setdefault(mention.text, Counter())[mention.label] += 1
    for mention in mentions:
        counts = votes.get(mention.text)
        if mention.canonical is None and counts and len(counts) > 1:
            label, top = counts.most_common(1)[0]
            if top > counts[mention.label]:
                mention.label = label


# Our NER labels and the entity types of the contract, both ways.
LABEL_OF_TYPE = {"person": "PERSON", "organization": "ORG", "place": "PLACE"}
TYPE_OF_LABEL = {label: entity_type for entity_type, label in LABEL_OF_TYPE.items()}


def _standalone(span: Span) -> bool:
    """Reject gazetteer hits inside a longer capitalised name ("US" in "US Navy" is fine as a
    modifier, but "IS" inside "IS-Khorasan" is not Islamic State)."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].text in {"-", "–"} and span.end + 1 < len(doc):
        return not doc[span.end + 1].is_title and not doc[span.end + 1].is_upper
    if span.start > 0 and doc[span.start - 1].text in {"-", "–"}:
        return False
    # An all-caps acronym of two letters in an all-caps line is an ordinary word ("IS THIS").
    return not (len(span.text) <= 2 and span.sent.text.isupper())


def _only_titles(span: Span) -> bool:
    """ "Maj Gen" alone is a rank, not an entity (the model sometimes tags it)."""
    words = [t.text.rstrip(".").lower() for t in span if not t.is_punct]
    return all(w in lexicon.titles() or w in lexicon.role_nouns() for w in words)


def _mention(doc: Doc, span: Span, claimed: set[int], *, edited: bool = True) -> Mention | None:
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
    return (after.is_punct and after.text not in _HYPHENS) or after.pos_ in {"VERB", "AUX", "ADP"}


def _hyphenated(doc: Doc, start: int, end: int) -> int:
    """ "Jimenez-Holt" and "Stoke-on-Trent" whole, when the model's span stops at or before a
    hyphen; a stray trailing hyphen goes."""
    while True:
        if (
            end < len(doc) - 1
            and doc[end].text in _HYPHENS
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_title
        ):
            end += 2
            continue
        if (
            end < len(doc) - 3
            and doc[end].text in _HYPHENS
            and doc[end + 1].is_lower
            and len(doc[end + 1]) <= 4
            and doc[end + 2].text in _HYPHENS
            and doc[end + 3].is_title
            and not any(t.whitespace_ for t in doc[end - 1 : end + 3])
        ):
            end += 4  # "Stoke-on-Trent", "Mazar-i-Sharif", "Lashkar-e-Taiba"
            continue
        if end > start and doc[end - 1].text in _HYPHENS:
            if end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_title:
                end += 1
                continue
            end -= 1
        return end


_MASCULINE = {"mr", "sir", "lord", "king", "prince", "baron", "father", "fr", "sheikh"}
_FEMININE = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "baroness"}


def _gender(role: str | None) -> str | None:
    """What an honorific says about which pronoun ("he", "she") can refer to the person."""
    words = {w.rstrip(".").lower() for w in (role or "").split()}
    if words & _MASCULINE:
        return "m"
    return "f" if words & _FEMININE else None


def _without_honorifics(role: str | None) -> str | None:
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
    mention.gender = _gender(mention.role)
    mention.role = _without_honorifics(mention.role)
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
            and token.pos_ == "PROPN"
            and not token.ent_type_
            and word not in _CALENDAR
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


_CALENDAR = lexicon.WEEKDAYS | lexicon.MONTHS


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


_APPOSITION_OPENERS = {"a", "an", "the", "its", "his", "her", "their"}


def _add_appositive_role(doc: Doc, mention: Mention) -> None:
    """A role in apposition: "Jonas Wehrle, a spokesman for the Bundeswehr," and "Kestria's
    foreign minister, Irena Koval," — the description names what the person does."""
    after = mention.end
    if after < len(doc) and doc[after].text == ",":
        end = after + 1
        while end < len(doc) and end - after <= 8 and doc[end].text not in {",", ".", ";", "("}:
            end += 1
        _take_role(doc, mention, after + 1, end)
    before = mention.start - 1
    if before > 0 and doc[before].text == "," and not mention.role:
        start = before - 1
        while (
            start > 0
            and before - start < 8
            and doc[start - 1].text not in {",", ".", ";"}
            and not doc[start - 1].is_sent_end
            and "\n" not in doc[start - 1].text
            and doc[start - 1].pos_ not in {"VERB", "AUX"}  # "Marsh also met Kestria's …"
        ):
            start -= 1
        _take_role(doc, mention, start, before)


# "the son of Vice President Joe Biden": a job written beside a relative is the relative's.
_KIN = frozenset(
    {
        *("son", "daughter", "wife", "husband", "father", "mother", "brother", "sister"),
        *("widow", "widower", "nephew", "niece", "grandson", "granddaughter", "cousin"),
        *("uncle", "aunt", "stepson", "stepdaughter", "stepfather", "stepmother", "child"),
        *("fiancé", "fiancée", "fiance", "fiancee", "girlfriend", "boyfriend", "partner"),
    }
)
_TIES = frozenset({"of", "for", "to", "with", "under"})


def _possessed(doc: Doc, i: int) -> bool:
    """Whether the entity starting at token i ends in a possessive ("Kestria's")."""
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j < len(doc) and doc[j].lower_ in {"'s", "’s", "'"}


def _take_role(doc: Doc, mention: Mention, start: int, end: int) -> None:
    words = doc[start:end]
    if any(t.lower_ in _KIN for t in words):
        return  # "Hunter Biden, the son of Vice President Joe Biden,": not his office
    # "a spokesman for Chancellor Olaf Scholz": the titles of the person named in the
    # appositive are theirs; the role is what comes before the word tying the two.
    # ("Kestria's foreign minister": a possessive names whose minister, not another person.)
    other = next(
        (
            t.i
            for t in words
            if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not _possessed(doc, t.i)
        ),
        None,
    )
    if other is not None:
        tie = next((t.i for t in reversed(doc[start:other]) if t.lower_ in _TIES), None)
        if tie is None:
            return
        end = tie
        words = doc[start:end]
    # "Jonas Wehrle, a spokesman for …", "Kestria's foreign minister, Irena Koval," and
    # "Dr Fiona Marlowe, chief executive of the trust,": an article, a name, or a job.
    opens = bool(words) and (
        words[0].lower_ in _APPOSITION_OPENERS
        or words[0].ent_type_ != ""
        or (words[0].is_lower and words[0].pos_ in {"NOUN", "ADJ", "PROPN"})
    )
    if not opens:
        return
    nouns = [t for t in words if t.lower_ in lexicon.role_nouns()]
    if not nouns:
        return
    head = nouns[-1]
    first = start + 1 if words[0].lower_ in _APPOSITION_OPENERS else start
    # "Kestria's foreign minister": the role is "foreign minister", Kestria its place.
    possessive = [t.i for t in doc[first : head.i] if t.lower_ in {"'s", "’s"}]
    first = possessive[-1] + 1 if possessive else first
    org = next(
        (e for e in doc.ents if e.label_ == "ORG" and start <= e.start and e.end <= end), None
    )
    role = doc[first : head.i + 1].text
    if not role or len(role.split()) > 6:
        return
    if not mention.role:
        mention.role = role
    elif all(w.rstrip(".").lower() in lexicon.titles() for w in mention.role.split()):
        # "Dr Fiona Marlowe, chief executive of …": a title and a job, both roles.
        mention.more_roles.append(role)
    if org is not None and mention.affiliation is None:
        mention.affiliation = org.text


_NOT_IN_TITLES = {"SCONJ", "ADP", "DET", "PRON", "AUX", "VERB", "ADV", "CCONJ", "PART"}


def _add_preceding_role(doc: Doc, mention: Mention) -> None:
    """Read the job title written before a name: "BBC Security Correspondent Frank Gardner"."""
    i = mention.start
    while i > 0:
        token = doc[i - 1]
        word = token.text.rstrip(".").lower()
        known = word in lexicon.titles() or word in lexicon.role_nouns()
        if token.is_sent_start and not (known or token.is_title or token.is_upper):
            break
        if not known and token.pos_ in _NOT_IN_TITLES:
            break  # "When L/Cpl Ahmed arrived": a capitalised word is not a title for that
        if token.ent_type_ in {"PERSON"} or (token.is_punct and token.text not in {"/", "-"}):
            break
        # "Alderbridge council leader Joanne Pryce": a lower-case noun that says which leader.
        modifier = (
            token.is_lower
            and token.pos_ == "NOUN"
            and i < mention.start
            and doc[i].text.rstrip(".").lower() in lexicon.role_nouns()
        )
        if not (
            token.is_title
            or token.is_upper
            or word in lexicon.role_nouns()
            or word in lexicon.titles()
            or word in _JOINERS
            or token.like_num
            or modifier
        ):
            break
        i -= 1
    while i < mention.start and doc[i].lower_ in _JOINERS:
        i += 1
    if i == mention.start:
        return
    words = doc[i : mention.start]
    last = words[-1].text.rstrip(".").lower()
    if last not in lexicon.role_nouns() and last not in lexicon.titles():
        return
    org = next(
        (e for e in doc.ents if e.start >= i and e.end <= mention.start and e.label_ == "ORG"), None
    )
    role_start = org.end if org is not None else i
    role_tokens = doc[role_start : mention.start]
    if role_tokens and role_tokens.text.strip():
        prefix = role_tokens.text.strip()
        mention.role = f"{prefix} {mention.role}" if mention.role else prefix
    if org is not None:
        mention.affiliation = org.text
