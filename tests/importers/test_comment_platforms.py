"""Every comment of each platform's own markup is found with its name, date, text, parent and author badge;
an empty comment area gives none (essaykit.importers.comment_platforms and the WordPress rules)."""

from __future__ import annotations

import pytest

from essaykit.importers.html_page import read_html_page

from . import platform_pages as pp


def _read(tmp_path, area: str, name: str = "page.html"):
    path = tmp_path / name
    path.write_text(pp.page(area), encoding="utf-8")
    [post] = read_html_page(path, second_opinion=False)  # trafilatura reads the article, not the comments
    return post


def _check_thread(platform: str, comments) -> None:
    by_name = {c.author: c for c in comments}
    names = {c.local_id: c.author for c in comments}
    expected = list(pp.flat())
    assert sorted(by_name) == sorted(s.name for s, _ in expected), f"{platform}: every comment, no other"
    for said, parent in expected:
        got = by_name[said.name]
        assert got.body == said.text, f"{platform}: {said.name}'s text alone"
        assert got.created is not None and got.created.replace(second=0) == said.when, f"{platform}: {said.name}'s own date"
        want_parent = None if platform in pp.FLAT else next(s.name for s, _ in expected if s.cid == parent) if parent else None
        assert (names.get(got.parent) if got.parent else None) == want_parent, f"{platform}: {said.name} answers {want_parent}"
        assert got.by_author == (said.by_author and platform not in pp.NO_AUTHOR_MARK), f"{platform}: author badge"
        assert got.status == "approved" and got.kind == "comment"


@pytest.mark.parametrize("platform", sorted(pp.BUILDERS))
def test_each_platform_gives_every_comment_with_name_date_text_and_parent(tmp_path, platform):
    post = _read(tmp_path, pp.BUILDERS[platform]())
    _check_thread(platform, post.comments)
    assert not post.guessed, f"{platform}: known markup, not a guess ({post.guessed})"
    if platform == "drupal8":
        assert "comments in Drupal 8+'s markup" in post.found, "--explain names the system"


@pytest.mark.parametrize("platform", sorted(pp.BUILDERS))
def test_an_empty_comment_area_gives_no_comment(tmp_path, platform):
    post = _read(tmp_path, pp.BUILDERS[platform]([]))
    assert post.comments == [], f"{platform}: the form, the heading and 'load more' are not comments"
    assert post.blocks, "the article is still read"


def test_a_disqus_frame_saved_beside_the_page_is_read(tmp_path):
    """A browser's "Webpage, Complete" keeps the Disqus frame as a page in the page's files folder."""
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "saved_resource.html").write_text(pp.disqus_frame(), encoding="utf-8")
    _check_thread("disqus", _read(tmp_path, pp.disqus_saved_frame()).comments)


def test_a_frame_outside_the_page_folder_is_never_read(tmp_path):
    (tmp_path / "secret.html").write_text(pp.disqus_frame(), encoding="utf-8")
    (tmp_path / "saved").mkdir()
    area = pp.disqus_saved_frame().replace("page_files/saved_resource.html", "../secret.html")
    assert _read(tmp_path / "saved", area).comments == []


@pytest.mark.parametrize("platform", ["commento", "drupal8"])
def test_a_comment_system_inside_the_article_container_is_not_article_text(tmp_path, platform):
    """Drupal prints the comments inside the node's <article>; a Commento or Isso embed often sits there too."""
    path = tmp_path / "page.html"
    path.write_text(pp.page("").replace("</p></div></article>", f"</p>{pp.BUILDERS[platform]()}</div></article>"),
                    encoding="utf-8")
    [post] = read_html_page(path, second_opinion=False)
    assert len(post.comments) == len(list(pp.flat()))
    article = "\n".join(post.blocks)
    assert all(said.text[:15] not in article for said, _ in pp.flat()), "the comments are not the post's text"


def _unmarked(thread):
    """``thread`` with the post author's reply shown without any marker: the same name, nothing else."""
    return [pp.Said(s.cid, s.name, s.when, s.text, False, _unmarked(s.replies)) for s in thread]


@pytest.mark.parametrize("platform", ["movabletype", "typepad", "dreamwidth", "commento"])
def test_the_author_badge_comes_from_the_systems_marker_never_from_the_name(tmp_path, platform):
    path = tmp_path / "page.html"
    named = pp.page(pp.BUILDERS[platform](_unmarked(pp.THREAD)))
    path.write_text(named.replace("<title>", f"<meta name='author' content='{pp.POST_AUTHOR}'><title>"), encoding="utf-8")
    [post] = read_html_page(path, second_opinion=False)
    mara = [c for c in post.comments if c.author == pp.POST_AUTHOR]
    assert mara and not any(c.by_author for c in post.comments), f"{platform}: the author's name alone is no badge"


