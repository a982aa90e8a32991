"""Roles: the job written before a name or beside it in apposition ("spokesman for …")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from . import lexicon

if TYPE_CHECKING:
    from .mentions import Mention

_JOINERS = {"of", "for", "and", "&", "-", "'s", "’s", "the"}


_APPOSITION_OPENERS = {"a", "an", "the", "its", "his", "her", "their"}


def add_appositive_role(doc: Doc, mention: Mention) -> None:
    """A role in apposition: "Jonas Wehrle, a spokesman for the Bundeswehr," and "Kestria's
    foreign minister, Irena Koval," — the description names what the person does."""
    after = mention.end
    if after < len(doc) and doc[after].text == ",":
        end = after + 1
        while end < len(doc) and end - after <= 8 and doc[end].text not in {",", ".", ";", "("}:
            end += 1
        _take_role(doc, mention, after + 1, end)
    before = mention.start - 1
    if before > 0 and doc[before].text == "," and not mention.role:
        start = before - 1
        while (
            start > 0
            and before - start < 8
            and doc[start - 1].text not in {",", ".", ";"}
            and not doc[start - 1].is_sent_end
            and "\n" not in doc[start - 1].text
            and doc[start - 1].pos_ not in {"VERB", "AUX"}  # "Marsh also met Kestria's …"
        ):
            start -= 1
        _take_role(doc, mention, start, before)


# "the son of Vice President Joe Biden": a job written beside a relative is the relative's.
_KIN = frozenset(
    {
        *("son", "daughter", "wife", "husband", "father", "mother", "brother", "sister"),
        *("widow", "widower", "nephew", "niece", "grandson", "granddaughter", "cousin"),
        *("uncle", "aunt", "stepson", "stepdaughter", "stepfather", "stepmother", "child"),
        *("fiancé", "fiancée", "fiance", "fiancee", "girlfriend", "boyfriend", "partner"),
    }
)


_TIES = frozenset({"of", "for", "to", "with", "under"})


def _possessed(doc: Doc, i: int) -> bool:
    """Whether the entity starting at token i ends in a possessive ("Kestria's")."""
    j = i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j < len(doc) and doc[j].lower_ in {"'s", "’s", "'"}


def _take_role(doc: Doc, mention: Mention, start: int, end: int) -> None:
    words = doc[start:end]
    if any(t.lower_ in _KIN for t in words):
        return  # "Hunter Biden, the son of Vice President Joe Biden,": not his office
    # "a spokesman for Chancellor Olaf Scholz": the titles of the person named in the
    # appositive are theirs; the role is what comes before the word tying the two.
    # ("Kestria's foreign minister": a possessive names whose minister, not another person.)
    other = next(
        (
            t.i
            for t in words
            if t.ent_type_ == "PERSON" and t.ent_iob_ == "B" and not _possessed(doc, t.i)
        ),
        None,
    )
    if other is not None:
        tie = next((t.i for t in reversed(doc[start:other]) if t.lower_ in _TIES), None)
        if tie is None:
            return
        end = tie
        words = doc[start:end]
    # "Jonas Wehrle, a spokesman for …", "Kestria's foreign minister, Irena Koval," and
    # "Dr Fiona Marlowe, chief executive of the trust,": an article, a name, or a job.
    opens = bool(words) and (
        words[0].lower_ in _APPOSITION_OPENERS
        or words[0].ent_type_ != ""
        or (words[0].is_lower and words[0].pos_ in {"NOUN", "ADJ", "PROPN"})
    )
    if not opens:
        return
    nouns = [t for t in words if t.lower_ in lexicon.role_nouns()]
    if not nouns:
        return
    head = nouns[-1]
    first = start + 1 if words[0].lower_ in _APPOSITION_OPENERS else start
    # "Kestria's foreign minister": the role is "foreign minister", Kestria its place.
    possessive = [t.i for t in doc[first : head.i] if t.lower_ in {"'s", "’s"}]
    first = possessive[-1] + 1 if possessive else first
    org = next(
        (e for e in doc.ents if e.label_ == "ORG" and start <= e.start and e.end <= end), None
    )
    role = doc[first : head.i + 1].text
    if not role or len(role.split()) > 6:
        return
    if not mention.role:
        mention.role = role
    elif all(w.rstrip(".").lower() in lexicon.titles() for w in mention.role.split()):
        # "Dr Fiona Marlowe, chief executive of …": a title and a job, both roles.
        mention.more_roles.append(role)
    if org is not None and mention.affiliation is None:
        mention.affiliation = org.text


