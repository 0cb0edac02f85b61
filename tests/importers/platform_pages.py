"""Saved pages in the comment markup of the blog platforms and comment systems (written for these tests).

Each builder prints one thread (:data:`THREAD`: nested replies, the post author's reply with the platform's
own marker, names and text in several languages) the way that platform's public templates lay it out: the
class names and nesting are the platform's, every comment is invented here. ``thread=()`` gives the same
page with an empty comment area (the heading, the form, the "no comments yet" line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape


@dataclass
class Said:
    cid: str
    name: str
    when: datetime
    text: str
    by_author: bool = False
    replies: list["Said"] = field(default_factory=list)


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2015, 3, day, hour, minute, tzinfo=timezone.utc)


POST_AUTHOR = "Mara Quist"
THREAD = [
    Said("101", "Ingrid Bæk", _at(3, 8, 14), "Schöner Text über die alte Brücke. Ich war letzten Sommer dort.", replies=[
        Said("102", POST_AUTHOR, _at(3, 9, 30), "Danke, Ingrid! The bridge was repainted since.", by_author=True, replies=[
            Said("103", "Zhou Lan", _at(4, 21, 5), "我也很喜欢这座桥，尤其是晚上。"),
        ]),
    ]),
    Said("104", "Élodie Marchand", _at(5, 17, 49), "Très belle promenade, merci pour les photos du quai."),
    Said("105", "Pablo Ruiz", _at(6, 10, 2), "¡Qué bonito! Volveré en primavera.", replies=[
        Said("106", "Kenji Sato", _at(7, 23, 40), "橋の写真がとても綺麗です。"),
    ]),
]


def flat(thread=THREAD, parent=None):
    """(comment, its parent's cid) in page order."""
    for said in thread:
        yield said, parent
        yield from flat(said.replies, said.cid)


def page(comment_area: str, *, title: str = "The Old Bridge at Dusk") -> str:
    article = "<p>" + "We walked across the old bridge as the lamps came on along the quay. " * 15 + "</p>"
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<article class='post hentry'><h1 class='entry-title'>{title}</h1>"
            f"<div class='entry-content'>{article}</div></article>{comment_area}</body></html>")


def _long(when: datetime) -> str:  # "March 3, 2015 at 8:14 am", WordPress's and Blogger's default
    return f"{when:%B} {when.day}, {when.year} at {when.hour % 12 or 12}:{when:%M} {'am' if when.hour < 12 else 'pm'}"


def _x(text: str) -> str:
    return escape(text, quote=True)


# WordPress core, wp_list_comments(): html5 format (the default theme style) and the older xhtml one.

def _wp_html5(said: Said) -> str:
    classes = "comment byuser bypostauthor" if said.by_author else "comment"
    children = "".join(_wp_html5(r) for r in said.replies)
    return (f"<li id='comment-{said.cid}' class='{classes} even depth-1{' parent' if said.replies else ''}'>"
            f"<article id='div-comment-{said.cid}' class='comment-body'><footer class='comment-meta'>"
            f"<div class='comment-author vcard'><img class='avatar' src='a.png' alt=''>"
            f"<b class='fn'><a href='https://example.org/{said.cid}' class='url' rel='ugc external nofollow'>{_x(said.name)}</a></b> "
            f"<span class='says'>says:</span></div>"
            f"<div class='comment-metadata'><a href='#comment-{said.cid}'><time datetime='{said.when.isoformat()}'>"
            f"{_long(said.when)}</time></a></div></footer>"
            f"<div class='comment-content'><p>{_x(said.text)}</p></div>"
            f"<div class='reply'><a rel='nofollow' class='comment-reply-link' href='#respond'>Reply</a></div></article>"
            + (f"<ol class='children'>{children}</ol>" if children else "") + "</li>")


