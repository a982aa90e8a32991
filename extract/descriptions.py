"""Descriptions: whom "the minister" or "a former commander" at a cue stands for."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from . import lexicon
from .attribution import Attribution
from .clusters import Cluster, clusters_in
from .frames import GROUP_NOUNS, paragraph_of
from .pronouns import is_subject, reported_tokens

# Descriptions that name a person by what they do, and the role words each may stand for.
_SYNONYMS = {
    "journalist": {"correspondent", "reporter", "editor", "presenter", "journalist", "host"},
    "commander": {
        "general",
        "gen",
        "commander",
        "colonel",
        "col",
        "brigadier",
        "brig",
        "major",
        "maj",
        "admiral",
        "adm",
        "marshal",
        "lieutenant",
        "lt",
        "captain",
        "capt",
    },
    "officer": {
        "general",
        "gen",
        "colonel",
        "col",
        "brigadier",
        "major",
        "maj",
        "officer",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "commander",
        "admiral",
    },
    "boss": {
        "boss",
        "executive",
        "chief",
        "ceo",
        "head",
        "director",
        "principal",
        "chairman",
        "chairwoman",
        "chair",
        "founder",
        "owner",
        "manager",
        "leader",
    },
    "executive": {"executive", "ceo", "boss"},
    "leader": {"leader", "head", "chairman", "chairwoman", "chair", "president", "principal"},
    "minister": {"minister", "secretary"},
    "secretary": {"secretary", "minister"},
    "spokesman": {"spokesman", "spokeswoman", "spokesperson"},
}
INDEFINITE = {"a", "an", "one", "another"}


def description_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The words of a speaker description up to its head noun: "Britain's most senior
    commander in Kestria" -> "Britain's most senior commander"."""
    span = doc[start:end]
    root = span.root
    if root.lower_ in lexicon.description_nouns() and root.i < end - 1:
        return list(doc[start : root.i + 1])
    return list(span)


def located(doc: Doc, cluster: Cluster, start: int, end: int) -> bool:
    mention = next((m for m in cluster.mentions if start <= m.start < end), None)
    return (
        mention is not None
        and mention.start > start
        and doc[mention.start - 1].lower_ in {"in", "near", "outside", "across", "throughout"}
    )


def describes_person(tokens: list[Token]) -> bool:
    head = tokens[-1].lower_ if tokens else ""
    return head in lexicon.description_nouns() and head not in GROUP_NOUNS


# Words that make a role another office: a "shadow defence secretary" is not "the defence
# secretary", and neither is a former, deputy or acting one. A retired brigadier is a former one.
_QUALIFIERS = {
    "shadow": "shadow",
    "former": "former",
    "ex": "former",
    "retired": "former",
    "deputy": "deputy",
    "vice": "deputy",
    "assistant": "assistant",
    "acting": "acting",
    "interim": "acting",
    "junior": "junior",
    "under": "under",
}
# Words in a description that grade the office rather than name it ("most senior commander").
_GRADING = {"senior", "top", "most", "highest", "new", "leading", "veteran", "longtime"}


