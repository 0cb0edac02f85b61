"""The followers' emails: the Follow confirmation, and one email per newly published essay.

The essay's email has a plain-text part and a small HTML part, both made
from :class:`~.followers.Announcement`, whose text is spoiler-free when it is
written (:func:`announcement`: the summary, or the opening of the visible
text with each spoiler replaced by :data:`essaykit.spoilers.SPOILER_ELSEWHERE`;
spoiler blocks are never read). An essay with spoilers says so and sends the
reader to the site. The HTML part is built from escaped text only: no
reader-written words, no images, no tracking.

Both carry RFC 8058's one-click unsubscribe and a link to the page that
manages the subscription (the unsubscribe link's GET: stop following, or all mail).
"""

from __future__ import annotations

import html

from ..essay.model import Essay as EssayModel
from ..essay.model import SpoilerBlock, TextBlock
from ..markdown import plain_text
from ..spoilers import SPOILER_ELSEWHERE, spoiler_free_html
from .followers import Announcement
from .messages import _envelope, _signature, _unsubscribable, confirm_lines, one_line

#: Characters of the essay's opening an email quotes when the essay has no summary.
EXCERPT_CHARS = 600
CONTAINS_SPOILERS = "Contains spoilers — read on the site"


def announcement(essay: EssayModel, url: str) -> Announcement:
    """What followers are told about ``essay``, published at ``url``; never a spoiler's words."""
    meta = essay.meta
    text = meta.summary.strip()  # spoiler-free already (essaykit.essay.read)
    if not text:
        visible = [b for b in essay.blocks if isinstance(b, TextBlock)]  # spoiler blocks are skipped whole
        words = " ".join(" ".join(plain_text(spoiler_free_html(b.html, url)).split()) for b in visible)
        words = words.replace(SPOILER_ELSEWHERE, f"[{SPOILER_ELSEWHERE}]")  # the notice, set apart from the text
        text = words if len(words) <= EXCERPT_CHARS else words[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    spoilers = essay.spoiler_count > 0 or any(isinstance(b, SpoilerBlock) for b in essay.blocks)
    return Announcement(slug=meta.slug, title=meta.title or meta.slug, url=url, text=text, spoilers=spoilers)


def follow_confirm(*, sender, to: str, message_id: str, site: str, confirm: str, unsubscribe: str,
                   days: int) -> object:
    """To an address someone entered in the Follow form: confirm first (double opt-in)."""
    body = "\n".join([
        f"Someone, probably you, asked to follow {site} by email: one email for each new essay.",
        "",
        *confirm_lines("To confirm", confirm, days),
        f"Never email me: {unsubscribe}",
    ]) + _signature(f"Sent by essaykit for {site}")
    msg = _envelope(sender=sender, to=to, subject=f"Confirm: follow {one_line(site, 80)} by email",
                    message_id=message_id, body=body)
    return _unsubscribable(msg, unsubscribe)


def essay_notice(*, sender, to: str, message_id: str, site: str, item, unsubscribe: str) -> object:
    """To a confirmed follower: one newly published essay (``item``: its stored announcement)."""
    title = one_line(item.title, 200)
    lines = [f"New on {site}: “{title}”", ""]
    if item.text:
        lines += [item.text, ""]
    if item.spoilers:
        lines += [f"{CONTAINS_SPOILERS}: {item.url}", ""]
    lines += [f"Read it: {item.url}", "",
              "You get this because you follow this blog by email and confirmed your address.",
              f"Manage or stop these emails (one click): {unsubscribe}"]
    body = "\n".join(lines) + _signature(f"Sent by essaykit for {site}")
    msg = _envelope(sender=sender, to=to, subject=f"New essay: {one_line(item.title, 120)}", message_id=message_id,
                    body=body)
    msg.add_alternative(_html(site, item, unsubscribe), subtype="html", cte="quoted-printable")
    return _unsubscribable(msg, unsubscribe)


def _html(site: str, item, unsubscribe: str) -> str:
    e = html.escape
    parts = [f"<p>New on {e(site)}:</p>", f'<h1><a href="{e(item.url)}">{e(one_line(item.title, 200))}</a></h1>']
    parts += [f"<p>{e(p)}</p>" for p in item.text.split("\n\n") if p.strip()]
    if item.spoilers:
        parts.append(f'<p><strong><a href="{e(item.url)}">{e(CONTAINS_SPOILERS)}</a></strong></p>')
    parts.append(f'<p><a href="{e(item.url)}">Read it on the site</a></p>')
    parts.append(f'<hr><p><small>You follow this blog by email. <a href="{e(unsubscribe)}">Manage or stop these '
                 "emails</a>.</small></p>")
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>' + "\n".join(parts)
            + "</body></html>\n")
