"""Attribution: who is credited with each quote, reported statement and "according to"."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import boundaries, frames, lexicon, reported, shapes
from .extensions import text_of
from .quotes import Quote


@dataclass
class Attribution:
    """A claim before resolution: its content span, cue and the words naming its speaker."""

    kind: str  # direct, indirect, mixed, according_to
    start_char: int
    end_char: int
    cue: str | None
    cue_class: str | None
    speaker: tuple[int, int] | None  # token range of the words naming the speaker
    addressee: tuple[int, int] | None
    paragraph: int
    cue_token: int | None = None
    confidence: float = 0.9
    # A statement reported inside another's sentence ("Trump's suggestion that …"): its speaker
    # is not who the next "he said" refers to.
    embedded: bool = False
    # Words outside the content naming whom it is about: the accused of "X was accused of …".
    topic: tuple[int, int] | None = None


@Language.factory("claimgraph_attribution")
def make_attribution(nlp: Language, name: str) -> Attributor:
    return Attributor()


class Attributor:
    """Pipeline component: sets `doc._.attributions` from quotes, cues and syntax."""

    def __call__(self, doc: Doc) -> Doc:
        found: list[Attribution] = []
        used_cues: set[int] = set()
        quotes = doc._.quotes or []
        for index, quote in enumerate(quotes):
            if quote.continues and found and _ends_with(found[-1], quotes[index - 1]):
                # One quotation running over paragraphs is one claim: extend it.
                found[-1].end_char = quote.end_char
                continue
            attribution = attribute_quote(doc, quote, found)
            if attribution is not None:
                found.append(attribution)
                if attribution.cue_token is not None:
                    used_cues.add(attribution.cue_token)
        inside = _quoted_tokens(doc, [q for q in quotes if _claimed(q, found)])
        from .according import according_to  # it builds Attributions: imported once loaded

        found.extend(according_to(doc, inside))
        found.extend(owned_statements(doc, inside, found))
        found.extend(reported_speech(doc, used_cues, inside, found))
        found.extend(views(doc, inside, found))
        found.extend(_after_reported(doc, quotes, found))
        found.extend(_absolute_sources(doc, inside, found))
        from .continuations import after_reported_speech

        found.extend(after_reported_speech(doc, found))
        found.sort(key=lambda a: a.start_char)
        found = [a for a in found if not _interviewer(doc, a)]
        for attribution in found:  # no empty word ranges downstream
            if attribution.speaker and attribution.speaker[0] >= attribution.speaker[1]:
                attribution.speaker = None
            if attribution.addressee and attribution.addressee[0] >= attribution.addressee[1]:
                attribution.addressee = None
        doc._.attributions = found
        return doc


# A line of an interview that the interviewer speaks: "Q: Where did you grow up?"
_QUESTION_LINE = re.compile(r"(?:Q|Question|Interviewer)\s*[:.\-–—]\s")


def _interviewer(doc: Doc, attribution: Attribution) -> bool:
    """Whether a statement sits on an interview's question line, which is the interviewer's:
    questions a reporter asks are not claims."""
    text = text_of(doc)
    line = text.rfind("\n", 0, attribution.start_char) + 1
    return _QUESTION_LINE.match(text, line) is not None


def _ends_with(attribution: Attribution, quote: Quote) -> bool:
    return not quote.closed and attribution.end_char == quote.end_char


def _claimed(quote: Quote, found: list[Attribution]) -> bool:
    return any(a.start_char <= quote.start_char and quote.end_char <= a.end_char for a in found)


def _quoted_tokens(doc: Doc, quotes: list[Quote]) -> set[int]:
    """Tokens inside quotes that are already claims: a cue there is the speaker's own word."""
    tokens: set[int] = set()
    for quote in quotes:
        span = doc.char_span(quote.start_char, quote.end_char, alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return tokens


def attribute_quote(doc: Doc, quote: Quote, found: list[Attribution]) -> Attribution | None:
    """Attribute a quotation by the frame around it; None for scare quotes and titles."""
    frame = frames.quote_frame(doc, quote)
    if frame is None:
        return None
    if frame.cue is not None and (frame.speaker is not None or frame.after):
        if frame.embedded:
            return None  # a phrase quoted inside reported speech: the reported-speech pass owns it
        found_one = _attribution(doc, quote, "direct", frame.cue, frame.speaker, frame.addressee)
        if frame.clause_start is not None:
            # The journalist's clause and the quote that ends it: one mixed claim.
            end = quote.close_char + 1 if quote.close_char is not None else quote.end_char
            return dataclasses.replace(
                found_one, kind="mixed", start_char=frame.clause_start, end_char=end
            )
        return found_one
    previous = found[-1] if found else None
    if frame.standalone and frames.is_continuation(doc, quote, previous):
        assert previous is not None
        return continued(quote, previous, confidence=0.85)
    if frame.standalone:
        return _announced(doc, quote)
    return None


def _after_reported(doc: Doc, quotes: list[Quote], found: list[Attribution]) -> list[Attribution]:
    """'As Heald told the Post, ozone has dropped. "Despite an increase …"': a quotation
    standing alone right after reported speech, with nothing but the full stop between,
    goes on in the same voice."""
    text = text_of(doc)
    added = []
    for quote in quotes:
        if _claimed(quote, found) or quote.continues:
            continue
        before = [a for a in found if a.end_char <= quote.open_char]
        if not before:
            continue
        previous = max(before, key=lambda a: a.end_char)
        between = text[previous.end_char : quote.open_char]
        if (
            previous.kind != "indirect"
            or previous.speaker is None
            or len(between) > 3
            or any(ch.isalnum() or ch == "\n" for ch in between)
        ):
            continue
        frame = frames.quote_frame(doc, quote)
        if frame is not None and frame.standalone:
            added.append(continued(quote, previous, confidence=0.8))
    return added


def _absolute_sources(doc: Doc, inside: set[int], found: list[Attribution]) -> list[Attribution]:
    """ "…, with Jordanian Foreign Minister Ayman Safadi warning of 'dangerous consequences'":
    a named source and a participle of saying after ", with" is a statement of its own (the
    one before it stops at the comma)."""
    cues = lexicon.cues()
    taken = [(a.start_char, a.end_char) for a in found]
    added = []
    for token in doc[1:]:
        if token.lower_ != "with" or doc[token.i - 1].text != "," or token.i in inside:
            continue
        sent_end = token.sent.end
        at = boundaries.absolute_participle(doc, token.i, sent_end)
        if at is None:
            continue
        cue = doc[at]
        speaker = doc[token.i + 1 : at]
        # (A named source only: "with the minister warning" is left to the description rules.)
        if not any(t.ent_type_ in {"PERSON", "ORG"} for t in speaker) or any(
            not (t.ent_type_ or t.is_title) for t in speaker
        ):
            continue
        body = cue.i + 1
        while body < sent_end and doc[body].lower_ == "that":
            body += 1
        content = frames.trim(doc[body:sent_end])
        if content is None or len(content) < 2:
            continue
        if any(a < content.end_char and content.start_char < b for a, b in taken):
            continue  # the words are already a claim (a quotation after "stating:")
        quoted = any(t.text in {'"', "“", "”"} for t in content) or any(
            q.open_char >= content.start_char and q.open_char < content.end_char
            for q in doc._.quotes or []
        )
        entry = cues.get(cue.lower_)
        added.append(
            Attribution(
                "mixed" if quoted else "indirect",
                content.start_char,
                content.end_char,
                cue.text,
                entry.cue_class if entry else None,
                (speaker.start, speaker.end),
                None,
                frames.paragraph_of(doc, token.idx),
                cue.i,
                0.8,
            )
        )
    return added


def _announced(doc: Doc, quote: Quote) -> Attribution | None:
    """'Senator Jo Roe issued a statement on the choice. "Like many Texans, I am …"': a
    quotation standing alone right after the sentence, in the same paragraph, in which
    someone put out a statement or a letter is that writing's words, theirs."""
    opening = doc.char_span(quote.open_char, quote.open_char + 1, alignment_mode="expand")
    if opening is None or opening.start == 0:
        return None
    before = doc[opening.start - 1].sent
    if before.start >= opening.start or "\n" in doc[before.start : opening.start].text.strip():
        return None
    verb = shapes.announcing_verb(doc, before.start, opening.start)
    if verb is None:
        return None
    speaker = frames.subject_before(doc, verb, before.start)
    if speaker is None:
        return None
    return Attribution(
        "direct",
        quote.start_char,
        quote.end_char,
        verb.text,
        "assert",
        speaker,
        None,
        quote.paragraph,
        verb.i,
        0.8,
    )


def continued(quote: Quote, previous: Attribution, *, confidence: float) -> Attribution:
    """A quotation that goes on in the voice of the claim before it: its speaker, cue and
    addressee, no cue word of its own."""
    return Attribution(
        "direct",
        quote.start_char,
        quote.end_char,
        previous.cue,
        previous.cue_class,
        previous.speaker,
        previous.addressee,
        quote.paragraph,
        None,
        confidence=confidence,
    )


def _attribution(
    doc: Doc,
    quote: Quote,
    kind: str,
    cue: Token,
    speaker: tuple[int, int] | None,
    addressee: tuple[int, int] | None,
) -> Attribution:
    entry = lexicon.cues().get(cue.lower_)
    confidence = 0.95 if speaker is not None else 0.6
    return Attribution(
        kind,
        quote.start_char,
        quote.end_char,
        cue.text,
        entry.cue_class if entry else None,
        speaker,
        addressee,
        quote.paragraph,
        cue.i,
        confidence,
    )


def owned_statements(doc: Doc, inside: set[int], found: list[Attribution]) -> list[Attribution]:
    """ "Donald Trump's suggestion that the coalition was too timid": a reporting noun whose
    owner is named by a possessive and whose content is the "that" clause after it."""
    results: list[Attribution] = []
    taken = [(a.start_char, a.end_char) for a in found]
    nouns = lexicon.noun_cues()
    for noun in doc[:-2]:
        entry = nouns.get(noun.lower_)
        if entry is None or noun.i in inside:
            continue
        that = shapes.that_after(doc, noun)
        owner = frames.possessor(doc, noun) or shapes.pronoun_owner(doc, noun)
        if that is None or owner is None:
            continue
        sent = noun.sent
        content = frames.trim(doc[that + 1 : boundaries.clause_end(doc, that + 1, sent.end)])
        if content is None or len(content) < 4 or not any(frames.is_verb(t) for t in content):
            continue
        if any(s < content.end_char and content.start_char < e for s, e in taken):
            continue
        results.append(
            Attribution(
                "mixed" if _holds_quote(doc, content) else "indirect",
                content.start_char,
                content.end_char,
                noun.text,
                entry.cue_class,
                owner,
                None,
                frames.paragraph_of(doc, noun.idx),
                noun.i,
                0.8,
                embedded=True,
            )
        )
        taken.append((content.start_char, content.end_char))
    return results


def reported_speech(
    doc: Doc, used: set[int], inside: set[int], found: list[Attribution]
) -> list[Attribution]:
    """ "X said (that) …", "X warned …", "X told Y …", "…, X said." and mixed quotes."""
    results: list[Attribution] = []
    taken = [(a.start_char, a.end_char) for a in found]
    for cue in frames.cue_tokens(doc):
        if cue.i in used or cue.i in inside or shapes.unsaid(doc, cue):
            continue
        clause = reported.reported_clause(doc, cue)
        if clause is None:
            continue
        content, speaker, addressee = clause
        content = _through_quote(doc, content)
        if any(s < content.end_char and content.start_char < e for s, e in taken):
            continue
        kind = "mixed" if _holds_quote(doc, content) else "indirect"
        entry = lexicon.cues().get(frames.cue_text(doc, cue).lower())
        results.append(
            Attribution(
                kind,
                content.start_char,
                content.end_char,
                frames.cue_text(doc, cue),
                entry.cue_class if entry else None,
                speaker,
                addressee,
                frames.paragraph_of(doc, cue.idx),
                cue.i,
                0.85,
                topic=shapes.accused(doc, cue),
            )
        )
        taken.append((content.start_char, content.end_char))
    return results


def views(doc: Doc, inside: set[int], found: list[Attribution]) -> list[Attribution]:
    """ "X sees the lineup as its 'Achilles heel'": a view put in quoted words."""
    results: list[Attribution] = []
    taken = [(a.start_char, a.end_char) for a in found]
    for verb in doc:
        if verb.i in inside or verb.lemma_ not in {"see", "regard", "view"}:
            continue
        view = shapes.viewed_as(doc, verb, frames.sentence_start(doc, verb.sent))
        if view is None:
            continue
        content, speaker = view
        if any(s < content.end_char and content.start_char < e for s, e in taken):
            continue
        paragraph = frames.paragraph_of(doc, verb.idx)
        results.append(
            Attribution(
                "mixed",
                content.start_char,
                content.end_char,
                verb.text,
                "assert",
                speaker,
                None,
                paragraph,
                verb.i,
                0.75,
            )
        )
        taken.append((content.start_char, content.end_char))
    return results


def _holds_quote(doc: Doc, content: Span) -> bool:
    return any(content.start_char <= q.open_char < content.end_char for q in doc._.quotes or [])


def _through_quote(doc: Doc, content: Span) -> Span:
    """'X said that Rudolph "can't pick a fight and then cry foul. … He was asking for it."':
    a quotation opened inside reported speech goes on to its closing mark, past the full stop
    the sentence splitter cut at; its words are the speaker's, not the next sentence's."""
    for quote in doc._.quotes or []:
        if not content.start_char <= quote.open_char < content.end_char:
            continue
        close = quote.close_char + 1 if quote.close_char is not None else quote.end_char
        if close > content.end_char and "\n" not in doc.text[content.end_char : close]:
            longer = doc.char_span(content.start_char, close, alignment_mode="expand")
            return longer if longer is not None else content
    return content
