"""What the messages say about essays, from the site being served: :func:`essay_links`."""

from __future__ import annotations

from collections.abc import Callable

from .messages import Essay


def essay_links(site, public_url: str) -> Callable[[str], Essay]:
    """``slug -> Essay(title, page URL)`` for the essays of ``site`` (an EssaySite, or None: titles are slugs).

    The page is the essay's live page on this server, as ``essaykit serve`` publishes it."""

    def essay(slug: str) -> Essay:
        item = site.by_slug(slug) if site is not None else None
        if item is None:
            return Essay(title=slug, url=public_url)
        url = public_url if site.single else f"{public_url}voila/render/{item.name}"
        return Essay(title=item.essay.meta.title or slug, url=url, model=item.essay)

    return essay