def resolve_description(
    doc: Doc, tokens: list[Token], at: int, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "the minister" -> the person last mentioned with that role word ("Armed Forces
    Minister"), else with a kindred one ("Defence Secretary"); "a former commander" looks
    ahead instead, to the person the article goes on to name."""
    words = [t.lower_ for t in tokens]
    head = words[-1] if words else ""
    if head not in lexicon.description_nouns():
        return None
    # A definite description normally points back; in a lede ("The defence secretary said …")
    # it may point forward to the name the next paragraphs give, as an indefinite one does.
    directions = [True] if words[0] in INDEFINITE else [False, True]
    # "the former commander": a role that says "retired" or "former" first, then any. A
    # shadow, deputy or acting secretary holds another office: only a role that says so.
    strictness = (
        [True] if _another_office(words) else [True, False] if _qualifiers(words) else [False]
    )
    for ahead in directions:
        for strict in strictness:
            for accepted in ({head}, _SYNONYMS.get(head, {head})):
                found = _with_role(
                    doc, tokens, accepted, at, by_mention, ahead=ahead, strict=strict
                )
                if found is not None:
                    return found
    return None


def _qualifiers(words: list[str]) -> set[str]:
    return {_QUALIFIERS[w] for w in words if w in _QUALIFIERS}


def _another_office(words: list[str]) -> bool:
    """A shadow, deputy or acting office (any qualifier but "former") is never the office
    itself: only a role that says so fits it."""
    return bool(_qualifiers(words) - {"former"})


def role_words(role: str) -> list[str]:
    """A role's words, lower case, abbreviations written out: "Maj Gen" -> major, general."""
    words: list[str] = []
    for word in role.lower().replace(".", " ").split():
        words.extend(lexicon.abbreviations().get(word, word).split())
    return words


def _modifier(tokens: list[Token]) -> str | None:
    """The word that says which office a description means: "defence" in "the defence
    secretary" (not a name, and not a grading word such as "senior")."""
    if len(tokens) < 2:
        return None
    word = tokens[-2]
    if word.ent_type_ or not word.is_alpha or word.pos_ not in {"NOUN", "ADJ", "PROPN"}:
        return None
    lowered = word.lower_
    return None if lowered in _GRADING or lowered in _QUALIFIERS else lowered


def role_fits(role: str, tokens: list[Token], accepted: set[str], *, strict: bool = False) -> bool:
    """Whether a person's role is what a description says: the head word (or one of
    `accepted`), no qualifier the description lacks (nor, if `strict`, one it has that the
    role lacks), and no other office named before the head ("foreign" minister, "defence"
    secretary)."""
    words = role_words(role)
    matched = next((i for i, w in enumerate(words) if w in accepted), None)
    if matched is None:
        return False
    mine, theirs = _qualifiers([t.lower_ for t in tokens]), _qualifiers(words)
    if theirs - mine or (strict and mine - theirs):
        return False
    modifier = _modifier(tokens)
    before = words[matched - 1] if matched > 0 else None
    if modifier is not None and before is not None and before not in _QUALIFIERS:
        known = before in lexicon.abbreviations().values() or before in accepted
        if not known and modifier[:5] != before[:5]:
            return False
    return True


def _with_role(
    doc: Doc,
    tokens: list[Token],
    accepted: set[str],
    at: int,
    by_mention: dict[int, Cluster],
    *,
    ahead: bool,
    strict: bool = False,
) -> Cluster | None:
    found = None
    for mention in doc._.mentions or []:
        cluster = by_mention.get(mention.start)
        if cluster is None or cluster.type != "person":
            continue
        if not any(role_fits(r, tokens, accepted, strict=strict) for r in cluster.roles):
            continue
        if ahead and mention.start > at:
            return cluster
        if not ahead and mention.start < at:
            found = cluster
    return found


def descriptions_by_neighbours(
    doc: Doc,
    attributions: list[Attribution],
    speakers: list[Cluster | None],
    by_mention: dict[int, Cluster],
) -> dict[int, Cluster]:
    """ "Helen Marsh has warned … the defence secretary said …": a definite description
    that no role in the article matches stands for the person speaking next to it — the
    speaker just before (same or previous paragraph), else the next named speaker (within
    two paragraphs, as in a lede) — if nothing known about that person says otherwise.
    A description naming a body ("the UN envoy") that fits nobody is credited to the body."""
    found: dict[int, Cluster] = {}
    for i, attribution in enumerate(attributions):
        if speakers[i] is not None or attribution.speaker is None:
            continue
        tokens = description_tokens(doc, *attribution.speaker)
        words = [t.lower_ for t in tokens]
        if (
            not describes_person(tokens)
            or words[0] in INDEFINITE
            or any(t.ent_type_ == "PERSON" for t in tokens)
        ):
            continue
        start, end = attribution.speaker
        bodies = [
            c
            for c in clusters_in(doc, by_mention, start, end)
            if c.type == "organization" and not located(doc, c, start, end)
        ]
        if _introduced_unnamed(doc, words[-1], start):
            if bodies:
                found[i] = bodies[0]
            continue
        paragraph = attribution.paragraph
        before = next(
            (
                j
                for j in range(i - 1, -1, -1)
                if attributions[j].paragraph >= paragraph - 1 and speakers[j] is not None
            ),
            None,
        )
        after = next(
            (
                j
                for j in range(i + 1, len(attributions))
                if attributions[j].paragraph <= paragraph + 2 and speakers[j] is not None
            ),
            None,
        )
        # The person the sentence before is about ("Cllr Pryce … rejected the criticism. …
        # the council leader said"), if named after the last speaker.
        subject = _recent_subject(doc, start, by_mention)
        last_speaker_at = -1 if before is None else _speaker_char(doc, attributions[before])
        candidates: list[Cluster | None] = []
        if subject is not None and subject[1] > last_speaker_at:
            candidates.append(subject[0])
        if before is not None:
            candidates.append(speakers[before])
        # A delayed lede ("The Republican candidate … said …" then "Doug Brandt … told …"):
        # the next speaker, whatever other jobs they hold.
        lede = before is None and subject is None
        if after is not None:
            candidates.append(speakers[after])
        for candidate in candidates:
            if (
                candidate is not None
                and candidate.type == "person"
                and (_may_be(candidate, tokens, bodies) or (lede and not bodies))
            ):
                found[i] = candidate
                break
        if i not in found and bodies and _voice_of(bodies[0], tokens[-1]):
            found[i] = bodies[0]
    return found


# Descriptions that speak for the body they name when they fit no one named: its officials,
# spokespeople, envoys and heads ("the UN envoy", "the company's chief executive"); an expert, a
# researcher or a member described by a body is someone of it, whose words are their own.
_VOICES_OF_A_BODY = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "official", "representative", "executive"}
    | {"envoy", "ambassador", "chairman", "chairwoman", "chair", "leader", "head", "chief"}
    | {"president", "director", "secretary", "minister", "commissioner", "governor"}
)


