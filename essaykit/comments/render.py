"""Comments as HTML: the one renderer behind the live CommentSection and its static twin.

Both surfaces call :func:`thread_html` (the live view one page at a time,
with Reply buttons; the twin with every approved comment and none) and the
markup comes from the shared vocabulary's ``comment_thread`` macro in
``macros.html.j2``, styled by the shared ``components.css``.

Everything a reader typed reaches the page through one door,
:func:`essaykit.markdown.sanitize_html` with the ``comment`` profile:

* the body is Markdown rendered by ``render_markdown(profile="comment")``,
  which ends in that sanitiser;
* the name and website are escaped and then go through the *same*
  sanitiser, so the website link gets the same scheme allowlist and the same
  ``rel="nofollow ugc noopener"`` as links in the body. (Isso's stored XSS
  came from escaping metadata differently from the body; here there is no
  second code path to get wrong.)

Emails never appear: only :attr:`Comment.avatar`, a salted hash, is used,
and only to draw the identicon.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone

from urllib.parse import urlsplit

from markupsafe import Markup

from ..errors import CommentError
from ..html import macros as vocab_macros
from ..limits import ANSWER_SECONDS
from ..markdown import sanitize_html
from .anchor import FORM_KEYS
from .identicon import identicon_data_url
from .model import Comment, iso_utc
from .moderation import HONEYPOT_FIELD
from .own import DELETED, EDIT_HELD, EDITED
from .paging import thread_page
from . import timing

#: How each kind of sign-in is told on a verified comment (:mod:`.signins`).
VERIFIED_BY = {"email": "by an email link", "indieauth": "with their website", "oidc": "with a sign-in provider"}
#: The live view's page size; the twin renders every page.
PER_PAGE = 50
_TWIN_PAGE = 500  # the store's largest page: fewest queries for a big snapshot
# The marks an "on “…”" adds to its quote, as character references in the thread's markup: Python holds a
# string at the width of its widest character, so one curly quote made every thread (and the page it is
# joined into) of an ASCII essay and ASCII comments two bytes a character: 1.5 MB copied and scanned at twice
# the size on a page of 1,000 comments on passages.
_LABEL_MARKS = str.maketrans({"“": "&ldquo;", "”": "&rdquo;", "…": "&hellip;"})


def person_html(name: str, website: str = "", comment: Comment | None = None) -> Markup:
    """A name, linked to ``website`` when given, through the comment sanitiser; a ``comment``'s own unlinked
    name is its :attr:`~.model.Comment.name_html` (sanitised once for its margin note and its thread item).
    ``website`` should already be a checked http(s) URL (the store refuses others); if anything else slips
    through, the sanitiser drops the link and keeps the escaped name."""
    if comment is not None and not website:
        return Markup(comment.name_html)
    text = html.escape(name or "", quote=True)
    if website:
        text = f'<a href="{html.escape(website, quote=True)}">{text}</a>'
    return Markup(sanitize_html(text, profile="comment"))


def _dates(comment: Comment) -> dict:
    moment = comment.created
    return {
        "created_iso": iso_utc(moment),
        "created_text": f"{moment.day} {moment:%B %Y}",
        "created_title": f"{moment:%Y-%m-%d %H:%M} UTC",
    }


def on_markup(label: str) -> Markup:
    """An "on “…”" label (:meth:`.passages.Passages.label`) as the thread's markup: escaped, its quotation
    marks and ellipsis as character references (:data:`_LABEL_MARKS`)."""
    return Markup(str(Markup.escape(label)).translate(_LABEL_MARKS))


def comment_context(comment: Comment, *, max_depth: int = 4, names: Mapping[str, str] | None = None,
                    pending: bool = False, on: str = "") -> dict:
    """What the ``comment`` macro needs for one comment: only reader-safe values.

    ``names`` maps public ids to author names already shown, to say whom a
    reply answers; a parent on an earlier page is looked up there too.
    ``pending`` marks the reader's own comment that waits for moderation
    (shown only to them, never with a Reply button). ``on``: what passage it answers ("on “…”",
    from :meth:`.passages.Passages.label`).
    """
    tombstone = comment.is_tombstone and not pending
    parent_name = (names or {}).get(comment.parent, "") if comment.parent else ""
    return {
        "id": comment.id,
        "parent": comment.parent or "",
        "parent_name": parent_name,
        "depth": comment.depth,
        "tombstone": tombstone,
        "author": "" if tombstone else comment.author,
        "author_html": Markup("") if tombstone else person_html(comment.author, comment.website, comment),
        "avatar": identicon_data_url(comment.avatar),
        "body_html": Markup("") if tombstone else Markup(comment.body_html),
        "can_reply": not tombstone and not pending and comment.depth + 1 < max_depth,
        "pending": pending,
        "by_author": not tombstone and comment.by_author,
        "on": "" if tombstone else on_markup(on),
        "edited": not tombstone and comment.edited is not None,
        "verified": "" if tombstone else VERIFIED_BY.get(comment.verified, ""),
        **_dates(comment),
    }


def mention_context(mention: Comment) -> dict:
    """A pingback or webmention: the linking page's title (else its author or
    site) as a ``nofollow ugc`` link, its site, its author (linked to their h-card's URL when the page
    gave one), a short excerpt and when. An unlinked mention (imported without an address) has no link."""
    try:
        host = (urlsplit(mention.source_url).hostname or "").lower()
    except ValueError:
        host = ""
    site = mention.site or (host[4:] if host.startswith("www.") else host)
    label = mention.title or mention.author or site or mention.source_url
    author = mention.author if mention.title and mention.author not in ("", host, site) else ""
    excerpt = "" if mention.body.strip() in ("", mention.title, mention.source_url) else mention.body
    return {
        "author_html": person_html(label, mention.source_url),
        "site": site,
        "author": author,
        "author_link": person_html(author, mention.website) if author else "",
        "excerpt": excerpt,
        "kind": mention.kind,
        **_dates(mention),
    }


_RENDERED: OrderedDict = OrderedDict()
_RENDERED_MAX = 20_000


def _rendered(comments: Iterable[Comment], *, max_depth: int, names: dict[str, str] | None,
              interactive: bool, labels: Mapping[str, str] | None = None) -> list[Markup]:
    """Each comment through the ``comment`` macro, remembered: a stored comment's words never change,
    so a thread read by many readers (or re-rendered after every new post) renders each comment once.
    The key holds everything the markup depends on. The label: looked up by id; or, when ``labels`` can
    give these very comments' in order (:meth:`.passage_entries.Labels.in_order`), taken by place, with the
    comment's id, as one object (a :class:`.passage_entries.Said`, compared by identity): a thread of a
    thousand comments on passages then reads no more of the items it remembers than a plain one."""
    names = {} if names is None else names
    label_of = (labels or {}).get  # looked up once, not once per comment
    in_order = getattr(labels, "in_order", None)
    said = in_order(comments) if in_order is not None else None
    if said is not None:
        return _rendered_in_order(comments, said, names=names, max_depth=max_depth, interactive=interactive)
    macros = _macros()
    items = []
    for comment in comments:
        parent_name = names.get(comment.parent, "") if comment.parent else ""
        key = (comment.id, comment.essay, comment.author, comment.website, comment.body, comment.created,
               comment.avatar, comment.is_tombstone, comment.depth, parent_name, interactive, max_depth,
               comment.edited, comment.by_author, comment.verified, on := label_of(comment.id, ""))
        li = _RENDERED.get(key)
        if li is None:
            li = _item(key, comment, on, names=names, max_depth=max_depth, interactive=interactive, macros=macros)
        items.append(li)
        if not comment.is_tombstone:
            names[comment.id] = comment.author
    return items


def _rendered_in_order(comments: list[Comment], said: list, *, names: dict[str, str], max_depth: int,
                       interactive: bool) -> list[Markup]:
    """:func:`_rendered` with ``said``, each comment's :class:`.passage_entries.Said` (None: on the whole essay),
    in place of its id and label in the key (a loop of its own: the plain one does no more than before)."""
    macros = _macros()
    items = []
    for comment, who in zip(comments, said):
        parent_name = names.get(comment.parent, "") if comment.parent else ""
        key = (comment.id if who is None else who, comment.essay, comment.author, comment.website, comment.body,
               comment.created, comment.avatar, comment.is_tombstone, comment.depth, parent_name, interactive,
               max_depth, comment.edited, comment.by_author, comment.verified, "")
        li = _RENDERED.get(key)
        if li is None:
            li = _item(key, comment, "" if who is None else who.label, names=names, max_depth=max_depth,
                       interactive=interactive, macros=macros)
        items.append(li)
        if not comment.is_tombstone:
            names[comment.id] = comment.author
    return items


def _item(key: tuple, comment: Comment, on: str, *, names, max_depth: int, interactive: bool, macros) -> Markup:
    """One comment through the ``comment`` macro, remembered by ``key``."""
    context = comment_context(comment, max_depth=max_depth, names=names, on=on)
    li = _RENDERED[key] = Markup(str(macros.comment(context, interactive)))
    if len(_RENDERED) > _RENDERED_MAX:
        _RENDERED.popitem(last=False)
    return li


def _macros():
    return vocab_macros()


def thread_html(comments: Iterable[Comment], *, total: int, mentions: Iterable[Comment] = (),
                live_url: str = "", interactive: bool = False, max_depth: int = 4,
                names: dict[str, str] | None = None, labels: Mapping[str, str] | None = None) -> str:
    """The comment section: a count, the comments in the order given, mentions, and a link to join.

    ``names`` (id → author) is read for "in reply to" and updated with these
    comments, so a caller rendering page after page passes the same dict.
    ``labels`` (id → "on “…”") say which passage each comment on a passage answers.
    """
    items = _rendered(comments, max_depth=max_depth, names=names, interactive=interactive, labels=labels)
    mention_items = [mention_context(m) for m in mentions]
    return _spliced(lambda slot: _macros().comment_thread(slot, total, mention_items, live_url, interactive), items)


def comments_html(comments: Iterable[Comment], *, interactive: bool = False, max_depth: int = 4,
                  names: dict[str, str] | None = None) -> str:
    """Just the ``<ol>`` of comments, for a live view appending one more page."""
    return _spliced(_macros().comment_list, _rendered(comments, max_depth=max_depth, names=names, interactive=interactive))


_SLOT = Markup("<!--ek-comment-items-->")


def _spliced(macro, items: list[Markup]) -> str:
    """``macro`` (``comment_thread`` or ``comment_list``) around the already rendered ``items``, joined once
    here: the macro gets two slot items, which give what comes before, between and after the comments.
    Through Jinja, a thread of a thousand comments was escaped, joined and copied whole at every macro level
    (several megabytes when one curly quote makes Python hold it at two bytes a character). The slots come
    before any mention or link in the markup, and every text around them is escaped, so the first two
    occurrences are theirs."""
    if not items:
        return str(macro([]))
    head, between, tail = str(macro([_SLOT, _SLOT])).split(_SLOT, 2)
    parts = [head]
    for li in items:
        parts += (li, between)
    parts[-1] = tail  # the last item is followed by what follows the last slot
    return "".join(parts)  # one copy of the whole thread


def snapshot_html(store, essay: str, *, live_url: str = "", labels: Mapping[str, str] | None = None) -> str:
    """The static twin: every approved comment of ``essay`` threaded, the mentions, and
    a "Join the discussion" link to ``live_url`` when there is one. No emails, no buttons.
    ``labels`` (id → "on “…”") say which passage each comment on a passage answers."""
    first = store.thread(essay, page=1, per_page=_TWIN_PAGE)
    comments = list(first.items)
    for number in range(2, first.pages + 1):
        comments.extend(store.thread(essay, page=number, per_page=_TWIN_PAGE).items)
    return thread_html(comments, total=first.total, mentions=store.mentions(essay), live_url=live_url,
                       max_depth=store.rules.max_depth, labels=labels)



# --- the comment form and the live comment section ------------------------------------------

#: The form's fields: name sent, label, input type ("textarea" for the body), autocomplete, hint.
FORM_FIELDS = (
    ("author", "Name", "text", "name", ""),
    ("email", "Email", "email", "email", "Never shown to anyone."),
    ("website", "Website", "url", "url", "Optional."),
    ("body", "Comment", "textarea", "off", "Markdown: *emphasis*, [links](https://example.org), `code`, > quotes and lists."),
)


def form_context(essay: str, *, action: str = "", uid: str = "ek-cf", values: Mapping[str, object] | None = None,
                 errors: Mapping[str, str] | None = None, alert: str = "", status: str = "", return_url: str = "",
                 remember: bool = False, remember_box: bool = True, reply_name: str = "", cancel_url: str = "",
                 notify_box: bool = False, notify: bool = False, loaded: str = "", passage=None,
                 privacy_url: str = "", signed_in: bool = False) -> dict:
    """What the ``comment_form`` macro needs. ``values`` refill the fields (only text is kept);
    ``loaded`` is the form's signed load time (:mod:`.timing`; else the one ``values`` sent back);
    ``errors`` maps a field to its message; ``action`` is where a plain form posts (none for the widget).
    ``cancel_url``: the page without its ``?reply=ID``, which "Cancel reply" links to without JavaScript.
    ``notify_box``: offer "Notify me of replies by email" (a server that sends mail, docs/email.md).
    ``passage``: the :class:`~.anchor.Anchor` a "Comment on this paragraph" link asked for (hidden fields).
    ``privacy_url``: the server's privacy notice (``/privacy``), which the form links to.
    ``signed_in``: the reader signed in (:mod:`.signins`): their verified name, address and website are the
    server's to fill in, so the form asks only for the comment."""
    values = values or {}
    kept = {name: values.get(name) if isinstance(values.get(name), str) else ""
            for name in ("author", "email", "website", "body", "parent")}
    return {
        "uid": uid, "essay": essay, "action": action, "typed": kept,
        "fields": FORM_FIELDS[-1:] if signed_in else FORM_FIELDS,
        "errors": {name: (errors or {}).get(name, "") for name, *_ in FORM_FIELDS},
        "alert": alert, "status": status, "return_url": return_url, "honeypot": HONEYPOT_FIELD,
        "remember": remember, "remember_box": remember_box and not signed_in, "reply_name": reply_name,
        "cancel_url": cancel_url, "notify_box": notify_box, "notify": notify, "privacy_url": privacy_url,
        "notice_prefix": "ek-comment-" if uid == "ek-cf" else f"{uid}-",
        "loaded_field": timing.FIELD,
        "loaded": loaded or (values.get(timing.FIELD) if isinstance(values.get(timing.FIELD), str) else ""),
        "passage": {} if passage is None else {"quote": passage.exact, "fields": [
            (FORM_KEYS[key], value) for key, value in passage.record().items()]},
    }


