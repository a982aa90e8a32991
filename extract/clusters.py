"""Clusters: the mentions of one entity in an article, grouped under its fullest name."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from . import lexicon
from .entities import TYPE_OF_LABEL
from .extensions import starts_of
from .mentions import Mention
from .schema import Affiliation, Entity, EntityRef, Span, clean_name, entity_id


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


def cluster_mentions(
    mentions: list[Mention], defined: dict[str, tuple[str, str]] | None = None
) -> tuple[list[Cluster], dict[int, Cluster]]:
    """Group mentions into entities; return clusters and mention start token -> cluster."""
    clusters: list[Cluster] = []
    by_mention: dict[int, Cluster] = {}
    for mention in mentions:
        entity_type, name = type_and_name(mention)
        if mention.canonical is None and mention.text in (defined or {}):
            entity_type, name = (defined or {})[mention.text]
        cluster = find_cluster(clusters, entity_type, name)
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


def type_and_name(mention: Mention) -> tuple[str, str]:
    if mention.label == "NORP":
        return "place", mention.canonical or mention.text
    name = mention.canonical or mention.text
    known = (
        lexicon.canonical_names().get(name)
        if mention.canonical or mention.label != "PERSON"
        else None
    )
    entity_type = known[1] if known else TYPE_OF_LABEL[mention.label]
    return entity_type, lexicon.without_the(clean_name(name))


def find_cluster(clusters: list[Cluster], entity_type: str, name: str) -> Cluster | None:
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
    matches = [c for c in same if name_part(words, c.name.split())]
    return matches[-1] if matches else None


def name_part(short: list[str], full: list[str]) -> bool:
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


def _generation(words: list[str]) -> tuple[list[str], str]:
    """A name's words in lower case without its generational suffix ("Jr."), and the suffix."""
    words = [w.casefold() for w in words]
    last = words[-1].strip(".,") if words else ""
    if len(words) > 1 and last in lexicon.GENERATIONS:
        return [w.rstrip(",") for w in words[:-1]], last
    return words, ""


def _one_slip(a: str, b: str) -> bool:
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def entity_of(cluster: Cluster, clusters: list[Cluster]) -> Entity:
    spans = [Span(start_char=m.start_char, end_char=m.end_char) for m in cluster.mentions]
    aliases = sorted(n for n in cluster.names if n != cluster.name)
    affiliations: list[Affiliation] = []
    for org_name, role in cluster.affiliations:
        org = find_cluster(
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


def clusters_in(doc: Doc, by_mention: dict[int, Cluster], start: int, end: int) -> list[Cluster]:
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
