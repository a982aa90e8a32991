"""Quote finding across mark styles, apostrophes and paragraphs."""

from __future__ import annotations

import pytest

from claimgraph.extract.quotes import find_quotes, whole_text_paragraphs


def quoted(text: str) -> list[str]:
    return [text[q.start_char : q.end_char] for q in find_quotes(text, whole_text_paragraphs(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: “We are ready.”", ["We are ready."]),
        ("‘We don’t know yet,’ she said.", ["We don’t know yet"]),
        ('"It is over," he said.', ["It is over"]),
        ("'It is over,' he said.", ["It is over"]),
        ("The soldiers’ families were told ‘nothing at all’ about it.", ["nothing at all"]),
        ("Rock ’n’ roll and the ’90s are not quotes.", []),
        (
            "He said: “They called it ‘madness’ at the time.”",
            ["They called it ‘madness’ at the time."],
        ),
        ("“First.” Then: “Second,” she added.", ["First.", "Second"]),
    ],
)
def test_quote_styles(text, expected):
    assert quoted(text) == expected


def test_unclosed_quote_continues_into_next_paragraph():
    text = "He said: “The first part.\n\n“The second part.”\n\nAfter."
    found = find_quotes(text, whole_text_paragraphs(text))
    assert [(q.paragraph, q.closed, q.continues) for q in found] == [
        (0, False, False),
        (1, True, True),
    ]