def reply_values(store, essay: str, reply: str, identity: Mapping[str, str], *, page: str = "") -> dict:
    """:func:`form_context`'s arguments for a page asked to answer comment ``reply`` (``?reply=ID``,
    the author's email links there): that comment as the parent and its author's name, or, when
    it cannot be answered, an alert that says why. ``identity`` refills the reader's own fields;
    ``page`` is the page's path, which "Cancel reply" returns to (the plain form, no ``?reply``)."""
    if not reply:
        return {"values": identity}
    try:
        parent = store.reply_target(essay, reply)
    except CommentError as exc:
        return {"values": identity, "alert": f"You cannot reply to that comment: {exc}."}
    return {"values": {**identity, "parent": parent.id}, "reply_name": parent.author, "cancel_url": page}


def sign_in_context(api: str, return_url: str, *, identity=None, link: str = "", sent: str = "", email: bool = False,
                    indieauth: bool = False, oidc_name: str = "") -> dict:
    """What the ``sign_in`` macro needs: the reader's ``identity`` (:mod:`.signins`; then a Sign out button),
    else the ways offered (each a form posting to ``api``), or ``link`` to the server's page of them (a
    static page). ``sent``: the notice after an email link was asked for."""
    return {"api": api, "return_url": return_url, "identity": identity, "sent": sent, "link": link,
            "verified_by": VERIFIED_BY.get(identity.kind, "") if identity else "", "email": email,
            "indieauth": indieauth, "oidc_name": oidc_name}


