"""Resolution in one article: mentions -> entities, and claims' speakers, addressees and topics."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import gazetteer, lexicon
from .attribution import Attribution
from .context import claim_context
from .entities import LABEL_OF_TYPE, TYPE_OF_LABEL
from .extensions import starts_of, text_of
from .frames import GROUP_NOUNS, PRONOUNS, looks_like_name, paragraph_of
from .mentions import Mention, strip_titles
from .pronouns import is_subject, recent_group, reported_tokens, resolve_pronoun
from .repeats import merge_repeats
from .schema import Affiliation, Claim, Entity, EntityRef, Span, clean_name, entity_id
from .topics import described, referred

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
_ORG_WORDS = {
    "ministry",
    "office",
    "department",
    "army",
    "navy",
    "force",
    "agency",
    "council",
    "committee",
    "party",
    "group",
    "front",
    "corporation",
    "company",
    "bank",
    "news",
    "pictures",
    "institute",
    "university",
    "command",
    "service",
    "services",
}
_INDEFINITE = {"a", "an", "one", "another"}


@dataclass
class Cluster:
    """All mentions of one entity in the article."""

    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str | None]] = field(default_factory=list)
    genders: set[str] = field(default_factory=set)

    def _add_role(self, role: str) -> None:
        """Keep the fullest form of a role: "Defence Secretary" over "secretary"."""
        lowered = role.lower()
        if any(lowered in known.lower() for known in self.roles):
            return
        self.roles = [known for known in self.roles if known.lower() not in lowered]
        self.roles.append(role)

    @property
    def id(self) -> str:
        return entity_id(self.type, self.name)

    def ref(self) -> EntityRef:
        return EntityRef(id=self.id, name=self.name, type=self.type)  # type: ignore[arg-type]

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.names.add(clean_name(mention.text))
        for role in [mention.role, *mention.more_roles]:
            if role:
                self._add_role(role)
        if mention.affiliation:
            self.affiliations.append((mention.affiliation, mention.role))
        if mention.gender:
            self.genders.add(mention.gender)


@Language.factory("claimgraph_resolution")
def make_resolution(nlp: Language, name: str) -> Resolver:
    return Resolver()


class Resolver:
    """Pipeline component: sets `doc._.entities` and `doc._.claims` (ids filled by Extractor)."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = sorted(
            [*(doc._.mentions or []), *_speaker_names(doc)], key=lambda m: m.start
        )
        defined = defined_aliases(doc)
        doc._.mentions = sorted(
            [*doc._.mentions, *_alias_mentions(doc, defined)], key=lambda m: m.start
        )
        clusters, by_mention = cluster_mentions(doc._.mentions, defined)
        doc._.entities = [_entity(c, clusters) for c in clusters]
        attributions: list[Attribution] = doc._.attributions or []
        speakers: list[Cluster | None] = []
        previous: tuple[Cluster, int] | None = None
        for i, attribution in enumerate(attributions):
            if _after_unnamed_source(doc, attributions[:i], attribution):
                speaker = None  # "One victim … said … ‘…,’ she wrote": still the unnamed one
            else:
                speaker = resolve_speaker(doc, attribution, by_mention, previous)
            speakers.append(speaker)
            if speaker is not None and not attribution.embedded:
                at = attribution.speaker[0] if attribution.speaker else attribution.cue_token
                previous = (speaker, at if at is not None else 0)
        nearby = _descriptions_by_neighbours(doc, attributions, speakers, by_mention)
        claims = [
            _claim(doc, a, nearby.get(i, s), by_mention, guessed=i in nearby)
            for i, (a, s) in enumerate(zip(attributions, speakers, strict=True))
        ]
        doc._.claims = merge_repeats(claims)
        return doc


def _after_unnamed_source(doc: Doc, earlier: list[Attribution], attribution: Attribution) -> bool:
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
    if doc[last.speaker[0]].lower_ not in _INDEFINITE:
        return False
    # Nobody named in between, in the source's words or after them (outside reported content).
    reported = reported_tokens(doc)
    return not any(
        m.label == "PERSON" and m.start not in reported
        for m in doc._.mentions or []
        if last.speaker[0] <= m.start < speaker[0]
    )


