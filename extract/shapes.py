"""Shapes of reporting beyond "X said (that) …": a charge in the passive, a threat or promise
to do a thing, an instruction, a demand, a statement owned by a possessive; and cues that
report nothing said."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .boundaries import clause_end, next_cue_clause
from .frames import (
    FINITE_TAGS,
    OPENING_QUOTES,
    cue_text,
    is_verb,
    refused,
    subject_before,
    trim,
)

# Verbs that tell someone to do a thing: the instruction is what was said.
_DIRECTIVE_LEMMAS = frozenset({"tell", "ask", "urge", "order", "instruct", "advise", "warn"})


def directive(doc: Doc, cue: Token, addressee: tuple[int, int] | None, body: int, end: int) -> bool:
    """ "he told the man to remove the bedding": a cue of telling, whom it told, and the
    infinitive of what they were told to do."""
    return (
        addressee is not None
        and cue.lemma_.lower() in _DIRECTIVE_LEMMAS
        and body == addressee[1]
        and body + 1 < end
        and doc[body].lower_ == "to"
        and doc[body + 1].tag_ == "VB"
    )


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
    stop = min(next_cue_clause(doc, of + 1, end), clause_end(doc, of + 1, end))
    content = trim(doc[of + 1 : stop])
    if content is None or len(content) < 2:
        return None
    agent = subject_before(doc, cue, start)
    return content, agent, None


def accused(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """Whom a charge in the passive is about: its subject ("The party was accused of …")."""
    if cue.lemma_.lower() != "accuse":
        return None
    subject = next((c for c in cue.children if c.dep_ in {"nsubj:pass", "nsubjpass"}), None)
    if subject is None:
        return None
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ in {"flat", "flat:name", "compound"} and child.left_edge.i == end:
            end = child.right_edge.i + 1
    return (subject.left_edge.i if subject.left_edge.i < subject.i else subject.i, end)


# Verbs of undertaking: to threaten, promise or vow to do a thing is to say that one will
# ("officers threatened to use live fire", "the site pledged to take action"); an
# infinitive after other cues is an object ("urged people to …").
_UNDERTAKING_LEMMAS = frozenset({"threaten", "promise", "pledge", "vow", "swear"})


def undertaking(doc: Doc, cue: Token, body: int, end: int) -> bool:
    """ "threatened to use …": a verb of undertaking followed by its infinitive (not one in a
    clause that says what a noun holds: "charges that he threatened to kill …")."""
    # ('vowed to "fight this to the end"': the infinitive may open a quotation.)
    verb = body + 2 if body + 2 < end and doc[body + 1].text in OPENING_QUOTES else body + 1
    return (
        cue.dep_ not in {"acl", "acl:relcl"}
        and cue.lemma_.lower() in _UNDERTAKING_LEMMAS
        and verb < end
        and body == cue.i + 1
        and doc[body].lower_ == "to"
        and doc[verb].tag_ == "VB"
    )


def demand(doc: Doc, cue: Token, content: Span) -> bool:
    """ "called for an emergency meeting": what someone calls for is what they say must be."""
    return cue_text(doc, cue).lower().endswith(" for") and len(content) >= 2


# Modal verbs before a cue: what someone will, may or could say has not been said ("lawyers
# will find the interview a treasure trove", "leaders may still believe …"). Not "would",
# the narrative past ("he would later say that …"), nor "can" ("police can confirm that …").
_MODALS = frozenset({"will", "may", "might", "could", "should", "must", "'ll", "’ll"})


def unsaid(doc: Doc, cue: Token) -> bool:
    """Whether a cue reports nothing said: under a modal, after a refusal to speak, in a
    condition ("if they found"), or a verb with a particle that makes it another verb
    ("called in experts", "told off")."""
    if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in cue.children):
        return True
    if refused(doc, cue):
        return True
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in cue.children):
        return True  # "If scientists found signs of it, …": what might be, not what was said
    following = doc[cue.i + 1].lower_ if cue.i + 1 < len(doc) else ""
    if cue.lemma_.lower() == "plead" and following in {"guilty", "not", "innocent", "no"}:
        return True  # "pleaded guilty to …": a plea entered in court, not words reported
    if _imperative(doc, cue):
        return True  # "… but expect the debate to …": the writer's advice to the reader
    if cue.lemma_.lower() == "call" and following in _CALL_PARTICLES:
        return True  # "called in experts", "called off the strike": to summon, to cancel
    particle = next((c for c in cue.children if c.dep_ in {"compound:prt", "prt"}), None)
    return particle is not None and particle.i == cue.i + 1 and cue_text(doc, cue) == cue.text


_CALL_PARTICLES = frozenset({"in", "off", "up", "back"})


def _imperative(doc: Doc, cue: Token) -> bool:
    """A cue in the bare form with no subject, no auxiliary and no "to": an imperative."""
    if cue.tag_ != "VB" or cue.dep_ not in {"ROOT", "conj"}:
        return False
    if any(c.dep_.startswith(("nsubj", "aux", "mark")) for c in cue.children):
        return False
    before = doc[cue.i - 1].lower_ if cue.i > 0 else ""
    return before not in {"to", "not", "n't", "and", "or"} and (
        cue.dep_ == "ROOT" or before == "but"
    )


# Cues whose object is no statement: "The stock added 2%", "he posted photos on the wall"
# (what was added or posted is a statement only as a clause or a quotation).
# ("The firm boasts a reputation as …": what one boasts of is a statement only as a clause.)
_CLAUSE_ONLY_LEMMAS = frozenset({"add", "post", "boast"})


def object_not_said(cue: Token, content: Span) -> bool:
    """ "The stock added more than 2%": the content is the cue's noun-phrase object."""
    if cue.lemma_.lower() not in _CLAUSE_ONLY_LEMMAS:
        return False
    first = content[0]
    return any(
        child.dep_ in {"obj", "dobj", "obl", "npadvmod"} and child.left_edge.i == first.i
        for child in cue.children
    )


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})


