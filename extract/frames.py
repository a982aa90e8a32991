"""Frames: the words around a quote or a reporting cue that name its speaker and addressee.

Rules read tokens, part-of-speech tags and entities rather than full trees: news attribution
is written in a handful of fixed orders (speaker-first, quote-first, content-first), and these
orders survive where a parser trained on web text stumbles over long news sentences.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .extensions import starts_of, text_of
from .quotes import Quote

PRONOUNS = {"he", "she", "they", "i", "we", "you"}
# Words that let a noun phrase stand for a group speaker without a name ("officials said").
GROUP_NOUNS = {
    "officials",
    "sources",
    "government",
    "ministry",
    "military",
    "army",
    "police",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "officers",
    "experts",
    "analysts",
    "diplomats",
    "commanders",
    "ministers",
    "leaders",
    "forces",
    "statement",
    "department",
    "agency",
    "group",
    "coalition",
    "campaigners",
    "critics",
    "residents",
    "witnesses",
    "insiders",
    "aides",
    "allies",
    "investigators",
    "prosecutors",
    "company",
    "firm",
    "union",
    "council",
    "airline",
    "club",
    "trust",
    "board",
    "campaign",
    "regulator",
    "watchdog",
    "charity",
    "operator",
    "authority",
    "court",
    "party",
    "team",
    "families",
    "unions",
    "people",
    "person",
    "source",
}
# Cues whose object is always whom they were said to ("told reporters the …").
_TELLING = {"tell", "inform", "brief", "assure", "reassure"}
_ADDRESSEE_CUES = {"tell", "inform", "brief", "assure", "reassure", "ask", "urge", "warn"}
_AUX = {
    "has",
    "have",
    "had",
    "was",
    "is",
    "were",
    "will",
    "would",
    "could",
    "also",
    "later",
    "previously",
    "then",
    "reportedly",
    "once",
    "further",
    "repeatedly",
    "did",
    "does",
}
_STOP_PUNCT = {",", ";", ":", ".", "!", "?", "—", "–", "(", ")", "“", "”", '"'}
_MEDIUM_LEADS = {"speaking", "talking", "writing", "appearing", "interview"}


@dataclass
class QuoteFrame:
    cue: Token | None
    speaker: tuple[int, int] | None
    addressee: tuple[int, int] | None
    after: bool  # the cue follows the quote ("…,” she said)
    embedded: bool  # the quote is a phrase inside a reported clause, not a whole quotation
    standalone: bool  # nothing but the quote in its sentence: a candidate continuation
    # Where a mixed claim's words start when the quote ends a clause of the journalist's own
    # that the cue after it attributes ('Acme was "dragged in," its chief said').
    clause_start: int | None = None


def sentence_start(doc: Doc, sent: Span) -> int:
    start = sent.start
    while start < sent.end and doc[start].is_space:
        start += 1
    return start


def written_sentence_start(doc: Doc, at: int) -> int:
    """Where the sentence holding token `at` starts, by its punctuation rather than the parser:
    the token after the last full stop, question or exclamation mark, or paragraph break."""
    i = at
    while i > 0:
        previous = doc[i - 1]
        if "\n" in previous.text or previous.text in {".", "!", "?"}:
            break
        i -= 1
    while i < at and doc[i].is_space:
        i += 1
    return i


def paragraph_of(doc: Doc, char: int) -> int:
    """The index of the paragraph holding character `char` (0 between paragraphs)."""
    paragraphs = doc._.paragraphs or []
    starts = starts_of(doc, "claimgraph_paragraph_starts", paragraphs, lambda p: p.start_char)
    index = bisect_right(starts, char) - 1
    return index if index >= 0 and char <= paragraphs[index].end_char else 0


def trim(span: Span) -> Span | None:
    """Strip surrounding punctuation, spaces and a leading "that" from a content span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].is_space or (doc[start].is_punct and doc[start].text not in {"“", "‘", '"', "'"})
    ):
        start += 1
    if start < end and doc[start].lower_ == "that":
        start += 1
    while end > start and (
        doc[end - 1].is_space
        or (doc[end - 1].is_punct and doc[end - 1].text not in {"”", "’", '"', "'", "?", "!"})
    ):
        end -= 1
    return doc[start:end] if end > start else None


def phrase_end(doc: Doc, start: int, limit: int) -> int:
    """End of a noun phrase starting at `start`: up to punctuation, a verb or a clause word."""
    i = start
    while i < limit and i - start < 12:
        token = doc[i]
        # ("who", not the "WHO" of "according to WHO")
        if token.text in _STOP_PUNCT or token.is_space or token.text in {"that", "who", "which"}:
            break
        if token.pos_ in {"VERB", "AUX"} and token.ent_type_ == "":
            break
        i += 1
    return i


def after_apposition(doc: Doc, at: int, limit: int) -> int:
    """Skip ", the film's distributor," after a source named in "According to X, …"."""
    if at >= limit or doc[at].text != "," or at + 1 >= limit:
        return at
    opener = doc[at + 1]
    if opener.lower_ not in {"the", "a", "an", "its", "his", "her", "their"}:
        return at
    closing = next((i for i in range(at + 2, min(at + 10, limit)) if doc[i].text == ","), None)
    if closing is None or any(is_verb(t) for t in doc[at + 1 : closing]):
        return at
    return closing + 1


# Reporting verbs that are never nouns: a tagger that calls "says" a plural noun after "the
# chief executive" is wrong, not the cue.
_ONLY_VERBS = {
    "says",
    "said",
    "told",
    "tells",
    "adds",
    "added",
    "explains",
    "explained",
    "insists",
    "insisted",
    "replies",
    "replied",
    "admits",
    "admitted",
    "warns",
    "warned",
    "recalls",
    "recalled",
}


