"""Shared by every suite: the sqlite_only marker's effect (see tests/backends.py)."""

from __future__ import annotations

import pytest

from tests.backends import deselect_sqlite_only


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    deselect_sqlite_only(config, items)
