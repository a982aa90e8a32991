"""Entities: the statistical NER plus a rule layer (gazetteers, titles as roles, acronyms)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import gazetteer, lexicon, sentences
from .datelines import dateline_credit, dateline_places, name_as_written_in_text
from .eponyms import without_eponyms
from .extensions import text_of
from .genders import any_first_names, english_first_names
from .headlines import (
    outside_headlines,
    outside_prompts,
    outside_titles_of_works,
    quoted_titles,
)
from .mentions import (
    HYPHENS,
    Mention,
    gender_of,
    mention_of,
    only_titles,
    split_pairs,
    surnames_again,
    titled_names,
    without_honorifics,
)
from .portfolios import without_portfolios
from .roles import add_appositive_role, add_preceding_role

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
        statistical = _after_portfolio(doc, _hyphenated(doc, _with_first_names(doc, statistical)))
        statistical = _official_names(doc, _without_trailing_roles(doc, statistical))
        statistical = _venues(_compass_districts(_cut_short(doc, statistical)))
        statistical = _with_initials(doc, statistical)
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
        datelines = dateline_places(doc)
        spans = filter_spans(datelines + gazetteer + _journals(doc))
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
            and not _body_with_title_word(s)
        ]
        taken = {i for span in spans for i in range(span.start, span.end)}
        spans += [s for s in statistical if not taken.intersection(range(s.start, s.end))]
        spans = [s for s in filter_spans(spans) if not only_titles(s) and not _office(s)]
        # "© Getty": a picture's credit, not a name the story mentions.
        spans = [s for s in spans if not (s.start and doc[s.start - 1].text == "©")]
        spans = [s for s in spans if not _address(s) and not _letters_after_name(s, spans)]
        credit = dateline_credit(doc)
        spans = [s for s in spans if not (credit and credit[0] <= s.start_char < credit[1])]
        edited = _edited(doc)
        if edited:
            # In edited text a name is capitalised: a span with no capital ("north") is not one.
            spans = [s for s in spans if any(ch.isupper() for ch in s.text)]
        claimed = {i for span in spans for i in range(span.start, span.end)}
        mentions = [
            m for span in spans if (m := mention_of(doc, span, claimed, edited=edited)) is not None
        ]
        mentions = split_pairs(doc, mentions)
        mentions += surnames_again(doc, mentions, claimed)
        mentions = _without_overlaps([m for m in mentions if not _quoted_title(doc, m)])
        mentions = without_portfolios(doc, outside_headlines(doc, mentions))
        mentions = without_eponyms(doc, outside_prompts(doc, mentions))
        mentions = _without_codes(doc, outside_titles_of_works(doc, mentions))
        mentions = _with_articles(doc, _without_storms(doc, mentions))
        name_as_written_in_text(doc, mentions, datelines)
        _derived_demonyms(mentions)
        mentions = _without_demonyms_in_names(doc, mentions)
        _paired_compass_places(doc, mentions)
        _types_from_heads(doc, mentions)
        _one_label_per_name(mentions)
        doc.ents = [Span(doc, m.start, m.end, label=m.label) for m in mentions]
        for mention in mentions:
            if mention.label == "PERSON":
                add_preceding_role(doc, mention)
                add_appositive_role(doc, mention)
            mention.gender = gender_of(mention.role)
            mention.role = without_honorifics(mention.role)
        doc._.mentions = mentions
        return doc


def _with_first_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "millionaire Grant Sabatier suggests": the model read only the surname, or the first
    name and the surname as two people, as the first name is also a common noun. A
    capitalised proper noun just before a person's name that begins with a surname is their
    first name when English first names hold it and it is no title, place, nationality,
    month or day ("Leader Mitch McConnell" is Mitch McConnell; "Georgia" is a place)."""
    names = english_first_names()
    starts = {span.start: span for span in spans}
    taken = {i for span in spans for i in range(span.start, span.end)}
    out: list[Span] = []
    for span in spans:
        before = doc[span.start - 1] if span.start else None
        alone = before is not None and before.i in taken
        first = starts.get(before.i) if before is not None and alone else None
        if (
            span.label_ == "PERSON"
            and before is not None
            and (not alone or (first is not None and len(first) == 1 and first.label_ == "PERSON"))
            and before.pos_ == "PROPN"
            and before.is_alpha
            and before.is_title
            and len(before) > 1
            and before.lower_ in names
            and span[0].lower_ not in names
            and not _not_a_first_name(before.text)
        ):
            if first is not None:
                out.remove(first)
            span = Span(doc, span.start - 1, span.end, label="PERSON")
        out.append(span)
    return out