def cue_tokens(doc: Doc) -> list[Token]:
    """Tokens that are reporting verbs (tagged as verbs where a tagger ran)."""
    table = lexicon.cues()
    tagged = doc.has_annotation("TAG") or doc.has_annotation("POS")
    return [
        t
        for t in doc
        if (t.lower_ in table or cue_text(doc, t).lower() in table)
        and t.lower_ != "according"
        and (
            not tagged
            or is_verb(t)
            or t.lower_ in _ONLY_VERBS
            or _verb_by_place(doc, t)
            or _verb_by_parse(t)
            or contrast_verb(doc, t)
        )
        and not _not_a_statement(doc, t)
    ]


# Quotation marks that open and close a quotation, as tokens.
OPENING_QUOTES = frozenset({"“", '"', "‘", "'"})
CLOSING_QUOTES = frozenset({"”", "’", '"', "'"})


def _verb_by_place(doc: Doc, cue: Token) -> bool:
    """A cue the tagger read as a plural noun ("reports", "comments", "notes") is a verb where
    only a verb can stand: after a quote's closing comma ('…," comments Johnston'), between
    a name and "that" ("The Associated Press reports that …"; not "the reports that …"), or
    after a name that a sentence's "As" opens."""
    if cue.i < 2 or cue.i + 1 >= len(doc):
        return False
    before, after = doc[cue.i - 1], doc[cue.i + 1]
    if (
        cue.tag_ == "NNS"
        and doc[cue.i - 2].tag_ in {"DT", "PRP$"}
        and (before.lower_ in lexicon.document_nouns() or before.lower_ in GROUP_NOUNS)
        and after.tag_ in {"DT", "PRP", "PRP$", "NNP", "NNPS", "IN"}
    ):
        # "The complaint alleges the officers …", "The report says that …": a source and its
        # verb, though tagged as a noun after a noun (not "the claims the insurer refused").
        return after.tag_ != "IN" or after.lower_ == "that"
    if cue.tag_ == "NNS" and after.text in {".", ";"} and _closing_document(doc, cue):
        return True  # "…, a new study reports.": a writing named after the statement
    if cue.lower_.endswith("ing") and before.text == "," and after.text == ":":
        return True  # "…, warning: '…'": a participle that opens a quotation
    if cue.lower_.endswith("ing") and before.lower_ in lexicon.document_nouns():
        # "issued a statement warning that …" (not "The statement warning that …").
        put_out = doc[max(0, cue.i - 5) : cue.i - 1]
        return after.lower_ == "that" and any(t.lemma_ in _WRITING_LEMMAS for t in put_out)
    if before.text in CLOSING_QUOTES and doc[cue.i - 2].text == ",":
        return True
    if before.text == "," and after.lower_ == "that":
        before = doc[cue.i - 2]  # "…, Dick Clark Productions, denies that …"
    named = before.pos_ == "PROPN" or before.ent_type_ != ""
    # "As Emily Feng reports for NPR, …": after a name that follows a sentence's "As".
    opening = doc[written_sentence_start(doc, cue.i)]
    as_clause = opening.lower_ == "as" and cue.i - opening.i <= 5 and not is_verb(after)
    return named and (after.lower_ == "that" or as_clause)


def _closing_document(doc: Doc, cue: Token) -> bool:
    """Whether a determiner, adjectives and a writing's noun stand between a comma and the cue
    ("…, a new study reports", "…, the annual survey finds")."""
    if doc[cue.i - 1].lemma_.lower() not in lexicon.document_nouns():
        return False
    j = cue.i - 2
    while j > 0 and cue.i - j <= 5 and doc[j].tag_ in {"JJ", "NN", "NNP", "VBN"}:
        j -= 1
    return j > 0 and doc[j].tag_ in {"DT", "PRP$"} and doc[j - 1].text == ","


def _verb_by_parse(cue: Token) -> bool:
    """A cue the tagger read as a noun that the parser gives a subject and an object of its own
    is a verb: "…, while the city's police deny accusations of brutality" (only a verb has
    both; "the denials of the police" has neither)."""
    deps = {child.dep_ for child in cue.children}
    # ("The lawsuit claims Acme knew …": the clause may hang on it as a relative clause; not a
    # noun after a copula, "the worry is the claims …", whose subject is the copula's.)
    return (
        "nsubj" in deps and "cop" not in deps and bool(deps & {"obj", "dobj", "ccomp", "acl:relcl"})
    )


# Cues of naming: a quotation right after one is the name given, not a statement.
_NAMING_CUES = frozenset({"call", "dub", "name", "label", "brand", "term", "title"})

_REFLEXIVES = {"itself", "himself", "herself", "themselves", "themself"}


def _not_a_statement(doc: Doc, cue: Token) -> bool:
    """A cue word that reports nothing: "so-called" or "much-anticipated", "a group calling
    itself X", "as Reed dubbed it", "has said little about", "said nothing"."""
    if (
        cue.i >= 2
        and doc[cue.i - 1].text == "-"
        and not doc[cue.i - 2].whitespace_ + doc[cue.i - 1].whitespace_
    ):
        return True  # "so-called", "much-anticipated", "self-proclaimed": an adjective
    if cue.lemma_ in _NAMING_CUES and _as_clause_of(doc, cue):
        return True  # 'the "new Gannett," as Reed dubbed the combination': a name given
    following = doc[cue.i + 1].lower_ if cue.i + 1 < len(doc) else ""
    if cue.lemma_ in {"call", "name", "dub", "label"} and following in _REFLEXIVES:
        return True
    if cue.lower_ in {"read", "reads", "reading"}:
        # "The letter reads '…'": only a writing's words are what it reads ("He read a
        # letter stating …" is the letter's statement, not his).
        nouns = lexicon.document_nouns()
        subjects = [c for c in cue.children if c.dep_.startswith("nsubj")]
        before = doc[cue.i - 1] if cue.i else cue
        return not any(t.lemma_.lower() in nouns or t.lower_ in nouns for t in [*subjects, before])
    return following in {"little", "nothing", "less"}