def wordpress_html5(thread=THREAD) -> str:
    count = len(list(flat(thread)))
    listing = (f"<h2 class='comments-title'>{count} thoughts on &ldquo;The Old Bridge at Dusk&rdquo;</h2>"
               f"<ol class='comment-list'>{''.join(_wp_html5(s) for s in thread)}</ol>") if thread else ""
    return (f"<div id='comments' class='comments-area'>{listing}<div id='respond' class='comment-respond'>"
            "<h3 id='reply-title' class='comment-reply-title'>Leave a Reply</h3><form id='commentform'>"
            "<p class='comment-notes'>Your email address will not be published.</p><textarea></textarea>"
            "<input type='submit' value='Post Comment'></form></div></div>")


def _wp_xhtml(said: Said) -> str:
    classes = "comment byuser comment-author-mara bypostauthor" if said.by_author else "comment"
    children = "".join(_wp_xhtml(r) for r in said.replies)
    return (f"<li class='{classes} even thread-even depth-1' id='comment-{said.cid}'>"
            f"<div id='div-comment-{said.cid}' class='comment-body'><div class='comment-author vcard'>"
            f"<img class='avatar' src='a.png' alt=''><cite class='fn'>{_x(said.name)}</cite> <span class='says'>sagt:</span></div>"
            f"<div class='comment-meta commentmetadata'><a href='#comment-{said.cid}'>"
            f"{said.when.day}. {('Januar Februar März').split()[said.when.month - 1]} {said.when.year} um {said.when:%H:%M}</a></div>"
            f"<p>{_x(said.text)}</p><div class='reply'><a class='comment-reply-link' href='#respond'>Antworten</a></div></div>"
            + (f"<ul class='children'>{children}</ul>" if children else "") + "</li>")


def wordpress_xhtml(thread=THREAD) -> str:
    listing = f"<h3 id='comments'>Kommentare</h3><ol class='commentlist'>{''.join(_wp_xhtml(s) for s in thread)}</ol>" if thread else ""
    return (f"<div id='comments-wrap'>{listing}<div id='respond'><h3>Schreibe einen Kommentar</h3>"
            "<form id='commentform'><textarea></textarea></form></div></div>")


def jetpack(thread=THREAD) -> str:
    """A WordPress (or WordPress.com) list with Jetpack's comment likes, and Jetpack's form in its iframe."""
    listing = wordpress_html5(thread).split("<div id='respond'")[0]
    listing = listing.replace("</p></div><div class='reply'>",
                              "</p><p class='comment-likes'><a class='comment-like-link' href='#'>Like</a>"
                              "<span class='comment-like-feedback'>Like</span></p></div><div class='reply'>")
    return (listing + "<div id='respond' class='comment-respond js-comment-reply'><h3 class='comment-reply-title'>Leave a comment"
            "</h3><form id='commentform' class='comment-form'><iframe id='jetpack_remote_comment' class='jetpack_remote_comment'"
            " src='about:blank' title='Comment Form'></iframe></form></div></div>")


# wpDiscuz 7: its own wrapper and thread list; a reply carries its level and "wpd-reply".

def _wpdiscuz(said: Said, level: int = 1, parent: str = "0") -> str:
    role = "wpd-blog-user wpd-blog-post_author" if said.by_author else "wpd-blog-guest"
    label = "<div class='wpd-comment-label' wpd-tooltip='Author'><span>Author</span></div>" if said.by_author else ""
    inner = "".join(_wpdiscuz(r, level + 1, said.cid) for r in said.replies)
    return (f"<div id='wpd-comm-{said.cid}_{parent}' class='comment even depth-{level} wpd-comment"
            f"{' wpd-reply' if level > 1 else ''} wpd_comment_level-{level}'>"
            f"<div class='wpd-comment-wrap {role}'><div class='wpd-avatar'><img src='a.png' alt=''></div>"
            f"<div id='comment-{said.cid}' class='wpd-comment-right'><div class='wpd-comment-header'>"
            f"<div class='wpd-comment-author'><a href='https://example.org/{said.cid}' rel='nofollow'>{_x(said.name)}</a></div>"
            f"{label}<div class='wpd-comment-date' title='{_long(said.when)}'><i class='far fa-clock'></i> 11 years ago</div>"
            f"<div class='wpd-comment-link wpd-hidden'><span class='wpd-cmt-link'>#</span></div></div>"
            f"<div class='wpd-comment-text'><p>{_x(said.text)}</p></div>"
            f"<div class='wpd-comment-footer'><div class='wpd-vote'><div class='wpd-vote-result'>0</div></div>"
            f"<div class='wpd-reply-button'><span>Reply</span></div></div></div></div>"
            f"<div id='wpdiscuz_form_anchor-{said.cid}_{parent}'></div>{inner}</div>")