def _speaker_char(doc: Doc, attribution: Attribution) -> int:
    """Where the words naming a statement's speaker start (or its cue, or its content)."""
    if attribution.speaker is not None:
        return doc[attribution.speaker[0]].idx
    if attribution.cue_token is not None:
        return doc[attribution.cue_token].idx
    return attribution.start_char


def _recent_subject(
    doc: Doc, at: int, by_mention: dict[int, Cluster]
) -> tuple[Cluster, int] | None:
    """The last person who is the subject of a sentence in the same or the previous paragraph
    before `at`, outside reported content: (cluster, character offset)."""
    paragraph = paragraph_of(doc, doc[at].idx)
    reported = reported_tokens(doc)
    found = None
    for mention in doc._.mentions or []:
        if mention.start >= at:
            break
        cluster = by_mention.get(mention.start)
        if cluster is None or cluster.type != "person" or mention.start in reported:
            continue
        if paragraph - paragraph_of(doc, mention.start_char) > 1:
            continue
        if is_subject(doc, mention):
            found = (cluster, mention.start_char)
    return found


def _may_be(cluster: Cluster, tokens: list[Token], bodies: list[Cluster]) -> bool:
    """Whether nothing known about a person rules out the description: no role that does
    not fit it, no affiliation other than the body it names."""
    head = tokens[-1].lower_
    accepted = {head} | _SYNONYMS.get(head, set())
    strict = _another_office([t.lower_ for t in tokens])
    if cluster.roles and not any(
        role_fits(r, tokens, accepted, strict=strict) for r in cluster.roles
    ):
        return False
    names = {body.name for body in bodies}
    return (
        not names
        or not cluster.affiliations
        or any(org in names for org, _ in cluster.affiliations)
    )


def _introduced_unnamed(doc: Doc, head: str, at: int) -> bool:
    """ "A senior European diplomat was blunter … the diplomat said": the description
    refers back to a source the article introduced without a name."""
    return _first_indefinite(doc).get(head, at) < at


def _first_indefinite(doc: Doc) -> dict[str, int]:
    """Where each word first follows an indefinite article or determiner within four words
    ("a senior European diplomat"), collected once per document (asking per claim by
    scanning the text before it was quadratic in the article's length)."""
    found: dict[str, int] | None = doc.user_data.get("claimgraph_indefinite")
    if found is None:
        found = {}
        for token in doc:
            if token.lower_ in found:
                continue
            i = token.i - 1
            while i >= 0 and token.i - i <= 4 and doc[i].is_alpha:
                if doc[i].lower_ in INDEFINITE:
                    found[token.lower_] = token.i
                    break
                i -= 1
        doc.user_data["claimgraph_indefinite"] = found
    return found


def _voice_of(body: Cluster, head: Token) -> bool:
    """Whether a description that fits no one is the body's voice: a spokesman or official
    of it, or the body's own name ("The United Nations High Commissioner for Human Rights")."""
    named = any(m.start <= head.i < m.end for m in body.mentions)
    return named or head.lower_ in _VOICES_OF_A_BODY


def voice_of_a_body(head: str) -> bool:
    """ "official", "spokeswomen", "envoy": a word for those who speak for a body."""
    return (
        head in _VOICES_OF_A_BODY
        or head.removesuffix("s") in _VOICES_OF_A_BODY
        or (head.endswith("men") and head[:-3] + "man" in _VOICES_OF_A_BODY)
    )
