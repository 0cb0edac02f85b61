"""What the site build reads from the comment store: counts, ratings and approved comments.

All of it in a few aggregate queries, once per build, so an unchanged site of
hundreds of essays still rebuilds its index and feeds in well under a second.
Without a database (none configured and no default file yet) there is
nothing to show, and nothing is created.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EssayStats:
    comments: int = 0
    readers_average: float | None = None
    readers_count: int = 0


def store_url(db: str | None, notebook_dir: Path) -> str | None:
    """The comment database the build reads: ``db``, ``ESSAYKIT_DB``, else the default file when it exists."""
    from ..db.engine import configured_url
    from .fingerprint import _default_db

    return configured_url(db) or _default_db(notebook_dir)


def essay_stats(slugs, *, db: str | None, notebook_dir: Path, counts: bool = True
                ) -> dict[str, EssayStats] | None:
    """Approved-comment counts (unless ``counts`` is False) and readers' average ratings
    (out of 5) per slug; None without a store. ``slugs`` None: every essay that has any."""
    url = store_url(db, notebook_dir)
    if not url:
        return None
    import sqlalchemy as sa

    from ..comments.store import CommentStore
    from ..db.schema import comments as c
    from ..db.schema import ratings as r

    store = CommentStore.open(url, essay_dir=notebook_dir)
    try:
        with store.reading() as conn:  # a read-only aggregate, one query per table
            counted = dict(conn.execute(
                sa.select(c.c.essay, sa.func.count()).where(c.c.kind == "comment", c.c.status == "approved")
                .group_by(c.c.essay)).all()) if counts else {}
            rated = {row.essay: (float(row.average), int(row.n)) for row in conn.execute(
                sa.select(r.c.essay, sa.func.avg(r.c.value * 5.0 / r.c.scale).label("average"),
                          sa.func.count().label("n")).group_by(r.c.essay))}
    finally:
        store.close()
    slugs = list(rated) if slugs is None else list(slugs)
    return {slug: EssayStats(int(counted.get(slug, 0)), *(rated.get(slug, (None, 0)))) for slug in slugs}


def approved_comments(slugs, *, db: str | None, notebook_dir: Path, limit: int = 50):
    """The newest approved comments (not mentions) of these essays, newest first, at most
    ``limit`` per essay; None without a store."""
    url = store_url(db, notebook_dir)
    if not url:
        return None
    import sqlalchemy as sa

    from ..comments import statements as sql
    from ..db.schema import comments as c
    from ..comments.store import CommentStore

    slugs = list(slugs)
    store = CommentStore.open(url, essay_dir=notebook_dir)
    found: dict[str, list] = {slug: [] for slug in slugs}
    try:
        ranked = (sa.select(c.c.id, sa.func.row_number().over(partition_by=c.c.essay,
                                                              order_by=(c.c.created.desc(), c.c.id.desc())).label("n"))
                  .where(c.c.essay.in_(slugs), c.c.kind == "comment", c.c.status == "approved").subquery())
        query = (sql.comment_select().join(ranked, ranked.c.id == c.c.id).where(ranked.c.n <= limit)
                 .order_by(c.c.created.desc(), c.c.id.desc()))
        with store.reading() as conn:
            for row in conn.execute(query):
                found[row.essay].append(store.comment_from(row))
    finally:
        store.close()
    return found


def readers_ratings(db: str | None, notebook_dir: Path) -> dict[str, tuple[float, int]]:
    """Readers' (average out of 5, to one place, count) per essay, for essays rated by enough
    readers to show in the structured data; the rounding keeps a tiny change from rebuilding a page."""
    from .structured import MIN_READER_RATINGS

    stats = essay_stats(None, db=db, notebook_dir=notebook_dir, counts=False) or {}
    return {slug: (round(s.readers_average, 1), s.readers_count) for slug, s in stats.items()
            if s.readers_count >= MIN_READER_RATINGS}
