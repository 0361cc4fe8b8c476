"""PostgreSQL backend (psycopg 3): ``postgresql://…`` URL; ``?schema=NAME`` keeps the tables in
their own schema (created if missing). Search: ``to_tsvector('simple', folded text)`` with GIN."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql as pgsql
from psycopg.rows import dict_row

from .base import BaseStore
from .dedup import DedupSettings
from .search import query_tokens

_LOCK_KEY = 0x6D61727361  # "marsa": advisory lock serialising writers


def split_schema(url: str) -> tuple[str, str | None]:
    """Remove a ``schema=`` query parameter from ``url``; return (url, schema)."""
    parts = urlsplit(url)
    q = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in q if k == "schema"), None)
    rest = [(k, v) for k, v in q if k != "schema"]
    return urlunsplit(parts._replace(query=urlencode(rest))), schema


def _no_nul(params: tuple | list) -> None:
    # NUL is no valid PostgreSQL text: refused here as on SQLite (values are cleaned on ingest)
    for p in params:
        if isinstance(p, str) and "\x00" in p:
            raise ValueError("text values must not contain NUL characters")


class PostgresStore(BaseStore):
    """The store in a PostgreSQL database (``url``: ``postgresql://…``, psycopg 3), full-text search
    with ``tsvector``; opening it applies pending migrations under an advisory lock."""

    backend = "postgres"

    def __init__(self, url: str, settings: DedupSettings | None = None) -> None:
        super().__init__(settings)
        url, schema = split_schema(url.replace("postgres://", "postgresql://", 1))
        self.url = url
        self.schema = schema
        self.conn = psycopg.connect(url, autocommit=True, row_factory=dict_row)
        if schema:
            ident = pgsql.Identifier(schema)
            # under the writer lock: concurrent first opens would race on pg_namespace
            with self._tx():
                self._lock_writer()
                self.conn.execute(pgsql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident))
            self.conn.execute(pgsql.SQL("SET search_path TO {}").format(ident))
        self._migrate()

    def _execute(self, sql: str, params: tuple | list = ()) -> Any:
        _no_nul(params)
        return self.conn.execute(sql.replace("?", "%s"), tuple(params))  # type: ignore[arg-type]

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        for params in rows:
            _no_nul(params)
        self.conn.cursor().executemany(sql.replace("?", "%s"), rows)  # type: ignore[arg-type]

    def _rows(self, cur: Any) -> list[dict]:
        if self._pipe is not None:
            self._pipe.sync()  # the statements queued so far run; this one's rows arrive
        return list(cur.fetchall()) if cur.description else []

    # A transaction runs in psycopg's pipeline mode: statements whose results nobody reads (INSERT,
    # UPDATE, DELETE) are queued and sent together, and the connection waits for the server only when
    # rows are read (``_rows``) and at COMMIT: one round trip per query instead of one per statement.
    # An error of a queued statement surfaces at the next wait, which aborts the whole transaction.
    _pipe: Any = None
    _pipe_cm: Any = None

    def _begin(self) -> None:
        self._pipe_cm = self.conn.pipeline()
        self._pipe = self._pipe_cm.__enter__()
        self.conn.execute("BEGIN")

    def _commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
            self._end_pipeline()
        except BaseException:
            self._rollback()
            raise

    def _end_pipeline(self) -> None:
        cm, self._pipe, self._pipe_cm = self._pipe_cm, None, None
        if cm is not None:
            cm.__exit__(None, None, None)  # sends what is queued and waits; raises its first error

    def _rollback(self) -> None:
        try:
            self._end_pipeline()
        except psycopg.Error:
            pass  # the error that made us roll back, surfacing again
        try:
            self.conn.execute("ROLLBACK")
        except psycopg.Error:  # pragma: no cover
            pass

    def _lock_writer(self) -> None:
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))

    def _ddl(self, sql: str) -> str:
        return (sql.replace("{pk}", "BIGSERIAL PRIMARY KEY").replace("{real}", "DOUBLE PRECISION")
                .replace("{blob}", "BYTEA"))

    def _create_fts(self) -> None:
        self._exec(
            "ALTER TABLE search_docs ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(body, ''))) STORED")
        self._exec("CREATE INDEX IF NOT EXISTS search_docs_tsv ON search_docs USING GIN (tsv)")

    def _fts_search(self, query: str, limit: int) -> list[dict]:
        toks = query_tokens(query)
        if not toks:
            return []
        return self._q(
            "SELECT d.kind, d.ref, d.doc_key, ts_rank(d.tsv, q) AS rank "
            "FROM search_docs d, plainto_tsquery('simple', ?) q WHERE d.tsv @@ q "
            "ORDER BY rank DESC, d.id LIMIT ?", (" ".join(toks), limit))

    def close(self) -> None:
        """Close the database connection (errors on closing are ignored)."""
        try:
            self.conn.close()
        except psycopg.Error:  # pragma: no cover
            pass
