"""The 单位共享数据库 on PostgreSQL: the URL, opening and migrating a server database (tests/pg_support.py)."""

from __future__ import annotations

import pytest

from gwdesk.errors import StorageError
from gwdesk.store import dburl, server
from gwdesk.store.db import open_store
from gwdesk.store.migrations import latest_version


def test_empty_server_database_gets_the_schema(pg_url):
    url = dburl.parse(pg_url)
    s = open_store(url)
    try:
        assert s.version == latest_version()
        assert s.shared and s.path is None
        assert "application_search" in s.db.get_tables()
    finally:
        s.close()
