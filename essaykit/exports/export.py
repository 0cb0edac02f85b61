"""One essay to one page: the code path shared by ``essaykit export``,
``essaykit build`` and ``jupyter nbconvert --to essay``."""

from __future__ import annotations

from pathlib import Path

from .execute import DEFAULT_TIMEOUT


def essay_page(essay, *, execute: bool = True, db: str | None = None, show_code: bool = False,
               timeout: int = DEFAULT_TIMEOUT, canonical: str | None = None, home_url: str = "",
               api: str | None = None, page_url: str = "") -> str:
    """The static page for ``essay``, running its code first when ``execute``.

    An essay with no code never starts a kernel. With code, the kernel boots
    while the text is rendered. ``canonical``, ``home_url`` and ``api`` are passed to
    :func:`essaykit.exports.page.render_page`.
    """
    from .page import render_page, warm

    if execute and essay.has_code:
        from .execute import execute_essay

        essay = execute_essay(essay, db=db, timeout=timeout, while_starting=lambda: warm(essay))
    return render_page(essay, show_code=show_code, canonical=canonical, home_url=home_url, api=api, page_url=page_url)


def default_output(essay, base: Path | None = None) -> Path:
    """Where ``essaykit export`` writes when no ``-o`` is given: exports/<slug>.html."""
    return (base or Path.cwd()) / "exports" / f"{essay.meta.slug}.html"
