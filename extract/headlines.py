"""Headlines: the page's title and the other stories' headlines listed under it, whose names
count only where the story itself names them too."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .extensions import text_of
from .mentions import Mention

# A headline's words that stay lower-case in title case ("Tour of North America").
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on"}
    | {"or", "over", "per", "the", "to", "up", "via", "vs", "with"}
)
_SENTENCE_END = (".", "!", "?", "”", '"', "’", "'", ":", ";", ")")


def headline_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Where the title and the run of headline lines right below it lie (character offsets).
    A page lists other stories' headlines under its own ("Singer to Host Awards Show") before
    the story starts; their words are capitalised whatever they are, so the model reads names
    into them ("Google Bets"), and what a headline names the annotated story need not name."""
    paragraphs = doc._.paragraphs or []
    text = text_of(doc)
    ranges: list[tuple[int, int]] = []
    if len(paragraphs) < 2:
        return ranges  # a lone line is the story (a wire flash), whatever cleaning called it
    for index, paragraph in enumerate(paragraphs):
        line = text[paragraph.start_char : paragraph.end_char]
        # A first line that ends as a sentence does is the lede of a text given untitled.
        titled = paragraph.kind == "title" and not line.rstrip().endswith((".", ".”", '."'))
        if titled or (index and ranges and _headline_like(line)):
            ranges.append((paragraph.start_char, paragraph.end_char))
        elif index:
            break
    return ranges


def _headline_like(line: str) -> bool:
    """A line in title case with no sentence's end: "Band Adds Dates to Its Farewell Tour"."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w.lower() not in _MINOR_WORDS]
    if len(words) < 3 or line.rstrip().endswith(_SENTENCE_END):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def outside_headlines(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, less those in a headline of a name the rest of the text never writes
    (a word of a person's name written alone counts: "Marsh" for "Helen Marsh")."""
    ranges = headline_ranges(doc)
    if not ranges:
        return mentions
    text = text_of(doc)
    bounds = [0, *(edge for span in ranges for edge in span), len(text)]
    rest = "\n".join(text[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2))
    kept = []
    for mention in mentions:
        inside = any(start <= mention.start_char < end for start, end in ranges)
        if not inside or _written(mention, rest):
            kept.append(mention)
    return kept


def _written(mention: Mention, text: str) -> bool:
    """Whether `text` writes the mention's name, or its fuller form ("Alderbridge council" of
    a headline is "Alderbridge City Council" below it)."""
    names = [mention.text, *([mention.canonical] if mention.canonical else [])]
    if mention.label == "PERSON":
        names += mention.text.split()
    words = mention.text.split()
    fuller = r"(?:\s+\S+){0,2}\s+".join(re.escape(word) for word in words[:1] + words[-1:])
    return re.search(rf"(?<!\w){fuller}(?!\w)", text, re.IGNORECASE) is not None or any(
        re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) for name in names
    )


# A short quotation: a work's title or a slogan when written in title case.
_SHORT_QUOTE = re.compile(r"[“\"]([^”\"\n]{2,80}?)[”\"]|‘([^‘’\n]{2,60}?)’(?!\w)")


def quoted_titles(doc: Doc) -> list[tuple[int, int]]:
    """Where the titles of works written in quotation marks lie: “China Grove,” “Harold and
    Maude Go West” (title case, no sentence's end), whose words name no one the story does."""
    cached = doc.user_data.get("claimgraph_quoted_titles")
    if cached is None:
        cached = []
        for match in _SHORT_QUOTE.finditer(text_of(doc)):
            inner = match.group(1) or match.group(2)
            index = 1 if match.group(1) is not None else 2
            line = inner.rstrip(",")
            if _title_case(line) and not line.endswith((".", "!", "?")):
                cached.append((match.start(index), match.end(index)))
        doc.user_data["claimgraph_quoted_titles"] = cached
    return list(cached)


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", line) if w.lower() not in _MINOR_WORDS]
    return (
        len(line.split()) >= 2
        and line[:1].isupper()
        and bool(words)
        and all(w[0].isupper() for w in words)
    )


# "Follow us on Twitter", "Like her on Facebook", "Subscribe to our YouTube channel": a page's
# prompt to its readers, whose networks and accounts the story does not name.
_SOCIAL_PROMPT = re.compile(
    r"(?:follow|like|join|find|friend|connect with|subscribe to)\s+"
    r"(?:us|me|him|her|them|our|his|their|@\w+)\b",
    re.IGNORECASE,
)


def outside_prompts(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, less those in a sentence that prompts readers to follow the outlet."""
    text = text_of(doc)
    if _SOCIAL_PROMPT.search(text) is None:
        return mentions
    kept = []
    for mention in mentions:
        sentence = doc[mention.start].sent
        if not _SOCIAL_PROMPT.match(text, sentence.start_char, sentence.end_char):
            kept.append(mention)
    return kept


# Kinds of work whose title follows them without quotation marks ("the film Harold and Maude").
_WORKS = frozenset(
    {"film", "movie", "documentary", "song", "album", "single", "book", "novel", "memoir"}
    | {"series", "sitcom", "musical", "opera", "play", "painting", "poem", "podcast", "game"}
)


def outside_titles_of_works(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """The mentions, less those in a title written after the kind of work it is ("the film
    Harold and Maude", "the album Kestria Nights"): its words name no one in the story."""
    runs = []
    for token in doc[:-1]:
        if token.lower_ not in _WORKS or not token.is_lower:
            continue
        end = _title_end(doc, token.i + 1)
        if end > token.i + 1:
            runs.append((token.i + 1, end))
    return [m for m in mentions if not any(s <= m.start < e for s, e in runs)]


def _title_end(doc: Doc, start: int) -> int:
    """Where a title in title case starting at `start` ends ("Harold and Maude" + " opens")."""
    end = start
    while end < len(doc):
        if doc[end].is_title:
            end += 1
        elif end > start and doc[end].lower_ in _MINOR_WORDS and end + 1 < len(doc):
            if not doc[end + 1].is_title:
                break
            end += 1
        else:
            break
    return end