def _as_clause_of(doc: Doc, cue: Token) -> bool:
    """Whether "as" and a subject of up to three words open the cue's clause ("as Reed
    dubbed"; not "rejected the mayor as a mediator - called")."""
    for i in range(cue.i - 1, max(-1, cue.i - 5), -1):
        if doc[i].lower_ == "as":
            return i < cue.i - 1
        if doc[i].is_punct or doc[i].is_space:
            return False
    return False


# Tags of a finite verb (one that can have a subject of its own).
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def adverbial(content: Span | list[Token]) -> bool:
    """A phrase opened by a preposition or subordinator with no finite verb ("After hitting
    the song", "Before leaving the stage"): it says when or how the cue's subject spoke, not
    what they said."""
    first = content[0]
    if first.pos_ not in {"ADP", "SCONJ"} and first.lower_ not in _WHEN_DOING:
        return False
    return not any(t.tag_ in FINITE_TAGS for t in content)


_WHEN_DOING = frozenset({"after", "before", "while", "when", "since", "upon", "despite"})


def is_verb(token: Token) -> bool:
    return token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")


def cue_text(doc: Doc, cue: Token) -> str:
    """The cue as written, with its particle for phrasal cues ("pointed out", "called for")."""
    if cue.i + 1 < len(doc):
        pair = f"{cue.text} {doc[cue.i + 1].text}"
        if pair.lower() in lexicon.cues():
            return pair
    return cue.text


# Words after the noun of an unnamed source that say how it knows ("people familiar with the
# matter", "a source close to the company", "officials briefed on the talks").
_SOURCE_QUALIFIERS = {"familiar", "close", "briefed", "with", "involved", "knowledgeable", "aware"}
# Verbs that only a source can be the subject of.
_SPEECH_LEMMAS = {"say", "tell", "add", "write", "explain", "insist", "reply", "recall", "warn"}


def is_speaker_like(doc: Doc, start: int, end: int) -> bool:
    """Whether words can name a source: a name, a pronoun, a description or a group."""
    if end <= start:
        return False
    words = doc[start:end]
    if any(t.ent_type_ in {"PERSON", "ORG", "NORP"} for t in words) or looks_like_name(words):
        return True
    head = words[-1].lower_
    if len(words) == 1 and head in PRONOUNS:
        return True
    # The head noun: the last word, or the parse's root ("A security official with knowledge
    # of the investigation").
    heads = {head, words.root.lower_} if doc.has_annotation("DEP") else {head}
    if len(words) > 2 and words[1].lower_ in _SOURCE_QUALIFIERS:
        heads.add(words[0].lower_)  # "people familiar with the matter", "a person close to …"
    return any(source_noun(h) for h in heads) or (words[-1].ent_type_ == "PLACE")


@cache
def _source_nouns() -> frozenset[str]:
    """Nouns that can head the words naming a source: descriptions and groups."""
    return lexicon.description_nouns() | GROUP_NOUNS


def source_noun(word: str) -> bool:
    """Whether a word (lower case), or its singular, is a noun that can name a source
    ("official", "analysts", "politicians")."""
    nouns = _source_nouns()
    return word in nouns or word.rstrip("s") in nouns


_ARTICLES = {"the", "a", "an"}


def looks_like_name(words: Span) -> bool:
    """Capitalised proper nouns the NER missed ("Owen Hale said"): a name all the same."""
    tokens = [t for t in words if not t.is_punct]
    titles = lexicon.titles()
    name = [
        t for t in tokens if t.text.rstrip(".").lower() not in titles and t.lower_ not in _ARTICLES
    ]
    # "Officials said", "Analysts say": a word for a source, capitalised to start a sentence;
    # so is a plural the model named nothing ("Backers of tariffs say", "Studies have shown").
    common = all(source_noun(t.lower_) for t in name) or (
        len(name) == 1
        and name[0].is_sent_start
        and name[0].tag_ == "NNPS"
        and not name[0].ent_type_
    )
    return (
        0 < len(tokens) <= 5
        and bool(name)
        and not common
        and all(t.is_title and t.pos_ == "PROPN" for t in name)
    )


_SUBJECT_DEPS = {"nsubj", "nsubj:pass", "nsubjpass"}
# Verbs of putting words out, beside those of saying: "posted on Twitter, accusing …".
_WRITING_LEMMAS = frozenset(
    {"post", "write", "tweet", "publish", "issue", "release", "speak", "appear", "respond"}
    | {"reply", "react", "announce", "comment", "testify", "tell", "say", "send", "share"}
)
# Right-hand dependents that belong to a name ("Abu Sayed Orakzai") rather than describe it.
_NAME_DEPS = {"flat", "flat:name", "compound", "nummod"}


