"""Static pages that take comments: ``essaykit export --api URL`` (or essay metadata ``comments_api``).

A cell that only shows essaykit's ``CommentSection`` or ``Rating`` keeps its
snapshot (the widget's static twin, as exported) and gains what the live
page has: the comment form and the star buttons, as plain HTML forms that
post to the comment API of the ``essaykit serve`` at ``URL``, and the one
comments and rating modules, which post without a reload and, when the page
is online, fetch the comments approved since the export.

Without ``--api`` nothing changes: the page is one file and makes no request.
With it, the page talks to that origin only. The server must list the
static site's origin with ``essaykit serve --allow-origin``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlencode, urlsplit

from ..errors import ExportError

THREAD = re.compile(r'<section class="ek-comments[ "].*</section>', re.S)
_READERS = re.compile(r'<p class="ek-rating-widget__readers[ "].*?</p>', re.S)


def check_api(url: str | None) -> str:
    """``url`` as the API's base (ending in "/"), or "" for none; ExportError when it is not an http(s) URL."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ExportError(f"--api {url!r}: give the address of an `essaykit serve`, such as "
                          "https://comments.example.org/")
    return url.strip().rstrip("/") + "/"


def sign_in_link(api: str, page_url: str) -> str:
    """The static page's "Sign in to comment" link: the server's own page of the ways it offers
    (``GET /signin``, :mod:`essaykit.live.api.signin`), which sends the reader back to ``page_url``."""
    return f"{api}signin?{urlencode({'return': page_url})}" if page_url else f"{api}signin"


def live_block(block, essay, exported: str, *, api: str, page_url: str = "") -> str | None:
    """The live version of a code cell's exported HTML, or None when the cell is not one of ours."""
    from ..widgets._recognize import own_widget

    call = own_widget(block.source, essay.meta.slug)
    if call is None or call.name not in ("CommentSection", "Rating"):
        return None  # a spoiler's exported twin needs no server
    slug = essay.meta.slug
    if call.name == "CommentSection":
        from ..comments.render import form_context, section_markup, sign_in_context

        # The notice is the server's own page: only the server knows its settings (a copy here could go stale).
        form = form_context(slug, action=f"{api}api/comments", return_url=page_url, privacy_url=f"{api}privacy")
        found = THREAD.search(exported)
        snapshot = found.group(0) if found else exported
        # Which ways to sign in the server offers only it knows: the page links to its page of them.
        sign_in = sign_in_context(api, page_url, link=sign_in_link(api, page_url))
        section = section_markup(slug, thread=snapshot, total=0, loaded=0, form=form, api=api,
                                 per_page=int(call.args.get("per_page", 50)), snapshot=True, sign_in=sign_in)
    else:
        from ..html import rating_widget

        readers = _READERS.search(exported)
        value = call.args.get("value")
        section = rating_widget(
            essay=slug, scale=int(call.args.get("scale", 5)), value=None if value is None else float(value),
            average=None, count=0, api=api, action=f"{api}api/ratings", return_url=page_url,
            readers_html=readers.group(0) if readers else "")
    return f'<div class="ek-output" data-ek-cell="{block.cell_index + 1}">{section}</div>'


def module_scripts(parts: Iterable[str]) -> str:
    """The comments and rating modules, inline, for the live sections in the body whose parts are ``parts``
    (see :class:`.page.Body`: each part is whole elements, so a section's mark is never cut between two)."""
    from ..widgets._frontend import esm

    parts = list(parts)
    scripts = []
    if any("data-ek-comments" in part for part in parts):
        scripts.append(f'<script type="module">{_inline(esm("comments.js"))}\nbootPages();</script>')
    if any("data-ek-rating" in part for part in parts):
        scripts.append(f'<script type="module">{_inline(esm("rating.js"))}\nbootRatings();</script>')
    return "\n".join(scripts)


def _inline(text: str) -> str:
    if "</script" in text.lower():
        raise ExportError("a front-end module contains '</script', which would end the inline element; remove it")
    return text
