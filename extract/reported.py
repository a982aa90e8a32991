"""Reported speech: the content, speaker and addressee of a cue outside quotation marks."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .boundaries import abbreviated, next_cue_clause, skip_to_content
from .extensions import text_of
from .frames import (
    FINITE_TAGS,
    PRONOUNS,
    addressee_after,
    adverbial,
    cue_text,
    is_speaker_like,
    is_verb,
    looks_like_name,
    medium_in,
    sentence_start,
    subject_after,
    subject_before,
    trim,
    written_sentence_start,
)
from .shapes import (
    as_after,
    demand,
    directive,
    issued_document,
    object_not_said,
    passive_charge,
    undertaking,
)
from .subjects import adjunct_subject, clause_subject, dashed_subject, it_subject, relative_subject


def reported_clause(
    doc: Doc, cue: Token
) -> tuple[Span, tuple[int, int] | None, tuple[int, int] | None] | None:
    """The content, speaker and addressee of a reporting cue outside quotes, or None."""
    start, end = _paragraph_sentence(doc, cue)
    aside = _parenthetical(doc, cue, start, end) or _as_clause(doc, cue, start, end)
    if aside is not None:
        return aside
    charged = passive_charge(doc, cue, start, end) or issued_document(doc, cue, start, end)
    if charged is not None:
        return charged
    speaker = (
        subject_before(doc, cue, start)
        or it_subject(doc, cue, start)
        or clause_subject(doc, cue, start)
        or adjunct_subject(doc, cue, start)
        or relative_subject(doc, cue, start)
        or dashed_subject(doc, cue, start)
    )
    if speaker is not None and speaker[1] < cue.i - 1:
        speaker = _closing_source(doc, cue, end) or speaker
    if speaker is not None and _writer(doc, speaker, cue):
        return None
    if speaker is not None and _content_first(doc, cue, speaker, end):
        comma = speaker[0] - 1
        content = trim(doc[start:comma]) if comma > start else None
        if content is not None and not any(is_verb(t) for t in content):
            content = None  # "Owen Hale, Labour's shadow secretary, said": a name, not content
        if content is not None and adverbial(content):
            content = None  # "After hitting the song, the singer told the crowd, '…'": when
        if content is not None and any(t.lower_ in _SUBORDINATE for t in content[-4:]):
            # "…, when, in fact, he responded quickly": the cue's own clause, not a report
            content = None
        addressee = addressee_after(doc, cue, end)
        return (
            (content, speaker, addressee) if content is not None and _statement(content) else None
        )
    inverted = subject_after(doc, cue, end) if speaker is None else None
    # (Not a participle: ", allowing players to …" says what the sentence's subject does.)
    if inverted is not None and cue.i > start and _after_comma(doc, cue) and cue.tag_ != "VBG":
        content = trim(doc[start : cue.i - 1 if doc[cue.i - 1].text == "," else cue.i])
        if content is None or not _statement(content):
            return None
        return (content, inverted, None)
    if speaker is None:
        return None
    addressee = addressee_after(doc, cue, end)
    body = addressee[1] if addressee else cue.i + len(cue_text(doc, cue).split())
    if body < end and doc[body].text in {";", ".", "!", "?"}:
        return None  # "the firm would appeal; Smith said …": the cue's clause ends there
    body = skip_to_content(doc, body, end)
    if undertaking(doc, cue, body, end) or directive(doc, cue, addressee, body, end):
        body += 1  # "threatened to use live fire", "told the man to remove …": what was said
    elif _admitted_to(doc, cue, body, end):
        body += 1  # "admitted to threatening the girl": what was admitted
    if _relative(doc, speaker, ",") or _who_clause(doc, cue, speaker):
        # "The plant, which Acme says will create 400 jobs, was approved": what was said ends
        # with the relative clause that holds the cue, at the comma before the sentence's verb.
        end = next((i for i in range(body, end - 1) if _closes_clause(doc, i, end)), end)
    # "…, according to the Times": who carried the words is no part of them.
    end = next(
        (
            i
            for i in range(body + 1, end - 2)
            if doc[i].text == "," and doc[i + 1].lower_ == "according" and doc[i + 2].lower_ == "to"
        ),
        end,
    )
    content = trim(doc[body : next_cue_clause(doc, body, end)]) if body < end else None
    warned_of = content is not None and _warned_of_quote(doc, cue, content)
    if content is None or not (
        _statement(content)
        or _charge(cue, content)
        or _naming(doc, cue, content)
        or demand(doc, cue, content)
        or _quoted_fragment(doc, cue, content)
        or warned_of
    ):
        return None
    # ("told the paper that on Monday he …": after "that", a phrase opens what was said.)
    opened = (
        body > 0
        and doc[body - 1].lower_ == "that"
        and any(t.tag_ in FINITE_TAGS for t in doc[body:end])
    )
    if (
        doc[body].lower_ in {"to", "for", "of", "about", "on", "with", "by"}
        and not opened
        and not (doc[body].lower_ == "of" and warned_of)
    ):
        # "urged people to…", "warned of…": an object, not a reported statement (but 'warned
        # of "catastrophic consequences"' quotes the words).
        return None
    if content[0].tag_ in FINITE_TAGS and _relative(doc, speaker, "IN"):
        # "The case on which the court ruled was heard in May": the cue closes a relative
        # clause, and the verb after it is the sentence's own, not a statement's.
        return None
    if content[0].lower_ in _WHEN and adverbial(content) and not opened:
        return None  # "Roe said while visiting the conference in Paris": when, not what
    if content[0].lower_ in {"but", "yet"}:
        # "It's more complicated than McKinley suggests, but he appears …": the cue has no
        # content; what follows the conjunction is the writer's.
        return None
    if _contact_relative(doc, speaker, content):
        return None  # "the house she said she loved": what she said lacks its object
    if _discovered(doc, cue, speaker, content):
        return None  # "Police found the car abandoned": what was come upon, not a finding
    if object_not_said(cue, content):
        return None  # "The stock added more than 2%": a number, not words
    if _object_holds_verbs(cue, content) and not (
        _charge(cue, content) or _naming(doc, cue, content) or _quoted_fragment(doc, cue, content)
    ):
        return None  # "She wrote hundreds of songs, many of which became hits": a thing made
    if _object_only(doc, cue, content):
        return None  # "Lindahl endorsed Brandt in August but …": whom, not what
    return (content, speaker, addressee or medium_in(doc, start, cue.i))


def _closes_clause(doc: Doc, i: int, end: int) -> bool:
    """Whether the comma at i (a closing quote may follow it) closes a relative clause: the
    sentence's own verb comes next ('…, who called it "reckless," said …')."""
    if doc[i].text != ",":
        return False
    after = i + 1
    if after < end and doc[after].text in {'"', "”", "’"}:
        after += 1
    return after < end and doc[after].tag_ in FINITE_TAGS


