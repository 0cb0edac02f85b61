"""The links in the emails, against a real ``essaykit serve`` sending to a real SMTP server:
a GET only shows a confirm page, a POST acts; expired, tampered and misused links are refused;
the double opt-in; a reply notice; RFC 8058 one-click unsubscribe by a bare POST."""

from __future__ import annotations

import base64
import json
import re
import time
from urllib.parse import urlsplit

import pytest

from helpers.api_client import ESSAY, call, post_form, post_json, start_with_mail, stored
from helpers.servers import stop_process
from helpers.smtp import MailServer, link

AUTHOR = "author@example.org"


@pytest.fixture(scope="module")
def served(tmp_path_factory, mail):
    server = start_with_mail(tmp_path_factory, mail, "mailsite", "--notify", AUTHOR)
    yield server
    stop_process(server.proc)


def path_of(url: str) -> str:
    return urlsplit(url).path


def status_of(db: str, comment_id: str) -> str:
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store:
        return store.get(comment_id).status


def verified(db: str, email: str) -> bool:
    from essaykit.mail import outbox
    from essaykit.comments.store import CommentStore

    with CommentStore.open(db) as store, store.reading() as conn:
        return outbox.is_verified(conn, email)


def new_author_mail(mail: MailServer, before: int, about: str):
    """The author's notice of the comment saying ``about``, among mails that arrived after the first ``before``.

    The outbox sends on its own schedule, so an earlier test's notice may still arrive after ``before``
    was counted: pick the message by what it is about, not by its place."""
    from helpers.smtp import body

    deadline = time.monotonic() + 30
    while True:
        for message in mail.messages(AUTHOR)[before:]:
            if about in body(message):
                return message
        assert time.monotonic() < deadline, f"no mail to {AUTHOR} about {about!r}"
        time.sleep(0.05)


def test_the_form_offers_notify_me_when_mail_is_on(served):
    page = call(served, "GET", f"/voila/render/{ESSAY}.ipynb")
    assert page.status == 200
    assert re.search(r'<input type="checkbox" id="[^"]+-notify" name="notify" value="1">', page.text)
    assert AUTHOR not in page.text, "the author's address is never shown to readers"


def test_moderation_links_confirm_page_then_post(served, mail):
    before = len(mail.messages(AUTHOR))
    posted = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Ada", "email": "ada@example.org",
                                                 "body": "The ending stayed with me.", "notify": True})
    assert posted.status == 202 and posted.json["status"] == "pending"
    cid = posted.json["id"]
    notice = new_author_mail(mail, before, "The ending stayed with me.")
    assert "awaiting moderation" in notice["Subject"]
    approve = path_of(link(notice, "Approve"))
    assert approve.startswith("/essaykit/mail/moderate/")

    shown = call(served, "GET", approve)
    assert shown.status == 200 and '<form method="post"' in shown.text and "The ending stayed with me." in shown.text
    assert call(served, "HEAD", approve).status == 200
    assert status_of(served.db, cid) == "pending", "a GET (a mail scanner following links) changes nothing"

    token = approve.rsplit("/", 1)[1]
    tampered = approve[:-1] + ("A" if token[-1] != "A" else "B")
    for method in ("GET", "POST"):
        refused = call(served, method, tampered, "", {"Content-Type": "application/x-www-form-urlencoded"})
        assert refused.status == 400 and "not valid" in refused.text
    payload, *signature = token.split(".")
    assert _unpadded_b64_json(f"approve-{cid}") == payload, "the token carries the action it was signed for"
    other = approve.replace(token, ".".join([_unpadded_b64_json(f"delete-{cid}"), *signature]))
    assert call(served, "POST", other, "").status == 400, "the action is signed: approve cannot become delete"

    from essaykit.comments.store import CommentStore
    from essaykit.db.signing_keys import signer_for
    from essaykit.mail.links import MODERATE_DAYS

    with CommentStore.open(served.db) as store:
        old = signer_for(store).sign("moderate", f"approve-{cid}", now=time.time() - MODERATE_DAYS * 86400 - 60)
    expired = call(served, "POST", f"/essaykit/mail/moderate/{old}", "")
    assert expired.status == 410 and "expired" in expired.text
    assert status_of(served.db, cid) == "pending"

    done = call(served, "POST", approve, "action=approve", {"Content-Type": "application/x-www-form-urlencoded"})
    assert done.status == 200 and "now approved" in done.text
    assert status_of(served.db, cid) == "approved"
    again = call(served, "POST", approve, "")
    assert again.status == 200 and "already approved" in again.text


