"""Boundaries: where a reported statement's words start after its cue and where they stop."""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from . import lexicon
from .frames import contrast_verb, cue_set, is_verb

_SUBORDINATORS = frozenset({"when", "after", "before", "as", "while", "because", "since"})


def next_cue_clause(doc: Doc, start: int, end: int) -> int:
    """Where a second statement begins: "warned that …, but insisted …" by the same speaker,
    "… with Mr Heappey telling LBC …" by another."""
    cues = cue_set(doc)
    for i in range(start + 1, end - 1):
        # (A participle joined to one before it is no new statement: "investigated and
        # verified".)
        second = doc[i + 1]
        if doc[i].text == ";":
            return i  # "said the firm would close; Roe said it would not": a clause of its own
        if (
            doc[i].lower_ in {"but", "and", "while"}
            and second.i in cues
            and (second.tag_ != "VBN" or second.lemma_.lower() in _SAYING)
            and not _joined_inside(second, start)
        ):
            return i - 1 if doc[i - 1].text == "," else i
        # "…, when authorities in Beijing announced that …": a clause with a source of its own.
        # "…, saying he trusted the courts": a participle cue after a comma says more.
        if doc[i].text == "," and second.i in cues and second.lower_.endswith("ing"):
            return i
        if doc[i].text == "," and _own_source_clause(doc, start, i, end, cues):
            return i
        subordinate = doc[i].text == "," and doc[i + 1].lower_ in _SUBORDINATORS
        if subordinate and any(
            j in cues and is_verb(doc[j]) for j in range(i + 3, min(i + 9, end))
        ):
            return i
        if doc[i].lower_ == "with" and absolute_participle(doc, i, end) is not None:
            return i - 1 if doc[i - 1].text == "," else i
    return end


def absolute_participle(doc: Doc, with_at: int, end: int) -> int | None:
    """ "… with Mr Heappey telling LBC …": the participle of saying that follows "with" (at
    `with_at`) and the names before it, within eight words and before `end`, or None. (A cue
    the tagger read as a noun counts here: "with Jordanian Foreign Minister Ayman Safadi
    warning of …".)"""
    cues = cue_set(doc)
    participle = next(
        (
            j
            for j in range(with_at + 2, min(with_at + 9, end))
            if (j in cues or doc[j].lower_ in lexicon.cues()) and doc[j].lower_.endswith("ing")
        ),
        None,
    )
    if participle is not None and all(
        doc[k].ent_type_
        or doc[k].is_title
        or doc[k].lower_ in {"the", "a", "an", "their", "its", "his", "her"}
        for k in range(with_at + 1, participle)
    ):
        return participle
    return None


def _joined_inside(cue: Token, start: int) -> bool:
    """ "said that its researchers examined … and concluded that …": a cue the parse joins
    to a verb of the content, whose subject is the content's, goes on with the content."""
    if cue.lemma_.lower() in _SAYING:
        return False  # "said it viewed … and said it would …": the speaker speaks again
    if cue.lemma_.lower() in _MIND:
        return True  # "said she did not want to judge it, and thinks it could work": one view
    head = cue.head
    return cue.dep_ == "conj" and head.i >= start and head.i < cue.i and is_verb(head)


# Verbs of mind: joined by "and" after reported words, the same view going on.
_MIND = frozenset({"think", "believe", "hope", "feel", "fear", "want", "wish"})
# Verbs of saying: joined by "and" after reported words, a second report by the speaker.
_SAYING = frozenset({"say", "add", "tell", "insist", "warn", "state", "note", "argue", "claim"})
# … and of appeal, charge and praise, which a speaker adds to what they said ("warned that
# prices would rise and urged shoppers to buy early").
_SAYING |= {"urge", "call", "demand", "appeal", "vow", "pledge", "accuse", "condemn"}
_SAYING |= {"criticise", "criticize", "praise", "welcome", "thank"}


# Words that may open a clause with a source of its own after a comma.
_CLAUSE_OPENERS = frozenset({"while", "whereas", "but", "and", "though", "although", "yet"})
_CONTRASTS = frozenset({"while", "whereas"})