def _office(span: Span) -> bool:
    """ "Shadow Home Secretary", "Foreign Minister": a "person" whose last word is an office is
    the office, written before the name of whoever holds it; no one's name ends in one."""
    last = span[-1].text.rstrip(".").lower()
    return (
        span.label_ == "PERSON"
        and len(span) > 1
        and last in _OFFICE_WORDS
        and span[0].text.rstrip(".").lower() not in lexicon.titles()
    )


_OFFICE_WORDS = frozenset(
    {"secretary", "minister", "chancellor", "commissioner", "governor", "mayor", "spokesman"}
    | {"spokeswoman", "spokesperson", "ambassador", "envoy", "attorney", "adviser", "advisor"}
)


_COMPASS = frozenset({"North", "South", "East", "West", "Central"})


def _compass_districts(spans: list[Span]) -> list[Span]:
    """ "Kowloon West", "New Territories East": a place followed at once by a compass word
    the model read as a place of its own is one district's name."""
    return _one_word_joined(
        spans,
        lambda previous, word: (
            previous.label_ == "PLACE" and word.label_ == "PLACE" and word.text in _COMPASS
        ),
    )


def _one_word_joined(spans: list[Span], joins: Callable[[Span, Span], bool]) -> list[Span]:
    """The spans, each one-word span that `joins` the span right before it (no word between)
    made one place with it."""
    out: list[Span] = []
    for span in spans:
        previous = out[-1] if out else None
        if (
            previous is not None
            and len(span) == 1
            and previous.end == span.start
            and joins(previous, span)
        ):
            out[-1] = Span(span.doc, previous.start, span.end, label="PLACE")
            continue
        out.append(span)
    return out


_COMPASS_WORDS = _COMPASS | {"Northern", "Southern", "Eastern", "Western"}


def _paired_compass_places(doc: Doc, mentions: list[Mention]) -> None:
    """ "North and South Korea", "East or West Germany": the first compass word, which the
    model read as a name of its own (often a body), is the other place of the pair."""
    starts = {m.start: m for m in mentions}
    for mention in mentions:
        place = starts.get(mention.end + 1)
        if (
            mention.end - mention.start == 1
            and mention.text in _COMPASS_WORDS
            and doc[mention.end].lower_ in {"and", "or", "&"}
            and place is not None
            and place.label == "PLACE"
            and place.text.split()[0] in _COMPASS_WORDS
            and len(place.text.split()) > 1
            and mention.text != place.text.split()[0]
        ):
            mention.label = "PLACE"
            mention.canonical = " ".join([mention.text, *place.text.split()[1:]])


# What may stand before a person's initial: the start of a line or sentence, a list's marks
# (and any mark that ends in a colon or an opening bracket, "):").
_BEFORE_INITIAL = {",", "&", "and", "or", "with", "by", "-", "–", "—"}


def is_initial(doc: Doc, i: int) -> bool:
    """ "Rockledge (3-1): C. Martinez 1 goal. D. Robbins 1 save.": a capital letter with its
    full stop, opening a line or a list item, is the initial of the name after it, which no
    sentence starts. ("… in Group A. Kukushkin had beaten …" ends a sentence at "A.")"""
    token = doc[i]
    if len(token.text) != 2 or not token.text[0].isupper() or token.text[1] != ".":
        return False
    if i == 0 or "\n" in doc[i - 1].text_with_ws:
        return True
    before = doc[i - 1]
    return (
        before.text in {".", "!", "?"}
        or before.lower_ in _BEFORE_INITIAL
        or before.text.endswith((":", "("))
        or is_initial(doc, i - 1)
    )