def wpdiscuz(thread=THREAD) -> str:
    count = len(list(flat(thread)))
    return ("<div class='wpdiscuz_top_clearing'></div><div id='comments' class='comments-area'><div id='respond'>"
            "<div id='wpdcom' class='wpdiscuz_unauth wpd-default wpd-layout-1 wpd-comments-open'>"
            "<div class='wpd-form-wrap'><div class='wpd-form-head'><div class='wpd-sbs-toggle'>Subscribe</div></div>"
            "<div class='wpd-form wpd-form-wrapper'><textarea placeholder='Join the discussion'></textarea></div></div>"
            f"<div id='wpd-threads' class='wpd-thread-wrapper'><div class='wpd-thread-head'><div class='wpd-thread-info' "
            f"data-comments-count='{count}'><span class='wpdtc'>{count}</span> Comments</div></div>"
            f"<div class='wpd-comment-info-bar'></div><div class='wpd-thread-list'>{''.join(_wpdiscuz(s) for s in thread)}"
            "<div class='wpdiscuz-comment-pagination'></div></div></div></div></div></div>")


# Blogger: the classic layout's <dl id="comments-block">, and the threaded list of newer layouts and of the
# 2017 themes (Contempo, Soho, Emporio, Notable): .comment-thread, .comment-header, cite.user, .datetime.

def blogger_classic(thread=THREAD) -> str:
    rows = "".join(
        f"<dt class='comment-author{' blog-author' if s.by_author else ''}' id='c{s.cid}'><a name='c{s.cid}'></a>"
        f"<div class='avatar-image-container vcard'><span dir='ltr'><a href='https://www.blogger.com/profile/{s.cid}'>"
        f"<img src='a.png' alt=''></a></span></div>"
        f"<a href='https://www.blogger.com/profile/{s.cid}' rel='nofollow'>{_x(s.name)}</a> said...</dt>"
        f"<dd class='comment-body' id='Blog1_cmt-{s.cid}'><p>{_x(s.text)}</p></dd>"
        f"<dd class='comment-footer'><span class='comment-timestamp'><a href='?showComment={s.cid}#c{s.cid}' "
        f"title='comment permalink'>{_long(s.when).replace(' am', ' AM').replace(' pm', ' PM')}</a></span></dd>"
        for s, _ in flat(thread))
    count = len(list(flat(thread)))
    return (f"<div class='comments' id='comments'><a name='comments'></a><h4>{count} comments:</h4>"
            f"<div id='Blog1_comments-block-wrapper'><dl class='avatar-comment-indent' id='comments-block'>{rows}</dl></div>"
            "<p class='comment-footer'><a href='https://www.blogger.com/comment.g'>Post a Comment</a></p></div>")