_NOT_IN_TITLES = {"SCONJ", "ADP", "DET", "PRON", "AUX", "VERB", "ADV", "CCONJ", "PART"}


def add_preceding_role(doc: Doc, mention: Mention) -> None:
    """Read the job title written before a name: "BBC Security Correspondent Frank Gardner"."""
    i = mention.start
    while i > 0:
        token = doc[i - 1]
        word = token.text.rstrip(".").lower()
        known = word in lexicon.titles() or word in lexicon.role_nouns()
        if token.is_sent_start and not (known or token.is_title or token.is_upper):
            break
        if not known and token.pos_ in _NOT_IN_TITLES and not _tie(doc, i - 1):
            break  # "When L/Cpl Ahmed arrived": a capitalised word is not a title for that
        if token.ent_type_ in {"PERSON"} or (token.is_punct and token.text not in {"/", "-"}):
            break
        # "Alderbridge council leader Joanne Pryce": a lower-case noun that says which leader.
        modifier = (
            token.is_lower
            and token.pos_ == "NOUN"
            and i < mention.start
            and doc[i].text.rstrip(".").lower() in lexicon.role_nouns()
        )
        if not (
            token.is_title
            or token.is_upper
            or word in lexicon.role_nouns()
            or word in lexicon.titles()
            or word in _JOINERS
            or _tie(doc, i - 1)
            or token.like_num
            or modifier
        ):
            break
        i -= 1
    while i < mention.start and doc[i].lower_ in _JOINERS:
        i += 1
    if i == mention.start:
        return
    words = doc[i : mention.start]
    role_at = _last_role_word(words)
    if role_at is None:
        return
    org = next(
        (e for e in doc.ents if e.start >= i and e.end <= role_at and e.label_ == "ORG"), None
    )
    role_start = org.end if org is not None else i
    role_tokens = doc[role_start : mention.start]
    if role_tokens and role_tokens.text.strip():
        prefix = role_tokens.text.strip()
        mention.role = f"{prefix} {mention.role}" if mention.role else prefix
    if org is not None:
        mention.affiliation = org.text


# "China's ambassador to Britain Liu Xiaming", "adviser to the president": a role tied to
# the body or place it serves.
_ROLE_TIES = frozenset({"to", "for", "of"})


def _tie(doc: Doc, j: int) -> bool:
    """Whether token j ties a role word before it to a name after it."""
    return (
        doc[j].lower_ in _ROLE_TIES
        and j > 0
        and doc[j - 1].text.rstrip(".").lower() in lexicon.role_nouns() | lexicon.titles()
    )


def _last_role_word(words: Span) -> int | None:
    """The token index of the role noun or title that ends a role written before a name,
    where only a tie and a name may follow it ("ambassador to Britain"); None if none."""
    known = lexicon.role_nouns() | lexicon.titles()
    at = next((t.i for t in reversed(words) if t.text.rstrip(".").lower() in known), None)
    if at is None:
        return None
    rest = [t for t in words if t.i > at]
    if not rest:
        return at
    tied = rest[0].lower_ in _ROLE_TIES and len(rest) > 1
    names = all(t.is_title or t.is_upper or t.lower_ == "the" for t in rest[1:])
    return at if tied and names else None
