"""Subjects: who a reported clause's cue belongs to where the speaker rules name no source
(an "it" that stands for a body, the parsed subject of a cue that takes a clause, the subject
of the verb a participle hangs on, a document in a relative clause, a name before a dashed
aside)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import lexicon
from .frames import cue_text, is_speaker_like, is_verb


def it_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "…, it has also acknowledged that …": an organisation named before speaks as "it" (not
    the "it" of "it is said that", which is no one)."""
    subject = next((c for c in cue.children if c.dep_ in {"nsubj"}), None)
    if subject is None and cue.dep_ == "conj":
        # "It did not reveal the site and said it was …": the subject of the verb it is joined to.
        subject = next((c for c in cue.head.children if c.dep_ in {"nsubj"}), None)
    if subject is None or subject.lower_ != "it" or subject.i < start:
        return None
    after = cue.i + len(cue_text(doc, cue).split())  # "pointed out that"
    following = doc[after] if after < len(doc) else None
    if following is not None and following.lower_ == "that":
        return (subject.i, subject.i + 1)
    # "Acme … It said it would cut jobs": a verb of speech with a clause, no "that" (not "it
    # found", "it shows": a finding).
    if cue.lemma_.lower() in _SPEECH and _takes_clause(doc, cue):
        return (subject.i, subject.i + 1)
    return None


# Verbs that only a speaker's voice can be the subject of, with a clause after them.
_SPEECH = frozenset({"say", "tell", "add", "announce", "state", "insist", "warn", "claim"})


# Pronouns that stand for no source of their own as a subject ("this shows that …").
_NO_SOURCE = frozenset({"it", "this", "that", "which", "who", "what", "there", "these"})


# Verbs of evidence and of mind, whose subjects are data or beliefs rather than sources.
_EVIDENCE_LEMMAS = frozenset(
    {"show", "indicate", "suggest", "reveal", "prove", "demonstrate", "mean", "imply"}
    | {"confirm", "predict", "estimate", "expect", "believe", "think", "feel", "hope"}
    | {"fear", "know", "understand", "see", "hear", "learn", "realise", "realize", "assume"}
)


def clause_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "Both men claimed at the time that …", "Those in favor of punishment have said that
    …": the parsed subject of a cue that takes a clause is its source, whatever its words
    (the word lists of sources know neither "both men" nor "those in favor")."""
    if cue.lemma_.lower() in _EVIDENCE_LEMMAS:
        return None  # "Early results show the stand is full": what data show, not a source
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < start or subject.lower_ in _NO_SOURCE:
        return None
    if subject.pos_ not in {"NOUN", "PROPN", "PRON"}:
        return None
    if not _takes_clause(doc, cue):
        return None
    between = doc[subject.right_edge.i + 1 : cue.i]
    if any(not (t.pos_ in {"AUX", "ADV", "PART"} or t.tag_ == "MD") for t in between):
        return None  # only "have", "also", "not" stand between a source and its cue
    first = max(subject.left_edge.i, start)
    last = min(subject.right_edge.i + 1, cue.i)
    comma = next((t.i for t in doc[subject.i : last] if t.text in {",", "(", "—", "–", "-"}), None)
    end = comma if comma is not None else last
    return (first, end) if end > first else None


# Verbs of speaking proper, whose participle after a comma reports what the sentence's subject
# said ("…, describing her as 'brave'"); not "allowing", "finding", "showing", which say what
# the subject did or what came of it.
_SPEAKING = frozenset(
    {"say", "describe", "call", "warn", "claim", "insist", "argue", "add", "note", "accuse"}
    | {"deny", "tell", "explain", "praise", "criticise", "criticize", "urge", "label"}
    | {"brand", "dismiss", "state", "stress", "admit", "acknowledge", "vow", "promise"}
)

# Words that open an adverbial participle: its subject is the subject of the verb it hangs on.
_PARTICIPLE_LEADS = frozenset({"after", "before", "while", "when", "since", "by", "in"})


def adjunct_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "Swift won support last week, after accusing the label of …": a participle cue after
    "after", "while", "by", or after a comma ("The mother testified, describing her daughter
    as …"), says what the subject of the sentence's verb said."""
    if cue.tag_ != "VBG" or cue.i == 0:
        return None
    # ("…, describing her as 'brave'": a participle after a comma hangs on the verb before.)
    led = doc[cue.i - 1].lower_ in _PARTICIPLE_LEADS
    if not led and not (
        doc[cue.i - 1].text == "," and cue.head.i < cue.i and cue.lemma_.lower() in _SPEAKING
    ):
        return None
    if cue.dep_ not in {"advcl", "pcomp", "obl"}:
        return None
    verb = cue.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i < start or subject.i > cue.i:
        return None
    if subject.pos_ not in {"PROPN", "PRON", "NOUN"} or subject.lower_ in _NO_SOURCE:
        return None
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ in {"flat", "flat:name", "compound"} and child.left_edge.i == end:
            end = child.right_edge.i + 1
    return (subject.left_edge.i if subject.left_edge.i >= start else subject.i, end)