def _who_clause(doc: Doc, cue: Token, speaker: tuple[int, int]) -> bool:
    """Whether the cue sits in a "who" clause after its speaker's name and comma ("Smith, who
    said he was innocent, was jailed")."""
    at = speaker[1]
    return at + 1 < cue.i and doc[at].text == "," and doc[at + 1].lower_ == "who"


def _relative(doc: Doc, speaker: tuple[int, int], before: str) -> bool:
    """Whether the cue's subject follows a relative pronoun that follows `before` (a comma:
    "…, which Acme says …"; or the tag of a preposition, "IN": "the case on which the court
    ruled", where the verb after the cue is the sentence's own, not what was said)."""
    at = speaker[0]
    if at < 2 or doc[at - 1].lower_ not in {"which", "who", "whom"}:
        return False
    return doc[at - 2].text == before or doc[at - 2].tag_ == before


def _admitted_to(doc: Doc, cue: Token, body: int, end: int) -> bool:
    """ "Webb admitted to threatening the girl", "confessed to stealing": an admission of a
    deed, put as a gerund after "to"."""
    return (
        cue.lemma_ in {"admit", "confess"}
        and body + 1 < end
        and doc[body].lower_ == "to"
        and doc[body + 1].tag_ == "VBG"
    )


def _contact_relative(doc: Doc, speaker: tuple[int, int], content: Span) -> bool:
    """ "the house she said she loved", "books they felt they needed": a cue in a relative
    clause with no pronoun to open it, right after the noun it describes, reports words with a
    gap where that noun belongs."""
    at = speaker[0]
    if at == 0 or doc[at - 1].tag_ not in {"NN", "NNS"}:
        return False
    if speaker[1] - at != 1 or doc[at].lower_ not in PRONOUNS:
        return False
    # (Not a phrase that opens the sentence: "In an interview he said …".)
    opening = written_sentence_start(doc, at)
    return any(t.tag_ in FINITE_TAGS for t in doc[opening : at - 1])