def _blogger_li(said: Said) -> str:
    replies = "".join(f"<div>{_blogger_li(r)}</div>" for r in said.replies)
    return (f"<li class='comment' id='c{said.cid}'><div class='avatar-image-container'><img src='a.png' alt=''></div>"
            f"<div class='comment-block'><div class='comment-header'><cite class='user'>"
            f"<a href='https://www.blogger.com/profile/{said.cid}' rel='nofollow'>{_x(said.name)}</a></cite>"
            f"<span class='icon user{' blog-author' if said.by_author else ''}'></span>"
            f"<span class='datetime secondary-text'><a rel='nofollow' href='?showComment={said.cid}#c{said.cid}'>"
            f"{said.when.day} March {said.when.year} at {said.when:%H:%M}</a></span></div>"
            f"<p class='comment-content'>{_x(said.text)}</p><span class='comment-actions secondary-text'>"
            f"<a class='comment-reply' target='_self' data-comment-id='{said.cid}'>Reply</a>"
            f"<span class='item-control blog-admin'><a>Delete</a></span></span></div>"
            + (f"<div class='comment-replies'><div id='c{said.cid}-rt' class='comment-thread inline-thread'>"
               f"<span class='thread-toggle thread-expanded'><span class='thread-count'><a target='_self'>Replies</a></span></span>"
               f"<ol id='c{said.cid}-ra' class='thread-chrome thread-expanded'>{replies}"
               f"<div id='c{said.cid}-continue' class='continue'><a class='comment-reply' target='_self'>Reply</a></div></ol></div></div>"
               if said.replies else "")
            + f"<div class='comment-replybox-single' id='c{said.cid}-ce'></div></li>")


def blogger_threaded(thread=THREAD) -> str:
    """The 2017 themes' section (Contempo, Soho, Emporio, Notable); older layouts print the same comment-holder."""
    items = "".join(_blogger_li(s) for s in thread)
    return ("<section class='comments threaded' data-embed='true' data-num-comments='6' id='comments'>"
            "<a name='comments'></a><h3 class='title'>Comments</h3><div class='comments-content'>"
            "<div id='comment-holder'><div class='comment-thread toplevel-thread'>"
            f"<ol id='top-ra'>{items}</ol><div id='top-continue' class='continue'><a class='comment-reply' target='_self'>"
            "Add comment</a></div><div class='comment-replybox-thread' id='top-ce'></div>"
            "<div class='loadmore hidden'><a target='_self'>Load more...</a></div></div></div></div>"
            "<p class='comment-footer'><div class='comment-form'><a name='comment-form'></a><p></p>"
            "<a href='https://www.blogger.com/comment/frame/1' id='comment-editor-src'></a>"
            "<iframe class='blogger-iframe-colorize blogger-comment-from-post' id='comment-editor' name='comment-editor' src=''>"
            "</iframe></div></p></section>")


# Drupal: 7's comment.tpl.php (div.comment, .submitted, .content) and 8+'s comment.html.twig
# (article.comment.js-comment, .comment__meta/.comment__author/.comment__time/.comment__content). Replies follow
# their parent in a div.indented, they are not inside it.

# Without the RDF module a Drupal 7 site shows the date only in the translated "Submitted by" line.
_NO_RDF = {"104": "Soumis par", "105": "Enviado por"}


def _drupal7(thread) -> str:
    out = ""
    for s in thread:
        classes = "comment comment-by-node-author clearfix" if s.by_author else "comment clearfix"
        name = (f"<a href='/user/7' class='username' property='foaf:name'>{_x(s.name)}</a>" if s.by_author
                else f"<span class='username' property='foaf:name'>{_x(s.name)} (not verified)</span>")
        out += (f"<a id='comment-{s.cid}'></a><div class='{classes}' about='/comment/{s.cid}#comment-{s.cid}' "
                f"typeof='sioc:Post sioct:Comment'><h3 property='dc:title'><a href='/comment/{s.cid}#comment-{s.cid}' "
                f"class='permalink' rel='bookmark'>{_x(s.text[:20])}…</a></h3>"
                f"<div class='submitted'><a href='/comment/{s.cid}#comment-{s.cid}' class='permalink'>Permalink</a>"
                + (f"Submitted by {name} on <span property='dc:date dc:created' content='{s.when.isoformat()}' "
                   f"datatype='xsd:dateTime'>{s.when:%a, %m/%d/%Y - %H:%M}</span></div>" if s.cid not in _NO_RDF
                   else f"{_NO_RDF[s.cid]} {name} {'le' if s.cid == '104' else 'el'} {s.when:%m/%d/%Y - %H:%M}</div>")
                + f"<div class='content'><span rel='sioc:reply_of' resource='/node/1' class='rdf-meta element-hidden'></span>"
                f"<div class='field field-name-comment-body'><div class='field-items'><div class='field-item even' "
                f"property='content:encoded'><p>{_x(s.text)}</p></div></div></div></div>"
                f"<ul class='links inline'><li class='comment-reply last'><a href='/comment/reply/1/{s.cid}'>reply</a></li></ul></div>")
        if s.replies:
            out += f"<div class='indented'>{_drupal7(s.replies)}</div>"
    return out


