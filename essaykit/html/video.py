"""Embedded videos as a privacy-friendly facade: a thumbnail, a play button and a title
that link to the video, so the page loads nothing from the video site until the reader
asks. With JavaScript, a click swaps in the player from ``youtube-nocookie.com`` or
``player.vimeo.com`` (the only frame sources the live page's policy allows, and only on
pages that have a facade); without it, or offline, the link still works.

Facades come from ``YouTubeVideo``/``VimeoVideo``/``IFrame`` outputs (their ``text/html``
is an ``<iframe>``, which the output policy would drop) and from a YouTube or Vimeo
address alone on a line of Markdown. The thumbnail is the output's own ``image/jpeg``
(``YouTubeVideo`` stores one when it could fetch it); there is none otherwise, and the
facade is a plain box: nothing is fetched at build time.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import macros

# The frame sources a facade may turn into, for the live page's Content-Security-Policy.
PLAYER_ORIGINS = ("https://www.youtube-nocookie.com", "https://player.vimeo.com")
MARKER = "data-ek-video"

_YOUTUBE = re.compile(
    r"^https?://(?:www\.|m\.)?(?:youtube(?:-nocookie)?\.com/(?:watch\?(?:[^#\s]*&)?v=|embed/|shorts/|live/)|youtu\.be/)"
    r"([A-Za-z0-9_-]{6,20})")
_VIMEO = re.compile(r"^https?://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d{3,12})")
_IFRAME = re.compile(r"<iframe\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"'][^>]*>", re.I)
_TITLE_ATTR = re.compile(r"\btitle\s*=\s*[\"']([^\"']*)[\"']", re.I)
_ALONE = re.compile(r'<p>(?:<a href="([^"<>]+)"[^>]*>\1</a>|(https?://[^\s<>"]+))</p>')


@dataclass(frozen=True)
class Video:
    """A video to show as a facade: where it lives, its player, its title."""

    url: str
    player: str
    title: str
    site: str


def find_video(url: str, title: str = "") -> Video | None:
    """The :class:`Video` at a YouTube or Vimeo ``url`` (page or player address), or None."""
    url = html.unescape(url.strip())
    if m := _YOUTUBE.match(url):
        vid = m.group(1)
        return Video(f"https://www.youtube.com/watch?v={vid}",
                     f"{PLAYER_ORIGINS[0]}/embed/{vid}?autoplay=1", title or "Video", "YouTube")
    if m := _VIMEO.match(url):
        vid = m.group(1)
        return Video(f"https://vimeo.com/{vid}", f"{PLAYER_ORIGINS[1]}/video/{vid}?autoplay=1&dnt=1",
                     title or "Video", "Vimeo")
    return None


def facade(video: Video, thumbnail: str = "") -> str:
    """The facade's HTML; ``thumbnail`` is a ``data:image/…`` URL or ""."""
    return str(macros().video_facade(video, thumbnail))


def iframe_output(markup: str, thumbnail: str = "") -> str:
    """An output's ``text/html`` that is an ``<iframe>`` as a facade (a video) or a link
    to what it framed (an ``IFrame`` of any other page); "" when it frames nothing."""
    found = _IFRAME.search(markup)
    if not found:
        return ""
    src = html.unescape(found.group(1)).strip()
    title = (_TITLE_ATTR.search(found.group(0)) or [None, ""])[1]
    video = find_video(src, title)
    if video is not None:
        return facade(video, thumbnail)
    if re.match(r"^https?://", src):
        return str(macros().framed_link(src, title))
    return ""


def video_paragraphs(markup: str) -> str:
    """Sanitised Markdown HTML with every paragraph that is only a YouTube or Vimeo address as a facade."""
    if "<p>http" not in markup and '<p><a href="http' not in markup:
        return markup

    def swap(m: re.Match) -> str:
        video = find_video(m.group(1) or m.group(2))
        return facade(video) if video is not None else m.group(0)

    return _ALONE.sub(swap, markup)


def has_video(markup: str) -> bool:
    """True when a page's HTML holds a facade (so its policy must allow the players)."""
    return MARKER in markup


def allow_players(policy: str) -> str:
    """A Content-Security-Policy with the video players added to its ``frame-src``,
    for a page that holds a facade (and only such a page)."""
    players = " ".join(PLAYER_ORIGINS)
    parts = [p.strip() for p in policy.split(";") if p.strip()]
    for i, part in enumerate(parts):
        if part.split()[0] == "frame-src":
            parts[i] = f"{part} {players}"
            break
    else:
        parts.append(f"frame-src {players}")
    return "; ".join(parts)