# Words that open a phrase of when someone spoke ("said while visiting …"), not of what
# ("warned against raising taxes").
_WHEN = frozenset({"while", "when", "after", "before", "during", "since", "upon"})


# Words that open a subordinate clause: content that ends with one leads into the cue's
# clause rather than being what was said.
_SUBORDINATE = frozenset({"when", "because", "if", "although", "though", "whereas", "unless"})


def _after_comma(doc: Doc, cue: Token) -> bool:
    """ "…, said X" or '… "extremely distressing," wrote X': a comma, inside a closing quote
    or not, right before an inverted cue."""
    before = doc[cue.i - 1]
    if before.text == ",":
        return True
    return before.text in {"”", "’", '"', "'"} and cue.i > 1 and doc[cue.i - 2].text == ","


def _paragraph_sentence(doc: Doc, cue: Token) -> tuple[int, int]:
    """The parsed sentence around a cue, within its paragraph: a headline with no full stop
    is parsed into the lede under it, but a statement never runs over a paragraph break."""
    sent = cue.sent
    start, end = sentence_start(doc, sent), sent.end
    if start == cue.i or (start > 0 and doc[start - 1].text == ","):
        # A cue does not open a sentence: the parser cut it from its subject ("HANOI (AP) —
        # U.S. Defense Secretary Mark Esper on Wednesday | accused …"); nor does a sentence
        # start after a comma ("The firm will pay the fine, | Jane Roe said.").
        start = written_sentence_start(doc, cue.i)
    for i in range(cue.i - 1, start - 1, -1):
        if "\n" in doc[i].text:
            start = i + 1
            break
    while start > 0 and abbreviated(doc, start):
        start = sentence_start(doc, doc[start - 1].sent)
    while end < len(doc) and abbreviated(doc, end):
        end = doc[end].sent.end  # "the No. | 1 priority was …": a full stop ending no sentence
    for i in range(cue.i + 1, end):
        if "\n" in doc[i].text:
            end = i
            break
    return _after_dateline(doc, start, cue.i), end


_DASHES = frozenset({"—", "–", "-", "--"})


def _after_dateline(doc: Doc, start: int, cue: int) -> int:
    """Where a lede starts after its dateline ("HANOI, Vietnam (AP) — …"): a place in
    capitals opening the paragraph, up to its dash, is no part of the sentence's subject."""
    if not (doc[start].is_upper and doc[start].is_alpha and len(doc[start]) > 1):
        return start
    dash = next((i for i in range(start + 1, min(start + 10, cue)) if doc[i].text in _DASHES), None)
    return dash + 1 if dash is not None else start


# First and second person outside quotation marks: the writer ("We should also note that …",
# "I asked …") or a generic "you", not a source the story reports.
_WRITER_PRONOUNS = frozenset({"we", "i", "you"})


def _writer(doc: Doc, speaker: tuple[int, int], cue: Token) -> bool:
    start, end = speaker
    if end - start != 1 or doc[start].lower_ not in _WRITER_PRONOUNS:
        return False
    # Inside quotation marks "I told him …" is the quoted speaker's.
    return not any(q.open_char < cue.idx < (q.close_char or q.end_char) for q in doc._.quotes or [])


def _as_clause(
    doc: Doc, cue: Token, start: int, end: int
) -> tuple[Span, tuple[int, int], None] | None:
    """ "As Emily Feng reports for NPR, the first cases came to light last week": a sentence
    opened by "As", a source and its cue, set off by a comma; the statement is the rest."""
    if doc[start].lower_ != "as" or not 1 < cue.i - start <= 6:
        return None
    comma = next((i for i in range(cue.i + 1, min(cue.i + 7, end)) if doc[i].text == ","), None)
    if comma is None or not is_speaker_like(doc, start + 1, cue.i):
        return None
    content = trim(doc[comma + 1 : next_cue_clause(doc, comma + 1, end)])
    if content is None or not _statement(content):
        return None
    return (content, (start + 1, cue.i), None)


