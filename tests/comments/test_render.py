"""essaykit.comments.render and identicon: one safe rendering of a thread for the live view
and the static twin, names and websites through the body's sanitiser, no emails, no remote pictures."""

from __future__ import annotations

import base64
import html.parser
import re
from urllib.parse import urlsplit

import pytest

from essaykit.comments.identicon import identicon_data_url, identicon_svg
from essaykit.comments.moderation import Rules
from essaykit.comments.render import person_html, snapshot_html, thread_html
from essaykit.errors import CommentError
from helpers.comment_payloads import FLAG, PAYLOADS, REFUSED, STORED

ESSAY = "the-salt-road"


@pytest.fixture
def store_rules():
    return Rules.permissive()


def approved(store, essay=ESSAY, **fields):
    fields.setdefault("email", f"reader{len(store.list())}@example.org")
    result = store.post(essay, **fields)
    store.set_status(result.comment.id, "approved", by="test")
    return store.get(result.comment.id)


class Tags(html.parser.HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer sees them."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_inert(markup: str, why: str) -> None:
    """No script, no handler, no framing, and only safe URLs, judged on parsed markup."""
    for tag, attrs in Tags(markup).tags:
        assert tag not in {"script", "iframe", "object", "embed", "form", "input", "style", "svg", "math", "body"}, \
            f"{why}: a <{tag}> element must never come from a reader ({attrs})"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"{why}: event handler attribute {name}={value!r} on <{tag}>"
            if name == "href":
                assert urlsplit(value).scheme in ("http", "https", "mailto", "") and not value.lower().startswith(
                    ("javascript", "data", "vbscript")), f"{why}: unsafe link {value!r}"
            if name == "src":
                assert tag == "img" and value.startswith("data:image/svg+xml;base64,"), \
                    f"{why}: the only picture is our identicon, not {value[:60]!r}"


# --- names and websites --------------------------------------------------------------------


def test_name_is_escaped():
    out = str(person_html('Ada "<b>bold</b>" & co'))
    assert out == "Ada &quot;&lt;b&gt;bold&lt;/b&gt;&quot; &amp; co" or "&lt;b&gt;" in out, out
    assert "<b>" not in out, "markup in a name is shown as text"


def test_website_link_gets_the_body_links_rel(store):
    c = approved(store, author="Ada", website="https://ada.example/", body="See [my post](https://ada.example/p).")
    name_rel = re.search(r'<a href="https://ada\.example/" rel="([^"]+)"', str(person_html(c.author, c.website)))
    body_rel = re.search(r'rel="([^"]+)"', c.body_html)
    assert name_rel and body_rel, "both the name link and the body link carry rel"
    assert name_rel.group(1) == body_rel.group(1) == "nofollow ugc noopener", \
        "name and body go through the same sanitiser, so their links get the same rel"


@pytest.mark.parametrize("website", [f"javascript:{FLAG}", "data:text/html,x", "vbscript:x", "ftp://example.org/"])
def test_unsafe_website_that_bypassed_the_store_is_dropped(website):
    # The store refuses these; if one ever got into the database anyway, the
    # shared sanitiser still drops the link and keeps the name.
    out = str(person_html("Mallory", website))
    assert "Mallory" in out and "href" not in out, f"an unsafe website must not become a link: {out}"


def test_name_with_quotes_cannot_leave_the_reply_button_attributes(store):
    c = approved(store, author=f'"><img src=x onerror={FLAG}>', body="hi")
    out = thread_html([c], total=1, interactive=True)
    assert_inert(out, "a name with quotes")
    assert 'data-ek-reply-name="&#34;&gt;&lt;img' in out, "the name is escaped inside attributes too"


# --- the thread ------------------------------------------------------------------------------


def test_thread_is_threaded_oldest_first_with_depths(store):
    first = approved(store, author="Ada", body="first")
    second = approved(store, author="Bob", body="second")
    reply = approved(store, author="Cy", body="reply to first", parent=first.id)
    page = store.thread(ESSAY)
    out = thread_html(page.items, total=page.total)
    ids = re.findall(r'id="ek-c-([0-9a-f]+)"', out)
    assert ids == [first.id, reply.id, second.id], "a reply comes right after its parent; otherwise oldest first"
    assert re.search(rf'id="ek-c-{reply.id}" data-ek-depth="1"', out), "the reply is marked one level deeper"
    assert f'in reply to <a href="#ek-c-{first.id}"><bdi>Ada</bdi></a>' in out, "a reply says whom it answers"
    assert "3 comments" in out


def test_deleted_parent_stays_as_tombstone_without_its_name(store):
    parent = approved(store, author="Gone Person", body="secret words", website="https://gone.example/")
    approved(store, author="Bob", body="still here", parent=parent.id)
    store.set_status(parent.id, "deleted", by="test")
    page = store.thread(ESSAY)
    out = thread_html(page.items, total=page.total, interactive=True)
    assert "[deleted]" in out and "still here" in out
    assert "Gone Person" not in out and "secret words" not in out and "gone.example" not in out, \
        "a tombstone keeps its place but shows nothing of the deleted comment"
    assert out.count("data-ek-reply=") == 1, "nobody can reply to a tombstone"


def test_reply_buttons_only_in_the_live_view_and_not_at_max_depth(store):
    c = approved(store, author="Ada", body="one")
    for depth in range(1, 4):
        c = approved(store, author=f"R{depth}", body=f"depth {depth}", parent=c.id)
    page = store.thread(ESSAY)
    live = thread_html(page.items, total=page.total, interactive=True, max_depth=4)
    assert live.count("data-ek-reply=") == 3, "the deepest comment (depth 3 of 4) gets no Reply button"
    assert 'aria-label="Reply to Ada"' in live, "Reply buttons say whom they answer"
    static = thread_html(page.items, total=page.total)
    assert "<button" not in static, "the static twin has no buttons: nothing there can post"


def test_identicon_is_a_local_picture_without_the_email(store):
    c = approved(store, author="Ada", email="ada.secret@example.org", body="hi")
    out = thread_html([c], total=1)
    srcs = [a["src"] for t, a in Tags(out).tags if t == "img"]
    assert srcs == [identicon_data_url(c.avatar)], "each comment has exactly its identicon"
    svg = base64.b64decode(srcs[0].split(",", 1)[1]).decode()
    assert "ada.secret" not in svg and "example.org" not in svg.replace("http://www.w3.org/2000/svg", ""), \
        "the picture does not carry the email"
    assert "gravatar" not in out.lower() and "http" not in srcs[0]


def test_no_email_anywhere_in_either_rendering(store):
    emails = [f"person{i}@secret-mail.example" for i in range(5)]
    for i, email in enumerate(emails):
        approved(store, author=f"P{i}", email=email, body=f"comment {i} mentions nothing")
    page = store.thread(ESSAY)
    for out in (thread_html(page.items, total=page.total, interactive=True), snapshot_html(store, ESSAY)):
        assert "secret-mail" not in out, "emails must never reach a reader-facing surface"


def test_mentions_are_listed_apart(store):
    approved(store, author="Ada", body="a comment")
    m = store.post(ESSAY, author="", email="", body="Linked from my blog", kind="pingback",
                   source_url="https://blog.example/post")
    store.set_status(m.comment.id, "approved", by="test")
    out = snapshot_html(store, ESSAY)
    comments_part, _, mentions_part = out.partition('<section class="ek-mentions"')
    assert "blog.example" not in comments_part, "a pingback is not listed among the comments"
    assert "<h3 class=\"ek-mentions__title\">Mentions</h3>" in mentions_part
    assert 'href="https://blog.example/post" rel="nofollow ugc noopener"' in mentions_part


def test_twin_links_to_the_live_page_only_when_known(store):
    approved(store, author="Ada", body="hi")
    assert 'href="https://live.example/essay">Join the discussion</a>' in snapshot_html(
        store, ESSAY, live_url="https://live.example/essay")
    assert "Join the discussion" not in snapshot_html(store, ESSAY), "no live URL, no dead link"


def test_twin_has_every_page_of_a_long_thread(store):
    # One import: each import retrains the spam filter on every stored comment, so 520 one-record
    # imports cost 520 rebuilds for the same stored thread.
    store.import_records([{
        "id": f"bulk-{i}", "essay": ESSAY, "parent": None, "author": f"Reader {i}", "email": f"r{i}@example.org",
        "website": "", "body": f"bulk comment {i}", "created": f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}Z",
        "status": "approved", "kind": "comment", "source_url": "",
    } for i in range(520)])
    out = snapshot_html(store, ESSAY)
    assert out.count('class="ek-comment"') == 520, "the snapshot is the whole approved thread, past one store page"
    assert "bulk comment 519" in out and "520 comments" in out


