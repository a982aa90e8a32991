# claimgraph: the API over an embedded SQLite store, seeded with the bundled sample articles.
#   docker build -t claimgraph .
#   docker run -p 8000:8000 -v claimgraph-data:/data claimgraph
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CLAIMGRAPH_DB=/data/claimgraph.db

WORKDIR /app

# Only what the package and the demo need: no .git, no virtualenv, no tests.
COPY pyproject.toml README.md ./
COPY extract ./extract
COPY graph ./graph
COPY app ./app
# claimgraph/ holds the public API and links to the three folders above (one installed package).
COPY claimgraph ./claimgraph
RUN pip install --no-cache-dir .
COPY seeds/*.txt seeds/*.html ./seeds/

RUN useradd --create-home --uid 10001 claimgraph \
    && mkdir -p /data \
    && chown claimgraph:claimgraph /data
USER claimgraph
VOLUME ["/data"]

EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

# Re-ingesting the seeds on every start is idempotent: unchanged articles are left as they are.
CMD ["claimgraph", "serve", "--host", "0.0.0.0", "--port", "8000", "--ingest", "/app/seeds"]