def _statement(content: Span | None) -> bool:
    """Words that say something: a clause with a verb, three words at least ("he would
    appeal", "doing anything wrong"), but not another source and its cue alone ("He would
    appeal, his lawyers said" reports nothing of his)."""
    if content is None or len(content) < 2:
        return False
    if len(content) == 2:
        # "said they rose": a subject and its verb say something all the same.
        subject, verb = content
        return subject.pos_ in {"PRON", "NOUN", "PROPN"} and verb.tag_ in {"VBD", "VBZ", "VBP"}
    verbs = [t for t in content if is_verb(t)]
    if len(verbs) == 1 and verbs[0].i == content.end - 1:
        # (But "its profits fell": the clause's own subject opens it.)
        subjects = [c for c in verbs[0].children if c.dep_.startswith("nsubj")]
        return not subjects or (
            verbs[0].lower_ not in lexicon.cues() and subjects[0].left_edge.i == content.start
        )
    return bool(verbs)


# Verbs whose object is itself what was said: to deny the allegations is to say they are
# false, to condemn a move is to say it is wrong. (Not "attack", "slam", "reject" or
# "dismiss", which have senses that say nothing: "the army attacked the city".)
_CHARGING_LEMMAS = frozenset(
    {"deny", "dispute", "refute", "rebut", "accuse", "criticise", "criticize", "condemn"}
    | {"denounce", "lambast", "decry", "deplore", "attribute"}
)


_NAMING_LEMMAS = frozenset(
    {"call", "describe", "dub", "brand", "label", "term", "depict", "portray"}
    | {"characterise", "characterize"}
)


def _naming(doc: Doc, cue: Token, content: Span) -> bool:
    """ "The League called it an 'extremely adverse development'", "JP Morgan called the
    decision a landmark judgment": to call a thing something is to say it is that, when the
    something is quoted or stands as the verb's second complement ("called him on Monday"
    says nothing)."""
    if cue.lemma_.lower() not in _NAMING_LEMMAS or len(content) < 2:
        return False
    quoted = any(content.start_char <= q.open_char < content.end_char for q in doc._.quotes or [])
    complements = [t for t in content if t.head.i == cue.i and t.dep_ in {"obj", "xcomp", "oprd"}]
    # ("called the impeachment process a sham": the parse may hang the second complement on
    # the first as an apposition, which a comma would have set off.)
    complements += [
        t
        for obj in complements
        for t in obj.children
        if t.dep_ == "appos"
        and not doc[t.left_edge.i - 1].is_punct
        and t.left_edge.lower_ in {"a", "an"}
        and t.i < content.end
    ]
    return quoted or len(complements) >= 2 or _described_as(cue, content)


# Verbs of describing: "described the budget as reckless" says the budget is reckless.
_DESCRIBING_LEMMAS = frozenset({"describe", "depict", "portray", "characterise", "characterize"})


def _described_as(cue: Token, content: Span) -> bool:
    """ "described the budget as reckless and unfair": the cue's object, then "as" and what
    the speaker says it is (not "described how …", whose clause is judged as a statement)."""
    if cue.lemma_.lower() not in _DESCRIBING_LEMMAS:
        return False
    obj = next((t for t in content if t.head.i == cue.i and t.dep_ in {"obj", "dobj"}), None)
    if obj is None or obj.left_edge.i != content.start:
        return False
    after = as_after(content.doc, obj)
    return after is not None and after + 1 < content.end


def _quoted_fragment(doc: Doc, cue: Token, content: Span) -> bool:
    """ "praised the team's 'incredible effort'", "dismissed the claims as 'utter nonsense'",
    "expressed 'deep concern'": a cue's object holding a quoted fragment of the speaker's own
    words (lower case, so not a title or a name: "announced its 'Project Falcon'")."""
    if cue.lemma_.lower() in {"add", "post"} or content[0].lower_ in _NOT_OBJECTS:
        return False
    text = text_of(doc)
    return any(
        content.start_char <= q.open_char < content.end_char
        and text[q.start_char : q.start_char + 1].islower()
        for q in doc._.quotes or []
    )


def _warned_of_quote(doc: Doc, cue: Token, content: Span) -> bool:
    """'warned of "catastrophic consequences"': what the speaker warned or spoke of, in their
    own quoted words right after the "of"."""
    if cue.lemma_.lower() not in {"warn", "speak", "complain", "caution"} or len(content) < 3:
        return False
    text = text_of(doc)
    return any(
        q.open_char == content[1].idx and text[q.start_char : q.start_char + 1].islower()
        for q in doc._.quotes or []
    )


# Words that open no object of a cue: a preposition of whom or what it was about.
_NOT_OBJECTS = frozenset({"to", "for", "of", "about", "on", "with", "by", "in", "at", "from"})


