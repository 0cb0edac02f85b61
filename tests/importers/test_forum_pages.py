"""A saved forum thread: the opening post is the article (its text, not the poster's card), the replies are its
comments with the poster's name and the post's date (essaykit.importers.html_forum)."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

from . import forum_pages as fp


def _read(tmp_path, thread: str, **options):
    path = tmp_path / "thread.html"
    path.write_text(fp.page(thread), encoding="utf-8")
    [post] = read_html_page(path, **options)
    return post


@pytest.mark.parametrize("forum", sorted(fp.BUILDERS))
@pytest.mark.parametrize("second_opinion", [False, True])
def test_the_opening_post_is_the_article_and_each_reply_a_dated_comment(tmp_path, forum, second_opinion):
    post = _read(tmp_path, fp.BUILDERS[forum]([fp.OPENING, *fp.REPLIES]), second_opinion=second_opinion)
    article = "\n".join(post.blocks)
    assert fp.OPENING.text[:60] in article, f"{forum}: the opening post is the article"
    for furniture in ("Joined", "Messages", "Posts:", "Junior Member", "Well-known member", "Reply", "Top", "Likes"):
        assert furniture not in article, f"{forum}: the poster's card and the buttons are not the article ({furniture})"
    assert all(reply.text[:30] not in article for reply in fp.REPLIES), f"{forum}: a reply is not the article"
    assert not article.startswith(">"), f"{forum}: the post's text is no quote (vBulletin's <blockquote>)"
    assert (post.author, post.date) == (fp.OPENING.name, "2021-04-02T09:15:00Z"), f"{forum}: the opening post's card"
    assert not [g for g in post.guessed if g.startswith(("author", "post date"))], f"{forum}: the forum says so"
    got = [(c.author, c.body, c.created, c.status, c.kind) for c in post.comments]
    assert got == [(r.name, r.text, r.when, "approved", "comment") for r in fp.REPLIES], forum
    assert any("markup" in line and "comments in" in line for line in post.found), f"{forum}: --explain names it"


@pytest.mark.parametrize("forum", sorted(fp.BUILDERS))
def test_a_single_post_is_no_thread(tmp_path, forum):
    """One post in a forum's markup proves nothing: no reply is read from it and it is read as any page is."""
    post = _read(tmp_path, fp.BUILDERS[forum]([fp.OPENING]), second_opinion=False)
    assert fp.OPENING.text[:60] in "\n".join(post.blocks)
    assert [c for c in post.comments if c.status == "approved"] == [], forum


def test_the_posts_outside_a_thread_are_not_read_as_one(tmp_path):
    """A post's markup inside a form of its own (the reply box's preview) is no reply."""
    preview = fp.xenforo2([fp.Post("999", "Preview", fp.OPENING.when, "Your reply will look like this.")])
    thread = fp.xenforo2([fp.OPENING, *fp.REPLIES]) + f"<form class='js-quickReply'>{preview}</form>"
    post = _read(tmp_path, thread, second_opinion=False)
    assert [c.author for c in post.comments] == [r.name for r in fp.REPLIES]


@pytest.mark.parametrize("forum", ["xenforo2", "phpbb3"])
def test_a_long_thread_under_a_short_opening_post_is_no_doubt_about_the_article(tmp_path, forum):
    """The replies are the page's comments: the opening post is not short for the page's words they hold."""
    said = "The hinge pin had worn thin on one side, so I turned it round and it held for another winter. "
    replies = [fp.Post(str(600 + n), f"Poster {n}", fp.REPLIES[0].when, said * 4) for n in range(12)]
    post = _read(tmp_path, fp.BUILDERS[forum]([fp.OPENING, *replies]), second_opinion=False)
    assert len(post.comments) == 12
    assert not [d for d in post.doubts if "article has" in d], post.doubts


@pytest.mark.parametrize("forum", ["xenforo2", "xenforo1", "phpbb3", "phpbb30", "vbulletin4", "discourse"])
def test_a_later_page_of_a_thread_is_doubtful_and_its_first_poster_no_author(tmp_path, forum):
    """Page 3 of a thread starts with reply number 21: no opening post on it, so the import asks for the first page,
    and the reply's poster is not the thread's author."""
    post = _read(tmp_path, fp.BUILDERS[forum]([fp.OPENING, *fp.REPLIES], start=21), second_opinion=False)
    assert any("later page of a forum thread" in d for d in post.doubts), f"{forum}: {post.doubts}"
    if forum != "discourse":  # Discourse's microdata names each post's author, read as any page's byline is
        assert post.author != fp.OPENING.name, f"{forum}: not from the first post's card"
    assert [c.author for c in post.comments] == [r.name for r in fp.REPLIES], "the replies are still its comments"
    first = _read(tmp_path, fp.BUILDERS[forum]([fp.OPENING, *fp.REPLIES]), second_opinion=False)
    assert not [d for d in first.doubts if "later page" in d], f"{forum}: the first page is no later page"


def test_a_blogs_list_of_posts_in_look_alike_classes_is_no_thread(tmp_path):
    """A blog's front page prints each post as "div.post > .postbody > .content" too, with no poster's card and no
    author line: no post of it becomes a comment."""
    teasers = "".join(f"<div class='post' id='p{n}'><div class='postbody'><h2><a href='/{n}'>Garden note {n}</a></h2>"
                      f"<div class='content'>{fp.REPLIES[n].text}</div></div></div>" for n in range(3))
    post = _read(tmp_path, teasers, second_opinion=False)
    assert post.comments == [], post.comments
    assert not [d for d in post.doubts if "forum" in d]
