"""The one loop over an essay's blocks, shared by the static export and the live page.

Text and spoiler blocks come out the same on both; only what a code cell
becomes differs (its outputs on a static page, an empty slot on the live page
that the running kernel fills), and how local images are reached (embedded,
or served from ``/voila/files/``). Callers pass those two as functions.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote

from ..essay import CodeBlock, Essay, SpoilerBlock, TextBlock
from ..markdown import Heading
from . import spoiler_block
from .video import video_paragraphs

_IN_PAGE_LINK = re.compile(r'href="#([^"]+)"')


def jupyter_links(markup: str, found: list[Heading]) -> str:
    """Point in-page links written as JupyterLab and nbconvert name headings (the heading's
    text with spaces as ``-``: ``#Why-it-works``) at the ids the headings have here."""
    targets = {h.text.replace(" ", "-"): h.id for h in found if h.id}
    if not targets or 'href="#' not in markup:
        return markup

    def retarget(m: re.Match) -> str:
        target = targets.get(unquote(html.unescape(m.group(1))))
        return f'href="#{target}"' if target else m.group(0)

    return _IN_PAGE_LINK.sub(retarget, markup)


def _same(markup: str) -> str:
    return markup


def render_blocks(essay: Essay, *, code: Callable[[CodeBlock], str],
                  images: Callable[[str], str] = _same) -> Iterable[str]:
    """The HTML of each block in order; code cells for which ``code`` returns "" yield nothing.

    ``images`` rewrites local images in text and spoiler HTML; ``code`` renders a code cell.
    The essay's footnotes follow as end notes (sidenotes on wide screens, see essay.css).
    """
    def text(markup: str) -> str:
        return images(video_paragraphs(jupyter_links(markup, essay.headings)))

    for i, block in enumerate(essay.blocks):
        if isinstance(block, TextBlock):
            yield text(block.html)
        elif isinstance(block, SpoilerBlock):
            yield spoiler_block(block.label, text(block.html), block_id=f"ek-spoiler-{i}")
        elif isinstance(block, CodeBlock):
            part = code(block)
            if part:
                yield part
    notes = essay.footnotes
    if notes:
        from ..markdown import Footnotes, endnotes_html

        yield images(endnotes_html(Footnotes(items=notes)))