def drupal7(thread=THREAD) -> str:
    heading = "<h2 class='title'>Comments</h2>" if thread else ""
    return (f"<div id='comments' class='comment-wrapper'>{heading}{_drupal7(thread)}"
            "<h2 class='title comment-form'>Add new comment</h2><form class='comment-form'><textarea></textarea></form></div>")


def _drupal8(thread) -> str:
    out = ""
    for s in thread:
        author = " by-node-author" if s.by_author else ""
        out += (f"<article data-comment-user-id='{7 if s.by_author else 0}' id='comment-{s.cid}' "
                f"class='comment js-comment{author}' role='article'>"
                f"<span class='hidden' data-comment-timestamp='{int(s.when.timestamp())}'></span>"
                f"<div class='comment__text-wrapper'><footer class='comment__meta'><p class='comment__author'>"
                f"<span>{_x(s.name)}</span></p><p class='comment__time'>{s.when:%a, %m/%d/%Y - %H:%M}</p>"
                + ("<p class='visually-hidden'>In reply to <a href='#'>earlier</a> by someone</p>" if s is not thread[0] else "")
                + f"</footer><div class='comment__content'><h3><a href='/comment/{s.cid}#comment-{s.cid}' class='permalink' "
                f"rel='bookmark'>{_x(s.text[:20])}…</a></h3><div class='text-content field field--name-comment-body'>"
                f"<p>{_x(s.text)}</p></div><ul class='links inline comment__links'><li><a href='/comment/reply/{s.cid}'>Reply</a></li></ul>"
                f"</div></div></article>")
        if s.replies:
            out += f"<div class='indented'>{_drupal8(s.replies)}</div>"
    return out


def drupal8(thread=THREAD) -> str:
    heading = "<h2 class='comments__title'>Comments</h2>" if thread else ""
    return (f"<section data-drupal-selector='comments' class='comments'>{heading}{_drupal8(thread)}"
            "<div class='comment-form__title'>Add new comment</div><form class='comment-comment-form'><textarea></textarea></form></section>")


# Movable Type 4+ (comment-header byline with abbr.published; a reply says "replied to comment from") and
# TypePad / classic Movable Type ("Posted by: NAME | DATE" in p.comment-footer under div.comment-content).

def movabletype(thread=THREAD) -> str:
    rows = ""
    for s, parent in flat(thread):
        names = {c.cid: c.name for c, _ in flat(thread)}
        replied = (f" replied to <a href='#comment-{parent}'>comment from {_x(names[parent])}</a>" if parent else "")
        mark = " entry-author-comment" if s.by_author else ""  # MT's IfCommenterIsEntryAuthor
        rows += (f"<div class='comment{mark}' id='comment-{s.cid}'><div class='inner'>"
                 f"<div class='comment-header'><div class='asset-meta'><span class='byline'><span class='vcard author'>"
                 f"<a class='fn url' href='https://example.org/{s.cid}'>{_x(s.name)}</a></span>{replied} | "
                 f"<a href='#comment-{s.cid}'><abbr class='published' title='{s.when.isoformat()}'>{s.when:%B %d, %Y %I:%M %p}"
                 f"</abbr></a> | <a title='Reply' href='javascript:void(0);'>Reply</a></span></div></div>"
                 f"<div class='comment-content'><p>{_x(s.text)}</p></div></div></div>")
    count = len(list(flat(thread)))
    return (f"<div id='comments' class='comments'><h2 class='comments-header'>{count} Comments</h2>"
            f"<div class='comments-content'>{rows}</div><form id='comments-form'><textarea></textarea></form></div>")