def test_twin_survives_the_export_output_policy(store):
    from essaykit.html.outputs import clean_output_html

    parent = approved(store, author="Ada", website="https://ada.example/", body="*hello*")
    approved(store, author="Bob", body="reply", parent=parent.id)
    out = snapshot_html(store, ESSAY, live_url="https://live.example/")
    cleaned = clean_output_html(out)
    for needle in ('class="ek-comment"', 'data-ek-depth="1"', "data:image/svg+xml;base64,", "<time",
                   "Join the discussion", "<em>hello</em>", f'id="ek-c-{parent.id}"'):
        assert needle in cleaned, f"{needle!r} must survive the export's HTML policy, or the twin breaks"


def test_twin_links_keep_nofollow_ugc_through_the_export_policy(store):
    from essaykit.html.outputs import clean_output_html

    approved(store, author="Ada", website="https://ada.example/", body="[a link](https://example.org/)")
    cleaned = clean_output_html(snapshot_html(store, ESSAY))
    assert cleaned.count('rel="nofollow ugc noopener"') == 2, "readers' links stay nofollow ugc in an export"


# --- identicons ----------------------------------------------------------------------------


def test_identicon_is_deterministic_and_distinct():
    a, b = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
    assert identicon_svg(a) == identicon_svg(a)
    assert identicon_svg(a) != identicon_svg(b)
    assert identicon_svg("") != identicon_svg(a), "nobody (a mention, a tombstone) gets the neutral picture"