def test_double_opt_in_reply_notice_and_one_click_unsubscribe(served, mail):
    def approve_next(before: int, about: str) -> str:
        notice = new_author_mail(mail, before, about)
        url = path_of(link(notice, "Approve"))
        assert call(served, "POST", url, "").status == 200
        return url

    before = len(mail.messages(AUTHOR))
    first = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Dee", "email": "dee@example.org",
                                                "body": "Follow me.", "notify": "1"}).json["id"]
    assert mail.messages("dee@example.org") == []
    approve_next(before, "Follow me.")
    (confirm,) = mail.wait_for(1, "dee@example.org")
    assert confirm["Subject"].startswith("Confirm:")
    confirm_url = path_of(link(confirm, ""))

    page = call(served, "GET", confirm_url)
    assert page.status == 200 and "Yes, email me replies" in page.text
    assert not verified(served.db, "dee@example.org"), "a GET does not confirm"
    misused = call(served, "POST", confirm_url.replace("/confirm/", "/unsubscribe/"), "")
    assert misused.status == 400, "a confirm token is not an unsubscribe token"
    session = call(served, "GET", f"/api/ratings?essay={ESSAY}").cookie("essaykit_reader")
    confirmed = call(served, "POST", confirm_url, "confirm=1", {"Content-Type": "application/x-www-form-urlencoded",
                                                                "Cookie": f"essaykit_reader={session}"})
    assert confirmed.status == 200
    assert verified(served.db, "DEE@example.org")
    renewed = confirmed.cookie("essaykit_reader")
    assert renewed and renewed != session, "confirming an address changes trust: the browser's session is renewed"
    seen = len(mail.messages(AUTHOR))
    known = confirmed.cookie("essaykit_known")
    assert known, "the browser that confirmed gets the signed 'approved before' token"
    assert "HttpOnly" in confirmed.headers["set-cookie"] and "SameSite=Lax" in confirmed.headers["set-cookie"]
    trusted = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Dee", "email": "dee@example.org",
                                                  "body": "Back again."}, headers={"Cookie": f"essaykit_known={known}"})
    assert trusted.json["status"] == "approved", "the token publishes the confirmed reader's next comment"
    stranger = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Dee", "email": "dee@example.org",
                                                   "body": "An impostor."})
    assert stranger.json["status"] == "pending", "the verified address typed without the token is held"
    mail.wait_for(seen + 2, AUTHOR)  # the author hears of both before the next step counts mails

    before = len(mail.messages(AUTHOR))
    reply = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Eve", "email": "eve@example.org",
                                                "body": "A reply.", "parent": first}).json["id"]
    approve_next(before, "A reply.")
    notices = mail.wait_for(2, "dee@example.org")
    notice = notices[1]
    assert notice["Subject"] == '"Eve" replied to your comment on “The Salt Road”'
    assert f"#ek-c-{reply}" in notice.get_content()
    unsubscribe = notice["List-Unsubscribe"].strip("<>")
    assert notice["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in notice.get_content(), "the same link is visible in the text"

    assert call(served, "GET", path_of(unsubscribe)).status == 200
    # RFC 8058: the mail provider POSTs this body, with no cookie, no Origin and no Referer.
    one_click = call(served, "POST", path_of(unsubscribe), "List-Unsubscribe=One-Click",
                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert one_click.status == 200 and "no more emails" in one_click.text
    assert "set-cookie" not in one_click.headers

    before = len(mail.messages(AUTHOR))
    late = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Fay", "email": "fay@example.org",
                                               "body": "Another reply.", "parent": first}).json
    approve_next(before, "Another reply.")
    # A later message to the author shows the worker has passed the reply notice it would have sent.
    before = len(mail.messages(AUTHOR))
    post_json(served, "/api/comments", {"essay": ESSAY, "author": "Gus", "email": "gus@example.org", "body": "Hi."})
    new_author_mail(mail, before, "Hi.")
    assert len(mail.messages("dee@example.org")) == 2, "nothing after unsubscribing"
    assert status_of(served.db, late["id"]) == "approved"