def typepad(thread=THREAD) -> str:
    rows = "".join(
        f"<a id='c{s.cid}'></a><div class='comment font-entrybody' id='comment-6a00d8{s.cid}'>"
        f"<div class='comment-content font-entrybody'><p>{_x(s.text)}</p></div>"
        f"<p class='comment-footer font-entryfooter'>Posted by: "
        + (f"<a href='https://profile.typepad.com/{s.cid}' rel='nofollow'>{_x(s.name)}</a>" if s.cid != "104" else _x(s.name))
        + f" | <a href='#comment-6a00d8{s.cid}'>{s.when:%A, %d %B %Y} at {s.when:%I:%M %p}</a></p></div>"
        for s, _ in flat(thread))
    return (f"<div class='comments' id='comments'><h3 class='comments-header'>Comments</h3>"
            f"<div class='comments-content' id='comments-content'>{rows}</div>"
            "<p class='comments-open-footer'>The comments to this entry are closed.</p></div>")


# Dreamwidth's site scheme (and LiveJournal's S2 styles built on it): a comment-thread per comment,
# its replies' threads inside it; .poster .ljuser, .datetime, .comment-content.

def _dreamwidth(said: Said, depth: int = 1) -> str:
    inner = "".join(_dreamwidth(r, depth + 1) for r in said.replies)
    return (f"<div class='comment-thread comment-depth-{'odd' if depth % 2 else 'even'} comment-depth-{depth}'>"
            f"<div class='dwexpcomment' id='cmt{said.cid}'><div class='comment-wrapper comment-depth-{depth} "
            f"poster-u{said.cid}{' entry-author' if said.by_author else ''}'>"
            f"<div class='comment' id='comment-cmt{said.cid}'><div class='inner'><div class='header'><div class='inner'>"
            f"<h4 class='comment-title'><span class='invisible'>(no subject)</span></h4>"
            f"<div class='datetime'><span>{said.when:%Y-%m-%d %I:%M} {'am' if said.when.hour < 12 else 'pm'} (UTC)</span></div>"
            f"<div class='poster'><span class='ljuser'><a href='https://u{said.cid}.dreamwidth.org/profile'><img src='u.png' alt='[personal profile] '></a>"
            f"<a href='https://u{said.cid}.dreamwidth.org/'><b>{_x(said.name)}</b></a></span></div></div></div>"
            f"<div class='contents'><div class='inner'><div class='userpic'></div><div class='comment-content'>{_x(said.text)}</div></div></div>"
            f"<div class='footer'><div class='inner'><ul class='comment-interaction-links'><li class='link commentpermalink'>"
            f"<a href='?thread={said.cid}#cmt{said.cid}'>Link</a></li><li class='link reply'><a href='?replyto={said.cid}'>Reply</a></li>"
            f"</ul></div></div></div></div></div></div>{inner}</div>")


def dreamwidth(thread=THREAD) -> str:
    return (f"<div id='comments'><div class='inner'>{''.join(_dreamwidth(s) for s in thread)}"
            "<div class='bottomcomment'><ul class='entry-interaction-links'><li class='entry-readlink'>"
            "<a href='?view=comments'>Read comments</a></li><li class='entry-replylink'><a>Reply</a></li></ul></div></div></div>")


# Disqus's embed as a browser keeps it: "Webpage, Complete" saves the frame as a page of its own, SingleFile
# inlines it as the iframe's srcdoc. Inside: ul#post-list > li.post, .post-byline .author, a.time-ago with the
# full date in its title, .post-message, replies in ul.children; the site's moderators carry a "Mod" badge.

