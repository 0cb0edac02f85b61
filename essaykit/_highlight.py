"""Code coloured on the server with Pygments, as nbconvert does: no JavaScript.

Tokens become ``<span class="ek-hl-…">`` inside ``<pre class="ek-code">``; the
colours are CSS variables in ``essay.css``, one set for the light page and one
for the dark, so the reader's theme switch recolours code too. The short
Pygments class names (``k`` keyword, ``s2`` string …) keep the page small.
"""

from __future__ import annotations

import functools
import html
import re

CLASS_PREFIX = "ek-hl-"
# The class values an author's Markdown may carry through the sanitiser: our own
# code and formula markup, never anything that looks like another component.
SAFE_CLASS = re.compile(r"^(ek-hl-[a-z0-9]{1,3}|ek-code|ek-math-error|ek-math-error--block)$")


def filter_class(value: str) -> str | None:
    """Keep only the class tokens of code and formula markup (None when none is left)."""
    kept = [token for token in value.split() if SAFE_CLASS.match(token)]
    return " ".join(kept) or None


@functools.cache
def _formatter():
    from pygments.formatters import HtmlFormatter

    return HtmlFormatter(nowrap=True, classprefix=CLASS_PREFIX)


@functools.lru_cache(maxsize=64)
def _lexer(language: str):
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    for name in (language, {"ipython3": "python", "ipython": "python"}.get(language, "")):
        if not name:
            continue
        try:
            return get_lexer_by_name(name, stripnl=False, ensurenl=False)
        except ClassNotFound:
            continue
    return None


def highlight_html(code: str, language: str = "") -> str:
    """``code`` as ``<pre class="ek-code"><code>``, coloured when ``language`` is one Pygments knows."""
    lexer = _lexer(language.strip().lower()) if language.strip() else None
    if lexer is None:
        body = html.escape(code, quote=False)
    else:
        from pygments import highlight

        body = highlight(code, lexer, _formatter())
    return f'<pre class="ek-code"><code>{body}</code></pre>'


def markdown_highlight(code: str, language: str, _attrs: str) -> str:
    """markdown-it's ``highlight`` hook: fenced code, coloured by its info string's language."""
    return highlight_html(code, language) + "\n"