def _own_source_clause(doc: Doc, start: int, comma: int, end: int, cues: frozenset[int]) -> bool:
    """ "…, while the city's police deny …", "…, it has also acknowledged that …": after a
    comma, a cue with its own subject, which starts there, is a second statement (not one the
    content itself holds: "that A but that in retrospect, he understood …")."""
    if any(t.lower_ == "that" for t in doc[max(start, comma - 4) : comma]):
        return False  # "but that in retrospect, he understood …": the "that" clause goes on
    first = comma + 1
    opener = first < end and doc[first].lower_ in _CLAUSE_OPENERS
    if opener:
        first += 1
    for j in range(first + 1, min(first + 7, end)):
        if doc[j].text in {",", ";", ":", "(", "“", '"'} or (
            j not in cues and is_verb(doc[j]) and doc[j].lower_ not in _AUXILIARIES
        ):
            return False
        # (A cue the tagger read as a noun is a cue here by its parse: a finite verb.)
        finite = not is_verb(doc[j]) or doc[j].tag_ not in {"VBG", "VBN", "VB"}
        perfect = doc[j].tag_ == "VBN" and doc[j - 1].lower_ in _AUXILIARIES
        # ("…, the mayor's office confirmed.": a cue that closes the sentence is past tense,
        # however it was tagged.)
        closing = j + 1 >= end or (doc[j + 1].is_punct and j + 2 >= end)
        if j in cues and (finite or perfect or closing):
            if contrast_verb(doc, doc[j]):
                return True  # "…, while the city's police deny …", however it was parsed
            subject = next((c for c in doc[j].children if c.dep_.startswith("nsubj")), None)
            # (A "while" clause hangs from the content's verb in the parse, yet sets a second
            # source against the first: "…, while the city's police deny …".)
            inside = (
                not closing
                and doc[comma + 1].lower_ not in _CONTRASTS
                and any(start <= a.i < comma for a in doc[j].ancestors)
            )
            return subject is not None and subject.left_edge.i == first and not inside
    return False


_AUXILIARIES = frozenset({"has", "have", "had", "also", "since", "already", "now", "later"})


_CLAUSE_DASHES = frozenset({"—", "–"})


def clause_end(doc: Doc, start: int, end: int) -> int:
    """Where a content clause stops: the sentence end, or a semicolon or dash before it; a
    pair of dashes sets off an aside the clause goes on after ("he visited X in 2010 – after
    X left prison – in order to end the friendship")."""
    i = start
    while i < end:
        if doc[i].text == ";":
            return i
        if doc[i].text in _CLAUSE_DASHES:
            closing = next(
                (j for j in range(i + 1, min(i + 30, end)) if doc[j].text in _CLAUSE_DASHES), None
            )
            if closing is None or closing + 1 >= end or doc[closing + 1].is_punct:
                return i
            i = closing
        i += 1
    return end


_WHEN_DOING = frozenset({"while", "when", "after", "before", "during"})


def skip_to_content(doc: Doc, i: int, end: int) -> int:
    """Skip "today", "in a statement", "on Monday" and a "that" between cue and content."""
    # "said on Tuesday in a statement that …", "told Reuters by telephone that …": a "that"
    # after a verbless phrase marks where the content begins.
    leads_phrase = i < end and (doc[i].pos_ == "ADP" or doc[i].lower_ in _PHRASE_LEADS)
    # "said while visiting the plant that …": a participle phrase of when, then the "that".
    while_doing = i + 1 < end and doc[i].lower_ in _WHEN_DOING and doc[i + 1].tag_ == "VBG"
    # (An apposition may stand in it, set off by commas: "assured the public on Weibo, a
    # social media site, that …".)
    commas = 0
    for j in range(i, min(i + 16, end) if leads_phrase or while_doing else i):
        if doc[j].lower_ == "that" and j > i:
            following = doc[j + 1] if j + 1 < end else doc[j]
            if is_verb(following) or following.lower_ in {"not", "never"}:
                break  # "responding to alerts that do not …": a relative pronoun
            if commas not in {0, 2} or (commas and doc[j - 1].text != ","):
                break
            return j + 1
        verb = is_verb(doc[j]) and not (while_doing and j == i + 1)
        commas += doc[j].text == ","
        if verb or doc[j].text in {";", ":", "“", "‘", '"'} or commas > 2:
            break
        if j - i >= 8 and not commas:
            break
    start = i
    while i < end and i - start < 4 and (doc[i].lower_ in _SKIPPABLE or doc[i].is_space):
        if doc[i].lower_ in {"this", "last", "the", "a", "an"} and (
            i + 1 >= end or doc[i + 1].lower_ not in _SKIPPABLE
        ):
            break  # "described this as …", "said last week the plan …": not "this week"
        i += 1
    if i < end and (doc[i].lower_ == "that" or doc[i].text in {",", ":"}):
        return i + 1
    if i > start and i < end and doc[i - 1].head.i >= i:
        return start  # "said the night scenes were …": the words belong to the content
    return i if doc[i - 1].lower_ not in {"in", "on", "at", "a", "an", "the", "by"} else start