def _charge(cue: Token, content: Span) -> bool:
    """ "Smith has denied both allegations", "they criticised the label's owner": a noun
    phrase that is the cue's object."""
    return (
        cue.lemma_.lower() in _CHARGING_LEMMAS
        and len(content) >= 2
        and any(t.head.i == cue.i and t.dep_ in {"obj", "dobj"} for t in content)
    )


def _parenthetical(
    doc: Doc, cue: Token, start: int, end: int
) -> tuple[Span, tuple[int, int], None] | None:
    """A cue set off by commas, its speaker beside it, the statement around it: "…, say
    experts.", "The key to its success, says Buser, is …", "That, Audi says, allows …". The
    claim is the whole sentence (its words either side of the aside)."""
    if cue.i <= start or doc[cue.i - 1].text != ",":
        # "…, Audi says, …": the speaker between a comma and the cue.
        before = _aside_speaker(doc, cue, start)
        if before is None:
            return None
        speaker, after = before, cue.i + 1
    else:
        found = subject_after(doc, cue, end)
        if found is None:
            return None
        speaker, after = found, found[1]
    last = end
    while last > start and (doc[last - 1].is_punct or doc[last - 1].is_space):
        last -= 1
    # "…, say experts.", and "…, Graham said, offering the example of …": what follows the
    # aside is then the speaker's doing, not the rest of the statement.
    closing = after >= last or (
        after + 1 < last and doc[after].text == "," and doc[after + 1].tag_ == "VBG"
    )
    if not closing and (after >= end or doc[after].text != ","):
        return None
    first_words = [t for t in doc[start : speaker[0]] if not t.is_punct]
    if not first_words or (closing and not any(is_verb(t) for t in first_words)):
        return None
    if not closing and not any(is_verb(t) for t in doc[after:last]):
        return None
    # The aside's sentence is kept whole ("That, Audi says, allows …": its "That" is no
    # complementiser to trim).
    content = trim(doc[start : min(cue.i, speaker[0]) - 1]) if closing else doc[start:last]
    if content is None or len(content) < 4:
        return None
    return content, speaker, None


def _aside_speaker(doc: Doc, cue: Token, start: int) -> tuple[int, int] | None:
    """ "That, Audi says, allows …": a name (or a pronoun) alone between a comma and the cue,
    the cue followed by a comma."""
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].text != ",":
        return None
    comma = next(
        (i for i in range(cue.i - 1, max(start, cue.i - 6) - 1, -1) if doc[i].text == ","), None
    )
    if comma is None or comma <= start or comma + 1 >= cue.i:
        return None
    words = doc[comma + 1 : cue.i]
    named = all(t.ent_type_ in {"PERSON", "ORG"} for t in words) or looks_like_name(words)
    if not named and not (len(words) == 1 and words[0].lower_ in PRONOUNS):
        return None
    return (words.start, words.end)


# Sources whose "found" is a finding: writings and those who study or judge.
_FINDERS = frozenset(
    {"researchers", "scientists", "investigators", "inquiry", "investigation", "court", "judge"}
    | {"jury", "panel", "analysis", "audit", "auditors", "regulator", "watchdog", "experts"}
)


def _discovered(doc: Doc, cue: Token, speaker: tuple[int, int], content: Span) -> bool:
    """Whether "found" without "that" tells what someone came upon ("Police found the car
    abandoned", an object and no clause) rather than a finding ("the study found most voters
    …", "they found the two agreed")."""
    if cue.lemma_.lower() != "find" or (cue.i + 1 < len(doc) and doc[cue.i + 1].lower_ == "that"):
        return False
    if any(t.tag_ in FINITE_TAGS for t in content):
        return False
    if any(child.dep_ == "ccomp" for child in cue.children):
        return False  # "they found the two agreed closely": a clause, though tagged otherwise
    words = {t.lower_ for t in doc[speaker[0] : speaker[1]]}
    return not (words & (_FINDERS | lexicon.document_nouns()))