def _speaker_names(doc: Doc) -> list[Mention]:
    """Names the NER missed but that stand as the subject of a reporting cue ("Owen Hale said").

    A proper name credited with speech is a person (or, with an organisation word in it, an
    organisation); the name is in the text, so nothing is invented.
    """
    added: list[Mention] = []
    taken = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    for attribution in doc._.attributions or []:
        if attribution.speaker is None:
            continue
        words = doc[attribution.speaker[0] : attribution.speaker[1]]
        if taken.intersection(range(words.start, words.end)) or not looks_like_name(words):
            continue
        label = "ORG" if any(t.lower_ in _ORG_WORDS for t in words) else "PERSON"
        mention = Mention(
            words.start, words.end, words.start_char, words.end_char, label, words.text
        )
        if label == "PERSON":
            strip_titles(doc, mention)
        added.append(mention)
        taken.update(range(words.start, words.end))
    return added


def defined_aliases(doc: Doc) -> dict[str, tuple[str, str]]:
    """Names the article defines for an entity: "the Northern Freedom Front (NFF)",
    "Islamic State in Iraq and Levant (Isil)", "IS-Khorasan, also known as IS-K".

    Returns alias -> (type, name of the defined entity).
    """
    defined: dict[str, tuple[str, str]] = {}
    for mention in doc._.mentions or []:
        if mention.label == "NORP":
            continue
        entity_type, name = _type_and_name(mention)
        for alias in _definitions_after(doc, mention.end):
            if alias != name and alias not in lexicon.canonical_names():
                defined.setdefault(alias, (entity_type, name))
    _implicit_acronyms(doc._.mentions or [], defined)
    return defined


def _implicit_acronyms(mentions: list[Mention], defined: dict[str, tuple[str, str]]) -> None:
    """ "NFF" in an article that also names the Northern Freedom Front: its initials."""
    full = {
        _initials(m.text): m.text for m in mentions if m.label in {"ORG", "PLACE"} and " " in m.text
    }
    for mention in mentions:
        text = mention.text
        known = text in defined or text in lexicon.canonical_names()
        if text.isupper() and 2 <= len(text) <= 6 and text.isalpha() and text in full and not known:
            defined[text] = ("organization", full[text])


def _initials(name: str) -> str:
    words = [w for w in re.sub(r"^(?i:the)\s+", "", name).split() if w[:1].isupper()]
    return "".join(w[0] for w in words)


def _alias_mentions(doc: Doc, defined: dict[str, tuple[str, str]]) -> list[Mention]:
    """Every use of a name the article defined ("NFF") is a mention, tagged by the model or not."""
    taken = {i for m in doc._.mentions or [] for i in range(m.start, m.end)}
    found = []
    for alias, (entity_type, _) in defined.items():
        for match in re.finditer(rf"(?<![\w-]){re.escape(alias)}(?![\w]|-\w)", text_of(doc)):
            span = doc.char_span(match.start(), match.end())
            if span is not None and not taken.intersection(range(span.start, span.end)):
                found.append(
                    Mention(
                        span.start,
                        span.end,
                        span.start_char,
                        span.end_char,
                        LABEL_OF_TYPE[entity_type],
                        alias,
                    )
                )
                taken.update(range(span.start, span.end))
    return found


def _definitions_after(doc: Doc, at: int) -> list[str]:
    if at + 2 < len(doc) and doc[at].text == "(":
        close = next((i for i in range(at + 1, min(at + 6, len(doc))) if doc[i].text == ")"), None)
        if close is not None and close > at + 1:
            alias = doc[at + 1 : close].text
            if len(alias) <= 12 and any(ch.isupper() for ch in alias) and " " not in alias:
                return [alias]
        return []
    i = at + 1 if at < len(doc) and doc[at].text == "," else at
    i += 1 if i < len(doc) and doc[i].lower_ in {"also", "commonly", "better"} else 0
    if i + 2 < len(doc) and doc[i].lower_ == "known" and doc[i + 1].lower_ == "as":
        return _names_from(doc, i + 2)
    return []