def test_identicon_is_mirrored():
    svg = identicon_svg("00ff00ff11ee11ee22dd22dd33cc33cc")
    cells = {(int(x), int(y)) for x, y in re.findall(r"M(\d) (\d)h1", svg)}
    assert cells and all((4 - x, y) in cells for x, y in cells), "left and right halves mirror each other"


def test_identicon_never_embeds_what_it_is_given():
    svg = identicon_svg("someone@example.org")
    assert "someone" not in svg and "example" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_same_email_gets_different_pictures_in_different_databases(tmp_path):
    from essaykit.comments.store import CommentStore

    hashes = []
    for name in ("one", "two"):
        with CommentStore.open(f"sqlite:///{tmp_path / name}.sqlite") as store:
            hashes.append(store.avatar_hash("ada@example.org"))
            assert store.avatar_hash("ada@example.org") == store.avatar_hash("ADA@example.org ")
    assert hashes[0] != hashes[1], "the hash is salted per database, so pictures cannot be matched across sites"
    assert identicon_svg(hashes[0]) != identicon_svg(hashes[1])


# --- the hostile table ---------------------------------------------------------------------


@pytest.mark.parametrize("payload", STORED, ids=[p.id for p in STORED])
def test_stored_hostile_input_renders_inert(store, payload):
    c = approved(store, **payload.fields())
    page = store.thread(ESSAY)
    for interactive in (True, False):
        out = thread_html(page.items, total=page.total, interactive=interactive)
        assert_inert(out, payload.id)
        assert payload.fields()["email"] not in out
    text = html_text(thread_html([c], total=1))
    if payload.keep:
        assert payload.keep in text, f"{payload.id}: {payload.keep!r} must be kept intact, as text"


@pytest.mark.parametrize("payload", REFUSED, ids=[p.id for p in REFUSED])
def test_refused_hostile_input_names_the_field(store, payload):
    with pytest.raises(CommentError) as info:
        store.post(ESSAY, **payload.fields())
    assert info.value.field == payload.refused, f"{payload.id}: refused for {info.value.field}: {info.value}"
    assert store.list(ESSAY) == [], "nothing is stored"


def test_payload_table_is_big_enough():
    assert len(PAYLOADS) >= 30 and len(STORED) >= 20 and len(REFUSED) >= 8


def html_text(markup: str) -> str:
    """The text a reader sees in ``markup`` (entities decoded, tags dropped)."""
    parts: list[str] = []
    parser = html.parser.HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append
    parser.feed(markup)
    return "".join(parts)