def subject_by_parse(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """The cue's grammatical subject, without appositions and relative clauses."""
    if not doc.has_annotation("DEP"):
        return None
    earlier = _earlier_cues(doc, cue)
    verb, subject = cue, None
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS), None)
        # "X posted on Twitter accusing …": a participle with no subject of its own reports
        # what the subject of the verb it hangs on says, when that verb is itself one of
        # saying or writing ("shares jumped, suggesting investors doubt …" reports no one).
        # ("…, saying that …", set off by its comma, reports its subject's words whatever that
        # verb is; "with Mr Heappey telling LBC …" has a subject of its own.)
        participle = (
            verb.tag_ == "VBG"
            and verb.dep_ == "advcl"
            and (
                (verb.lemma_ in _SPEECH_LEMMAS and verb.i > 0 and doc[verb.i - 1].text == ",")
                or verb.head.lemma_ in _SPEECH_LEMMAS
                or verb.head.lemma_ in _WRITING_LEMMAS
            )
        )
        # "Roe took to Twitter to slam the decision …": an infinitive of purpose says what
        # the subject of the verb it hangs on said.
        purpose = verb.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ == "to" for c in verb.children
        )
        if (
            subject is not None
            or (verb.dep_ not in {"conj", "xcomp"} and not participle and not purpose)
            or verb.head is verb
        ):
            break
        coordinated = verb.dep_ == "conj"
        verb = verb.head
        if coordinated and verb.dep_ == "acl:relcl" and _introduces_quote(doc, cue):
            # "Kearney picked up on what Mr Heappey said and responded: '…'": the parser
            # joins the cue to the relative clause; the speech is the main clause's.
            verb = _clause_verb(verb.head)
    if subject is None and cue.dep_ == "conj" and earlier:
        return subject_by_parse(doc, earlier[-1], floor)
    if subject is None or subject.i < floor:
        return None
    # "Britain's most senior commander, Maj Gen Tom Okafor, warned": the name, not the role.
    named = next(
        (c for c in subject.rights if c.dep_ == "appos" and _is_name(c) and not _ticker(doc, c)),
        None,
    )
    # (So is "Labour's Shadow Home Secretary Yvette Cooper said", where the parse made the
    # capitalised office the subject and the person's name its apposition.)
    if named is not None and (
        not _is_name(subject) or (not subject.ent_type_ and named.ent_type_ == "PERSON")
    ):
        subject = named
    elif not _is_name(subject) and any(c.dep_ == "acl:relcl" for c in subject.children):
        # "The group that owns most of her music, Big Machine, says": the name set off by
        # commas before the cue is the subject's, though the parse hangs it on "music".
        aside = _name_before_cue(doc, cue, subject.i)
        if aside is not None:
            return aside
    end = subject.i + 1
    for child in subject.rights:
        if child.dep_ in _NAME_DEPS and child.left_edge.i == end:
            end = child.right_edge.i + 1
    # "A spokesperson for Britain's Ministry of Defence": whom an unnamed source speaks for.
    if subject.lower_ in GROUP_NOUNS or subject.lower_ in lexicon.description_nouns():
        for child in subject.rights:
            if child.dep_ == "nmod" and child.left_edge.i == end and child.right_edge.i < cue.i:
                end = child.right_edge.i + 1
    start = max(subject.left_edge.i, floor)
    # "…, with their soldiers saying": the preposition of an absolute clause is no part of it.
    while start < end and (
        doc[start].is_punct or doc[start].is_space or doc[start].dep_ in {"case", "mark", "cc"}
    ):
        start += 1
    if start >= end:
        return None
    # The parsed subject of a reporting verb is a source even when no word list knows its noun
    # ("One victim … said"): a person, or a document ("the report said"), named or not.
    # Not where a name stands beside it, which the parse may have misplaced ("NFF-South, a
    # breakaway faction, said"; "the head of the coalition General John Nicolson told").
    named_nearby = any(t.ent_type_ for t in doc[max(start - 2, 0) : end]) or any(
        t.ent_type_
        for child in subject.children
        if child.dep_ not in {"acl:relcl", "acl"}
        for t in child.subtree
    )
    parsed_source = (
        subject.pos_ in {"NOUN", "PROPN"} and cue.lemma_ in _SPEECH_LEMMAS and not named_nearby
    )
    # A writing is a source of whatever it reports ("The study, which followed 5,000 adults,
    # showed that …"), as ANNOTATION.md has it: the report, or its publisher where named.
    parsed_source = parsed_source or subject.lemma_.lower() in lexicon.document_nouns()
    return (start, end) if parsed_source or is_speaker_like(doc, start, end) else None


def _loose_participle(doc: Doc, cue: Token) -> bool:
    """ "Clinicians gain visibility on patient status, highlighting alarms …": a participle
    after a comma that the parse joined to a verb of no saying says what that verb's subject
    does, not what it says (unlike "…, saying that …")."""
    return (
        cue.tag_ == "VBG"
        and cue.dep_ == "conj"
        and cue.i > 0
        and doc[cue.i - 1].text == ","
        and cue.lemma_ not in _SPEECH_LEMMAS
        and cue.head.lemma_ not in _SPEECH_LEMMAS
        and cue.head.lemma_ not in _WRITING_LEMMAS
    )


def _ticker(doc: Doc, name: Token) -> bool:
    """A stock listing in brackets after a company ("The company (NYSE: ACME) said"): an
    exchange and a code, no name of the speaker."""
    opening = next((t for t in doc[max(0, name.i - 2) : name.i + 1] if t.text == "("), None)
    if opening is None:
        return False
    return any(t.text == ":" for t in doc[opening.i : min(opening.i + 6, len(doc))])