def form_html(form: Mapping) -> str:
    """The comment form alone (the widget and the API's error page)."""
    return str(_macros().comment_form(form))


def own_comment_html(comment: Comment, *, pending: bool, max_depth: int = 4) -> str:
    """One comment as its author sees it right after posting (marked when it awaits moderation)."""
    return str(_macros().comment(comment_context(comment, max_depth=max_depth, pending=pending), not pending))


def change_answer(comment_id: str, comment: Comment | None, *, max_depth: int = 4) -> dict:
    """What the writer is told after editing their comment (``comment``, as stored now) or deleting it
    (None): ``{"id", "status", "notice"}`` and, for an edit, the comment's ``html`` as they see it.
    The API's JSON answer and the widget's alike."""
    if comment is None:
        return {"id": comment_id, "status": "deleted", "notice": DELETED}
    held = comment.status != "approved"
    return {"id": comment_id, "status": "pending" if held else "approved", "notice": EDIT_HELD if held else EDITED,
            "html": own_comment_html(comment, pending=held, max_depth=max_depth)}


def yours_context(essay: str, comments: Iterable[Comment], *, action: str = "", edit_minutes: float = 0,
                  return_url: str = "", privacy_url: str = "", now=None) -> dict:
    """What the ``own_comments`` macro needs: the reader's own comments (:meth:`CommentStore.own_comments`),
    each with its Markdown for the edit box while ``edit_minutes`` last; ``action`` is the API's
    ``/api/comments/`` (without it, the widget's, the forms post nowhere and only yours.js acts on them)."""
    now = now or datetime.now(timezone.utc)
    items = []
    for comment in comments:
        until = comment.created + timedelta(minutes=edit_minutes)
        items.append({"id": comment.id, "body": comment.body, "edited": comment.edited is not None,
                      "editable": now < until, "until_text": f"{until:%H:%M} UTC", **_dates(comment)})
    # drawn: for this reader (a block without it, a static page's or the widget's, is fetched by yours.js)
    return {"essay": essay, "action": action, "comments": items, "return_url": return_url, "privacy_url": privacy_url,
            "drawn": True}


