"""One essay to one page: the code path shared by ``essaykit export``,
``essaykit build`` and ``jupyter nbconvert --to essay``."""

from __future__ import annotations

from pathlib import Path

from .execute import DEFAULT_TIMEOUT

# Above this many bytes of embedded images a single-file page gets slow to open and to share.
IMAGE_BUDGET = 2 * 1024 * 1024


def essay_page(essay, *, execute: bool = True, db: str | None = None, show_code: bool = False,
               timeout: int = DEFAULT_TIMEOUT, canonical: str | None = None, home_url: str = "",
               api: str | None = None, page_url: str = "", template=None, context: dict | None = None,
               allow_errors: bool = False) -> str:
    """The static page for ``essay``, running its code first when ``execute``
    (with ``allow_errors``, a cell that raises shows its error in place and the rest still run).

    An essay with no code never starts a kernel. With code, the kernel boots
    while the text is rendered. With a comment store (``db``, else ``ESSAYKIT_DB`` or the default file), the
    page shows its comments as the live page does (:mod:`.page_comments`). ``canonical``, ``home_url``,
    ``api``, ``template`` and
    ``context`` are passed to :func:`essaykit.exports.page.render_page`.
    """
    from .page import render_page, warm
    from .page_comments import read_comments

    if execute and essay.has_code:
        from .execute import execute_essay

        essay = execute_essay(essay, db=db, timeout=timeout, while_starting=lambda: warm(essay),
                              allow_errors=allow_errors)
    comments = read_comments(essay, db=db, notebook_dir=Path(essay.path).parent)
    page = render_page(essay, show_code=show_code, canonical=canonical, home_url=home_url, api=api, page_url=page_url,
                       template=template, context=context, comments=comments)
    warn_about_images(page, essay)
    return page


def warn_about_images(page: str, essay) -> int:
    """Warn (:class:`~essaykit.errors.EssaykitWarning`) when the page embeds more than
    :data:`IMAGE_BUDGET` bytes of images; returns how many it embeds."""
    import warnings

    from ..errors import EssaykitWarning
    from .offline import embedded_image_bytes

    total = embedded_image_bytes(page)
    if total > IMAGE_BUDGET:
        warnings.warn(
            f"{essay.path}: the page embeds {total / 1048576:.1f} MB of images, over the "
            f"{IMAGE_BUDGET // 1048576} MB a single page should carry; shrink or compress them, "
            "or publish with `essaykit build`, which writes images as separate, lazy-loaded files",
            EssaykitWarning, stacklevel=2)
    return total


def default_output(essay, base: Path | None = None) -> Path:
    """Where ``essaykit export`` writes when no ``-o`` is given: exports/<slug>.html."""
    return (base or Path.cwd()) / "exports" / f"{essay.meta.slug}.html"