def _disqus_li(said: Said) -> str:
    badge = "<span class='badge moderator'>Mod</span>" if said.by_author else ""
    inner = "".join(_disqus_li(r) for r in said.replies)
    return (f"<li class='post' id='post-{said.cid}000'><div role='alert'></div><div class='post-content'>"
            f"<div class='avatar hovercard'><a class='user'><img class='user' src='a.png' alt='Avatar'></a></div>"
            f"<div class='post-body'><header class='comment__header'><span class='post-byline'>"
            f"<span class='author publisher-anchor-color'><a href='https://disqus.com/by/u{said.cid}/'>{_x(said.name)}</a></span>{badge}"
            f"</span><span class='post-meta'><span class='bullet time-ago-bullet'>•</span>"
            f"<a href='#comment-{said.cid}000' class='time-ago' data-role='relative-time' "
            f"title='{said.when:%A, %B} {said.when.day}, {said.when.year} {said.when.hour % 12 or 12}:{said.when:%M %p}'>11 years ago</a></span>"
            f"</header><div class='post-body-inner'><div class='post-message-container'><div class='publisher-anchor-color'>"
            f"<div class='post-message' data-role='message' dir='auto'><p>{_x(said.text)}</p></div></div></div></div>"
            f"<footer class='comment__footer'><menu class='comment-footer__menu'><li class='voting'>1</li>"
            f"<li class='reply'><a class='reply-link'>Reply</a></li></menu></footer></div></div>"
            + (f"<ul class='children'>{inner}</ul>" if inner else "") + "</li>")


def disqus_frame(thread=THREAD) -> str:
    """The embed's own document (what the iframe holds)."""
    return ("<!doctype html><html><head><title>Disqus Comments</title></head><body><div id='layout'>"
            f"<section id='conversation'><div id='posts'><div class='nav nav-secondary'><span class='comment-count'>"
            f"{len(list(flat(thread)))} Comments</span></div><div id='form'><div class='textarea-wrapper'>"
            "<div class='textarea' role='textbox'>Join the discussion…</div></div></div>"
            f"<ul id='post-list' class='post-list'>{''.join(_disqus_li(s) for s in thread)}</ul>"
            "</div></section></div></body></html>")


def disqus_srcdoc(thread=THREAD) -> str:
    """SingleFile's save: the frame's document inline."""
    return (f"<div id='disqus_thread'><iframe id='dsq-app1' name='dsq-app1' title='Disqus' "
            f"srcdoc=\"{_x(disqus_frame(thread))}\"></iframe></div>")


def disqus_saved_frame() -> str:
    """"Webpage, Complete": the frame points at the page's files folder (write :func:`disqus_frame` there)."""
    return "<div id='disqus_thread'><iframe id='dsq-app2' title='Disqus' src='page_files/saved_resource.html'></iframe></div>"


# Comment servers whose script writes the thread into the page (a save keeps what the script wrote).

def _commento(said: Said) -> str:
    inner = "".join(_commento(r) for r in said.replies)
    return (f"<div id='commento-card-{said.cid}' class='commento-card'><div id='commento-header-{said.cid}' class='commento-header'>"
            f"<div class='commento-avatar'>{said.name[0]}</div><div id='commento-name-{said.cid}' class='commento-name"
            f"{' commento-moderator' if said.by_author else ''}'>{_x(said.name)}</div>"
            f"<div id='commento-subtitle-{said.cid}' class='commento-subtitle'><div class='commento-score'>1 point</div>"
            f"<div class='commento-timeago' title='{said.when:%a %b %d %Y %H:%M:%S} GMT+0000 (Coordinated Universal Time)'>"
            f"11 years ago</div></div></div><div id='commento-contents-{said.cid}' class='commento-contents'>"
            f"<div id='commento-body-{said.cid}' class='commento-body'><p>{_x(said.text)}</p></div>"
            f"<div class='commento-options'><button class='commento-option-button commento-option-reply'></button></div>"
            + (f"<div id='commento-children-{said.cid}' class='commento-children'>{inner}</div>" if inner else "")
            + "</div></div>")