def yours_html(yours: Mapping) -> str:
    """The reader's own comments block alone (the ``own_comments`` macro), which a page's script redraws."""
    return str(_macros().own_comments(yours))


def section_markup(essay: str, *, thread: str, total: int, loaded: int, form: Mapping, api: str = "",
                   next_cursor: str | None = None, per_page: int = PER_PAGE, own: Iterable[dict] = (),
                   note: str = "", snapshot: bool = False, wait: float = ANSWER_SECONDS,
                   yours: Mapping | None = None, sign_in: Mapping | None = None) -> str:
    """The ``comment_section`` macro around an already rendered ``thread`` (from :func:`thread_html`).
    ``snapshot``: the thread is as old as the page (a static export); the page asks the API for the current one.
    ``wait``: seconds the page waits for an answer before it says there was none.
    ``sign_in``: the ``sign_in`` macro's context (:func:`essaykit.live.api.signin.sign_in_context`), or None."""
    return str(_macros().comment_section({
        "essay": essay, "api": api, "next": next_cursor, "per_page": per_page, "total": total, "loaded": loaded,
        "thread_html": Markup(thread), "own": list(own), "form": form, "note": note, "snapshot": snapshot,
        "wait": f"{wait:g}", "yours": yours or {"comments": ()}, "sign_in": sign_in,
    }))


def section_html(store, essay: str, *, form: Mapping, api: str = "", per_page: int = PER_PAGE,
                 own: Iterable[Comment] = (), note: str = "", labels: Mapping[str, str] | None = None,
                 yours: Mapping | None = None, sign_in: Mapping | None = None) -> str:
    """The comment section of a page that talks to the API: the first page of the approved thread
    (by key, see :mod:`.paging`), the mentions, the reader's own pending comments and the form."""
    first = thread_page(store, essay, per_page=per_page)
    depth = store.rules.max_depth
    thread = thread_html(first.items, total=first.total, mentions=store.mentions(essay), interactive=True,
                         max_depth=depth, labels=labels)
    shown = {c.id for c in first.items}
    mine = [comment_context(c, max_depth=depth, pending=True) for c in own if c.id not in shown]
    return section_markup(essay, thread=thread, total=first.total, loaded=len(first.items), form=form, api=api,
                          next_cursor=first.next, per_page=per_page, own=mine, note=note, yours=yours,
                          sign_in=sign_in)
