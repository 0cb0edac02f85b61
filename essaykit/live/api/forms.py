"""HTML answers of the comment API to plain forms (readers without JavaScript).

A form that cannot be posted comes back as a page in the essay's look, with
the same ``comment_form`` macro the essay shows, refilled with everything the
reader typed and every problem written at its field. Other refusals (a
foreign origin, a body too large) get a one-line page.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..._web import render_site_page
from ...comments.anchor import anchor_value, clean_anchor
from ...comments.render import form_context
from ...errors import CommentError


def message_page(status_code: int, message: str, *, back_url: str = "") -> str:
    """A one-line answer in the site's look, with a link back to ``back_url`` when there is one."""
    return render_site_page("message.html.j2", status_code=status_code, message=message.rstrip("."),
                            back_url=back_url)


def form_error_page(api, item, values: Mapping, error, *, return_url: str, base_url: str = "/") -> str:
    """The form again, filled in, with ``error.problems`` at their fields (a plain one-liner without an essay)."""
    if item is None:
        return message_page(error.status, error.message, back_url=return_url)
    errors: dict[str, str] = {}
    general = []
    for problem in error.problems:
        name = problem.get("field")
        if name in ("author", "email", "website", "body") and name not in errors:
            errors[name] = problem["message"]
        else:
            general.append(problem["message"])
    count = len(error.problems)
    summary = (" ".join(general) if general and not errors
               else f"Please fix {'this problem' if count == 1 else f'these {count} problems'} and post again."
               + (" " + " ".join(general) if general else ""))
    form = form_context(item.slug, action=f"{base_url}api/comments", values=values, errors=errors,
                        alert="", return_url=return_url,
                        remember=str(values.get("remember", "")).lower() in ("1", "on", "true", "yes"),
                        notify_box=bool(getattr(api, "mail_enabled", False)),
                        notify=str(values.get("notify", "")).lower() in ("1", "on", "true", "yes"),
                        privacy_url=f"{base_url}privacy", passage=sent_passage(values))
    meta = item.essay.meta
    return render_site_page("form-error.html.j2", title=meta.title, lang=meta.lang, back_url=return_url or base_url,
                            summary=summary, form=form)


def sent_passage(values: Mapping):
    """The passage a refused form answered, kept for the form again; None when it had none or it was the problem."""
    try:
        return clean_anchor(anchor_value(values))
    except CommentError:
        return None


def passage_form_page(api, item, passage, values: Mapping, *, return_url: str, loaded: str, base_url: str = "/") -> str:
    """The essay's comment form on one paragraph (``passage``, its anchor), for a page this server does not
    render (a static page's "Comment on this paragraph" without JavaScript): it posts to this API and comes
    back to ``return_url``."""
    form = form_context(item.slug, action=f"{base_url}api/comments", values=values, return_url=return_url,
                        remember=bool(values), notify_box=bool(getattr(api, "mail_enabled", False)),
                        privacy_url=f"{base_url}privacy", loaded=loaded, passage=passage)
    meta = item.essay.meta
    return render_site_page("form-error.html.j2", title=meta.title, lang=meta.lang, back_url=return_url or base_url,
                            summary="", form=form, heading="Comment on a paragraph",
                            page_title=f"Comment on “{meta.title}”")