def _names_from(doc: Doc, i: int) -> list[str]:
    """ "X or Y": capitalised names after "known as"."""
    names, start = [], i
    while i <= len(doc):
        if (
            i == len(doc)
            or doc[i].lower_ in {"or", ","}
            or not (doc[i].is_title or doc[i].is_upper or doc[i].text in {"-", "–"})
        ):
            if i > start:
                names.append(doc[start:i].text)
            if i < len(doc) and doc[i].lower_ == "or":
                start = i = i + 1
                continue
            return names
        i += 1
    return names


def cluster_mentions(
    mentions: list[Mention], defined: dict[str, tuple[str, str]] | None = None
) -> tuple[list[Cluster], dict[int, Cluster]]:
    """Group mentions into entities; return clusters and mention start token -> cluster."""
    clusters: list[Cluster] = []
    by_mention: dict[int, Cluster] = {}
    for mention in mentions:
        entity_type, name = _type_and_name(mention)
        if mention.canonical is None and mention.text in (defined or {}):
            entity_type, name = (defined or {})[mention.text]
        cluster = _find(clusters, entity_type, name)
        if cluster is None:
            cluster = Cluster(entity_type, name)
            clusters.append(cluster)
        elif entity_type in {"person", "organization"} and len(name.split()) > len(
            cluster.name.split()
        ):
            cluster.name = name  # the fullest form of a name is the canonical one
        cluster.add(mention)
        by_mention[mention.start] = cluster
    return clusters, by_mention


def _type_and_name(mention: Mention) -> tuple[str, str]:
    if mention.label == "NORP":
        return "place", mention.canonical or mention.text
    name = mention.canonical or mention.text
    known = (
        lexicon.canonical_names().get(name)
        if mention.canonical or mention.label != "PERSON"
        else None
    )
    entity_type = known[1] if known else TYPE_OF_LABEL[mention.label]
    return entity_type, re.sub(r"^(?i:the)\s+", "", clean_name(name))


def _find(clusters: list[Cluster], entity_type: str, name: str) -> Cluster | None:
    same = [c for c in clusters if c.type == entity_type]
    # One id is one entity: names that differ only where an id cannot ("Mr. Smith" and
    # "Mr Smith") must not give an article two entities under the same id.
    wanted = entity_id(entity_type, name)
    for cluster in reversed(same):
        if cluster.name.lower() == name.lower() or name in cluster.names or cluster.id == wanted:
            return cluster
    if entity_type == "organization":
        # "Marrowby" and "Marrowby Group": one company, with and without its suffix.
        core = lexicon.organisation_core(name)
        return next((c for c in reversed(same) if lexicon.organisation_core(c.name) == core), None)
    if entity_type != "person":
        return None
    words = name.split()
    # "Gardner" or "Sir Richard" after "Frank Gardner": a part of a name already introduced.
    matches = [c for c in same if _name_part(words, c.name.split())]
    return matches[-1] if matches else None


def _name_part(short: list[str], full: list[str]) -> bool:
    """ "Gardner" or "Frank" of "Frank Gardner"; and "Richard Barron" of "Richard Barrons",
    a one-letter slip in a long surname that captions and bullets often carry. Case is
    ignored: a headline in capitals ("WHERE NOW FOR MARSH?") names the one the text below does.
    A generational suffix tells a father from his son: "Donald Trump" is no part of "Donald
    Trump Jr.", though "Trump" alone may be either."""
    (short, short_generation), (full, full_generation) = sorted(
        (_generation(short), _generation(full)), key=lambda name: len(name[0])
    )
    if short_generation != full_generation and len(short) > 1:
        return False
    if full_generation and short in ([full_generation], [full_generation + "."]):
        return True  # a "Jr." the model cut off the name it ends
    if len(short) == len(full):
        return short[:-1] == full[:-1] and _one_slip(short[-1], full[-1])
    return full[-len(short) :] == short or full[: len(short)] == short


_GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def _generation(words: list[str]) -> tuple[list[str], str]:
    """A name's words in lower case without its generational suffix ("Jr."), and the suffix."""
    words = [w.casefold() for w in words]
    last = words[-1].strip(".,") if words else ""
    if len(words) > 1 and last in _GENERATIONS:
        return [w.rstrip(",") for w in words[:-1]], last
    return words, ""


def _one_slip(a: str, b: str) -> bool:
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _entity(cluster: Cluster, clusters: list[Cluster]) -> Entity:
    spans = [Span(start_char=m.start_char, end_char=m.end_char) for m in cluster.mentions]
    aliases = sorted(n for n in cluster.names if n != cluster.name)
    affiliations: list[Affiliation] = []
    for org_name, role in cluster.affiliations:
        org = _find(
            [c for c in clusters if c.type == "organization"],
            "organization",
            lexicon.canonical_names().get(org_name, (org_name, ""))[0],
        )
        if org is not None and all(a.organization.id != org.id for a in affiliations):
            affiliations.append(Affiliation(organization=org.ref(), role=role))
    return Entity(
        id=cluster.id,
        name=cluster.name,
        type=cluster.type,  # type: ignore[arg-type]
        aliases=aliases,
        mentions=len(cluster.mentions),
        roles=cluster.roles,
        affiliations=affiliations,
        spans=spans,
    )


def _clusters_in(doc: Doc, by_mention: dict[int, Cluster], start: int, end: int) -> list[Cluster]:
    """The entities mentioned in tokens [start, end), in order of first mention."""
    mentions: list[Mention] = doc._.mentions or []
    # The mentions are sorted by start: a claim's are found by bisection.
    starts = starts_of(doc, "claimgraph_mention_starts", mentions, lambda m: m.start)
    found: list[Cluster] = []
    for mention in mentions[bisect_left(starts, start) : bisect_left(starts, end)]:
        cluster = by_mention.get(mention.start)
        if cluster is not None and cluster not in found:
            found.append(cluster)
    return found


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
    applies, surrogate = _surrogate(doc, start, end, by_mention, previous)
    if applies:
        return surrogate
    body = _spoken_for(doc, start, end, by_mention)
    if body is not None:
        return body
    named = _clusters_in(doc, by_mention, start, end)
    # "officials in Arvost" speak from a place, not for it.
    named = [c for c in named if not _located(doc, c, start, end)]
    words = [t.lower_ for t in doc[start:end]]
    if _people_of_a_place(doc, end, named):
        return None
    described = description_tokens(doc, start, end)
    people = [c for c in named if c.type == "person"]
    # "A US official", "a Pentagon spokeswoman": an unnamed source speaking for a named body.
    unnamed_for_body = words[0] in _INDEFINITE and any(_speaks_for(c) for c in named)
    if not people and _describes_person(described) and not unnamed_for_body:
        # "Britain's most senior commander", "the United Nations envoy for Kestria": a person
        # described, not Britain or the UN speaking; the body only if no person fits.
        # Unresolved, it may still be the person speaking next to it, or else the body it
        # names (see _descriptions_by_neighbours).
        return _resolve_description(doc, described, start, by_mention)
    # "the German carmaker", "the French manufacturer": a kind of company, with a nationality
    # that names no one; the company is the one of that kind named before.
    company = words[-1] in _ANY_ORGANISATION and not any(c.type != "place" for c in named)
    if company:
        found = _described_body(doc, words[:1] + words[-1:], start, by_mention)
        if found is not None:
            return found
        named = []
    for wanted in ("person", "organization", "place"):
        for cluster in named:
            if cluster.type == wanted:
                return cluster
    if len(words) == 1 and (words[0] in PRONOUNS or words[0] == "it"):
        return resolve_pronoun(doc, words[0], start, by_mention, previous)
    if len(words) > 1 and words[0] in {"their", "its"}:
        # "their soldiers said", "its spokesman said": the group just named.
        return recent_group(doc, start, by_mention, previous)
    return (
        _named_by_part(doc[start:end], by_mention)
        or _described_body(doc, words, start, by_mention)
        or _resolve_description(doc, described, start, by_mention)
    )


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
    if head not in _SURROGATES:
        return False, None
    mark = next(
        (t.i for t in doc[start : end - 1] if t.lower_ in _POSSESSIVE_MARKS and t.i > start),
        None,
    )
    if mark is None:
        if doc[start].lower_ not in _POSSESSIVE_PRONOUNS or end - start < 2:
            return False, None
        if head in _SPOKES and doc[start].lower_ in {"its", "their"}:
            return True, recent_group(doc, start, by_mention, previous)  # "its spokesman"
        return True, None
    # "Acme's lawyer, Jane Roe,", "Britain's Foreign Office": a name after the possessive is
    # the speaker itself.
    after = _clusters_in(doc, by_mention, mark + 1, end)
    if after:
        return True, next((c for c in after if c.type == "person"), after[0])
    if head in _SPOKES:
        owners = [c for c in _clusters_in(doc, by_mention, start, mark) if _speaks_for(c)]
        if owners:
            return True, owners[-1]
    return True, None