def relative_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "The company published a blog post that said …": a document whose relative clause
    says it; the document is the source (its publisher, where the speaker rules find one)."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ == "who" and cue.dep_ == "acl:relcl":
        return _named_antecedent(doc, subject, start)
    if subject is None or subject.lower_ not in {"that", "which"} or cue.dep_ != "acl:relcl":
        return None
    noun = cue.head
    # "a report on Tuesday, which accuses …": the parse may hang the clause on the day.
    while noun.lower_ in _WHEN_WORDS and noun.head is not noun and noun.head.i < noun.i:
        noun = noun.head
    nouns = lexicon.document_nouns()
    if (noun.lower_ not in nouns and noun.lemma_.lower() not in nouns) or noun.i < start:
        return None
    if noun.dep_.startswith("nsubj"):
        return None  # "The report that said prices would rise was wrong": a subject described
    return (max(noun.left_edge.i, start), noun.i + 1)


def _named_antecedent(doc: Doc, who: Token, start: int) -> tuple[int, int] | None:
    """ "Tom Hale, who called the move 'reckless', said …": the person named right before
    the comma that opens a "who" clause (not "the man who said …", a description)."""
    comma = who.i - 1
    if comma - 1 < start or doc[comma].text != "," or doc[comma - 1].ent_type_ != "PERSON":
        return None
    first = comma - 1
    while first > start and doc[first - 1].ent_type_ == "PERSON" and doc[first].ent_iob_ == "I":
        first -= 1
    return (first, comma)


_WHEN_WORDS = lexicon.CALENDAR | {"day", "week", "month", "year", "today"}


def _takes_clause(doc: Doc, cue: Token) -> bool:
    """Whether a clause follows a cue: its parsed complement, a "that", or within six words a
    verb with a subject of its own ("found the craft's mass could be cut", which a parse may
    read as an object and a second verb)."""
    if any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return True
    for token in doc[cue.i + 1 : min(cue.i + 7, len(doc))]:
        if token.is_punct:
            return False
        if token.lower_ == "that" and token.dep_ == "mark":
            return True
        if is_verb(token) and any(c.dep_.startswith("nsubj") for c in token.children):
            return token.tag_ not in {"VBG", "TO"}
    return False


_ASIDE_DASHES = frozenset({"-", "—", "–", "--"})


def dashed_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "The Palestinian Authority - which has rejected the US as a mediator - called for …":
    the name before an aside set off by dashes is the cue's subject."""
    if cue.i < 2 or doc[cue.i - 1].text not in _ASIDE_DASHES:
        return None
    opening = next(
        (
            i
            for i in range(cue.i - 2, max(start, cue.i - 40) - 1, -1)
            if doc[i].text in _ASIDE_DASHES
        ),
        None,
    )
    if opening is None or opening <= start:
        return None
    first = opening
    while first > start and not (doc[first - 1].is_punct or is_verb(doc[first - 1])):
        first -= 1
    if first == opening or not is_speaker_like(doc, first, opening):
        return None
    return (first, opening)
