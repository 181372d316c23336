"""A throw-away PostgreSQL schema per test on the server of ``KIOSK_TEST_PG_URL`` (not a test).

``schema_url(base)`` creates a schema with a random name, yields a URL whose connections use it
(``search_path``), and drops it with everything in it afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from sqlalchemy import create_engine, make_url, text

PG_ENV = "KIOSK_TEST_PG_URL"


def schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