def _spoken_for(doc: Doc, start: int, end: int, by_mention: dict[int, Cluster]) -> Cluster | None:
    """ "A company spokesperson said", "an agency spokesman": a spokesman for a kind of body
    the article named speaks for the one of that kind it named last."""
    words = [t.lower_ for t in doc[start:end]]
    if len(words) < 2 or words[-1] not in _SPOKES or _clusters_in(doc, by_mention, start, end):
        return None
    kind = next((w for w in words[:-1] if w in _ANY_ORGANISATION or _refers_to_body(w)), None)
    return _described_body(doc, ["the", kind], start, by_mention) if kind else None


def _refers_to_body(word: str) -> bool:
    reference = lexicon.references().get(word)
    return reference is not None and reference.entity_type == "organization"


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


def _speaks_for(cluster: Cluster) -> bool:
    """Whether an unnamed source can speak for it: an organisation or a country ("a US
    official"), not a region ("a European delegate") or a town."""
    if cluster.type == "organization":
        return True
    return cluster.type == "place" and cluster.name in gazetteer.country_names()


def description_tokens(doc: Doc, start: int, end: int) -> list[Token]:
    """The words of a speaker description up to its head noun: "Britain's most senior
    commander in Kestria" -> "Britain's most senior commander"."""
    span = doc[start:end]
    root = span.root
    if root.lower_ in lexicon.description_nouns() and root.i < end - 1:
        return list(doc[start : root.i + 1])
    return list(span)


def _named_by_part(words: SpacySpan, by_mention: dict[int, Cluster]) -> Cluster | None:
    """ "Okafor said" where the model missed the name: a part of a person already named."""
    name = [t.text for t in words if t.is_title and t.text.lower() not in lexicon.titles()]
    if not name or len(name) != len([t for t in words if not t.is_punct]):
        return None
    people = {id(c): c for c in by_mention.values() if c.type == "person"}.values()
    matches = [c for c in people if _name_part(name, c.name.split()) or c.name.split() == name]
    return matches[-1] if len(matches) == 1 else None


# Reference nouns that stand for any organisation; the others ("the ministry", "the coalition")
# must be a word of the organisation's name to stand for it as a speaker.
_ANY_ORGANISATION = {
    "group",
    "organisation",
    "organization",
    "movement",
    "militia",
    "faction",
    "company",
    "firm",
    # kinds of company: "the German carmaker" is whichever carmaker the article named last
    *("carmaker", "automaker", "manufacturer", "maker", "bank", "lender", "retailer"),
    *("insurer", "broadcaster", "studio", "label", "publisher", "startup", "conglomerate"),
    *("chain", "developer", "operator", "supplier", "carrier", "giant", "corporation"),
    *("brokerage", "airline"),
}


