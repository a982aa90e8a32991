"""Bodies: which organisation "the group", "the agency" or "the company" at a cue stands for."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import lexicon
from .clusters import Cluster
from .frames import paragraph_of

# Reference nouns that stand for any organisation; the others ("the ministry", "the coalition")
# must be a word of the organisation's name to stand for it as a speaker.
ANY_ORGANISATION = {
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


def described_body(
    doc: Doc, words: list[str], at: int, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "the ministry said", "police said": the organisation of that kind the article named
    last."""
    if not words or (words[0] != "the" and len(words) != 1):
        return None
    reference = lexicon.references().get(words[-1])
    organisation = reference is not None and reference.entity_type == "organization"
    if not organisation and words[-1] not in ANY_ORGANISATION:
        return None
    earlier = [
        by_mention[m.start] for m in doc._.mentions or [] if m.start < at and m.start in by_mention
    ]
    introduced = [c for noun, c in introduced_as(doc, by_mention, at) if noun == words[-1]]
    if introduced:
        return introduced[-1]  # "The group, WeWorkers Coalition, …": the one it was named as
    hint = words[-1].capitalize()
    fitting = [c for c in earlier if c.type == "organization" and hint in c.name.split()]
    if not fitting and words[-1] in ANY_ORGANISATION:
        fitting = [c for c in earlier if c.type == "organization"]
    if not fitting and reference is not None and reference.name_word:
        return _named_later(doc, reference.name_word, at, by_mention)
    return fitting[-1] if fitting else None


def _named_later(
    doc: Doc, name_word: str, at: int, by_mention: dict[int, Cluster]
) -> Cluster | None:
    """ "… as the trust that runs it warned …" in a lede, before the Alderbridge NHS Trust is
    named: a description whose noun is a word of names ("Trust", "Council") points forward
    to the first such body named within the next two paragraphs, when none came before."""
    paragraph = paragraph_of(doc, doc[at].idx)
    for mention in doc._.mentions or []:
        cluster = by_mention.get(mention.start)
        if mention.start <= at or cluster is None or cluster.type != "organization":
            continue
        if paragraph_of(doc, mention.start_char) - paragraph > 2:
            return None
        if name_word in cluster.name.split():
            return cluster
    return None


def _kind_noun(token: Token) -> str | None:
    """The word if it names a kind of organisation ("group", "agency", "firm"), else None."""
    word = token.lower_
    return word if word in ANY_ORGANISATION or refers_to_body(word) else None


def refers_to_body(word: str) -> bool:
    reference = lexicon.references().get(word)
    return reference is not None and reference.entity_type == "organization"


def introduced_as(doc: Doc, by_mention: dict[int, Cluster], at: int) -> list[tuple[str, Cluster]]:
    """The organisations named before `at` together with the noun that introduces them, in
    order: "the group, WeWorkers Coalition,", "financial firm JP Morgan", "Acme, a software
    company,". Such a noun then stands for that organisation ("the group said"), whatever
    other organisation was named since, as a reader takes it."""
    return [
        (noun, cluster) for noun, cluster, start in _introductions(doc, by_mention) if start < at
    ]


def _introductions(doc: Doc, by_mention: dict[int, Cluster]) -> list[tuple[str, Cluster, int]]:
    found: list[tuple[str, Cluster, int]] = []
    for mention in doc._.mentions or []:
        cluster = by_mention.get(mention.start)
        if cluster is None or cluster.type != "organization":
            continue
        noun = _noun_before(doc, mention.start) or _noun_after(doc, mention.end)
        if noun is not None:
            found.append((noun, cluster, mention.start))
    return found


def named_next(doc: Doc, words: Span, by_mention: dict[int, Cluster]) -> Cluster | None:
    """ "…, according to a group of employees. The group, WeWorkers Coalition, formed …": an
    unnamed body the next sentence names by the same noun is that body."""
    head = words.root
    if words[0].lower_ not in {"a", "an"} or _kind_noun(head) is None:
        return None
    sentence = doc[words.end - 1].sent
    following = doc[sentence.end].sent if sentence.end < len(doc) else None
    for noun, cluster, start in _introductions(doc, by_mention):
        next_sentence = following is not None and following.start <= start < following.end
        this_sentence = sentence.start <= start < sentence.end
        if noun == head.lower_ and start >= words.end and (this_sentence or next_sentence):
            return cluster
    return None


def _noun_before(doc: Doc, start: int) -> str | None:
    """ "firm JP Morgan", "the group, WeWorkers Coalition,"."""
    i = start - 1
    if i >= 1 and doc[i].text == "," and start < len(doc) and doc[i - 1].lower_ != "said":
        i -= 1
    return _kind_noun(doc[i]) if i >= 0 else None


def _noun_after(doc: Doc, end: int) -> str | None:
    """ "Acme, a software company," / "Acme, the group that …": the head of the apposition."""
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"a", "an", "the"}:
        return None
    for token in doc[end + 2 : end + 6]:
        if not token.is_alpha or token.ent_type_:
            return None
        if token.pos_ != "NOUN":
            continue
        # The head is the last noun: not "software" of "a software company", nor "group" of
        # "the group's spokesman".
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.pos_ == "NOUN":
            continue
        if following is not None and following.tag_ == "POS":
            return None
        return _kind_noun(token)
    return None
