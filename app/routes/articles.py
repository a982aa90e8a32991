"""/articles: submit articles for extraction, list, read and delete them."""

from __future__ import annotations

from typing import Annotated, Any

import anyio.to_thread
from fastapi import APIRouter, Body, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

from claimgraph.app.deps import (
    ExtractionQueueDep,
    GraphDep,
    Pagination,
    ReadAuth,
    SettingsDep,
    WriteAuth,
)
from claimgraph.app.errors import ApiError, domain_status, error_responses
from claimgraph.app.extraction import ClientGone, ExtractionQueue
from claimgraph.app.routes.jobs import QueuedJob
from claimgraph.app.settings import Settings
from claimgraph.extract import ExtractionError
from claimgraph.extract.cleaning import is_html
from claimgraph.extract.schema import Article
from claimgraph.extract.sources import SourceDocument
from claimgraph.graph import ArticleSummary, IngestResult, Page

router = APIRouter(prefix="/articles", tags=["articles"], responses=error_responses(401, 422))


class ArticleBatch(BaseModel):
    """Several articles in one request, extracted and stored together."""

    model_config = ConfigDict(extra="forbid")

    articles: list[SourceDocument] = Field(min_length=1)


def _payload_kind(value: Any) -> str:
    if isinstance(value, ArticleBatch) or (isinstance(value, dict) and "articles" in value):
        return "batch"
    return "article"


# Told apart by the "articles" key, so a malformed single article gets the single article's
# validation errors rather than those of both alternatives.
ArticlePayload = Annotated[
    Annotated[SourceDocument, Tag("article")] | Annotated[ArticleBatch, Tag("batch")],
    Discriminator(_payload_kind),
]


POST_EXAMPLES = {
    "one": {
        "summary": "One article",
        "value": {
            "text": "Kabul Airport closes\n\nThe Taliban said on Thursday the airport was secure.",
            "source": "https://news.example/kabul",
            "published": "2021-08-26",
        },
    },
    "batch": {
        "summary": "A batch (HTML and text)",
        "value": {
            "articles": [
                {
                    "text": "<html><body><article><h1>Bridge to reopen</h1><p>Mayor Ada Park "
                    "said the bridge would reopen in May.</p></article></body></html>",
                    "format": "html",
                    "source": "https://news.example/bridge",
                },
                {
                    "text": '"The repairs are on schedule," engineer Tom Reyes told reporters.',
                    "title": "A title the text does not carry",
                },
            ]
        },
    },
}


def _refuse_early(documents: list[SourceDocument], settings: Settings) -> None:
    """What can be refused before any work: too many articles, or plain text too long."""
    if len(documents) > settings.max_batch:
        raise ApiError(
            413,
            "batch_too_large",
            f"{len(documents)} articles in one request; the limit is {settings.max_batch}",
        )
    for index, document in enumerate(documents):
        # HTML is longer than its text; its text is measured once extracted (still before NLP).
        if not is_html(document) and len(document.text) > settings.max_article_chars:
            where = f"articles[{index}]: " if len(documents) > 1 else ""
            raise ApiError(
                413,
                "article_too_long",
                f"{where}text is {len(document.text)} characters, over the limit of "
                f"{settings.max_article_chars} (CLAIMGRAPH_MAX_ARTICLE_CHARS)",
            )


async def _extract_all(
    queue: ExtractionQueue, documents: list[SourceDocument], request: Request
) -> list[Article]:
    """Extract every document, or fail the whole request: a batch is stored all or nothing."""
    articles = []
    for index, result in enumerate(await queue.extract(documents, request)):
        if isinstance(result, ExtractionError):
            if len(documents) == 1:
                raise result
            status, code = domain_status(result)
            raise ApiError(status, code, f"articles[{index}]: {result}")
        articles.append(result)
    return articles


@router.post(
    "",
    status_code=201,
    response_model=Page[IngestResult] | Page[QueuedJob],
    dependencies=[WriteAuth],
    responses={
        200: {"model": Page[IngestResult], "description": "Every article was already stored"},
        202: {"model": Page[QueuedJob], "description": "Queued for workers (`?queue=true`)"},
        **error_responses(400, 413, 503),
    },
    summary="Extract and store one article or a batch",
)
async def post_articles(
    payload: Annotated[ArticlePayload, Body(openapi_examples=POST_EXAMPLES)],
    request: Request,
    graph: GraphDep,
    queue: ExtractionQueueDep,
    settings: SettingsDep,
    response: Response,
    to_queue: Annotated[
        bool,
        Query(
            alias="queue",
            description="queue the articles for `claimgraph worker` processes and answer 202 "
            "with a job per article at once (GET /jobs/{id} follows each)",
        ),
    ] = False,
) -> Page[IngestResult] | Page[QueuedJob] | Response:
    """Send `{"text": ...}` for one article or `{"articles": [...]}` for several.

    Answers 201 when anything new was stored and 200 when every article was already there
    (re-sending the same text is harmless). Articles are extracted by a pool of their own
    (`CLAIMGRAPH_EXTRACT_WORKERS`): when it and its queue are full the answer is 503 with
    Retry-After; an extraction past `CLAIMGRAPH_EXTRACT_TIMEOUT` seconds is stopped (422), and
    so is one whose client disconnects.
    """
    documents = payload.articles if isinstance(payload, ArticleBatch) else [payload]
    _refuse_early(documents, settings)
    if to_queue:
        items = [doc.model_dump(mode="json", exclude_none=True) for doc in documents]
        ids = await anyio.to_thread.run_sync(graph.store.enqueue, items)
        response.status_code = 202
        if len(ids) == 1:
            response.headers["Location"] = f"/jobs/{ids[0]}"
        jobs = [QueuedJob(id=jid, url=f"/jobs/{jid}") for jid in ids]
        return Page[QueuedJob](data=jobs, count=len(jobs))
    try:
        articles = await _extract_all(queue, documents, request)
    except ClientGone:
        return Response(status_code=499)  # nobody is listening; nothing was stored
    results = await anyio.to_thread.run_sync(graph.ingest_many, articles)
    if all(result.status == "unchanged" for result in results):
        response.status_code = 200
    return Page[IngestResult](data=results, count=len(results))


@router.get("", dependencies=[ReadAuth])
def list_articles(graph: GraphDep, page: Pagination) -> Page[ArticleSummary]:
    """Stored articles, without their text, entities and claims."""
    return graph.articles(limit=page.limit, offset=page.offset)


@router.get("/{article_id}", dependencies=[ReadAuth], responses=error_responses(404))
def get_article(article_id: str, graph: GraphDep) -> Article:
    """One article with its cleaned text, entities and claims."""
    return graph.article(article_id)


@router.delete(
    "/{article_id}",
    status_code=204,
    dependencies=[WriteAuth],
    responses=error_responses(404),
)
def delete_article(article_id: str, graph: GraphDep) -> Response:
    """Remove an article and whatever in the graph only it supported."""
    graph.delete_article(article_id)
    return Response(status_code=204)
