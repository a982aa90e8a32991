"""Cleaning: boilerplate, metadata lines, typography and HTML."""

from __future__ import annotations

import pytest

from claimgraph.extract.cleaning import CleaningError, clean, is_boilerplate
from claimgraph.extract.sources import SourceDocument


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to our daily newsletter",
        "READ MORE: Minister faces questions over base closure",
        "Read more",
        "Photo: Reuters/John Smith",
        "Comments are closed for this article",
        "Advertisement",
        "Share this article",
        "Taliban LIVE: Warning as fighters gather [LATEST]",
        "Get the best stories delivered straight to your inbox.",
    ],
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the base would stay open.",
        "“We will not be intimidated,” she said.",
        "Advertising executives said the campaign had worked.",
    ],
)
def test_article_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_title_byline_date_and_glued_stop():
    raw = (
        "Minister warns of threat\n\nBy Jane Doe, Defence Correspondent\n"
        "Published 12 March 2024\n\nThe minister spoke on Monday.She said the threat "
        "was real.\n\nSign up to our daily newsletter\n"
    )
    cleaned = clean(SourceDocument(text=raw))
    assert cleaned.title == "Minister warns of threat"
    assert cleaned.byline == "Jane Doe"
    assert cleaned.published == "2024-03-12"
    assert "Monday. She said" in cleaned.text
    assert "newsletter" not in cleaned.text
    for para in cleaned.paragraphs:
        assert cleaned.text[para.start_char : para.end_char].strip()


def test_html_main_text():
    html = (
        "<html><head><title>Talks resume</title></head><body><nav>Home | World</nav>"
        "<article><h1>Talks resume</h1><p>Negotiators met in Doha on Tuesday, officials "
        "said, and agreed to continue the talks next week.</p><p>“We are hopeful,” one "
        "diplomat said after the meeting ended late in the evening.</p></article>"
        "<footer>We use cookies to improve your experience. Accept cookies</footer>"
        "</body></html>"
    )
    cleaned = clean(SourceDocument(text=html, format="html"))
    assert "Negotiators met in Doha" in cleaned.text
    assert "cookies" not in cleaned.text
    assert "Home | World" not in cleaned.text


@pytest.mark.parametrize("raw", ["   \n\n ", "Advertisement\nShare this article\n"])
def test_nothing_left_is_an_error(raw):
    with pytest.raises(CleaningError):
        clean(SourceDocument(text=raw))


@pytest.mark.parametrize(
    "first",
    [
        "LONDON, March 12 (Reuters) - Four soldiers were hurt.",
        "KABUL (AP) — Four soldiers were hurt.",
    ],
)
def test_dateline_is_metadata_not_text(first):
    cleaned = clean(SourceDocument(text=f"Soldiers hurt in attack\n\n{first}\n\nMore followed."))
    assert "Four soldiers were hurt." in cleaned.text
    assert "LONDON" not in cleaned.text and "KABUL" not in cleaned.text


def test_a_page_of_navigation_only_is_no_article():
    with pytest.raises(CleaningError):
        clean(SourceDocument(text="<html><body><nav>Home</nav></body></html>", format="html"))


@pytest.mark.parametrize(
    "line",
    [
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "Follow her on Twitter @reporter.",
        "Have a tip? The reporter may be reached at tips@news.example.",
        "Get the latest updates right in your inbox. Subscribe to our newsletters.",
        "Click here to download the app.",
        "Morning Briefing Newsletter",
        "Get the magazine delivered every month. 12 issues for £11.99.",
    ],
)
def test_account_newsletter_and_link_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The senator said she would follow the committee's advice on Twitter policy.",
        "Users who follow him on Twitter saw the post before it was deleted, the company said.",
        "The newsletter, which has 40,000 readers, first reported the resignation.",
    ],
)
def test_story_lines_that_mention_the_same_words_stay(line: str) -> None:
    assert not is_boilerplate(line)
