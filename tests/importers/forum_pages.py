"""Saved forum threads in the stock markup of forum software (written for these tests).

Each builder prints one thread, the opening post then its replies, the way that forum's public templates lay out a
thread's page: the poster's card (name, rank, counts), the post's date and number, its text. The class names and the
nesting are the software's; the posts and the people are invented here. ``start`` numbers the posts from another
than 1, as a thread's later page does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape


@dataclass
class Post:
    pid: str
    name: str
    when: datetime
    text: str


def _at(day: int, hour: int, minute: int) -> datetime:
    return datetime(2021, 4, day, hour, minute, tzinfo=timezone.utc)


TITLE = "Rusty hinges on an old garden gate"
OPENING = Post("501", "Wenke Holm", _at(2, 9, 15), "My garden gate squeaks and the hinges have gone brown with rust. "
               "I tried oil twice this spring and the squeak came back within a week. Should I replace the hinges "
               "or is there a way to clean them properly without taking the whole gate off its post?")
REPLIES = [
    Post("502", "Tjark Olsen", _at(2, 11, 40), "Take them off and soak them in vinegar overnight, then brush them."),
    Post("503", "Bärbel Nguyen", _at(3, 8, 5), "Ich würde einfach neue Scharniere aus Edelstahl kaufen."),
    Post("504", "Wenke Holm", _at(4, 19, 30), "Thanks both, the vinegar worked and the gate is quiet now."),
]


def _x(text: str) -> str:
    return escape(text, quote=True)


def page(thread: str, *, head: str = "") -> str:
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{TITLE} | Garden Forum</title>{head}</head>"
            f"<body><header><nav><a href='/'>Forums</a> <a href='/garden/'>Garden</a></nav></header><main>"
            f"<h1>{TITLE}</h1>{thread}</main><footer>Forum software by its makers</footer></body></html>")


def xenforo2(posts, start: int = 1) -> str:
    def one(n: int, p: Post) -> str:
        return (f"<article class='message message--post js-post js-inlineModContainer' data-author='{_x(p.name)}' "
                f"data-content='post-{p.pid}' id='js-post-{p.pid}'><span class='u-anchorTarget' id='post-{p.pid}'></span>"
                "<div class='message-inner'><div class='message-cell message-cell--user'><section class='message-user'>"
                f"<div class='message-avatar'><img src='a.png' alt='{_x(p.name)}'></div><div class='message-userDetails'>"
                f"<h4 class='message-name'><a href='/members/u.{n}/' class='username'>{_x(p.name)}</a></h4>"
                "<h5 class='userTitle message-userTitle'>Well-known member</h5></div><div class='message-userExtras'>"
                "<dl class='pairs pairs--justified'><dt>Joined</dt><dd>Jan 3, 2019</dd></dl><dl class='pairs pairs--justified'>"
                f"<dt>Messages</dt><dd>{40 + n}</dd></dl></div></section></div><div class='message-cell message-cell--main'>"
                "<div class='message-main js-quickEditTarget'><header class='message-attribution message-attribution--split'>"
                f"<ul class='message-attribution-main listInline'><li class='u-concealed'><a href='/threads/t.9/post-{p.pid}'>"
                f"<time class='u-dt' datetime='{p.when:%Y-%m-%dT%H:%M:%S}+0000' title='{p.when:%b %d, %Y at %H:%M}'>"
                f"{p.when:%b %d, %Y}</time></a></li></ul><ul class='message-attribution-opposite listInline'>"
                f"<li><a href='/threads/t.9/post-{p.pid}'>#{n}</a></li></ul></header><div class='message-content js-messageContent'>"
                "<div class='message-userContent lbContainer js-lbContainer'><article class='message-body js-selectToQuote'>"
                f"<div class='bbWrapper'>{_x(p.text)}</div><div class='js-selectToQuoteEnd'>&nbsp;</div></article></div></div>"
                "<footer class='message-footer'><div class='message-actionBar actionBar'><a class='actionBar-action'>Reply</a>"
                "<a class='actionBar-action'>Report</a></div></footer></div></div></div></article>")

    return ("<div class='block block--messages'><div class='block-body js-replyNewMessageContainer'>"
            + "".join(one(n, p) for n, p in enumerate(posts, start)) + "</div></div>")


def phpbb3(posts, start: int = 1) -> str:
    def one(n: int, p: Post) -> str:
        subject = TITLE if n == 1 else f"Re: {TITLE}"
        first = " class='first'" if n == 1 else ""
        return (f"<div id='p{p.pid}' class='post has-profile bg{n % 2 + 1}'><div class='inner'>"
                f"<dl class='postprofile' id='profile{p.pid}'><dt class='has-profile-rank no-avatar'>"
                f"<a href='./memberlist.php?mode=viewprofile&amp;u={n}' class='username'>{_x(p.name)}</a></dt>"
                f"<dd class='profile-rank'>Member</dd><dd class='profile-posts'><strong>Posts:</strong> {10 + n}</dd>"
                f"<dd class='profile-joined'><strong>Joined:</strong> Fri Jan 04, 2019 8:00 pm</dd></dl>"
                f"<div class='postbody'><div id='post_content{p.pid}'><h3{first}>"
                f"<a href='#p{p.pid}'>{_x(subject)}</a></h3><ul class='post-buttons'><li><a class='button'>Quote</a></li></ul>"
                f"<p class='author'><a class='unread' href='./viewtopic.php?p={p.pid}#p{p.pid}'><span class='sr-only'>Post</span></a>"
                f"<span class='responsive-hide'>by <strong><a href='./memberlist.php?mode=viewprofile&amp;u={n}' "
                f"class='username'>{_x(p.name)}</a></strong> &raquo; </span>"
                f"<time datetime='{p.when:%Y-%m-%dT%H:%M:%S}+00:00'>{p.when:%a %b %d, %Y %I:%M %p}</time></p>"
                f"<div class='content'>{_x(p.text)}</div></div></div><div class='back2top'>"
                "<a href='#top' class='top' title='Top'>Top</a></div></div></div><hr class='divider'>")

    return "<div class='action-bar bar-top'><a class='button'>Post Reply</a></div>" + "".join(
        one(n, p) for n, p in enumerate(posts, start))


def phpbb30(posts, start: int = 1) -> str:
    """phpBB 3.0's prosilver: the date is the author line's text after "»", with no <time>."""
    return "".join(
        f"<div id='p{p.pid}' class='post bg{n % 2 + 1}'><div class='inner'><div class='postbody'>"
        f"<h3><a href='#p{p.pid}'>{'' if n == 1 else 'Re: '}{_x(TITLE)}</a></h3><p class='author'><a href='./viewtopic.php?p={p.pid}#p{p.pid}'>"
        f"<img src='icon_post_target.gif' alt='Post'></a>by <strong><a href='./memberlist.php?u={n}'>{_x(p.name)}</a>"
        f"</strong> &raquo; {p.when:%a %b %d, %Y %I:%M %p} </p><div class='content'>{_x(p.text)}</div></div>"
        f"<dl class='postprofile' id='profile{p.pid}'><dt><a href='./memberlist.php?u={n}'>{_x(p.name)}</a></dt>"
        f"<dd><strong>Posts:</strong> {n}</dd></dl></div></div><hr class='divider'>" for n, p in enumerate(posts, start))


def vbulletin4(posts, start: int = 1) -> str:
    def one(n: int, p: Post) -> str:
        return (f"<li class='postbitlegacy postbitim postcontainer old' id='post_{p.pid}'><div class='posthead'>"
                f"<span class='postdate old'><span class='date'>{p.when:%m-%d-%Y},&nbsp;<span class='time'>"
                f"{p.when:%I:%M %p}</span></span></span><span class='nodecontrols'><a name='post{p.pid}' "
                f"href='showthread.php?p={p.pid}#post{p.pid}' class='postcounter'>#{n}</a></span></div>"
                "<div class='postdetails'><div class='userinfo'><div class='username_container'>"
                f"<a class='username offline popupctrl' href='member.php?u={n}'><strong>{_x(p.name)}</strong></a></div>"
                "<span class='usertitle'>Junior Member</span><dl class='userinfo_extra'><dt>Join Date</dt><dd>Jan 2019</dd>"
                f"<dt>Posts</dt><dd>{n * 7}</dd></dl></div><div class='postbody'><div class='postrow'><div class='content'>"
                f"<div id='post_message_{p.pid}'><blockquote class='postcontent restore'>{_x(p.text)}</blockquote></div>"
                "</div></div></div></div><div class='postfoot'><span class='postcontrols'><a>Reply With Quote</a></span>"
                "</div></li>")

    return "<div id='postlist' class='postlist restrain'><ol id='posts' class='posts' start='1'>" + "".join(
        one(n, p) for n, p in enumerate(posts, start)) + "</ol></div>"


def discourse(posts, start: int = 1) -> str:
    def one(n: int, p: Post) -> str:
        kind = ("itemscope itemtype='http://schema.org/DiscussionForumPosting'" if n == 1
                else "itemprop='comment' itemscope itemtype='http://schema.org/Comment'")
        return (f"<div id='post_{n}' {kind} class='topic-body crawler-post'><div class='crawler-post-meta'>"
                "<span class='creator' itemprop='author' itemscope itemtype='http://schema.org/Person'>"
                f"<a itemprop='url' href='/u/u{n}'><span itemprop='name'>{_x(p.name)}</span></a></span>"
                f"<span class='crawler-post-infos'><time itemprop='datePublished' datetime='{p.when.isoformat()}' "
                f"class='post-time'>{p.when:%B %d, %Y, %I:%M%p}</time><span itemprop='position'>{n}</span></span></div>"
                f"<div class='post' itemprop='{'articleBody' if n == 1 else 'text'}'><p>{_x(p.text)}</p></div>"
                "<div itemprop='interactionStatistic' itemscope itemtype='http://schema.org/InteractionCounter'>"
                "<span class='post-likes'>3 Likes</span></div></div>")

    return "<div id='main-outlet' class='wrap' role='main'>" + "".join(one(n, p) for n, p in enumerate(posts, start)) + "</div>"


def xenforo1(posts, start: int = 1) -> str:
    """XenForo 1: the text is a <blockquote>, the date an <abbr class="DateTime"> in the meta row under it."""
    def one(n: int, p: Post) -> str:
        return (f"<li id='post-{p.pid}' class='message' data-author='{_x(p.name)}'><div class='messageUserInfo'>"
                "<div class='messageUserBlock'><div class='avatarHolder'><img src='a.png' alt=''></div>"
                f"<h3 class='userText'><a href='members/u.{n}/' class='username'>{_x(p.name)}</a>"
                "<em class='userTitle'>Well-known member</em></h3><div class='extraUserInfo'><dl class='pairsJustified'>"
                "<dt>Joined:</dt><dd>Jan 3, 2019</dd></dl></div></div></div><div class='messageInfo primaryContent'>"
                "<div class='messageContent'><article><blockquote class='messageText SelectQuoteContainer ugc baseHtml'>"
                f"{_x(p.text)}<div class='messageTextEndMarker'>&nbsp;</div></blockquote></article></div>"
                "<div class='messageMeta ToggleTriggerAnchor'><div class='privateControls'><span class='item muted'>"
                f"<span class='authorEnd'><a href='members/u.{n}/' class='username author'>{_x(p.name)}</a>,</span> "
                f"<a href='threads/t.9/#post-{p.pid}' class='datePermalink'><abbr class='DateTime' data-time='1617354900'>"
                f"{p.when:%b} {p.when.day}, {p.when.year} at {p.when.hour % 12 or 12}:{p.when:%M} {p.when:%p}</abbr></a></span>"
                f"</div><div class='publicControls'><a href='threads/t.9/#post-{p.pid}' class='item muted postNumber'>#{n}</a>"
                "</div></div></div></li>")

    return "<ol class='messageList' id='messageList'>" + "".join(one(n, p) for n, p in enumerate(posts, start)) + "</ol>"


def vbulletin5(posts, start: int = 1) -> str:
    def one(n: int, p: Post) -> str:
        return (f"<li class='b-post js-post js-comment-entry__parent{' b-post--first' if n == 1 else ''}' data-node-id='{p.pid}'>"
                "<div class='b-post__grid'><div class='b-userinfo' data-userid='{n}'><div class='b-userinfo__details'>"
                f"<div class='author h-text-size--14'><strong><a href='/member/{n}-u'>{_x(p.name)}</a></strong></div>"
                "<div class='b-userinfo__rank'>Junior Member</div><ul class='b-userinfo__additional-info-block'>"
                "<li class='b-userinfo__additional-info'><label>Join Date:</label> <span>Jan 2019</span></li>"
                f"<li class='b-userinfo__additional-info'><label>Posts:</label> <span>{n * 3}</span></li></ul></div></div>"
                "<div class='b-post__body'><div class='b-post__content js-post__content'><div class='b-media__body'>"
                f"<div class='b-post__timestamp'><time itemprop='dateCreated' datetime='{p.when:%Y-%m-%dT%H:%M:%S}'>"
                f"{p.when:%m-%d-%Y, %I:%M %p}</time></div><div class='js-post__content-wrapper'>"
                f"<div class='js-post__content-text restore h-wordwrap' itemprop='text'>{_x(p.text)}</div></div></div></div>"
                "<ul class='b-post__footer'><li><a>Quote</a></li><li><a>Reply</a></li></ul></div></div></li>")

    return "<ul class='conversation-list list-container'>" + "".join(one(n, p) for n, p in enumerate(posts, start)) + "</ul>"


def invision(posts, start: int = 1) -> str:
    """Invision Community 4: the feed sits in the moderators' form, the poster's card in an <aside>."""
    def one(n: int, p: Post) -> str:
        return (f"<article id='elComment_{p.pid}' class='cPost ipsBox ipsComment ipsComment_parent ipsClearfix ipsColumns'>"
                "<aside class='ipsComment_author cAuthorPane ipsColumn ipsColumn_medium'>"
                f"<h3 class='ipsType_sectionHead cAuthorPane_author ipsType_break'><strong><a href='/profile/{n}-u/'>"
                f"{_x(p.name)}</a></strong></h3><ul class='cAuthorPane_info ipsList_reset'><li class='ipsType_light'>Members</li>"
                f"<li class='ipsType_light'>{n * 4} posts</li></ul></aside><div class='ipsColumn ipsColumn_fluid'>"
                f"<div id='comment-{p.pid}_wrap' class='ipsComment_content ipsType_medium'><div class='ipsComment_meta ipsType_light'>"
                f"<div class='ipsType_reset'><a href='/topic/9/?do=findComment&amp;comment={p.pid}' rel='nofollow'>Posted "
                f"<time datetime='{p.when:%Y-%m-%dT%H:%M:%S}Z' title='{p.when:%m/%d/%Y %I:%M %p}'>{p.when:%B} {p.when.day}, "
                f"{p.when.year}</time></a></div></div><div class='cPost_contentWrap'><div data-role='commentContent' "
                f"class='ipsType_normal ipsType_richText ipsContained'><p>{_x(p.text)}</p></div></div>"
                "<ul class='ipsComment_controls ipsClearfix'><li><a>Quote</a></li></ul></div></div></article>")

    return ("<div data-role='commentFeed'><form action='/topic/9/' method='post' data-role='moderationTools'>"
            + "".join(one(n, p) for n, p in enumerate(posts, start)) + "</form></div>")


BUILDERS = {"xenforo2": xenforo2, "xenforo1": xenforo1, "phpbb3": phpbb3, "phpbb30": phpbb30, "vbulletin4": vbulletin4,
            "vbulletin5": vbulletin5, "invision": invision, "discourse": discourse}
