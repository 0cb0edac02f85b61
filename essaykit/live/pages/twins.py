"""The server-drawn twins of the essay's own widgets on a live page: spoilers, the comment section and the
rating, rendered from the database for this reader (no kernel), in the shared HTML vocabulary."""

from __future__ import annotations

import logging

from ... import html as vocab
from ...comments import timing
from ..api.signin import offered
from ...comments.render import form_context, reply_values, section_html, section_markup, yours_context
from ...comments.passages import paragraph_anchor
from ...html.outputs import render_output
from ...markdown import render_markdown

log = logging.getLogger("essaykit.live")


def spoilers_html(call) -> str:
    """The static twins of a cell's ``Spoiler(...)`` widgets: the essay vocabulary's spoiler blocks."""
    parts = []
    for label, kind, text in call.args["spoilers"]:
        body = render_markdown(text) if kind == "markdown" else render_output(
            {"output_type": "display_data", "data": {"text/html": text}, "metadata": {}})
        parts.append(vocab.spoiler_block(label, body))
    return "\n".join(parts)


def comment_section_html(api, slug: str, reader, *, base_url: str = "/", per_page: int = 50, passages=None) -> str:
    """The server-rendered comment section of a live page: first page of the thread, the reader's own pending
    comments, the form (refilled from the "remember me" cookie; answering ``?reply=ID``; on the paragraph
    ``?on=ID`` names). ``passages``: the essay's comments on passages, for the thread's "on “…”". Never raises."""
    # The load time is signed per view by the page handler, in place of the placeholder the cache keeps.
    form_args = {"action": f"{base_url}api/comments", "remember": bool(reader.identity),
                 "notify_box": bool(getattr(api, "mail_enabled", False)), "loaded": timing.PLACEHOLDER,
                 "privacy_url": f"{base_url}privacy"}
    try:
        store = api.store
        reply = reply_values(store, slug, reader.reply, reader.identity, page=reader.page)
        form = form_context(slug, **form_args, **reply, passage=paragraph_anchor(passages, reader.on),
                            signed_in=reader.signed is not None)
        # The cached page is rendered for nobody in particular: the essay's own page is where signing in returns.
        item = api.site.by_slug(slug)
        back = reader.page or (api.page_url(item, base_url) if item is not None else base_url)
        sign_in = offered(api, base_url=base_url, return_url=back, identity=reader.signed)
        own = store.own_pending(slug, reader.session) if reader.session else []
        yours = yours_context(slug, store.own_comments(slug, reader.session) if reader.session else (),
                              action=f"{base_url}api/comments/", edit_minutes=store.rules.edit_minutes,
                              return_url=reader.page, privacy_url=form_args["privacy_url"])
        return section_html(store, slug, form=form, api=base_url, per_page=per_page, own=own, yours=yours,
                            labels=passages.labels() if passages is not None else None, sign_in=sign_in)
    except Exception as exc:  # a broken database: the page still shows, with a note
        log.warning("comments for %r are unavailable: %s", slug, exc)
        # Here, not at the top: the widget module imports anywidget and ipywidgets (180 ms, measured with
        # -X importtime), which the server needs for nothing else.
        from ...widgets.comments import UNAVAILABLE

        form = form_context(slug, values=reader.identity, **form_args)
        return section_markup(slug, thread="", total=0, loaded=0, form=form, api=base_url, note=UNAVAILABLE)


def rating_html(api, slug: str, reader, *, base_url: str = "/", value=None, scale: int = 5) -> str:
    """The server-rendered rating of a live page: the author's stars, star buttons that post to the
    rating API (with or without JavaScript), the readers' average and this reader's own rating."""
    average, count, mine = None, 0, None
    try:
        summary = api.store.rating_summary(slug)
        average, count = summary.average, summary.count
        mine = api.store.rating_of(slug, reader.session) if reader.session else None
    except Exception as exc:  # a broken database: the stars still show, the buttons answer 503
        log.warning("ratings for %r are unavailable: %s", slug, exc)
    message = vocab.say("you_rated", mine=mine, scale=scale) if mine else ""
    return vocab.rating_widget(essay=slug, scale=scale, value=None if value is None else float(value), average=average,
                               count=count, mine=mine, api=base_url, action=f"{base_url}api/ratings", message=message)
