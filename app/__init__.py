"""The HTTP API and the `claimgraph` command over graph/ and extract/ (no NLP or graph logic)."""
