"""SQLite backend: a file (WAL, foreign keys on) or ``:memory:``; FTS5 for search."""
from __future__ import annotations

import sqlite3
from typing import Any

from .base import BaseStore
from .dedup import DedupSettings
from .search import fts5_query


class SQLiteStore(BaseStore):
    """The store in one SQLite file (``path``; ``:memory:`` for a throwaway one), FTS5 for search;
    opening it applies pending migrations."""

    backend = "sqlite"

    def __init__(self, path: str = "marsad.db", settings: DedupSettings | None = None) -> None:
        super().__init__(settings)
        self.path = path
        # autocommit mode: transactions are explicit (BEGIN IMMEDIATE … COMMIT) in _tx()
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        if path != ":memory:" and not path.startswith("file::memory:"):
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self._check_fts5()
        self._migrate()

    def _check_fts5(self) -> None:
        try:
            self.conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
            self.conn.execute("DROP TABLE temp._fts5_probe")
        except sqlite3.OperationalError as e:  # pragma: no cover - depends on the build
            raise RuntimeError(f"this Python's sqlite3 has no FTS5 ({e})") from e

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self.conn.execute(sql, tuple(params))

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        self.conn.executemany(sql, rows)

    def _rows(self, cur: Any) -> list[dict]:
        return [dict(r) for r in cur.fetchall()]

    def _begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock up front: one writer

    def _commit(self) -> None:
        self.conn.execute("COMMIT")

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _ddl(self, sql: str) -> str:
        return sql.replace("{pk}", "INTEGER PRIMARY KEY").replace("{real}", "REAL").replace("{blob}", "BLOB")

    def _create_fts(self) -> None:
        self._exec(
            "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, "
            "content='search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2')")
        self._exec(
            "CREATE TRIGGER IF NOT EXISTS search_docs_ai AFTER INSERT ON search_docs BEGIN "
            "INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body); END")
        self._exec(
            "CREATE TRIGGER IF NOT EXISTS search_docs_ad AFTER DELETE ON search_docs BEGIN "
            "INSERT INTO search_fts (search_fts, rowid, title, body) "
            "VALUES ('delete', old.id, old.title, old.body); END")
        self._exec("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")

    def _fts_search(self, query: str, limit: int) -> list[dict]:
        match = fts5_query(query)
        if not match:
            return []
        return self._q(
            "SELECT d.kind, d.ref, d.doc_key, bm25(search_fts, 5.0, 1.0) AS rank FROM search_fts "
            "JOIN search_docs d ON d.id = search_fts.rowid WHERE search_fts MATCH ? "
            "ORDER BY rank, d.id LIMIT ?", (match, limit))

    def close(self) -> None:
        """Close the database connection (errors on closing are ignored)."""
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover
            pass
