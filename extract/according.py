"""Sources named by a preposition: "according to X", "per X", and the statement each names."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import frames, lexicon
from .attribution import Attribution


def according_to(doc: Doc, inside: set[int]) -> list[Attribution]:
    """ "…, according to X.", "According to X, …", "…, per the WHO, …": X is the source of
    the rest of the sentence."""
    found = []
    for token in doc[:-1]:
        lead = _source_start(doc, token)
        if lead is None or token.i in inside:
            continue
        sent = token.sent
        source_end = frames.phrase_end(doc, lead, sent.end)
        if source_end == lead and token.lower_ == "according" and lead + 1 < sent.end:
            # "According to court documents": the tagger read "to" as an infinitive's and the
            # noun after it as a verb; after "according to" it is the source's first word.
            source_end = frames.phrase_end(doc, lead + 1, sent.end)
        source_end = _through_modifiers(doc, token, source_end, sent.end)
        source_end = _at_name_end(doc, token, lead, source_end)
        if source_end <= lead or _manner(doc, lead):
            continue
        # "According to the team's coach, Alireza Mehraban, …": the name is the source.
        named = _named_apposition(doc, source_end, sent.end)
        content_from = named + 1 if named is not None else source_end
        source = (source_end + 1, named) if named is not None else (lead, source_end)
        if token.lower_ == "words":
            # "in the words of the prosecutor, Mark Tedeschi, QC, '…'": the words after it.
            span = frames.trim(doc[_past_letters(doc, content_from, sent.end) : sent.end])
        else:
            span = frames.trim(_content(doc, token, content_from))
        if span is None or len(span) < 3 or not any(frames.is_verb(t) for t in span):
            continue
        if (
            _reports_another(doc, span)
            or _closed_by_another(doc, span)
            or _named_speaker_inside(doc, span)
        ):
            continue  # "According to the Herald, Professor Burrows said …": his words
        if any(t.i in inside for t in span):
            continue  # '"…," one commenter said, per Feng': the quote has its speaker
        quoted = span[0].text in frames.OPENING_QUOTES and span[-1].text in frames.CLOSING_QUOTES
        if token.lower_ == "words" and quoted and len(span) > 4:
            span = frames.trim(doc[span.start + 1 : span.end - 1]) or span  # the words said
        found.append(
            Attribution(
                "direct" if token.lower_ == "words" and quoted else "according_to",
                span.start_char,
                span.end_char,
                _CUES.get(token.lower_, token.text),
                "assert",
                source,
                None,
                frames.paragraph_of(doc, token.idx),
                token.i,
                0.9,
            )
        )
    return found


def _reports_another(doc: Doc, span: Span) -> bool:
    """Whether a source's words open with a named person or body, an apposition maybe, and
    a verb of saying ("… the Herald, Emeritus Professor John Burrows, the panel's chairman,
    said the flag …"): that is their reported speech, and the outlet only carried it. (Not
    "polling shows …", which is what the source says.)"""
    i, end = span.start, span.end
    while i < end and i - span.start < 3 and not doc[i].ent_type_ and doc[i].is_title:
        i += 1  # titles before the name: "Emeritus Professor"
    if i >= end or doc[i].ent_type_ not in {"PERSON", "ORG"}:
        return False
    while i < end and doc[i].ent_type_ in {"PERSON", "ORG"}:
        i += 1
    if i < end and doc[i].text == ",":
        closing = next((k for k in range(i + 1, min(i + 14, end)) if doc[k].text == ","), None)
        if closing is None:
            return False
        i = closing + 1
    while i < end and doc[i].pos_ in {"AUX", "ADV"}:
        i += 1
    return i < end and doc[i].lemma_.lower() in _SAYING


def _closed_by_another(doc: Doc, span: Span) -> bool:
    """Whether the words before "according to X" end with their own source and cue ("The
    talks had failed, the minister said, according to the BBC"): the minister's words, which
    the outlet only carried."""
    last = span[-1]
    if last.lemma_.lower() not in _SAYING or not frames.is_verb(last):
        return False
    comma = next((t.i for t in reversed(span[:-1]) if t.text == ","), None)
    return comma is not None and 0 < last.i - comma <= 9


def _named_speaker_inside(doc: Doc, span: Span) -> bool:
    """Whether the words before "according to X" hold a named body or person's own report
    ("…, and the Chinese CDC said it had conducted …, according to Sui-Lee Wee of the
    Times"): theirs, which the reporter only carried."""
    cues = frames.cue_set(doc)
    for token in span:
        if token.i not in cues or token.lemma_.lower() not in _SAYING:
            continue
        subject = next((c for c in token.children if c.dep_.startswith("nsubj")), None)
        if (
            subject is not None
            and span.start <= subject.left_edge.i
            and any(t.ent_type_ in {"PERSON", "ORG"} for t in subject.subtree)
        ):
            return True
    return False


_SAYING = frozenset(
    {"say", "tell", "state", "add", "claim", "warn", "explain", "insist", "argue", "note"}
    | {"write", "announce", "confirm", "deny", "testify", "tweet"}
)


def _named_apposition(doc: Doc, at: int, limit: int) -> int | None:
    """ ", Alireza Mehraban," after a described source: where the person's name ends (its
    closing comma), or None."""
    if at + 2 >= limit or doc[at].text != "," or doc[at + 1].ent_type_ != "PERSON":
        return None
    end = at + 2
    while end < limit and doc[end].ent_type_ == "PERSON" and doc[end].ent_iob_ == "I":
        end += 1
    return end if end < limit and doc[end].text == "," else None


# "according to plan", "according to the schedule": in keeping with, not a source.
_NOT_SOURCES = frozenset(
    {"plan", "plans", "schedule", "tradition", "custom", "protocol", "rule", "rules"}
    | {"instructions", "design", "script", "recipe", "need", "needs", "size", "age", "taste"}
)


def _manner(doc: Doc, lead: int) -> bool:
    if lead >= len(doc):
        return False
    determiner = doc[lead].lower_ in {"the", "a", "their", "its"} and lead + 1 < len(doc)
    first = doc[lead + 1] if determiner else doc[lead]
    return first.lower_ in _NOT_SOURCES


def _through_modifiers(doc: Doc, token: Token, source_end: int, limit: int) -> int:
    """ "According to evidence presented at trial, Webb …": a source opening its sentence
    runs to its comma over a participle's phrase (no finite verb in between)."""
    if token.lower_ != "according" or token.i != frames.sentence_start(doc, token.sent):
        return source_end
    if source_end >= limit or doc[source_end].tag_ not in {"VBN", "VBG"}:
        return source_end
    for i in range(source_end, min(source_end + 10, limit)):
        if doc[i].text == ",":
            return i
        if doc[i].tag_ in frames.FINITE_TAGS or doc[i].text in {".", ";", ":"}:
            return source_end
    return source_end


def _at_name_end(doc: Doc, token: Token, lead: int, source_end: int) -> int:
    """ "According to the Interior Ministry over 300 pilgrims have died": with no comma after
    it, a source opening its sentence ends with the last name in it, where words that do not
    qualify the name follow ("of", "by", "'s" do: "a report by the BBC")."""
    if token.lower_ != "according" or token.i != frames.sentence_start(doc, token.sent):
        return source_end
    if source_end < len(doc) and doc[source_end].text == ",":
        return source_end
    ends = [t.i + 1 for t in doc[lead:source_end] if t.ent_type_ and t.ent_iob_ != "O"]
    ends = [i for i in ends if i < source_end and not doc[i].ent_type_]
    if not ends:
        return source_end
    after = doc[ends[-1]]
    if after.lower_ in _QUALIFYING or after.is_punct:
        return source_end
    return ends[-1]


# Words after a name that go on naming the source: "a report by the BBC on Monday".
_QUALIFYING = frozenset({"of", "by", "from", "at", "in", "for", "on", "'s", "’s", "and", "&"})


_CUES = {"according": "according to", "words": "in the words of"}


def _past_letters(doc: Doc, at: int, limit: int) -> int:
    """Past letters after a name and their comma ("QC, "), where the words begin."""
    while at + 1 < limit and doc[at].text in lexicon.postnominals() and doc[at + 1].text == ",":
        at += 2
    return at


def _source_start(doc: Doc, token: Token) -> int | None:
    """Where the source's words start after "according to", "per" or "in the words of", else
    None. "Per" names a source only set off by a comma or opening a sentence, before a name
    ("per the WHO", not "$5 per person")."""
    if token.lower_ == "according":
        return token.i + 2 if doc[token.i + 1].lower_ == "to" else None
    if token.lower_ == "words":
        opening = [t.lower_ for t in doc[max(token.i - 2, 0) : token.i]] == ["in", "the"]
        return token.i + 2 if opening and doc[token.i + 1].lower_ == "of" else None
    if token.lower_ != "per":
        return None
    opens = token.i == frames.sentence_start(doc, token.sent) or doc[token.i - 1].text == ","
    name = token.i + 2 if doc[token.i + 1].lower_ == "the" else token.i + 1
    if not opens or name >= len(doc):
        return None
    # An acronym the tagger missed as a name is one all the same ("per the WHO").
    acronym = doc[name].is_upper and doc[name].is_alpha and len(doc[name]) > 1
    return token.i + 1 if doc[name].ent_type_ in {"ORG", "PERSON", "PLACE"} or acronym else None


def _content(doc: Doc, token: Token, source_end: int) -> Span:
    """The statement a source phrase names: the sentence after it when it opens the sentence,
    the whole sentence when it is an aside set off by commas ("He had, according to X,
    killed …"), the words before it otherwise, or the sentence before when those are only
    "That's" ("That's according to a survey from X")."""
    sent = token.sent
    if token.i == frames.sentence_start(doc, sent):
        if source_end < len(doc) and doc[source_end].text in {"who", "which", "that"}:
            # "According to officials who spoke to reporters, the plant …": past the clause.
            comma = next((i for i in range(source_end, sent.end) if doc[i].text == ","), None)
            source_end = comma if comma is not None else source_end
        return doc[frames.after_apposition(doc, source_end, sent.end) : sent.end]
    start = frames.written_sentence_start(doc, token.i)
    before = [t for t in doc[start : token.i] if not t.is_punct and not t.is_space]
    aside = before and doc[token.i - 1].text == "," and source_end < sent.end
    if aside and doc[source_end].text == "," and len(before) < 4:
        return doc[start : sent.end]
    words = "".join(t.text_with_ws for t in before).lower().replace(" ", "")
    if words in {"that's", "that’s", "thatis", "thisis", "it's", "it’s"} and start > 0:
        previous = frames.written_sentence_start(doc, start - 1)
        if "\n" not in doc[previous:start].text:
            return doc[previous:start]
    return doc[start : token.i]
