"""Shapes of reporting beyond "X said (that) …": a charge in the passive, a threat or promise
to do a thing, and an organisation speaking as "it"."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .boundaries import next_cue_clause
from .frames import is_verb, subject_before, trim


def passive_charge(
    doc: Doc, cue: Token, start: int, end: int
) -> tuple[Span, tuple[int, int] | None, None] | None:
    """ "The party was accused on Wednesday of trying to deceive voters", "Corbyn is accused by
    critics of …": a charge someone made, the "of" phrase its content; its speaker is the
    agent, or no one named (the critics stay unnamed, not the accused)."""
    if cue.lemma_.lower() != "accuse" or not any(
        child.dep_ in {"aux:pass", "auxpass"} for child in cue.children
    ):
        return None
    of = next((i for i in range(cue.i + 1, min(cue.i + 8, end)) if doc[i].lower_ == "of"), None)
    if of is None or any(t.text in {",", ";", ":"} or is_verb(t) for t in doc[cue.i + 1 : of]):
        return None
    if of + 1 >= end or doc[of + 1].tag_ != "VBG":
        return None  # "was accused of murder": a charge laid in court, not words reported
    content = trim(doc[of + 1 : next_cue_clause(doc, of + 1, end)])
    if content is None or len(content) < 2:
        return None
    agent = subject_before(doc, cue, start)
    return content, agent, None


# Verbs of undertaking: to threaten, promise or vow to do a thing is to say that one will
# ("officers threatened to use live fire", "the site pledged to take action"); an
# infinitive after other cues is an object ("urged people to …").
_UNDERTAKING_LEMMAS = frozenset({"threaten", "promise", "pledge", "vow", "swear"})


def undertaking(doc: Doc, cue: Token, body: int, end: int) -> bool:
    """ "threatened to use …": a verb of undertaking followed by its infinitive."""
    return (
        cue.lemma_.lower() in _UNDERTAKING_LEMMAS
        and body + 1 < end
        and body == cue.i + 1
        and doc[body].lower_ == "to"
        and doc[body + 1].tag_ == "VB"
    )


def it_subject(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "…, it has also acknowledged that …": an organisation named before speaks as "it" (not
    the "it" of "it is said that", which is no one)."""
    subject = next((c for c in cue.children if c.dep_ in {"nsubj"}), None)
    if subject is None or subject.lower_ != "it" or subject.i < start:
        return None
    following = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if following is None or following.lower_ != "that":
        return None  # "it said" alone is left to the speaker rules; "it found that" is a finding
    return (subject.i, subject.i + 1)
