"""Entity names and ids: any script, any length, no invisible characters, one id per name."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.extract.schema import MAX_SLUG_CHARS, clean_name, entity_id, slug

# Every parameter of the API that takes an entity id accepts up to 300 characters.
MAX_ID_PARAMETER = 300


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Gavin Williamson", "gavin-williamson"),
        ("José Martí", "jose-marti"),  # accents dropped: the ids of Latin names are unchanged
        ("Mr. O'Brien", "mr-o-brien"),
    ],
)
def test_latin_names_keep_their_plain_slugs(name: str, expected: str) -> None:
    assert slug(name) == expected


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Владимир Петров", "Иван Сидоров"),  # both were "unnamed": one man's words the other's
        ("李伟", "李薇"),  # one transliteration ("liwei"), two people
        ("Łukasz Nowak", "Ukasz Nowak"),  # "Ł" was dropped, not spelled
        ("Straße", "Strae"),
        ("???", "!!!"),  # no letters at all
    ],
)
def test_names_only_a_transliteration_can_spell_get_ids_of_their_own(
    first: str, second: str
) -> None:
    assert slug(first) != slug(second)
    assert slug(first) == slug(first.lower()) == slug(first)  # stable, case-blind


def test_a_transliterated_name_stays_readable() -> None:
    assert re.fullmatch(r"vladimir-petrov-[0-9a-f]{8}", slug("Владимир Петров"))


def test_bidi_and_other_invisible_characters_are_no_part_of_a_name() -> None:
    assert clean_name("\u202eLena Morrow\u202c") == "Lena Morrow"
    assert clean_name("Lena\u200b Morrow\u2066") == "Lena Morrow"
    assert clean_name("Ana\u00a0\n Ruiz") == "Ana Ruiz"
    assert clean_name("Cafe\u0301") == "Café"  # NFC
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"  # Persian's zero-width non-joiner stays
    assert slug("\u202eLena Morrow\u202c") == slug("Lena Morrow")


def test_a_name_of_thousands_of_characters_gets_an_id_the_api_accepts() -> None:
    for name in ("a" + "\u0301" * 2000, "Lena " * 500, "Ж" * 3000):
        assert len(entity_id("person", name)) <= MAX_ID_PARAMETER
    assert slug("Lena " * 500) != slug("Lena " * 499)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=400), st.text(min_size=1, max_size=400))
def test_every_name_gets_a_bounded_id_and_different_names_different_ids(
    first: str, second: str
) -> None:
    for name in (first, second):
        for entity_type in ("person", "organization", "place"):
            found = entity_id(entity_type, name)
            assert len(found) <= MAX_ID_PARAMETER
            assert re.fullmatch(r"(person|org|place):[a-z0-9-]+", found)
        assert len(slug(name)) <= MAX_SLUG_CHARS + 9
        assert slug(name) == slug(clean_name(name))
    # Distinct names share an id only where accents or punctuation alone tell them apart
    # ("Mr. X" and "Mr X"); a name that needs transliteration carries a hash of its own.
    if slug(first) == slug(second) and _folded(first) != _folded(second):
        assert _plain(first) == _plain(second)


def _folded(name: str) -> str:
    return clean_name(name).casefold()


def _plain(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", clean_name(name)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "", ascii_name.decode().lower())


@pytest.mark.model
def test_two_people_named_in_cyrillic_are_two_speakers() -> None:
    import claimgraph

    store = claimgraph.open_store(":memory:")
    for text in (
        "Владимир Петров said the plan would fail.",
        "Иван Сидоров said the plan would work.",
    ):
        store.ingest(claimgraph.extract_text(text))
    speakers = {c.speaker.id: c.text for c in store.claims().data if c.speaker is not None}
    assert len(speakers) == 2
    for speaker_id, text in speakers.items():
        assert store.entity(speaker_id).name in {"Петров", "Владимир Петров", "Иван Сидоров"}
        assert [c.text for c in store.said(speaker_id).data] == [text]


@pytest.mark.model
def test_a_name_written_with_bidi_controls_is_one_clean_entity() -> None:
    import claimgraph

    article = claimgraph.extract_text(
        "Lena Morrow said the count was accurate. \u202eLena Morrow\u202c later said it was fair."
    )
    ids = [entity.id for entity in article.entities]
    assert len(ids) == len(set(ids))
    people = [entity for entity in article.entities if entity.type == "person"]
    assert [(p.name, p.aliases) for p in people] == [("Lena Morrow", [])]
