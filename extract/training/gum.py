"""GUM entities: every mention is annotated in MISC `Entity=`; keep only named PERSON/ORG/PLACE."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from claimgraph.extract.training.ner_sources import longest_first
from claimgraph.extract.training.sentences import Sentence, Span, bare, load_titles, map_label

# "(12-person-giv:act-sssss-cf1-1,2-coref-Jack_Herrick" opens mention 12; "12)" closes it.
_BRACKET = re.compile(r"\((\d+)-([^()]+)(\))?|(\d+)\)")
_NAME_PARTICLES = {"de", "del", "della", "da", "di", "du", "van", "von", "der", "den", "al", "bin"}
_CLAUSE_POS = {"VERB", "AUX", "PRON", "SCONJ", "ADV", "DET", "PART", "INTJ", "X", "SYM"}
_FUNCTION_POS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "PART", "AUX"}

Mention = tuple[int, int, str, str]  # token start, end (exclusive), GUM type, Wikipedia identity


def _mentions(sentences: list[Sentence]) -> Iterator[list[Mention]]:
    """Mentions per sentence of one document. Brackets are matched across the whole document
    because an id closes the mention it opened; a (rare) cross-sentence mention is skipped."""
    open_mentions: dict[str, list[tuple[int, int, list[str]]]] = {}
    for number, sentence in enumerate(sentences):
        found: list[Mention] = []
        for i, misc in enumerate(sentence.misc or []):
            value = next((f[7:] for f in misc.split("|") if f.startswith("Entity=")), "")
            for match in _BRACKET.finditer(value):
                if match.group(1):
                    fields = match.group(2).split("-")
                    if match.group(3):
                        found.append((i, i + 1, fields[0], _identity(fields)))
                    else:
                        open_mentions.setdefault(match.group(1), []).append((number, i, fields))
                else:
                    began, start, fields = open_mentions[match.group(4)].pop()
                    if began == number:
                        found.append((start, i + 1, fields[0], _identity(fields)))
        yield found


def _identity(fields: list[str]) -> str:
    # GRP-etype-infstat-salience-centering-minspan-link[-identity]; the id is not in `fields`
    return fields[6] if len(fields) > 6 else ""


def _head(sentence: Sentence, start: int, end: int) -> int:
    heads = sentence.heads or []
    return next((i for i in range(start, end) if not start <= heads[i] < end), start)


def _continues_name(sentence: Sentence, i: int, label: str, identity: str) -> bool:
    """Whether token i, after the head, still belongs to the name rather than to a modifier
    ("Museum of Flight" vs "Claudia Mo of the Civic Party", "Johnson Space Center in Houston")."""
    word, pos = sentence.words[i], (sentence.pos or [])[i]
    following = sentence.pos[i + 1] if sentence.pos and i + 1 < len(sentence.words) else ""
    if pos == "ADP":
        of_name = word == "of" and label != "PERSON"
        particle = word in _NAME_PARTICLES and label == "PERSON"
        return (of_name or particle) and following == "PROPN"
    if pos == "CCONJ":  # "The Globe and Mail" is one name, "Britain and France" two
        return ("_and_" in identity or "_&_" in identity) and following == "PROPN"
    if pos == "PUNCT":
        return (sentence.tags or [])[i] == "HYPH" or word in ("&", ".")
    return pos not in _CLAUSE_POS


def _name_like(sentence: Sentence, i: int) -> bool:
    """Capitalised content words: "United" (a VERB in "United States") stays, "the" goes."""
    word, pos = sentence.words[i], (sentence.pos or [])[i]
    return (word[:1].isupper() or word[:1].isdigit()) and pos not in _FUNCTION_POS


def _name_start(sentence: Sentence, start: int, head: int, label: str | None) -> int:
    """Where the name begins: after a possessor ("DAB's Horace Cheung", "Mecca's Grand
    Mosque") and, for people, after the last title or common noun ("US President Barack
    Obama", "NASA Administrator Charles Bolden")."""
    tags, pos = sentence.tags or [], sentence.pos or []
    cuts = [i for i in range(start, head) if tags[i] == "POS"]
    if label == "PERSON":
        titles = load_titles()
        cuts += [
            i for i in range(start, head) if pos[i] == "NOUN" or bare(sentence.words[i]) in titles
        ]
    start = max(cuts) + 1 if cuts else start
    while start < head and not _name_like(sentence, start):
        start += 1
    return start


def _trim(sentence: Sentence, mention: Mention) -> Span | None:
    """The name inside a mention: without articles, possessors, titles, descriptors ("the
    world's former largest McDonalds") and post-modifiers; None unless headed by a proper noun."""
    start, end, etype, identity = mention
    label = map_label(etype)
    head = _head(sentence, start, end)
    pos, tags = sentence.pos or [], sentence.tags or []
    if label is None or pos[head] != "PROPN":
        return None
    if label == "PERSON" and tags[head] == "NNPS":
        return None  # "Bangladeshis", "Libertarians": groups by origin or creed (NORP)
    modifiers = (
        i for i in range(head + 1, end) if not _continues_name(sentence, i, label, identity)
    )
    end = next(modifiers, end)
    while end > head + 1 and not _name_like(sentence, end - 1):
        end -= 1
    return (_name_start(sentence, start, head, label), end, label)


def add_named_entities(sentences: Iterable[Sentence]) -> Iterator[Sentence]:
    """Set `ents` of each sentence of a GUM document: the outermost named mention wins, and a
    nested name outside the trimmed outer one (the party in "Claudia Mo of the Civic Party")
    is kept too."""
    document = list(sentences)
    for sentence, mentions in zip(document, _mentions(document), strict=True):
        spans = [span for m in mentions if (span := _trim(sentence, m)) is not None]
        sentence.ents = longest_first(spans)
        yield sentence