def _object_holds_verbs(cue: Token, content: Span) -> bool:
    """Whether the first verb after a cue comes only in a relative clause or a "with" phrase
    of a noun phrase that opens the content ("wrote hundreds of songs, many of which became
    hits", "revealed the second model, with the new car making its debut"): the cue's object
    is a thing, and no clause was reported (not "revealed plans to run", an infinitive)."""
    if content[0].tag_ not in _NOUN_PHRASE_TAGS or content[0].lower_ in _RELATIVES:
        return False
    head = next((t for t in content if t.head.i == cue.i and t.dep_ in {"obj", "dobj"}), None)
    if head is None or head.left_edge.i != content.start:
        return False  # "said the people who voted for it were misled": a clause's subject
    verb = next((t for t in content if is_verb(t)), None)
    if verb is None or (verb.i > 0 and verb.doc[verb.i - 1].lower_ == "to"):
        return False
    lead = next(
        (t for t in content.doc[content.start : verb.i] if t.lower_ in _RELATIVES | {"with"}),
        None,
    )
    if lead is None:
        return False
    # (Not a subject's relative clause, set off by commas before its verb: "the firm, which
    # employs 500 people, would close".)
    closing = next((t.i for t in content.doc[verb.i : content.end] if t.text == ","), None)
    return closing is None or not any(is_verb(t) for t in content.doc[closing : content.end])


_NOUN_PHRASE_TAGS = frozenset({"DT", "CD", "JJ", "JJS", "NN", "NNS", "PRP$", "NNP", "NNPS"})
_RELATIVES = frozenset({"which", "who", "whom", "whose"})


def _object_only(doc: Doc, cue: Token, content: Span) -> bool:
    """Whether the words after a cue are its object and a second predicate rather than a
    reported clause: "endorsed Brandt in August but has said little about it"."""
    if not doc.has_annotation("DEP"):
        return False
    first = next((t for t in content if not t.is_punct), None)
    if first is None:
        return False
    # The cue's object, whose phrase starts the content ("Brandt", "the data center").
    obj = next((t for t in content if t.head.i == cue.i and t.dep_ in {"obj", "iobj"}), None)
    if obj is None or obj.left_edge.i > first.i:
        return False
    clause = any(t.head.i == cue.i and t.dep_ in {"ccomp", "parataxis", "xcomp"} for t in content)
    # The verb after the object is the cue's coordinate ("… but has said little"), not a
    # clause of its own.
    # (Not one with a subject of its own and no comma before it: "criticised the company
    # and the effect big firms can have" holds a clause in its object, not a second
    # predicate; ", and at that point he had …" is a sentence of its own.)
    coordinated = any(
        t.head.i == cue.i and t.dep_ == "conj" and is_verb(t) and not _object_clause(doc, t)
        for t in content
    )
    return coordinated and not clause


def _object_clause(doc: Doc, verb: Token) -> bool:
    """Whether a verb the parse joined to a cue is a clause inside the cue's object: it has a
    subject of its own and no comma before its conjunction."""
    if not any(c.dep_.startswith("nsubj") for c in verb.children):
        return False
    conjunction = next((c for c in verb.children if c.dep_ == "cc"), None)
    return conjunction is None or doc[conjunction.i - 1].text != ","


def _closing_source(doc: Doc, cue: Token, end: int) -> tuple[int, int] | None:
    """ "The official way the agency counts them is by pounds, an agency spokesman told us.":
    a source set off by a comma right before a cue that closes the sentence is its speaker,
    whatever subject a parse of the long sentence gave the cue."""
    comma = next((i for i in range(cue.i - 1, max(0, cue.i - 7), -1) if doc[i].text == ","), None)
    if comma is None or comma + 1 >= cue.i or not is_speaker_like(doc, comma + 1, cue.i):
        return None
    if any(is_verb(t) or t.is_punct for t in doc[comma + 1 : cue.i]):
        return None
    speaker = (comma + 1, cue.i)
    return speaker if _content_first(doc, cue, speaker, end) else None


def _content_first(doc: Doc, cue: Token, speaker: tuple[int, int], end: int) -> bool:
    """ "…, a former commander has warned." — the cue closes the sentence after a comma."""
    if speaker[0] == 0 or doc[speaker[0] - 1].text != ",":
        return False
    if cue.i + 1 < end and doc[cue.i + 1].lower_ == "that":
        return False  # "…, it has also acknowledged that …": its content follows
    # What follows the cue is only a time or place ("on Tuesday"), up to a comma or the end.
    stop = next((t.i for t in doc[cue.i + 1 : end] if t.text in {",", ";", "—"}), end)
    rest = [t for t in doc[cue.i + 1 : stop] if not t.is_punct and not t.is_space]
    return len(rest) <= 12 and not any(is_verb(t) for t in rest)