def pronoun_owner(doc: Doc, noun: Token) -> tuple[int, int] | None:
    """ "his claim that …", "her often-repeated vow that …": a possessive pronoun, up to four
    words (modifiers, hyphens) before a reporting noun, owns the statement."""
    for i in range(noun.i - 1, max(noun.i - 5, -1), -1):
        token = doc[i]
        if token.lower_ in _POSSESSIVE_PRONOUNS:
            return (i, i + 1)
        if not (token.is_alpha or token.text == "-") or token.pos_ in {"AUX", "ADP"}:
            return None
    return None


def that_after(doc: Doc, noun: Token) -> int | None:
    """Where the "that" of a reporting noun's clause stands: right after it, or after a short
    phrase of where it was said ("his claim in the same interview that …"); None if none."""
    following = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if following is not None and following.lower_ == "that":
        return following.i
    if following is None or following.pos_ != "ADP":
        return None
    for i in range(noun.i + 2, min(noun.i + 8, len(doc) - 1)):
        token = doc[i]
        if token.lower_ == "that":
            # "that" opening a clause with its own subject, not a relative pronoun
            after = doc[i + 1]
            return i if not (is_verb(after) or after.pos_ == "ADV") else None
        if token.is_punct or is_verb(token):
            return None
    return None


# Verbs of putting a writing out: its subject is who speaks in it.
_ISSUING_LEMMAS = frozenset(
    {"issue", "send", "release", "publish", "post", "file", "sign", "write"}
)


