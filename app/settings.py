"""The service's settings: one class, read from `CLAIMGRAPH_*` environment variables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Literal

from platformdirs import user_data_dir
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from claimgraph.extract.sources import DEFAULT_MAX_ARTICLE_CHARS
from claimgraph.graph.service import MAX_NODES


def default_db_path() -> str:
    """The store used when neither `--db` nor `CLAIMGRAPH_DB` names one."""
    return str(Path(user_data_dir("claimgraph")) / "claimgraph.db")


class Settings(BaseSettings):
    """Everything the API and the CLI can be configured with.

    Each field is read from the environment variable of the same name with the `CLAIMGRAPH_`
    prefix (`CLAIMGRAPH_DB`, `CLAIMGRAPH_API_KEY`, ...).
    """

    model_config = SettingsConfigDict(env_prefix="CLAIMGRAPH_", extra="ignore")

    db: str = Field(
        default_factory=default_db_path,
        description="the store: a SQLite file (a path or sqlite:///path) or postgresql://…",
    )
    db_pool: int = Field(
        default=8, ge=1, le=256, description="connections a process keeps to PostgreSQL at most"
    )
    db_timeout: float = Field(
        default=10.0,
        gt=0,
        le=600,
        description="seconds a request waits for the store (a lock, a connection); then 503",
    )
    spacy_model: str | None = Field(
        default=None, description="spaCy package name or path; unset = the bundled pipeline"
    )
    api_key: SecretStr | None = Field(
        default=None, description="when set, writes need it (X-API-Key or Authorization: Bearer)"
    )
    read_key: SecretStr | None = Field(
        default=None, description="when set, reads need it (or the write key) too"
    )
    # Comma-separated in the environment ("https://a.example,https://b.example"), which is how
    # deployment tools write lists; a JSON list is accepted too.
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=5_000_000, ge=1, description="larger requests get 413")
    max_batch: int = Field(default=100, ge=1, description="most articles in one POST /articles")
    max_article_chars: int = Field(
        default=DEFAULT_MAX_ARTICLE_CHARS,
        ge=1,
        description="longest article text accepted (after HTML is stripped); longer gets 413",
    )
    max_export_nodes: int = Field(
        default=MAX_NODES,
        ge=1,
        le=MAX_NODES,
        description="most nodes in a whole-graph export (GET /graph without entity); more: 422",
    )
    export_process_nodes: int = Field(
        default=2000,
        ge=0,
        description="exports of this many nodes or more are written by a forked copy of the "
        "process, on Linux (0: always in the request's thread)",
    )
    extract_workers: int = Field(
        default=1, ge=1, le=64, description="articles extracted at once by the API process"
    )
    extract_queue: int = Field(
        default=8, ge=0, description="posts that may wait for an extraction worker; more get 503"
    )
    extract_timeout: float = Field(
        default=60.0,
        gt=0,
        description="seconds one POST /articles may spend extracting; past it, 422",
    )
    answer_cache_entries: int = Field(
        default=4096, ge=0, description="answers to GET queries kept in memory (0 = none)"
    )
    answer_cache_mb: int = Field(default=64, ge=1, description="memory for those answers, MiB")
    access_log: bool = Field(default=False, description="log every request (uvicorn access log)")
    fast_reads: bool = Field(
        default=True,
        description="answer valid GET /claims and /entities before routing (app/fastpath.py)",
    )
    reads: Literal["auto", "memory", "store"] = Field(
        default="auto",
        description=(
            "where answers come from: a graph in memory, or the store's graph tables"
            " (PostgreSQL; the process then holds nothing that grows with the archive);"
            " auto = store on PostgreSQL, memory on SQLite"
        ),
    )
    writes: Literal["here", "jobs"] = Field(
        default="here",
        description=(
            "who does a process's writes (ingests, decisions) when it reads from the store:"
            " here (a graph built on the first write), or jobs (queued for `claimgraph worker`"
            " processes: the process never builds a graph)"
        ),
    )
    write_wait: float = Field(
        default=30.0,
        gt=0,
        description="seconds a write queued as a job is waited for before the answer is 202",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)

    @field_validator("db", mode="before")
    @classmethod
    def _db_as_text(cls, value: object) -> object:
        # A Path from a library caller or a test is a SQLite file.
        return str(value) if isinstance(value, Path) else value

    @field_validator("api_key", "read_key", mode="before")
    @classmethod
    def _blank_key_is_unset(cls, value: object) -> object:
        # `CLAIMGRAPH_API_KEY=` in a compose file means "no key", not "the empty key".
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [origin.strip() for origin in text.split(",") if origin.strip()]
        return value
