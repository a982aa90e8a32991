"""Speakers: the entity the words at a cue name — a name, a pronoun, a body or a surrogate."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import gazetteer, lexicon
from .attribution import Attribution
from .bodies import ANY_ORGANISATION, described_body, named_next, refers_to_body
from .clusters import Cluster, clusters_in, name_part
from .descriptions import (
    INDEFINITE,
    describes_person,
    description_tokens,
    located,
    resolve_description,
    voice_of_a_body,
)
from .frames import PRONOUNS
from .pronouns import recent_group, reported_tokens, resolve_pronoun


def after_unnamed_source(doc: Doc, earlier: list[Attribution], attribution: Attribution) -> bool:
    """A "he"/"she" speaking right after an unnamed source ("a senior official said …") in the
    same or the previous paragraph is that source again."""
    speaker = attribution.speaker
    if speaker is None or speaker[1] - speaker[0] != 1:
        return False
    if doc[speaker[0]].lower_ not in {"he", "she"}:
        return False
    last = next((a for a in reversed(earlier) if not a.embedded and a.speaker), None)
    if last is None or last.speaker is None or attribution.paragraph - last.paragraph > 1:
        return False
    if doc[last.speaker[0]].lower_ not in INDEFINITE:
        return False
    # Nobody named in between, in the source's words or after them (outside reported content).
    reported = reported_tokens(doc)
    return not any(
        m.label == "PERSON" and m.start not in reported
        for m in doc._.mentions or []
        if last.speaker[0] <= m.start < speaker[0]
    )


def _first_conjunct(doc: Doc, start: int, end: int) -> int:
    """ "he and his wife Kali explained", "Smith and Jones said": a statement made together is
    credited to the first of them, as a reader names the lead speaker (the words never belong
    to someone only named in the second place). Returns the new end of the speaker words."""
    if doc[start].lower_ in {"both", "either", "neither"}:
        return end
    for i in range(start + 1, end - 1):
        token = doc[i]
        if token.lower_ in {"and", "&"} and token.dep_ == "cc":
            conj = token.head
            if conj.dep_ == "conj" and start <= conj.head.i < i and conj.i > i:
                return i
    return end


def resolve_speaker(
    doc: Doc,
    attribution: Attribution,
    by_mention: dict[int, Cluster],
    previous: tuple[Cluster, int] | None,
) -> Cluster | None:
    """The entity the speaker words name: a name, a pronoun or a description."""
    if attribution.speaker is None:
        return previous[0] if previous is not None and attribution.cue is None else None
    start, end = attribution.speaker
    if end - start > 2 and doc[end - 1].lower_ in PRONOUNS and doc[end - 2].text == ",":
        # '"…" mutually shared by Ukraine and the U.S., he warned': the words before the
        # comma end the quote's sentence; the pronoun alone names the speaker.
        start = end - 1
    end = _first_conjunct(doc, start, end)
    after = _named_after(doc, attribution, by_mention) or _publisher(
        doc, start, end, by_mention, previous
    )
    if after is not None:
        return after
    applies, surrogate = _surrogate(doc, start, end, by_mention, previous)
    if applies:
        return surrogate
    body = _spoken_for(doc, start, end, by_mention)
    if body is not None:
        return body
    named = clusters_in(doc, by_mention, start, end)
    # "officials in Arvost" speak from a place, not for it.
    named = [c for c in named if not located(doc, c, start, end)]
    words = [t.lower_ for t in doc[start:end]]
    if _people_of_a_place(doc, end, named) or _nationality_only(doc, start, end, named):
        return None
    if not named:
        ahead = named_next(doc, doc[start:end], by_mention)
        if ahead is not None:
            return ahead
    surname = _title_as_surname(doc, start, end, by_mention)
    if surname is not None:
        return surname
    described = description_tokens(doc, start, end)
    people = [c for c in named if c.type == "person"]
    # "A US official", "a Pentagon spokeswoman": an unnamed source speaking for a named body.
    # (Not "a researcher at the Orbis Institute", someone of it speaking for themselves.)
    unnamed_for_body = (
        words[0] in INDEFINITE
        and any(_speaks_for(c) for c in named)
        and (not described or voice_of_a_body(described[-1].lower_))
    )
    if not people and describes_person(described) and not unnamed_for_body:
        # "Britain's most senior commander", "the United Nations envoy for Kestria": a person
        # described, not Britain or the UN speaking; the body only if no person fits.
        # Unresolved, it may still be the person speaking next to it, or else the body it
        # names (see _descriptions_by_neighbours).
        return resolve_description(doc, described, start, by_mention)
    # "the German carmaker", "the French manufacturer": a kind of company, with a nationality
    # that names no one; the company is the one of that kind named before.
    company = words[-1] in ANY_ORGANISATION and not any(c.type != "place" for c in named)
    if company:
        found = described_body(doc, words[:1] + words[-1:], start, by_mention)
        if found is not None:
            return found
        named = []
    if not people and named and _one_of_a_body(doc, start, end):
        return None
    for wanted in ("person", "organization", "place"):
        for cluster in named:
            if cluster.type == wanted:
                return cluster
    if len(words) == 1 and (words[0] in PRONOUNS or words[0] == "it"):
        return resolve_pronoun(doc, words[0], start, by_mention, previous)
    if len(words) == 1 and words[0] in _OWNERS:
        # "his claim that …" (a statement owned by a possessive): his is whom "he" is.
        return resolve_pronoun(doc, _OWNERS[words[0]], start, by_mention, previous)
    if len(words) > 1 and words[0] in {"their", "its"}:
        # "their soldiers said", "its spokesman said": the group just named.
        return recent_group(doc, start, by_mention, previous)
    return (
        _named_by_part(doc[start:end], by_mention)
        or described_body(doc, words, start, by_mention)
        or resolve_description(doc, described, start, by_mention)
    )


# Endings of words for people by what they do ("commenter", "dealer", "analyst", "resident").
_PEOPLE_ENDINGS = (
    *("er", "ers", "or", "ors", "ist", "ists", "ant", "ants", "ent", "ents"),
    *("ian", "ians", "ee", "ees"),
)
# Words for a body itself, whatever their ending ("the French government", "the committee").
_BODY_WORDS = frozenset(
    {"government", "parliament", "department", "management", "establishment", "movement"}
    | {"committee", "assembly", "senate", "congress", "cabinet", "command", "headquarters"}
    | {"tribunal", "court", "presidency", "embassy", "consulate", "mission", "opposition"}
    | {"administration", "regime", "junta", "leadership", "council", "board"}
)
_PEOPLE_NOUNS = frozenset(
    {"fan", "fans", "user", "users", "source", "sources", "staff", "people", "person"}
)


def _one_of_a_body(doc: Doc, start: int, end: int) -> bool:
    """ "one Weibo commenter", "Toyota dealers", "an FBI agent": someone a body's name only
    qualifies, whose words are their own, not the body's (its officials and spokespeople
    speak for it; its statements and reports are its own)."""
    head = doc[end - 1]
    word = head.lower_
    if not head.is_lower or head.pos_ != "NOUN" or head.ent_type_:
        return False
    if voice_of_a_body(word) or word in ANY_ORGANISATION or word in lexicon.references():
        return False
    if word in _BODY_WORDS or word.removesuffix("s") in _BODY_WORDS:
        return False
    if word in lexicon.document_nouns() or word.removesuffix("s") in lexicon.document_nouns():
        return False
    return word in _PEOPLE_NOUNS or word.endswith(_PEOPLE_ENDINGS)


# Those who speak for someone, or about them: their words are never that someone's own.
_SURROGATES = frozenset(
    {
        *("adviser", "advisers", "advisor", "advisors", "aide", "aides", "supporter"),
        *("supporters", "ally", "allies", "critic", "critics", "lawyer", "lawyers"),
        *("attorney", "attorneys", "family", "friend", "friends", "relative", "relatives"),
        *("associate", "associates", "backer", "backers", "fan", "fans", "colleague"),
        *("colleagues", "camp", "campaign", "team", "office", "staff", "staffer"),
        *("staffers", "opponent", "opponents", "rival", "rivals", "biographer"),
        *("spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"),
        *("representatives", "son", "daughter", "wife", "husband", "mother"),
        *("father", "brother", "sister", "widow", "partner", "agent", "manager", "publicist"),
    }
)
# … of which those that speak for a body as the body itself ("the company's spokesman").
_SPOKES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "spokespeople", "representative"}
    | {"representatives", "office", "lawyer", "lawyers", "attorney", "attorneys"}
)
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
_OWNERS = {"his": "he", "her": "she", "their": "they", "its": "it"}


def _surrogate(
    doc: Doc,
    start: int,
    end: int,
    by_mention: dict[int, Cluster],
    previous: tuple[Cluster, int] | None,
) -> tuple[bool, Cluster | None]:
    """The speaker of "Smith's advisers", "the President's spokesman", "his lawyers": a
    person or body named after the possessive ("Acme's lawyer, Jane Roe,", "Britain's Foreign
    Office"), else the body a spokesman, office or lawyer speaks for ("the ministry's
    spokesman"), else nobody (the words stay as
    `speaker_text`); (False, None) when the words name no one's surrogates."""
    head = doc[end - 1].lower_
    mark = next(
        (t.i for t in doc[start : end - 1] if t.lower_ in _POSSESSIVE_MARKS and t.i > start),
        None,
    )
    if head not in _SURROGATES:
        # "NASA's scientists", "the club's fans": people of a body, speaking for themselves.
        return (mark is not None and _people_of(doc[end - 1]), None)
    if mark is None:
        if doc[start].lower_ not in _POSSESSIVE_PRONOUNS or end - start < 2:
            return False, None
        if head in _SPOKES and doc[start].lower_ in {"its", "their"}:
            return True, recent_group(doc, start, by_mention, previous)  # "its spokesman"
        return True, None
    # "Acme's lawyer, Jane Roe,", "Britain's Foreign Office": a name after the possessive is
    # the speaker itself.
    after = clusters_in(doc, by_mention, mark + 1, end)
    if after:
        return True, next((c for c in after if c.type == "person"), after[0])
    if head in _SPOKES:
        owners = [c for c in clusters_in(doc, by_mention, start, mark) if _speaks_for(c)]
        if owners:
            return True, owners[-1]
    return True, None