def issued_document(
    doc: Doc, cue: Token, start: int, end: int
) -> tuple[Span, tuple[int, int], None] | None:
    """ "The commission issued a statement warning that …", "The group sent a letter to
    management stating that …": a participle of saying after a writing that the subject put
    out reports the subject's words (not a time phrase the parse took for its subject)."""
    if not cue.lower_.endswith("ing") or cue.i + 1 >= end or doc[cue.i + 1].lower_ != "that":
        return None
    nouns = lexicon.document_nouns()
    noun = next(
        (
            doc[i]
            for i in range(cue.i - 1, max(start, cue.i - 9) - 1, -1)
            if doc[i].lower_ in nouns or doc[i].lemma_.lower() in nouns
        ),
        None,
    )
    if noun is None or any(t.is_punct or t.tag_ in FINITE_TAGS for t in doc[noun.i + 1 : cue.i]):
        return None
    verb = next(
        (doc[i] for i in range(noun.i - 1, max(start, noun.i - 4) - 1, -1) if is_verb(doc[i])),
        None,
    )
    if verb is None or verb.lemma_.lower() not in _ISSUING_LEMMAS:
        return None
    speaker = subject_before(doc, verb, start) or _noun_subject(verb, start)
    if speaker is None:
        return None
    body = cue.i + 2
    content = trim(doc[body : min(next_cue_clause(doc, body, end), clause_end(doc, body, end))])
    if content is None or len(content) < 3 or not any(is_verb(t) for t in content):
        return None
    return content, speaker, None


def announcing_verb(doc: Doc, start: int, end: int) -> Token | None:
    """The verb of putting out a writing in tokens [start, end), with the writing as its
    object ("issued a statement", "released a letter"), or None."""
    nouns = lexicon.document_nouns()
    for token in doc[start:end]:
        if not is_verb(token) or token.lemma_.lower() not in _ISSUING_LEMMAS:
            continue
        if any(
            c.dep_ in {"obj", "dobj"} and (c.lower_ in nouns or c.lemma_.lower() in nouns)
            for c in token.children
        ):
            return token
    return None


def _noun_subject(verb: Token, start: int) -> tuple[int, int] | None:
    """The parsed subject of a verb of putting out a writing, a noun whether or not a word
    list knows it as a source ("The commission issued …"): whoever puts it out speaks."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or subject.left_edge.i < start:
        return None
    return (subject.left_edge.i, subject.i + 1)


# Verbs of regarding: what someone sees a thing as, in quoted words, is what they say it is
# ("sees the lineup as its 'Achilles heel'"); unquoted ("sees the game as a hobby") it is the
# writer's paraphrase of a view, not a statement.
_VIEWING_LEMMAS = frozenset({"see", "regard", "view"})


def viewed_as(doc: Doc, verb: Token, start: int) -> tuple[Span, tuple[int, int]] | None:
    """ "Lewis Ward … sees Stadia's lineup as its 'Achilles heel'": the object, "as" and a
    quotation that closes the phrase; the speaker is the verb's subject."""
    if verb.lemma_.lower() not in _VIEWING_LEMMAS or not is_verb(verb):
        return None
    obj = next((c for c in verb.children if c.dep_ in {"obj", "dobj"} and c.i > verb.i), None)
    if obj is None or obj.left_edge.i != verb.i + 1:
        return None
    as_word = as_after(doc, obj)
    quote = next(
        (
            q
            for q in doc._.quotes or []
            if as_word is not None
            and doc[as_word].idx < q.open_char <= doc[as_word].idx + 40
            and q.close_char is not None
        ),
        None,
    )
    if quote is None or quote.close_char is None:
        return None
    content = doc.char_span(doc[verb.i + 1].idx, quote.close_char + 1, alignment_mode="expand")
    speaker = subject_before(doc, verb, start)
    if content is None or speaker is None or "\n" in content.text:
        return None
    return content, speaker


def as_after(doc: Doc, obj: Token) -> int | None:
    """The "as" after a verb's object that says what the object is taken for ("sees the
    lineup of the service as …"), within a few words of the object's head and before any
    verb or punctuation."""
    for i in range(obj.i + 1, min(obj.i + 8, len(doc))):
        if doc[i].lower_ == "as":
            return i
        if is_verb(doc[i]) or doc[i].is_punct:
            return None
    return None
