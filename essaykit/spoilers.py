"""What stands in for a spoiler wherever its page's markup cannot keep it hidden.

On its page a spoiler is hidden by markup: ``<details>`` for a block, a span the
page's CSS blurs for ``||inline||`` words. Every other place an essay's text
goes strips that markup: feed readers drop classes and ``<summary>`` (so blocks
come out open), social previews and search snippets show plain text, mail is
plain text. So every copy of the text that leaves the page (feeds, the summary
in descriptions and listings, comment feeds, email quotes) carries
:data:`SPOILER_ELSEWHERE` and a link to the page in place of the hidden words.
"""

from __future__ import annotations

import re

SPOILER_ELSEWHERE = "Spoiler — read it on the page"

# ``||words||`` in plain text (a summary, a comment's Markdown). It may hide more than the
# renderer would (it ignores code spans), never less: a closed pair is always taken out.
_INLINE = re.compile(r"\|\|(?=[^|]).*?\|\|", re.S)
_BLOCK = "data-ek-spoiler-block"
_SPAN = "data-ek-spoiler"
_NOTE_REF = re.compile(r"^#(ek-fn-.+)$")


def spoiler_free_text(text: str, link: str = "") -> str:
    """``text`` with each ``||spoiler||`` replaced by the notice (and ``link`` in brackets)."""
    notice = f"[{SPOILER_ELSEWHERE}: {link}]" if link else f"[{SPOILER_ELSEWHERE}]"
    return _INLINE.sub(notice, text)


def spoiler_free_html(markup: str, link: str) -> str:
    """Rendered essay or comment HTML with every spoiler (block, inline, and the end
    notes only they refer to) replaced by a link to ``link``, the page that shows them.

    Spoiler blocks link to their own id on the page (``link#ek-spoiler-3``).
    """
    if _SPAN not in markup:  # also covers _BLOCK; most text has no spoilers
        return markup
    from bs4 import BeautifulSoup  # the importers' HTML parser; only pages with spoilers pay for it

    soup = BeautifulSoup(markup, "html.parser")
    notes: set[str] = set()

    def notice(tag: str, href: str):
        anchor = soup.new_tag("a", href=href)
        anchor.string = SPOILER_ELSEWHERE
        if tag == "a":
            return anchor
        wrap = soup.new_tag(tag, attrs={"class": "ek-spoiler-elsewhere"})
        wrap.append(anchor)
        return wrap

    for kind, tag in ((_BLOCK, "p"), (_SPAN, "a")):
        for el in soup.find_all(attrs={kind: True}):
            notes.update(m.group(1) for a in el.find_all("a", href=True) if (m := _NOTE_REF.match(a["href"])))
            target = f"{link}#{el['id']}" if el.get("id") else link
            el.replace_with(notice(tag, target))
    still_referred = {m.group(1) for a in soup.find_all("a", href=True) if (m := _NOTE_REF.match(a["href"]))}
    for note_id in notes - still_referred:
        note = soup.find(id=note_id)
        if note is not None:
            note.clear()
            note.append(notice("p", link))
    return str(soup)