def commento(thread=THREAD) -> str:
    return (f"<div id='commento'><div id='commento-main-area'><div class='commento-main-area'><textarea id='commento-textarea-root' "
            f"placeholder='Add a comment'></textarea><div id='commento-comments-area' class='commento-comments'>"
            f"{''.join(_commento(s) for s in thread)}</div></div></div><div class='commento-footer'>Commento</div></div>")


def _isso(said: Said) -> str:
    inner = "".join(_isso(r) for r in said.replies)
    return (f"<div class='isso-comment' id='isso-{said.cid}'><div class='isso-avatar'><svg></svg></div>"
            f"<div class='isso-text-wrapper'><div class='isso-comment-header' role='meta'>"
            f"<a class='isso-author' href='https://example.org/{said.cid}' rel='nofollow'>{_x(said.name)}</a>"
            f"<span class='isso-spacer'>&bull;</span><a class='isso-permalink' href='#isso-{said.cid}'>"
            f"<time title='{said.when:%A, %B %d, %Y %H:%M}' datetime='{said.when.isoformat()}'>11 years ago</time></a>"
            f"</div><div class='isso-text'><p>{_x(said.text)}</p></div><div class='isso-comment-footer'>"
            f"<a class='isso-reply' href='#'>Reply</a></div></div><div class='isso-follow-up'>{inner}</div></div>")


def isso(thread=THREAD) -> str:
    return (f"<section id='isso-thread' data-title='The Old Bridge at Dusk'><h4>{len(list(flat(thread)))} Comments</h4>"
            "<div class='isso-postbox'><textarea class='isso-textarea' placeholder='Type Comment Here'></textarea></div>"
            f"<div id='isso-root'>{''.join(_isso(s) for s in thread)}</div></section>")


# A thread in class names like Squarespace's built-in comments (not checked against its source, so no row of the
# table): .comment, .comment-author-name, .comment-timestamp, .comment-body, replies in .comment-replies. The
# general theme rules of html_comments read it.

def _squarespace(said: Said) -> str:
    inner = "".join(_squarespace(r) for r in said.replies)
    return (f"<div class='comment' data-comment-id='{said.cid}' id='comment-{said.cid}'>"
            f"<div class='comment-header'><div class='comment-author-name'>{_x(said.name)}</div>"
            f"<div class='comment-timestamp' title='{said.when.isoformat()}'>{said.when:%B %d, %Y}</div></div>"
            f"<div class='comment-body'><p>{_x(said.text)}</p></div><div class='comment-actions'><span>Reply</span>"
            f"<span>Like</span></div>" + (f"<div class='comment-replies'>{inner}</div>" if inner else "") + "</div>")


def squarespace(thread=THREAD) -> str:
    return (f"<div class='squarespace-comments' id='comments-52'><div class='comments-content'>"
            f"<div class='header'>{len(list(flat(thread)))} Comments</div><div class='comment-list'>"
            f"{''.join(_squarespace(s) for s in thread)}</div><div class='comment-input'>Post a comment</div></div></div>")


BUILDERS = {
    "wordpress-html5": wordpress_html5, "wordpress-xhtml": wordpress_xhtml, "jetpack": jetpack, "wpdiscuz": wpdiscuz,
    "blogger-classic": blogger_classic, "blogger-threaded": blogger_threaded, "drupal7": drupal7, "drupal8": drupal8,
    "movabletype": movabletype, "typepad": typepad, "dreamwidth": dreamwidth, "disqus-srcdoc": disqus_srcdoc,
    "commento": commento, "isso": isso, "squarespace": squarespace,
}
# Platforms whose markup shows no post-author marker the importer can read (the name alone is never proof).
NO_AUTHOR_MARK = {"typepad", "squarespace", "isso"}
# Platforms whose lists are flat: a reply is not linked to what it answers.
FLAT = {"blogger-classic", "typepad"}