def _name_before_cue(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """A name set off by commas right before a cue (", Big Machine, says"), else None."""
    end = cue.i - 1
    if end <= floor or doc[end].text != ",":
        return None
    start = end
    while start > floor and _is_name(doc[start - 1]):
        start -= 1
    if start == end or doc[start - 1].text != ",":
        return None
    return (start, end)


def _introduces_quote(doc: Doc, cue: Token) -> bool:
    after = doc[cue.i + 1 : cue.i + 3]
    return any(t.text in {":", "“", "‘", '"'} for t in after)


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a word belongs to (the word itself if it heads it)."""
    for _ in range(4):
        if token.pos_ in {"VERB", "AUX"} or token.head is token:
            return token
        token = token.head
    return token


def _is_name(token: Token) -> bool:
    return token.ent_type_ in {"PERSON", "ORG"} or (token.pos_ == "PROPN" and token.is_title)


def subject_before(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """The speaker of a cue: its parsed subject, else the noun phrase just before it."""
    earlier = _earlier_cues(doc, cue)
    # "…, insisting the drills were …": a participle cue after a comma reports the same speaker.
    participle = cue.lower_.endswith("ing") and cue.i > 0 and doc[cue.i - 1].text == ","
    if _introduces_quote(doc, cue):
        # "picked up on what Mr Heappey said and responded: '…'": a cue inside a relative
        # clause is not the statement the quoted words continue.
        earlier = [c for c in earlier if c.dep_ != "acl:relcl"]
    if earlier and cue.i > 0 and (doc[cue.i - 1].lower_ in {"but", "and", "while"} or participle):
        # "X warned that …, but insisted …": the second cue has the first one's speaker,
        # however a parser attached it.
        # (The sentence's first cue: "Pompeo said that Washington had concluded …, saying he
        # trusted …" is Pompeo's, not Washington's, whatever the parse hangs it on; not one
        # inside a quotation, which is the quoted speaker's word.)
        # (Not past a nearer cue it is joined to with a subject of its own: "A said …, while
        # the police deny X and say Y" is the police's Y.)
        joined = [c for c in earlier[-1:] if _contrasted(doc, c, cue)]
        for first in joined + [c for c in earlier if not _in_quote(doc, c)]:
            found = subject_before(doc, first, floor)
            if found is not None:
                return found
        return None
    if _loose_participle(doc, cue):
        return None
    if any(child.dep_ in {"aux:pass", "auxpass"} for child in cue.children):
        # "The minister was told that …": the subject of a passive cue heard the words.
        return _agent(doc, cue, floor)
    contrasted = _contrasted_name(doc, cue, floor)
    if contrasted is not None:
        return contrasted
    parsed = subject_by_parse(doc, cue, floor)
    if parsed is None or parsed[1] > cue.i:
        parsed = _phrase_before(doc, cue, floor)
    if parsed is None and cue.dep_ == "conj" and floor <= cue.head.i < cue.i and is_verb(cue.head):
        # "Rep. Tom Hale, R-Ohio, visited the plant … and argued that …": the subject of the
        # verb the cue is joined to, which the parse left without one.
        parsed = _phrase_before(doc, cue.head, floor)
    if parsed is None:
        return None
    start, end = _leading_name(doc, floor, parsed) or parsed
    # "led the French manufacturer to announce": the infinitive's "to" is no part of it.
    while end > start + 1 and (doc[end - 1].lower_ in _AUX or doc[end - 1].tag_ == "TO"):
        end -= 1
    return (start, end)


_CONTRASTS = frozenset({"while", "whereas"})
_BUT = _CONTRASTS | {"but", "yet"}


def _contrasted_name(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """ "Hale has been eager to leave, but General Ana Ruiz, chairman of the council, told
    reporters …": a name after "but" with an aside set off by commas right before a cue that
    has no subject of its own is its subject (the parse had joined the cue to the first verb,
    and credited Hale, whose words these are not)."""
    if any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        return None
    end = cue.i - 1
    if end - 3 < floor or doc[end].text != ",":
        return None
    comma = next(
        (i for i in range(end - 1, max(floor, end - 16) - 1, -1) if doc[i].text == ","), None
    )
    if comma is None or comma == end - 1 or any(is_verb(t) for t in doc[comma + 1 : end]):
        return None
    start = comma
    while start > floor and _is_name(doc[start - 1]):
        start -= 1
    joined = start - 2 >= floor and doc[start - 1].lower_ in _BUT and doc[start - 2].text == ","
    return (start, comma) if start < comma and joined else None


def _contrasted(doc: Doc, previous: Token, cue: Token) -> bool:
    """Whether a cue goes on the one before it in a clause of another source that "while"
    opens: "A said …, while the police deny X and say Y" (no comma between the two)."""
    if any(t.is_punct for t in doc[previous.i + 1 : cue.i]):
        return False
    return any(t.lower_ in _CONTRASTS for t in doc[max(0, previous.i - 8) : previous.i])


def contrast_verb(doc: Doc, cue: Token) -> bool:
    """A cue word right after the noun phrase that ", while" opens is that clause's verb,
    whatever its tag ("…, while the city's police deny accusations"), unless a verb follows
    it ("while the police report was published")."""
    i = cue.i - 1
    while i > 0 and doc[i].tag_ in _NOMINAL_TAGS:
        i -= 1
    if i == cue.i - 1 or doc[i].lower_ not in _CONTRASTS or doc[i - 1].text != ",":
        return False
    following = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    # (Not a noun owning the next one: "while the Jewish state's premier cheered …".)
    return following is not None and not is_verb(following) and following.tag_ != "POS"


_NOMINAL_TAGS = frozenset({"DT", "PRP$", "NN", "NNS", "NNP", "NNPS", "POS", "JJ"})


def _in_quote(doc: Doc, token: Token) -> bool:
    return any(q.start_char <= token.idx < q.end_char for q in doc._.quotes or [])


def _agent(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """Who said it in a passive: "is accused by critics of …" -> "critics"; else no one."""
    agent = next((c for c in cue.children if c.dep_ in {"obl:agent", "agent"}), None)
    if agent is None or agent.i < floor:
        return None
    start = agent.left_edge.i
    while start < agent.i and doc[start].lower_ == "by":
        start += 1
    end = agent.i + 1
    return (start, end) if is_speaker_like(doc, start, end) else None


def _leading_name(doc: Doc, floor: int, parsed: tuple[int, int]) -> tuple[int, int] | None:
    """ "Prince Andrew, the younger brother of the heir to the throne, Charles, has told …":
    a sentence that opens with a name and a comma is about that name, and a name the parse
    found further on, inside the appositions after it and no clause of their own, is not the
    speaker."""
    first = floor
    while first < parsed[0] and doc[first].text.rstrip(".").lower() in lexicon.titles():
        first += 1  # "Prince Andrew", "Dr. Ruiz"
    end = first
    while end < parsed[0] and doc[end].ent_type_ == "PERSON":
        end += 1
    if end == first or end >= parsed[0] or doc[end].text != ",":
        return None
    aside = doc[end : parsed[0]]
    if any(is_verb(t) or t.lower_ in {"who", "which", "that"} for t in aside):
        return None
    return (first, end) if doc[end + 1].lower_ in _APPOSITION_LEADS else None


_APPOSITION_LEADS = frozenset({"the", "a", "an", "his", "her", "their", "its"})


def _phrase_before(doc: Doc, cue: Token, floor: int) -> tuple[int, int] | None:
    """The noun phrase ending just before a cue (skipping "has", "also"), looking past an
    apposition or relative clause set off by commas ("Tom Okafor, who commands …, told"), and
    an adverb set off by commas ("Most economists, however, argue …")."""
    end = cue.i
    if end - 3 >= floor and doc[end - 1].text == ",":
        comma = next((i for i in (end - 3, end - 4) if i >= floor and doc[i].text == ","), None)
        if comma is not None and all(
            t.pos_ == "ADV" and not t.ent_type_ for t in doc[comma + 1 : end - 1]
        ):
            end = comma
    # (Not past a name the tagger read as an adverb: "Early says", of Chris Early.)
    while end > floor and (
        doc[end - 1].lower_ in _AUX or (doc[end - 1].pos_ == "ADV" and not doc[end - 1].ent_type_)
    ):
        end -= 1
    start = end
    while start > floor:
        token = doc[start - 1]
        if token.text in _STOP_PUNCT or token.is_space or (is_verb(token) and not token.ent_type_):
            break
        if token.lower_ in {"that", "who", "which", "and", "but", "as", "when", "while", "if"}:
            break
        start -= 1
    # "posted on Twitter accusing …": where it was said ("on Twitter", "in a statement") is
    # no one who said it.
    # (A writing speaks too: "The complaint alleges …", though a tagger missed its verb.)
    # (Not a verb's object: "He read a letter stating that …".)
    document = (
        end - start <= 3
        and doc[end - 1].lower_ in lexicon.document_nouns()
        and (start == floor or not is_verb(doc[start - 1]))
    )
    if start < end and doc[start].pos_ != "ADP" and (document or is_speaker_like(doc, start, end)):
        return (start, end)
    return _before_apposition(doc, end, floor)


_PARTY = re.compile(r"^(?:R|D|I|Ind)\s?-\s?[A-Z][\w.]*\.?$")


def _before_apposition(doc: Doc, end: int, floor: int) -> tuple[int, int] | None:
    """ "NAME, a Pentagon spokeswoman, said": the name before a comma-bounded aside."""
    if end - 1 < floor or doc[end - 1].text != ",":
        return None
    comma = next((i for i in range(end - 2, floor - 1, -1) if doc[i].text == ","), None)
    if comma is None or comma - 1 < floor:
        return None
    aside = doc[comma + 1]
    # "Tom Molomby, SC, said": letters after the name set off by commas are no aside.
    letters = all(t.text.rstrip(".") in lexicon.postnominals() for t in doc[comma + 1 : end - 1])
    if (
        aside.lower_ not in {"who", "which", "a", "an", "the", "one"}
        and not aside.is_title
        and not letters
    ):
        return None
    # "Britain's defence secretary, Helen Marsh, told": here the aside is the name itself.
    named_end = end - 1
    while named_end > comma + 2 and doc[named_end - 1].text in lexicon.postnominals():
        named_end -= 1  # "Jonathan Pike KC"
    named = doc[comma + 1 : named_end]
    # (Not a party and state after a lawmaker's name, "Rep. Tom Hale, R-Ohio,".)
    party = _PARTY.match(named.text) is not None
    if (
        not party
        and not letters
        and (all(t.ent_type_ in {"PERSON", "ORG"} for t in named) or looks_like_name(named))
    ):
        return (named.start, named.end)
    name_end = comma
    if doc[name_end - 1].text == ")":  # "The Northern Freedom Front (NFF), an armed group, …"
        opening = next((i for i in range(name_end - 2, floor - 1, -1) if doc[i].text == "("), None)
        name_end = opening if opening is not None else name_end
    if name_end - 1 < floor:
        return None
    if doc[name_end - 1].ent_type_ not in {"PERSON", "ORG"}:
        # "A European delegate, who asked not to be named, said": a description before it.
        start = name_end
        while start > floor and not (
            doc[start - 1].is_punct or doc[start - 1].is_space or is_verb(doc[start - 1])
        ):
            start -= 1
        described = start < name_end and doc[name_end - 1].lower_ in _source_nouns()
        return (start, name_end) if described else None
    start = name_end - 1
    while start > floor and doc[start].ent_iob_ == "I":
        start -= 1
    return (start, name_end)


def subject_after(doc: Doc, cue: Token, limit: int) -> tuple[int, int] | None:
    """The speaker of an inverted cue: "…,” said Maj Gen Rupert Jones."""
    if _lemma(cue) in _ADDRESSEE_CUES:
        return None  # "told reporters": what follows "told" is whom, not who
    start = cue.i + 1
    end = phrase_end(doc, start, limit)
    for i in range(start, end):  # stop before "in a statement", "to reporters"
        if doc[i].pos_ == "ADP" and doc[i].ent_type_ == "":
            end = _publisher_end(doc, i, limit) or i
            break
    if is_speaker_like(doc, start, end):
        return (start, end)
    return None


def _publisher_end(doc: Doc, at: int, limit: int) -> int | None:
    """ "said a report from Kotak Institutional Equities": a document's publisher, named after
    "from", "by" or "of", is part of the source; where the name ends, else None."""
    if at == 0 or doc[at].lower_ not in {"from", "by", "of"}:
        return None
    if doc[at - 1].lower_ not in lexicon.document_nouns():
        return None
    first = at + 2 if at + 1 < limit and doc[at + 1].lower_ == "the" else at + 1
    name = next((e for e in doc.ents if e.start == first), None)
    return name.end if name is not None and name.end <= limit else None


def _lemma(cue: Token) -> str:
    entry = lexicon.cues().get(cue.lower_)
    return entry.lemma if entry else cue.lower_


def addressee_after(doc: Doc, cue: Token, limit: int) -> tuple[int, int] | None:
    """Whom the words were said to: "told Sky News", "explained to LBC"."""
    start = cue.i + 1
    if start < limit and doc[start].lower_ == "to":
        start += 1
    elif _lemma(cue) not in _ADDRESSEE_CUES:
        return None
    telling = _lemma(cue) in _TELLING
    if telling and start < limit and doc[start].lower_ == "the":
        start += 1
    end = start
    while end < limit and (
        doc[end].ent_type_ in {"PERSON", "ORG"} or (doc[end].lower_ in {"’s", "'s"} and end > start)
    ):
        end += 1
    # The rest of the noun phrase: "told Nato allies", "told reporters", "told MPs".
    while (
        telling
        and end < limit
        and end - start < 6
        and doc[end].pos_ == "NOUN"
        and (not doc[end].ent_type_)
    ):
        end += 1
        # "told friends and family that …": whom, however many.
        if (
            end + 1 < limit
            and doc[end].lower_ in {"and", "or"}
            and doc[end + 1].pos_ == "NOUN"
            and not doc[end + 1].ent_type_
        ):
            end += 1
    return (start, end) if end > start else None


def medium_in(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """ "Speaking to Times Radio", "in an interview with Sky News", "Appearing on BBC Radio 4"."""
    for i in range(start, end):
        if doc[i].lower_ not in _MEDIUM_LEADS:
            continue
        j = i + 1
        while j < end and j - i < 4 and doc[j].ent_type_ not in {"ORG", "PERSON"}:
            j += 1
        k = j
        while k < end and doc[k].ent_type_ in {"ORG", "PERSON"}:
            k += 1
        if k > j:
            return (j, k)
    return None


def quote_frame(doc: Doc, quote: Quote) -> QuoteFrame | None:
    close = quote.close_char + 1 if quote.close_char is not None else quote.end_char
    marks = doc.char_span(quote.open_char, close, alignment_mode="expand")
    if marks is None:
        return None
    para = (doc._.paragraphs or [])[quote.paragraph] if doc._.paragraphs else None
    para_span = (
        doc.char_span(para.start_char, para.end_char, alignment_mode="expand") if para else None
    )
    para_start = para_span.start if para_span is not None else 0
    before_start = max(sentence_start(doc, doc[marks.start].sent), para_start)
    # A sentence that ends just before the quote is not its frame, even if the parser joined them.
    end = next(
        (i for i in range(marks.start - 1, before_start - 1, -1) if doc[i].text in {".", "!", "?"}),
        None,
    )
    before_start = end + 1 if end is not None else before_start
    before = [t for t in doc[before_start : marks.start] if not t.is_space]
    after_end = _after_end(doc, marks.end)
    after = [t for t in doc[marks.end : after_end] if not t.is_punct and not t.is_space]
    text = text_of(doc)[quote.start_char : quote.end_char]
    cues = cue_set(doc)
    # The cue may follow a long speaker phrase: "…,” Col. Ana Ruiz, a Pentagon spokeswoman, told".
    # (Not a refusal after the quote: '"…." He declined to say when.')
    cue_after = next((t for t in after[:12] if t.i in cues and not refused(doc, t)), None)
    if cue_after is None and after and any(_is_name(t) for t in after[:4]):
        # "…,” Dr. Ana Ruiz, a member of the group and a signatory to the letter, told the
        # paper": past a long apposition, the cue right after its closing comma.
        # (The apposition may run past the usual reach: "a postdoctoral fellow at the … in
        # Munich, Germany, and co-author of the study, said".)
        longer_end = _after_end(doc, marks.end, reach=_APPOSITION_REACH)
        longer = [t for t in doc[marks.end : longer_end] if not t.is_punct and not t.is_space]
        # ("…, has written": an auxiliary may stand between the comma and the cue.)
        cue_after = next(
            (t for t in longer[12:] if t.i in cues and _after_aside_comma(doc, t.i)), None
        )
        if cue_after is not None:
            after_end = longer_end
    if cue_after is not None and not [t for t in before if not t.is_punct]:
        between = _speaker_between(doc, marks.end, cue_after)
        speaker = between if between is not None else subject_after(doc, cue_after, after_end)
        addressee = addressee_after(doc, cue_after, after_end)
        return QuoteFrame(cue_after, speaker, addressee, True, False, False)
    words_before = [t for t in before if not t.is_punct]
    cue_before = next((t for t in reversed(words_before) if t.i in cues), None)
    closes_with_comma = text_of(doc)[quote.start_char : close].rstrip("\"'”’ ").endswith(",")
    if (
        cue_after is not None
        and cue_before is None
        and closes_with_comma
        and (any(is_verb(t) for t in words_before) or text[:1].islower())
        and not (adverbial(words_before) and text[:1].isupper())
    ):
        # (Not 'After hitting "Rolling Home," the singer told …': when they spoke.)
        # 'Acme was "dragged into the cloud business," chief executive Jane Roe said': a
        # lede's clause ending in a partial quote, attributed by the cue after it (its verb
        # may be inside the quote: 'China "vastly improved its care," writes the AP').
        speaker = _speaker_between(doc, marks.end, cue_after) or subject_after(
            doc, cue_after, after_end
        )
        addressee = addressee_after(doc, cue_after, after_end)
        if speaker is not None:
            # (With no speaker after the quote, the words before it are the cue's subject: 'The
            # actor, who starred in "Home Fires," said …'.)
            return QuoteFrame(
                cue_after, speaker, addressee, True, False, False, clause_start=before[0].idx
            )
    if cue_before is not None:
        speaker = subject_before(doc, cue_before, before_start)
        if speaker is None and cue_before.i + 1 < marks.start:
            speaker = subject_after(doc, cue_before, marks.start)
        addressee = addressee_after(doc, cue_before, marks.start) or medium_in(
            doc, before_start, marks.start
        )
        opens_clause = before[-1].text in {":", ","} or before[-1].i == cue_before.i
        embedded = not (opens_clause and (text[:1].isupper() or before[-1].text == ":"))
        if before[-1].i == cue_before.i and cue_before.lemma_ in _NAMING_CUES:
            embedded = True  # 'called "Winter Roads" "a racing game"': a name, not words said
        if embedded and before[-1].text == "," and _second_half(doc, quote, cue_before):
            embedded = False  # '"A," she said, "and B."': the quote goes on after its cue
        return QuoteFrame(cue_before, speaker, addressee, False, embedded, False)
    # '"A," she said. "B." In Leeds, …': a quote that ends its own sentence stands alone
    # whatever sentence of the journalist's follows it.
    ended = text.rstrip("\"'”’ ")[-1:] in {".", "!", "?"}
    follows = bool(after) and not (ended and cue_after is None and after[0].is_title)
    standalone = not words_before and not follows
    return QuoteFrame(None, None, None, False, bool(words_before), standalone)


# Words before "to" + cue that say the words were not said ("his refusal to say which side …").
_WITHHELD = frozenset({"refuse", "refusal", "decline", "fail", "failure", "unwilling", "reluctant"})


def refused(doc: Doc, cue: Token) -> bool:
    """ "declined to say", "his refusal to comment", "declined later to state": a cue after a
    refusal to speak, an adverb or none between, reports nothing said."""
    if cue.i < 2 or doc[cue.i - 1].lower_ != "to":
        return False
    before = doc[cue.i - 2]
    if before.pos_ == "ADV" and cue.i >= 3:
        before = doc[cue.i - 3]
    return before.lemma_ in _WITHHELD


def _after_aside_comma(doc: Doc, i: int) -> bool:
    """Whether the comma that closes an aside stands right before doc[i], an auxiliary or
    two between ("…, has written")."""
    j = i - 1
    while j > 0 and i - j <= 2 and doc[j].lower_ in _AUX:
        j -= 1
    return doc[j].text == ","


def _second_half(doc: Doc, quote: Quote, cue: Token) -> bool:
    """Whether a quote goes on one that closed with a comma just before its cue: '"We are
    excited," comments Roe, "as it is our fiftieth year."' (only the cue and its speaker
    between the two)."""
    text = text_of(doc)
    first = next(
        (
            q
            for q in reversed(doc._.quotes or [])
            if q.close_char is not None and q.close_char < quote.open_char
        ),
        None,
    )
    if first is None or first.close_char is None or first.paragraph != quote.paragraph:
        return False
    between = text[first.close_char : quote.open_char]
    closes_with_comma = text[first.start_char : first.close_char].rstrip().endswith(",")
    return closes_with_comma and first.close_char < cue.idx and len(between) <= 120


def _earlier_cues(doc: Doc, cue: Token) -> list[Token]:
    """The reporting cues before `cue` in its sentence."""
    cues = cue_set(doc)
    return [t for t in doc[cue.sent.start : cue.i] if t.i in cues]


def cue_set(doc: Doc) -> frozenset[int]:
    cached = doc.user_data.get("claimgraph_cues")
    if cached is None:
        cached = frozenset(t.i for t in cue_tokens(doc))
        doc.user_data["claimgraph_cues"] = cached
    return cached


_APPOSITION_REACH = 45  # tokens after a quote a long apposition and its cue may run to


def _after_end(doc: Doc, start: int, *, reach: int = 20) -> int:
    i = start
    while i < len(doc) and i - start < reach:
        token = doc[i]
        if token.text in {".", "!", "?", "“", "‘"} or "\n" in token.text:
            # "Col. Ana Ruiz": the full stop of an abbreviated rank ends no sentence.
            previous = doc[i - 1].text.lower() if i > start else ""
            if not (token.text == "." and previous in lexicon.titles()):
                break
        i += 1
    return i


def _speaker_between(doc: Doc, start: int, cue: Token) -> tuple[int, int] | None:
    words = [t for t in doc[start : cue.i] if not t.is_punct and not t.is_space]
    if not words:
        return None
    s, e = words[0].i, words[-1].i + 1
    while e > s and doc[e - 1].lower_ in _AUX:
        e -= 1
    # In "“…,” X said" the words between the quote and the cue are the speaker, whatever they are.
    return (s, e) if e > s else None


def is_continuation(doc: Doc, quote: Quote, previous: object) -> bool:
    """A bare quote right after an attributed one goes on in the same speaker's voice."""
    from .attribution import Attribution

    if not isinstance(previous, Attribution) or previous.speaker is None:
        return False
    if previous.kind not in {"direct", "mixed"} or previous.end_char > quote.start_char:
        return False
    if quote.continues or quote.paragraph == previous.paragraph:
        return True
    para = doc._.paragraphs[quote.paragraph] if doc._.paragraphs else None
    starts_paragraph = para is not None and quote.open_char == para.start_char
    return starts_paragraph and quote.paragraph == previous.paragraph + 1


POSSESSIVE = {"’s", "'s", "’", "'"}


def possessor(doc: Doc, noun: Token) -> tuple[int, int] | None:
    """The name that owns a noun through "'s" ("Donald Trump's campaign suggestions"), up to
    three words before it: the token range of the name, without the "'s"."""
    i = noun.i - 1
    while i > 0 and noun.i - i <= 3 and doc[i].lower_ not in POSSESSIVE:
        if not doc[i].is_alpha or doc[i].ent_type_:
            return None
        i -= 1
    if i <= 0 or doc[i].lower_ not in POSSESSIVE:
        return None
    end, start = i, i
    while start > 0 and (doc[start - 1].ent_type_ or doc[start - 1].is_title):
        start -= 1
        if doc[start].ent_iob_ == "B":
            break
    if start == end or not any(t.ent_type_ or t.pos_ == "PROPN" for t in doc[start:end]):
        return None
    return (start, end)


def clause_end(doc: Doc, start: int, end: int) -> int:
    """Where a content clause stops: the sentence end, or a dash or semicolon before it."""
    for i in range(start, end):
        if doc[i].text in {";", "—", "–"}:
            return i
    return end
