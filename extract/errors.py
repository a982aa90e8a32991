"""The extraction's own error, importable without the NLP stack."""


class ExtractionError(ValueError):
    """An input that cannot be turned into an article (empty, binary, too long)."""