def _with_initials(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "D. Robbins", "J. R. Smith": the initials before a person's name, which the model read
    apart or left out, are part of it where they open a line or a list item."""
    starts = {span.start: span for span in spans}
    dropped: set[int] = set()
    out = []
    for span in spans:
        start = span.start
        if span.label_ == "PERSON":
            while start > 0 and is_initial(doc, start - 1):
                before = starts.get(start - 1)
                if before is not None and not (len(before) == 1 and before.label_ == "PERSON"):
                    break
                if before is not None:
                    dropped.add(before.start)
                start -= 1
        out.append(span if start == span.start else Span(doc, start, span.end, label="PERSON"))
    return [span for span in out if span.start not in dropped or len(span) > 1]


def _journals(doc: Doc) -> list[Span]:
    """ "published in the journal Nature Astronomy", "the journals Science and Nature": a
    journal is a body (its publisher's voice), named by the capitalised words after the word
    (over "of the": "Monthly Notices of the Royal Astronomical Society"), which the model
    rarely reads as a name. Not a person's name ("in the journal Tom Hale kept")."""
    found = []
    for token in doc:
        if token.lower_ not in {"journal", "journals"} or not token.is_lower:
            continue
        i = token.i + 1
        while i < len(doc) and doc[i].is_title and doc[i].ent_type_ != "PERSON":
            start = i
            while i < len(doc) and (doc[i].is_title or doc[i].is_upper or _joins_title(doc, i)):
                i += 1
            found.append(Span(doc, start, i, label="ORG"))
            # "the journals Science and Nature": a second title after "and".
            if token.lower_ != "journals" or i + 1 >= len(doc) or doc[i].lower_ != "and":
                break
            i += 1
    return found


def _joins_title(doc: Doc, i: int) -> bool:
    """Whether doc[i] is "of", "the", "for", "in" or "&" inside a title: a capitalised word
    follows within two words."""
    if doc[i].lower_ not in _JOURNAL_JOINERS:
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ in _JOURNAL_JOINERS:
        nxt = doc[i + 2] if i + 2 < len(doc) else None
    return nxt is not None and nxt.is_title and nxt.lower_ not in lexicon.CALENDAR


def _venues(spans: list[Span]) -> list[Span]:
    """ "Ameris Bank" | "Amphitheatre": a venue's head the model read as a name of its own
    right after the sponsor's name is one place's name."""
    return _one_word_joined(
        spans,
        lambda previous, word: (
            previous.label_ in {"ORG", "PLACE"} and word.text.lower() in _VENUE_HEADS
        ),
    )


def _without_trailing_roles(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "John Cornyn, U.S. Senator (R-Texas)": a person's name ends at its comma; what follows
    is a role or a place ("Martin Luther King, Jr." keeps its generation, and "Jr." alone is
    no one)."""
    out = []
    for span in spans:
        if span.label_ == "PERSON" and span.text.rstrip(".").lower() in lexicon.GENERATIONS:
            continue  # "King, Jr.": the generation the model read as a person of its own
        if span.label_ == "PERSON":
            comma = next((t.i for t in span if t.text == ","), None)
            if comma is not None and comma > span.start:
                after = doc[comma + 1].text.rstrip(".").lower() if comma + 1 < span.end else ""
                if after not in lexicon.GENERATIONS:
                    span = Span(doc, span.start, comma, label="PERSON")
        out.append(span)
    return out


_NAME_JOINERS = frozenset({"of", "for", "the", "&"})
# Inside a journal's title, "in" too ("Trends in Ecology").
_JOURNAL_JOINERS = _NAME_JOINERS | {"in"}


def _official_names(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Joint Council for the Welfare of Immigrants": the model stopped a body's formal name
    at "for" or "of"; it runs on over those words and "the" to the capitalised words after
    them. (A span left ending in such a word loses it when nothing capitalised follows.)"""
    taken = {i for span in spans for i in range(span.start, span.end)}
    out = []
    for span in spans:
        end = span.end
        while end > span.start + 1 and doc[end - 1].lower_ in _NAME_JOINERS:
            end -= 1
        words = doc[span.start : end]
        if span.label_ == "ORG" and any(
            t.is_title and t.lower_ in lexicon.FORMAL_BODY_HEADS for t in words
        ):
            end = _run_on(doc, end, taken)
        out.append(span if end == span.end else Span(doc, span.start, end, label=span.label_))
    return out


def _cut_short(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Bleacher Report", "Fusion GPS": a body's name the model stopped one capitalised word
    short of, mid-sentence, where lower-case words go on after it. Not a title or office
    ("Acme President said"), a weekday or month, a verb, nor a word another name holds."""
    taken = {i for span in spans for i in range(span.start, span.end)}
    out = []
    for span in spans:
        end = span.end
        if span.label_ == "ORG" and end + 1 < len(doc) and end not in taken:
            word, after = doc[end], doc[end + 1]
            if (
                (word.is_title or word.is_upper)
                and word.is_alpha
                and len(word) > 1
                and word.text not in lexicon.postnominals()
                and not word.is_sent_start
                and (word.pos_ == "PROPN" or (word.is_upper and not span.sent.text.isupper()))
                and not (after.is_title or after.is_upper)
                and word.lower_ not in lexicon.titles()
                and word.lower_ not in lexicon.role_nouns()
                and word.lower_ not in lexicon.cues()
                and word.lower_ not in lexicon.CALENDAR
            ):
                end += 1
        out.append(span if end == span.end else Span(doc, span.start, end, label=span.label_))
    return out


def _run_on(doc: Doc, end: int, taken: set[int]) -> int:
    """Past "of", "for", "the" to the capitalised words after them, as far as they go."""
    while True:
        j = end
        while j < len(doc) and j - end < 2 and doc[j].lower_ in _NAME_JOINERS:
            j += 1
        if j == end or j >= len(doc) or not doc[j].is_title or j in taken:
            return end
        start = j
        while j < len(doc) and doc[j].is_title and j not in taken:
            j += 1
        if j - start > 6:
            return end
        end = j


def _hyphenated(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Kim Jong-un", "Hau Lung-bin": a given name of two syllables joined by a hyphen, the
    second in lower case, which the model cut at the hyphen (after a surname: "Bush-era" is
    no name)."""
    out = []
    for span in spans:
        end = span.end
        if (
            span.label_ == "PERSON"
            and len(span) >= 2
            and end + 1 < len(doc)
            and doc[end - 1].is_title
            and doc[end].text in {"-", "‐"}
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].is_lower
            and len(doc[end + 1]) <= 7
        ):
            span = Span(doc, span.start, end + 2, label="PERSON")
        out.append(span)
    return out


# Offices named with their portfolio after "of": "Minister of Education Stefania Giannini".
_OFFICES_OF = frozenset(
    {"minister", "secretary", "governor", "mayor", "president", "director", "head", "chief"}
    | {"commissioner", "chairman", "chairwoman", "chair", "ambassador", "prime"}
)


def _after_portfolio(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Minister of Education Stefania Giannini": the model read the portfolio's last word
    into the person's name; the name starts at the first first-name in it (or is its last
    two words)."""
    out = []
    for span in spans:
        if (
            span.label_ == "PERSON"
            and len(span) >= 3
            and span.start >= 2
            and doc[span.start - 1].lower_ == "of"
            and doc[span.start - 2].lower_ in _OFFICES_OF
        ):
            names = any_first_names()
            first = next((t.i for t in span[1:] if t.lower_ in names and t.is_title), None)
            start = first if first is not None else span.end - 2
            span = Span(doc, start, span.end, label="PERSON")
        out.append(span)
    return out


def _not_a_first_name(word: str) -> bool:
    lower = word.lower()
    return (
        lower in lexicon.titles()
        or lower in lexicon.WEEKDAYS
        or lower in lexicon.MONTHS
        or word in lexicon.demonyms()
        or word in gazetteer.place_names()
    )


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
        return name.text in gazetteer.place_names() or name.text in gazetteer.region_names()
    rest = [*before, *after]
    # (A name word may have its capital inside: "VMware", "eBay".)
    return any(token.is_alpha and any(ch.isupper() for ch in token.text) for token in rest)


_REGION_WORDS = frozenset(
    ["western", "eastern", "northern", "southern", "central", "continental", "mainland"]
)


def _body_with_title_word(name: Span) -> bool:
    """ "the Justice Department": a "name" after a title word ("Justice") that ends in the word
    for a kind of body is that body's name, no person's."""
    return name[-1].lower_ in lexicon.ORG_HEADS


# A code in brackets: "(HSI)", "(NYSE: LOW)".
_CODE_BEFORE = re.compile(r"\((?:[A-Za-z]+: ?)?$")
# "the United Health Workers union (UHW)": the kind of body after its name.
_BODY_NOUN_AFTER = re.compile(
    r"\s+(?:union|party|group|company|agency|council|committee|movement|alliance|network)$"
)


def _without_codes(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "Hang Seng Index (HSI)", "Ascom shares (ASCN)", "(NYSE: LOW)": a code in brackets is
    the short name of what comes before it, an alias where that is a name the article's
    entities hold, and nothing of its own where it is not (an index, a share, a ticker)."""
    text = text_of(doc)
    ends = {m.end_char for m in mentions}
    kept = []
    for mention in mentions:
        opening = _CODE_BEFORE.search(text, max(0, mention.start_char - 12), mention.start_char)
        code = (
            opening is not None
            and text[mention.end_char : mention.end_char + 1] == ")"
            and mention.text.isupper()
            and " " not in mention.text
        )
        if code and opening is not None:
            ticker = ":" in opening.group()
            before = len(_BODY_NOUN_AFTER.sub("", text[: opening.start()].rstrip()))
            if ticker or before not in ends:
                continue
        kept.append(mention)
    return kept


def _with_articles(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "told The Hill": a capitalised "The" the model tagged alone before a name is that
    name's first word, and a name that starts with "The" names a body or a place, never a
    person ("The Hill", "The Hague"); a lone "The" is no name."""
    kept: list[Mention] = []
    for mention in mentions:
        previous = kept[-1] if kept else None
        if previous is not None and previous.text == "The" and previous.end == mention.start:
            span = doc[previous.start : mention.end]
            mention.start, mention.start_char, mention.text = span.start, span.start_char, span.text
            kept.pop()
        kept.append(mention)
    for mention in kept:
        if mention.label == "PERSON" and mention.text.startswith("The "):
            place = mention.text in gazetteer.place_names()
            mention.label = "PLACE" if place else "ORG"
    return [m for m in kept if m.text != "The"]


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
    # … and so is a name inside a title in quotation marks ("Harold and Maude Go West").
    inside = any(s <= mention.start_char and mention.end_char <= e for s, e in quoted_titles(doc))
    return inside or (before[-1:] in {"“", "‘", '"', "'"} and after[:1] in {"”", "’", '"', "'"})


_DISPLAY_NAME = re.compile(r"""["”']\s*<[^<>\s]+@[^<>\s]+>""")


def _without_demonyms_in_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "the American Music Awards": a nationality word that opens a longer name the model did
    not tag is a word of that name, no mention of the country (where the article names the
    country itself, that mention stays)."""
    return [
        m
        for m in mentions
        if m.label != "NORP"
        or m.end >= len(doc)
        or not (doc[m.end].is_title and doc[m.end].is_alpha and not doc[m.end].is_sent_start)
    ]


def _derived_demonyms(mentions: list[Mention]) -> None:
    """ "Kestrian" beside "Kestria", "North Americans" beside "North America": the word for
    the people of a place the article names, which is no place of its own."""
    places = {m.text for m in mentions if m.label == "PLACE"}
    for mention in mentions:
        word = mention.text
        stem = word[:-2] if word.endswith("ns") else word[:-1] if word.endswith("n") else ""
        if mention.label != "NORP" and stem in places:
            mention.label, mention.canonical = "NORP", stem


# Venues are buildings, places in ANNOTATION.md, whatever sponsor names them ("Ameris Bank
# Amphitheatre", "Bridgestone Arena", "Budweiser Stage").
_VENUE_HEADS = frozenset(
    {"amphitheatre", "amphitheater", "arena", "stadium", "pavilion", "coliseum", "colosseum"}
    | {"ballpark", "speedway", "racecourse", "velodrome", "stage"}
)
_PLACE_HEADS = {
    *_VENUE_HEADS,
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
        body_of_district = len(words) > 2 and head == "district" and words[-2] == "School"
        if (
            (len(words) > 1 and head in lexicon.ORG_HEADS)
            or body_of_district
            or (
                mention.label == "PERSON"
                and len(words) == 1
                and mention.text in bodies
                and mention.text not in personal
                and mention.text not in local
            )
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
    return " " in name or any(h in name for h in HYPHENS)


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
    # A tie between a person and a body goes to the first mention, where an article
    # introduces what it names ("Beauty company Coty …", then "Coty acquired …").
    first: dict[str, str] = {}
    for mention in mentions:
        first.setdefault(mention.text, mention.label)
    for mention in mentions:
        counts = votes.get(mention.text)
        if mention.canonical is None and counts and len(counts) > 1:
            label, top = counts.most_common(1)[0]
            if top > counts[mention.label]:
                mention.label = label
            elif set(counts) == {"PERSON", "ORG"} and top == counts[first[mention.text]]:
                mention.label = first[mention.text]


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
    # An all-caps acronym in an all-caps line is an ordinary word ("IS THIS", "WHO IS THE
    # FRONT-RUNNER?").
    if span.text.isupper() and _capitals_around(span):
        return False
    if span.text in _COMPASS and (span.start == 0 or doc[span.start - 1].lower_ != "the"):
        return False  # "the West", not "Kowloon West" (a district) nor "West Ham"
    return not _product_of(span)


def _letters_after_name(span: Span, spans: list[Span]) -> bool:
    """ "Mark Tedeschi, QC,": letters after a person's name and its comma are theirs (a
    title of rank), no body or person of their own."""
    doc = span.doc
    if len(span) != 1 or span.text not in lexicon.postnominals() or span.start < 2:
        return False
    if doc[span.start - 1].text != ",":
        return False
    return any(s.label_ == "PERSON" and s.end == span.start - 1 for s in spans)


def _capitals_around(span: Span) -> bool:
    doc = span.doc
    near = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return (len(span.text) <= 2 and span.sent.text.isupper()) or any(
        t.is_alpha and t.is_upper and len(t) > 1 for t in near
    )


_FOLLOWED_BY_NAME_OK = frozenset({"inc", "corp", "co", "ltd", "plc", "llc", "group", "ag"})


def _product_of(span: Span) -> bool:
    """ "Uber Eats", "YouTube Gaming", "Google Maps": a company's name followed, mid-sentence,
    by a capitalised word names its product or unit, not the company (unless that word is a
    title or a corporate suffix: "Facebook Chief Executive Mark Zuckerberg", "Twitter Inc")."""
    doc = span.doc
    if span.label_ != "ORG" or span.end >= len(doc):
        return False
    after = doc[span.end]
    # (A word glued to what follows in scraped text counts: "(CNN Business)A muddled".)
    glued = re.match(r"[A-Z][a-z]+", after.text)
    word = glued.group(0).lower() if glued else ""
    return (
        glued is not None
        and not after.is_sent_start
        and word not in _FOLLOWED_BY_NAME_OK
        and word not in lexicon.titles()
        and word not in lexicon.role_nouns()
        and word not in lexicon.WEEKDAYS
        and word not in lexicon.MONTHS
        and after.lower_ not in _OFFICE_OPENERS
    )


# Words of office that may follow a body's name before a person's and that neither the titles
# nor the role nouns hold ("Apple Co-founder Steve Wozniak", "Google Senior Vice President").
_OFFICE_OPENERS = frozenset({"co-founder", "vice", "senior"})