# Time and manner words that may stand between a cue and its content ("said today that").
_SKIPPABLE = {
    "today",
    "yesterday",
    "tonight",
    "recently",
    "also",
    "later",
    "earlier",
    "then",
    "previously",
    "now",
    "again",
    "repeatedly",
    "publicly",
    "privately",
    "openly",
    "separately",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "afternoon",
    "evening",
    *lexicon.WEEKDAYS,
    "on",
    "in",
    "at",
    "during",
    "a",
    "an",
    "the",
    "interview",
    "statement",
    "press",
    "conference",
    "briefing",
    "speech",
    "visit",
    "recent",
}


# Words that open a time, place or manner phrase between a cue and its "that" ("said on
# Tuesday in a statement that", "told Reuters by telephone that"); a noun phrase there instead
# ("said the attack that …") is the content itself.
_PHRASE_LEADS = {
    "on",
    "in",
    "at",
    "during",
    "by",
    "after",
    "before",
    "over",
    "via",
    "through",
    "today",
    "yesterday",
    "tonight",
    "recently",
    "earlier",
    "later",
    "also",
    "last",
    "this",
    "repeatedly",
    "publicly",
    "privately",
    "previously",
    "again",
    "again,",
}


# Abbreviations whose full stop ends no sentence before a number or a lower-case word ("the
# No. 1 priority", "Acme Inc. last week"); times of day, before a day's or a month's name too.
_ABBREVIATIONS = frozenset(
    {"no", "nos", "inc", "corp", "co", "ltd", "st", "mt", "ft", "jr", "sr", "vs", "dept"}
    | {"a.m", "p.m", "u.s", "u.k", "e.g", "i.e", "approx", "est"}
)
_TIMES = frozenset({"a.m", "p.m"})


def abbreviated(doc: Doc, start: int) -> bool:
    """Whether a sentence the parser began at `start` only follows an abbreviation's full
    stop: "the No. | 1 priority", "at 10 a.m. | Tuesday would …"."""
    if start < 2:
        return False
    before, first = doc[start - 1], doc[start]
    word = before.lower_.rstrip(".")
    if before.text == "." and not doc[start - 2].whitespace_:
        word = doc[start - 2].lower_.rstrip(".")  # "No" "." as the tokenizer splits it
    elif not before.text.endswith(".") or len(before.text) < 2:
        return False
    if word in _short_titles() and first.is_title:
        return True  # "said Lt. | Sam Cole": a title before a name
    if word not in _ABBREVIATIONS:
        return False
    dated = word in _TIMES and first.lower_ in _DATE_WORDS
    return first.is_lower or first.is_digit or dated


_DATE_WORDS = frozenset(lexicon.WEEKDAYS) | frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "today", "tomorrow", "yesterday"}
)


@cache
def _short_titles() -> frozenset[str]:
    """Titles and ranks written abbreviated before a name ("Lt.", "Gov.", "Dr.")."""
    dotted = {t.lower().rstrip(".") for t in lexicon.titles() if t.endswith(".")}
    ranks = {a for a in lexicon.abbreviations() if " " not in a}
    return frozenset(dotted | ranks | {"mr", "mrs", "ms", "messrs"})