def test_a_typepad_page_on_movable_types_templates_shows_the_author_badge(tmp_path):
    """TypePad's advanced templates and classic Movable Type mark the entry author's comment as MT 4+ does."""
    area = pp.typepad().replace("<div class='comment font-entrybody' id='comment-6a00d8102'>",
                                "<div class='comment font-entrybody entry-author-comment' id='comment-6a00d8102'>")
    post = _read(tmp_path, area)
    assert {c.author for c in post.comments if c.by_author} == {pp.POST_AUTHOR}


def test_comments_in_a_form_that_wraps_the_page_are_read_and_one_in_a_form_of_its_own_is_not(tmp_path):
    """ASP.NET pages and some themes put the whole page, or the whole thread, in one form; a comment form's preview
    is one item in a form of its own."""
    from essaykit.importers.html_page import read_html_page

    def isso(n: int, name: str, text: str) -> str:
        return (f"<div class='isso-comment' id='isso-{n}'><span class='isso-author'>{name}</span>"
                f"<a class='isso-permalink'><time datetime='2024-03-0{n}T10:00:00Z'>March {n}</time></a>"
                f"<div class='isso-text'><p>{text}</p></div></div>")

    article = "<article><h1>Tide Tables</h1><p>" + "The tide turned twice before noon on the quay. " * 20 + "</p></article>"
    page = ("<html><head><title>Tide Tables</title></head><body><form id='page-form'>" + article
            + "<section id='isso-thread'>" + isso(1, "Ilse Varga", "High water at nine.") + isso(2, "Tomas Ek", "Low at three.")
            + "</section></form></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    [post] = read_html_page(path)
    assert {c.author for c in post.comments} == {"Ilse Varga", "Tomas Ek"}
    assert "comments in Isso's markup" in post.found, "read by the platform's rule, not guessed from their shape"
    preview = ("<html><head><title>Tide Tables</title></head><body>" + article + "<section id='isso-thread'>"
               + isso(1, "Ilse Varga", "High water at nine.") + isso(2, "Tomas Ek", "Low at three.")
               + "</section><form class='isso-postbox'>" + isso(3, "Preview", "Your comment here.") + "</form></body></html>")
    path.write_text(preview, encoding="utf-8")
    [post] = read_html_page(path)
    assert {c.author for c in post.comments} == {"Ilse Varga", "Tomas Ek"}, "the form's own preview is no comment"


def test_a_spip_forum_gives_each_message_its_writer_date_headline_and_replies(tmp_path):
    from essaykit.importers.html_page import read_html_page

    def message(n: int, who: str, when: str, title: str, text: str, replies: str = "") -> str:
        name = f"<b class='crayon forum-qui-{n}'>{who}</b>" if who else ""
        return (f"<li class='forum-fil'><div class='forum-top'><a href='#forum{n}' id='forum{n}'>#</a>{name}"
                f"<div class='forum-nav'>({when})</div>:</div><div class='forum-message'><div class='forum-chapo'>"
                f"<strong class='crayon forum-titre-{n} forum-titre'>{title}</strong></div>"
                f"<div class='crayon forum-texte-{n} forum-texte'><p>{text}</p></div></div>"
                + (f"<ul>{replies}</ul>" if replies else "") + "</li>")

    forum = ("<div class='divforum'><ul class='forum'>"
             + message(11, "Odile Brun", "22 juin 2018 @11h13", "Les marées", "La marée monte deux fois.",
                       message(12, "", "22 juin 2018 @11h29", "Réponse", "Trois fois au quai nord."))
             + "</ul></div>")
    article = "<article><h1>Les marées du quai</h1><p>" + "La marée montait lentement le long du quai. " * 20 + "</p></article>"
    path = tmp_path / "page.html"
    path.write_text(f"<html lang='fr'><head><title>Les marées du quai</title></head><body>{article}{forum}</body></html>",
                    encoding="utf-8")
    [post] = read_html_page(path)
    first, reply = post.comments
    assert "comments in SPIP forum's markup" in post.found
    assert (first.local_id, first.author, first.body) == ("11", "Odile Brun", "**Les marées**\n\nLa marée monte deux fois.")
    assert (first.created.day, first.created.month, first.created.hour, first.created.minute) == (22, 6, 11, 13)
    assert reply.parent == "11" and reply.author == "Anonymous" and reply.created.minute == 29
    assert [c.status for c in post.comments] == ["approved", "approved"], "a forum's anonymous message has its date"


def test_a_platforms_numeric_comment_dates_follow_the_pages_language(tmp_path):
    from essaykit.importers.html_page import read_html_page

    def isso(n: int, name: str, when: str) -> str:
        return (f"<div class='isso-comment' id='isso-{n}'><span class='isso-author'>{name}</span>"
                f"<a class='isso-permalink'><time>{when}</time></a><div class='isso-text'><p>Gut gesagt, {name}.</p></div></div>")

    def dates(lang: str) -> dict:
        article = "<article><h1>Gezeiten</h1><p>" + "Die Flut kam zweimal vor Mittag an den Kai. " * 20 + "</p></article>"
        path = tmp_path / "page.html"
        path.write_text(f"<html lang='{lang}'><head><title>Gezeiten</title></head><body>{article}<section id='isso-thread'>"
                        + isso(1, "Ilse", "05/03/2020 10:30") + isso(2, "Tomas", "06/03/2020 11:00") + "</section></body></html>",
                        encoding="utf-8")
        [post] = read_html_page(path)
        return {c.author: (c.created.month, c.created.day) for c in post.comments}

    assert dates("de") == {"Ilse": (3, 5), "Tomas": (3, 6)}, "German writes the day first"
    assert dates("en-US") == {"Ilse": (5, 3), "Tomas": (6, 3)}


def _pixnet(n: int, cid: int, name: str, when: str, text: str, answer: str = "") -> str:
    """One comment of PIXNET's comment list, laid out as its blog template prints it (invented words)."""
    reply = (f"<li class='reply-text'>{answer}<p><a href='/blog'>Mara Quist</a> 於 2015/03/09 08:00 回覆</p></li>"
             if answer else "")
    return (f"<ul class='single-post'><li class='post-info'><a name='comment-{cid}'></a><span class='floor'>#{n}</span>"
            f"<span class='user-name'><img class='comment-icon' src='i.gif'><a href='/u/{n}'>{name}</a></span>"
            f"<span class='post-time'>於 {when}</span></li><li class='post-photo'><img src='p.png' alt='{name}'></li>"
            f"<li class='post-text'><p id='comment-{cid}'></p>{text}</li>{reply}</ul>")


def test_pixnet_comments_are_read_with_their_names_and_dates_and_the_owners_answers_as_replies(tmp_path):
    area = ("<div class='user-post-box' id='comment-box'><h3 class='user-post-title'><span>留言列表 (2)</span></h3>"
            "<div class='user-post-text' id='comment-text'>"
            + _pixnet(1, 5881, "小橋", "2015/03/08 21:05", "橋上的燈很美<br>下次再來", answer="謝謝你來看！<br>下次見")
            + _pixnet(2, 5882, "linden", "2015/03/09 07:41", "The lamps on the quay look warm.") + "</div></div>")
    comments = {c.author: c for c in _read(tmp_path, area).comments}
    assert set(comments) == {"小橋", "linden", "Mara Quist"}
    assert comments["小橋"].body.replace("\\", "").split() == ["橋上的燈很美", "下次再來"], "its text alone, no list mark"
    assert comments["小橋"].created.strftime("%Y-%m-%d %H:%M") == "2015-03-08 21:05", "the date after 於"
    assert comments["linden"].body == "The lamps on the quay look warm."
    answer = comments["Mara Quist"]
    assert answer.parent == comments["小橋"].local_id and answer.by_author, "the owner's answer, under its comment"
    assert answer.body.replace("\\", "").split() == ["謝謝你來看！", "下次見"], "without the line that signs it"
    assert answer.created.strftime("%Y-%m-%d %H:%M") == "2015-03-09 08:00"
    assert not comments["小橋"].by_author and not comments["linden"].by_author
    assert all(c.status == "approved" and c.kind == "comment" for c in comments.values())


def test_a_pixnet_answer_without_its_signature_is_held(tmp_path):
    unsigned = _pixnet(1, 5881, "小橋", "2015/03/08 21:05", "橋上的燈很美").replace(
        "</ul>", "<li class='reply-text'>謝謝你來看！<p>下次見</p></li></ul>")
    comments = _read(tmp_path, f"<div id='comment-text'>{unsigned}</div>").comments
    assert [c.status for c in comments] == ["approved", "pending"]
    assert "sign" in comments[1].reason and comments[1].body.replace("\\", "").split() == ["謝謝你來看！", "下次見"]
