"""Every claim traceable and dated: provenance on claims, date/outlet/cue filters, first and
last seen, timelines, CSV and exports that cite their claims."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimgraph.extract.schema import Context
from claimgraph.graph import ClaimGraph
from claimgraph.graph.errors import InvalidQuery
from claimgraph.graph.queries import day_bound, period_label
from claimgraph.graph.tables import CLAIM_COLUMNS
from tests.graph.factories import GARDNER, TALIBAN, WILLIAMSON, Said, make_article


def _story(title: str, published: str | None, source: str | None, *said: Said, **fields: object):
    return make_article(
        title, [WILLIAMSON, GARDNER, TALIBAN], said, published=published, source=source, **fields
    )


@pytest.fixture
def dated(cg: ClaimGraph) -> ClaimGraph:
    cg.ingest(
        _story(
            "August",
            "2021-08-26",
            "https://www.bbc.co.uk/news/a1",
            Said("the Taliban can be trusted", speaker=GARDNER, about=[TALIBAN]),
            Said(
                "the Taliban will not keep their word",
                speaker=WILLIAMSON,
                about=[TALIBAN],
                cue="warned",
                extra={"cue_class": "warn"},
            ),
            outlet="BBC News",
        )
    )
    cg.ingest(
        _story(
            "September",
            "2021-09-02T08:00:00Z",
            "https://news.sky.com/story/b2",
            Said("talks with the Taliban had begun", speaker=WILLIAMSON, about=[TALIBAN]),
        )
    )
    cg.ingest(
        _story(
            "Undated",
            None,
            "notes/c3.txt",
            Said("nothing was agreed with the Taliban", speaker=WILLIAMSON, about=[TALIBAN]),
        )
    )
    return cg


def _texts(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [claim.text for claim in page.data]


def test_each_served_claim_carries_its_article(dated: ClaimGraph) -> None:
    claim = dated.claims(speaker="Frank Gardner").data[0]
    assert claim.article is not None
    assert claim.article.model_dump() == {
        "id": claim.article_id,
        "title": "August",
        "source": "https://www.bbc.co.uk/news/a1",
        "published": "2021-08-26",
        "outlet": "BBC News",
    }
    # With no outlet given, a URL's site names it; a path names none.
    by_sky = dated.claims(q="talks").data[0].article
    assert by_sky is not None and by_sky.outlet == "news.sky.com"
    undated = dated.claims(q="nothing was agreed").data[0].article
    assert undated is not None and undated.outlet is None and undated.published is None


def test_dates_narrow_claims_and_leave_out_undated_articles(dated: ClaimGraph) -> None:
    assert dated.claims(about="Taliban").count == 4
    assert _texts(dated.claims(since="2021-09-01")) == ["talks with the Taliban had begun"]
    assert dated.claims(until="2021-08").count == 2  # a month runs to its last day
    assert dated.claims(since="2021-08-26", until="2021-08-26").count == 2
    assert dated.claims(since="2021").count == 3  # the undated article is in no range
    assert dated.claims(until="2021-08-25").count == 0


def test_cue_class_source_and_outlet_filters(dated: ClaimGraph) -> None:
    assert _texts(dated.claims(cue_class="warn")) == ["the Taliban will not keep their word"]
    assert dated.claims(source="https://news.sky.com/story/b2").count == 1
    assert dated.claims(source="https://news.sky.com/story").count == 0  # exactly
    for outlet in ("BBC News", "bbc news", "bbc.co.uk", "www.bbc.co.uk"):
        assert dated.claims(outlet=outlet).count == 2, outlet
    assert dated.claims(outlet="sky.com").count == 1  # a domain takes its subdomains
    assert dated.claims(outlet="bbc").count == 0  # but not part of a name
    speakers = dated.speakers(about="Taliban", since="2021-09")
    assert [(s.entity.name, s.claims) for s in speakers.data] == [("Gavin Williamson", 1)]


@pytest.mark.parametrize("bad", ["2021-02-30", "2021-13", "26/08/2021", "yesterday", "21"])
def test_a_malformed_day_is_refused(dated: ClaimGraph, bad: str) -> None:
    with pytest.raises(InvalidQuery, match="is not a date"):
        dated.claims(since=bad)


def test_an_unknown_cue_class_is_refused(dated: ClaimGraph) -> None:
    with pytest.raises(InvalidQuery, match="unknown cue class 'shout'"):
        dated.claims(cue_class="shout")


def test_day_bounds() -> None:
    assert day_bound("2024-02", last=True) == "2024-02-29"
    assert day_bound("2023-12", last=True) == "2023-12-31"
    assert day_bound(" 2021-08-26 ") == "2021-08-26"


def test_entities_are_first_and_last_seen_on_their_articles_dates(dated: ClaimGraph) -> None:
    taliban = dated.entity("Taliban")
    assert (taliban.first_seen, taliban.last_seen) == ("2021-08-26", "2021-09-02")
    # Kept in step when the article that set a bound goes.
    september = dated.claims(since="2021-09").data[0].article_id
    assert september is not None
    dated.delete_article(september)
    assert dated.entity("Taliban").last_seen == "2021-08-26"


def test_first_seen_is_the_same_whatever_the_ingest_order(cg: ClaimGraph) -> None:
    late = _story("Late", "2022-01-05", None, Said("x is y", speaker=GARDNER))
    early = _story("Early", "2020-03-01", None, Said("y is z", speaker=GARDNER))
    cg.ingest(late)
    cg.ingest(early)
    gardner = cg.entity("Frank Gardner")
    assert (gardner.first_seen, gardner.last_seen) == ("2020-03-01", "2022-01-05")


def test_timeline_counts_claims_per_period_by_cue_class(dated: ClaimGraph) -> None:
    line = dated.timeline("Gavin Williamson", interval="month")
    assert line.role == "speaker" and line.claims == 3 and line.undated == 1
    assert [(b.period, b.start, b.end, b.claims, b.cue_classes) for b in line.buckets] == [
        ("2021-08", "2021-08-01", "2021-08-31", 1, {"warn": 1}),
        ("2021-09", "2021-09-01", "2021-09-30", 1, {"assert": 1}),
    ]
    weekly = dated.timeline("Taliban", role="about", interval="week")
    assert [(b.period, b.start, b.claims) for b in weekly.buckets] == [
        ("2021-W34", "2021-08-23", 2),
        ("2021-W35", "2021-08-30", 1),
    ]
    assert sum(b.claims for b in weekly.buckets) + weekly.undated == weekly.claims == 4
    daily = dated.timeline("Taliban", role="about", interval="day", cue_class="warn")
    assert [(b.period, b.claims) for b in daily.buckets] == [("2021-08-26", 1)]


def test_timeline_fills_the_gaps_and_refuses_too_many_periods(cg: ClaimGraph) -> None:
    cg.ingest(_story("One", "2000-01-10", None, Said("a is b", speaker=GARDNER)))
    cg.ingest(_story("Two", "2021-03-10", None, Said("b is c", speaker=GARDNER)))
    months = cg.timeline("Frank Gardner", interval="month").buckets
    assert len(months) == 12 * 21 + 3 and sum(b.claims for b in months) == 2
    assert months[1].period == "2000-02" and months[1].claims == 0
    with pytest.raises(InvalidQuery, match="longer interval"):
        cg.timeline("Frank Gardner", interval="day")
    assert len(cg.timeline("Frank Gardner", interval="day", since="2021").buckets) == 1


def test_period_labels_follow_iso_weeks() -> None:
    from datetime import date

    assert period_label(date(2021, 1, 4), "week") == "2021-W01"
    assert period_label(date(2020, 12, 28), "week") == "2020-W53"


def test_claims_as_csv(dated: ClaimGraph) -> None:
    rows = list(csv.DictReader(io.StringIO(dated.claims_csv(about="Taliban"))))
    assert list(rows[0]) == list(CLAIM_COLUMNS)
    assert [row["speaker"] for row in rows] == ["Frank Gardner", "Gavin Williamson"] + [
        "Gavin Williamson"
    ] * 2
    first = rows[0]
    assert first["published"] == "2021-08-26" and first["outlet"] == "BBC News"
    assert first["source"] == "https://www.bbc.co.uk/news/a1" and first["title"] == "August"
    assert first["about"] == "Taliban" and first["about_ids"] == "org:taliban"


def test_csv_cells_never_run_as_formulas(cg: ClaimGraph) -> None:
    cg.ingest(_story("Formula", None, None, Said('=HYPERLINK("http://x","y")', speaker=GARDNER)))
    row = next(csv.DictReader(io.StringIO(cg.claims_csv())))
    assert row["text"] == '\'=HYPERLINK("http://x","y")'


def test_context_is_served_as_stored(cg: ClaimGraph) -> None:
    article = _story("Said", "2021-08-26", None, Said("it is over", speaker=GARDNER))
    claim = article.claims[0]
    start = claim.start_char - 1
    context = Context(
        start_char=start, end_char=claim.end_char, text=article.text[start : claim.end_char]
    )
    article.claims[0] = claim.model_copy(update={"context": context})
    cg.ingest(article)
    served = cg.claims().data[0]
    assert served.context == context


def test_exports_cite_every_claim(dated: ClaimGraph) -> None:
    # A neighbourhood cut short keeps people and claims before articles.
    document = json.loads(dated.export("node-link", entity="Frank Gardner", max_nodes=3))
    claims = [node for node in document["nodes"] if node["kind"] == "claim"]
    assert claims and not [n for n in document["nodes"] if n["kind"] == "article"]
    assert {(c["article_title"], c["source"], c["published"], c["outlet"]) for c in claims} == {
        ("August", "https://www.bbc.co.uk/news/a1", "2021-08-26", "BBC News")
    }
    gexf = dated.export("gexf")
    assert "article_title" in gexf and "https://news.sky.com/story/b2" in gexf
    assert "article_title" not in dated.graph.nodes[f"claim:{claims[0]['id'][6:]}"]
