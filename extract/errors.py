"""The extraction's own error, importable without the NLP stack."""


class ExtractionError(ValueError):
    """An input that cannot be turned into an article (empty, binary, too long)."""


class ArticleTooLong(ExtractionError):
    """An article whose text is over the length the extractor was configured to accept."""


class ExtractionStopped(Exception):
    """An extraction given up before it finished (its deadline passed, its client left, the
    service is stopping); `reason` says which."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