def _described_body(
    doc: Doc, words: list[str], at: int, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "the ministry said", "police said": the organisation of that kind the article named
    last."""
    if not words or (words[0] != "the" and len(words) != 1):
        return None
    reference = lexicon.references().get(words[-1])
    organisation = reference is not None and reference.entity_type == "organization"
    if not organisation and words[-1] not in _ANY_ORGANISATION:
        return None
    earlier = [
        by_mention[m.start] for m in doc._.mentions or [] if m.start < at and m.start in by_mention
    ]
    hint = words[-1].capitalize()
    fitting = [c for c in earlier if c.type == "organization" and hint in c.name.split()]
    if not fitting and words[-1] in _ANY_ORGANISATION:
        fitting = [c for c in earlier if c.type == "organization"]
    return fitting[-1] if fitting else None


def _located(doc: Doc, cluster: Cluster, start: int, end: int) -> bool:
    mention = next((m for m in cluster.mentions if start <= m.start < end), None)
    return (
        mention is not None
        and mention.start > start
        and doc[mention.start - 1].lower_ in {"in", "near", "outside", "across", "throughout"}
    )


def _describes_person(tokens: list[Token]) -> bool:
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


def _resolve_description(
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
    directions = [True] if words[0] in _INDEFINITE else [False, True]
    # "the former commander": a role that says "retired" or "former" first, then any.
    strictness = [True, False] if _qualifiers(words) else [False]
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


def _descriptions_by_neighbours(
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
            not _describes_person(tokens)
            or words[0] in _INDEFINITE
            or any(t.ent_type_ == "PERSON" for t in tokens)
        ):
            continue
        start, end = attribution.speaker
        bodies = [
            c
            for c in _clusters_in(doc, by_mention, start, end)
            if c.type == "organization" and not _located(doc, c, start, end)
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
        if i not in found and bodies:
            found[i] = bodies[0]
    return found


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
    if cluster.roles and not any(role_fits(r, tokens, accepted) for r in cluster.roles):
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
                if doc[i].lower_ in _INDEFINITE:
                    found[token.lower_] = token.i
                    break
                i -= 1
        doc.user_data["claimgraph_indefinite"] = found
    return found


def _claim(
    doc: Doc,
    attribution: Attribution,
    speaker: Cluster | None,
    by_mention: dict[int, Cluster],
    *,
    guessed: bool = False,
) -> Claim:
    content = doc.char_span(attribution.start_char, attribution.end_char, alignment_mode="expand")
    about = _clusters_in(doc, by_mention, content.start, content.end) if content else []
    if content is not None:
        about += [c for c in described(doc, content, by_mention) if c not in about]
        about += [c for c in referred(doc, content, speaker, by_mention) if c not in about]
    addressee = None
    if attribution.addressee is not None:
        targets = _clusters_in(doc, by_mention, *attribution.addressee)
        addressee = targets[-1].ref() if targets else None
    speaker_text = (
        doc[attribution.speaker[0] : attribution.speaker[1]].text if attribution.speaker else None
    )
    confidence = attribution.confidence if speaker is not None else min(attribution.confidence, 0.6)
    if guessed:
        confidence = min(confidence, 0.7)
    return Claim(
        id="",
        speaker=speaker.ref() if speaker else None,
        speaker_text=speaker_text,
        cue=attribution.cue,
        cue_class=attribution.cue_class,
        kind=attribution.kind,  # type: ignore[arg-type]
        text=text_of(doc)[attribution.start_char : attribution.end_char],
        about=[c.ref() for c in about],
        addressee=addressee,
        start_char=attribution.start_char,
        end_char=attribution.end_char,
        confidence=round(confidence, 2),
        context=claim_context(doc, attribution),
    )