def _people_of(head: Token) -> bool:
    """Whether a possessed plural noun is people of the possessor who do not speak for it
    ("its scientists", "the team's fans"), unlike its officials or executives."""
    return (
        head.tag_ == "NNS"
        and not head.ent_type_
        and head.lower_ not in _FOR_THEIR_COUNTRY
        and head.lower_ not in _SPEAK_FOR_A_BODY
    )


# Those who speak for the body whose they are ("the company's executives").
_SPEAK_FOR_A_BODY = frozenset({"executives", "officers", "directors", "managers", "bosses"})


def _named_after(
    doc: Doc, attribution: Attribution, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "Global financial firm JP Morgan had called …", "Hungarian-American investor George
    Soros said": a description the parse took for the speaker, with the name right after it
    and nothing but auxiliaries or adverbs before the cue."""
    if attribution.speaker is None or attribution.cue_token is None:
        return None
    start, end = attribution.speaker
    if clusters_in(doc, by_mention, start, end) or doc[end - 1].pos_ not in {"NOUN", "ADJ"}:
        return None
    mention = next((m for m in doc._.mentions or [] if m.start == end), None)
    if (
        mention is None
        or mention.label not in {"PERSON", "ORG"}
        or mention.end > attribution.cue_token
    ):
        return None
    between = doc[mention.end : attribution.cue_token]
    if any(t.pos_ not in {"AUX", "ADV", "PART"} for t in between):
        return None
    return by_mention.get(mention.start)


# Verbs by which a body puts out a writing that then speaks for it.
_PUBLISHING = frozenset({"publish", "release", "issue", "post", "put", "send", "share", "file"})


def _publisher(
    doc: Doc,
    start: int,
    end: int,
    by_mention: dict[int, Cluster],
    previous: tuple[Cluster, int] | None,
) -> Cluster | None:
    """ "The company published a blog post that said …", "Acme issued a statement that
    said …": a writing speaks for whoever put it out, the subject of the verb it is the object
    of (ANNOTATION.md: the report's publisher)."""
    head = doc[start:end].root
    verb = head.head
    if head.lemma_.lower() not in lexicon.document_nouns() or not head.dep_.endswith("obj"):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    before = doc[verb.i - 1] if verb.i > 0 else None
    # A name right before the verb that the parse hung elsewhere ("The importance of
    # deadlines grew as NASA's Office of the Inspector General released two reports").
    named_before = before is not None and before.ent_type_ in {"ORG", "PERSON"}
    if named_before and (subject is None or not subject.ent_type_):
        subject = before
    if verb.lemma_ not in _PUBLISHING or subject is None or subject.i >= start:
        return None
    words = doc[subject.left_edge.i : subject.i + 1]
    # The subject's own name, not a possessor's: "NASA's Office of the Inspector General".
    head_name = next(
        (by_mention.get(m.start) for m in doc._.mentions or [] if m.start <= subject.i < m.end),
        None,
    )
    if head_name is not None:
        return head_name
    lowered = [t.lower_ for t in words]
    if lowered in (["it"], ["they"]):
        return resolve_pronoun(doc, lowered[0], words.start, by_mention, previous)
    return None  # "The company published …": left to the words themselves


def _spoken_for(doc: Doc, start: int, end: int, by_mention: dict[int, Cluster]) -> Cluster | None:
    """ "A company spokesperson said", "an agency spokesman": a spokesman for a kind of body
    the article named speaks for the one of that kind it named last."""
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2 or words[-1] not in _SPOKES or clusters_in(doc, by_mention, start, end):
        return None
    kind = next((w for w in words[:-1] if w in ANY_ORGANISATION or refers_to_body(w)), None)
    return described_body(doc, ["the", kind], start, by_mention) if kind else None


# Those who speak for the country they are of ("US officials", "French diplomats").
_FOR_THEIR_COUNTRY = frozenset(
    {"officials", "diplomats", "authorities", "negotiators", "ministers", "envoys", "leaders"}
    | {"spokesmen", "spokespeople", "representatives", "sources", "forces", "troops"}
)


def _people_of_a_place(doc: Doc, end: int, named: list[Cluster]) -> bool:
    """ "US lawyers", "Israeli settlers", "44 percent of Americans": people of a place,
    speaking for themselves, not for it — unless they are its officials."""
    head = doc[end - 1]
    if not named or not all(c.type == "place" for c in named):
        return False
    # "44 percent of Americans", "most Britons": a nation's people, counted or not.
    people = head.ent_type_ == "NORP" and head.text.endswith("s")
    group = head.tag_ == "NNS" and not head.ent_type_ and head.lower_ not in _FOR_THEIR_COUNTRY
    return people or group


# What a nationality word before it makes the country's own voice ("the French government",
# "a British official").
_NATIONAL_VOICES = frozenset(
    {"government", "official", "spokesman", "spokeswoman", "spokesperson", "embassy"}
    | {"administration", "ministry", "military", "army", "navy", "police", "presidency"}
    | {"cabinet", "regime", "delegation", "side", "leadership", "authorities"}
)


def _nationality_only(doc: Doc, start: int, end: int, named: list[Cluster]) -> bool:
    """ "the British royal denied …", "a Canadian diplomat": a nationality that says who the
    speaker is, not the country speaking — unless the words are the country's voice."""
    tokens = doc[start:end]
    if not named or any(c.type != "place" for c in named):
        return False
    if any(t.ent_type_ not in {"", "NORP"} for t in tokens) or not any(
        t.ent_type_ == "NORP" for t in tokens
    ):
        return False
    head = tokens[-1].lower_
    return not (
        head in _NATIONAL_VOICES
        or head in _FOR_THEIR_COUNTRY
        or head in ANY_ORGANISATION
        or refers_to_body(head)
    )


def _speaks_for(cluster: Cluster) -> bool:
    """Whether an unnamed source can speak for it: an organisation or a country ("a US
    official"), not a region ("a European delegate") or a town."""
    if cluster.type == "organization":
        return True
    return cluster.type == "place" and cluster.name in gazetteer.country_names()


def _title_as_surname(
    doc: Doc, start: int, end: int, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "Indeed, Doctor asserts", '"…," says Doctor' in an article on the analyst Ken Doctor: a
    word for a person's trade written as a name (capitalised mid-sentence, no "the" before it)
    is the surname of the one person of the article it ends, not a description of whichever
    doctor the article named."""
    word = doc[start]
    if end - start != 1 or not word.is_title or word.is_sent_start:
        return None
    if start and doc[start - 1].lower_ in {"the", "a", "an", "this", "that", "our", "their"}:
        return None
    people = _people(by_mention)
    matches = [c for c in people if len(c.name.split()) > 1 and c.name.split()[-1] == word.text]
    return matches[0] if len(matches) == 1 else None


def _people(by_mention: dict[int, Cluster]) -> list[Cluster]:
    """The article's people, each once, in the order they were first mentioned."""
    return list({id(c): c for c in by_mention.values() if c.type == "person"}.values())


def _named_by_part(words: SpacySpan, by_mention: dict[int, Cluster]) -> Cluster | None:
    """ "Okafor said" where the model missed the name: a part of a person already named."""
    name = [t.text for t in words if t.is_title and t.text.lower() not in lexicon.titles()]
    if not name or len(name) != len([t for t in words if not t.is_punct]):
        return None
    matches = [
        c for c in _people(by_mention) if name_part(name, c.name.split()) or c.name.split() == name
    ]
    return matches[-1] if len(matches) == 1 else None