def test_the_author_follows_the_reply_link_without_javascript(served, mail):
    import quopri

    before = len(mail.messages(AUTHOR))
    posted = post_json(served, "/api/comments", {"essay": ESSAY, "author": "Hal", "email": "hal@example.org",
                                                 "body": "Is the ending a dream?"}).json
    notice = new_author_mail(mail, before, "Is the ending a dream?")
    reply_link = link(notice, "Reply to it")
    assert urlsplit(reply_link).query == f"reply={posted['id']}" and reply_link.endswith("#ek-cf")
    raw = next(data for rcpt, m, data in mail.received if m["Message-ID"] == notice["Message-ID"])
    assert f"Reply to it: {reply_link}".encode() in quopri.decodestring(raw), "the raw message carries the link"

    page = urlsplit(reply_link)
    held = call(served, "GET", f"{page.path}?{page.query}")
    assert held.status == 200 and "You cannot reply to that comment" in held.text and "not published" in held.text
    assert '<input type="hidden" name="parent" value="">' in held.text, "a held comment cannot be answered yet"
    assert call(served, "POST", path_of(link(notice, "Approve")), "").status == 200

    shown = call(served, "GET", f"{page.path}?{page.query}")
    assert shown.status == 200
    assert f'<input type="hidden" name="parent" value="{posted["id"]}">' in shown.text
    assert re.search(r'<p class="ek-comment-form__replying"><span>Replying to <bdi[^>]*>Hal</bdi>', shown.text)
    assert f'<a class="ek-button ek-comment-form__cancel-link" href="{page.path}#ek-cf">Cancel reply</a>' in shown.text, \
        "without JavaScript, Cancel reply is a link to the page without ?reply, back at the form"
    plain = call(served, "GET", page.path)
    assert '<input type="hidden" name="parent" value="">' in plain.text, "the link's reply is not cached for others"
    assert '<a class="ek-button ek-comment-form__cancel-link"' not in plain.text, "no reply, nothing to cancel"

    answered = post_form(served, "/api/comments", {"essay": ESSAY, "parent": posted["id"], "author": "The author",
                                                   "email": "me@example.org", "body": "No: it is a memory."})
    assert answered.status == 303
    (reply,) = [c for c in stored(served.db, ESSAY) if c.body == "No: it is a memory."]
    assert reply.parent == posted["id"]

    for bad in ("no-such-comment", "%3Cb%3E"):
        refused = call(served, "GET", f"{page.path}?reply={bad}")
        assert refused.status == 200 and "You cannot reply to that comment" in refused.text
        assert '<input type="hidden" name="parent" value="">' in refused.text


def test_unknown_and_malformed_links(served):
    for path in ("/essaykit/mail/moderate/x", "/essaykit/mail/confirm/" + "a" * 150,
                 "/essaykit/mail/unsubscribe/abc.def.ghi"):
        answer = call(served, "GET", path)
        assert answer.status == 400 and "not valid" in answer.text and "Traceback" not in answer.text
    assert call(served, "GET", "/essaykit/mail/other/abc").status == 404


def test_in_chromium_notify_box_then_the_approve_page(served, mail, page):
    """A reader ticks "Notify me of replies" in the real form; the author approves from the email's page."""
    from helpers.browser import shot
    from helpers.comment_pages import fill_form, open_comments, submit

    before = len(mail.messages(AUTHOR))
    open_comments(page, f"{served.url}/voila/render/{ESSAY}.ipynb")
    fill_form(page, {"author": "Hal", "email": "hal@example.org", "body": "Seen in a browser."})
    page.get_by_label("Notify me of replies by email (we ask you to confirm first).").check()
    said = submit(page)
    assert "awaiting moderation" in said["status"], said
    assert page.get_by_label("Notify me of replies by email (we ask you to confirm first).").is_checked() is False

    approve = link(new_author_mail(mail, before, "Seen in a browser."), "Approve")
    page.goto(approve)
    assert page.get_by_role("heading").inner_text() == "Approve this comment?"
    assert page.locator("blockquote").inner_text() == "Seen in a browser."
    shot(page, "mail-approve-confirm")
    page.get_by_role("button", name="Approve").click()
    page.get_by_role("heading", name="Comment approved").wait_for()
    shot(page, "mail-approve-done")
    assert [r for r in page.requests_seen if not r.startswith(served.url)] == [], "the pages load nothing else"
    (confirm,) = mail.wait_for(1, "hal@example.org")
    assert confirm["Subject"].startswith("Confirm:"), "the box reached the server: a confirmation went out"


def _unpadded_b64_json(value: str) -> str:
    """The payload part of a signed token (itsdangerous' compact JSON, URL-safe base64 without padding)."""
    return base64.urlsafe_b64encode(json.dumps(value, separators=(",", ":")).encode()).rstrip(b"=").decode()
