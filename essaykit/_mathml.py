"""Formulas as MathML Core, made on the server: no JavaScript, no fonts to fetch.

TeX becomes MathML Core through ``math-core`` (a Rust converter with Python
bindings). It was chosen on measurement (``bench/fidelity.py``): on the 634
distinct formulas of two math-heavy public notebook collections it converted
94% as written and 98% after the rewrites below, in 55 ms in all; it writes
MathML *Core* (double-struck and bold letters as Unicode, no ``mathvariant``
or ``columnalign`` that Chromium ignores), which latex2mathml does not; and
Temml/KaTeX, about as complete, would make Node a dependency of every server
and preview that renders Markdown.

Every formula keeps its TeX in ``<annotation encoding="application/x-tex">``
(copy and screen readers). A formula that cannot be converted is shown as its
TeX in ``<code class="ek-math-error">`` and reported by :func:`formula_errors`,
so ``essaykit check`` can name it; nothing is dropped.

What it does not support (each shows as TeX, named by ``essaykit check``):
``\\unicode``, ``\\href``, ``\\require``, ``\\bbox``, ``\\substack``,
``smallmatrix``, ``\\LaTeX``, ``$`` inside ``\\text{…}`` nested more than one
level, and ``\\newcommand`` of a command that exists already.
"""

from __future__ import annotations

import functools
import html
import re

# MathJax accepts these and notebooks use them; math-core does not know them.
_MACROS = {
    "cr": r"\\",
    "mbox": r"\text{#1}",
    "hbox": r"\text{#1}",
    # Text-size switches do nothing inside MathML (MathJax ignores most of them too).
    **{size: "" for size in ("tiny", "scriptsize", "footnotesize", "small", "normalsize",
                             "large", "Large", "LARGE", "huge", "Huge")},
}
# Rewrites tried only when a formula fails as written, so well-formed TeX is never touched.
_REWRITES = (
    (re.compile(r"\\begin\{split\}"), r"\\begin{aligned}"),
    (re.compile(r"\\end\{split\}"), r"\\end{aligned}"),
    (re.compile(r"\\begin\{eqnarray\*?\}"), r"\\begin{array}{rcl}\\displaystyle "),
    (re.compile(r"\\end\{eqnarray\*?\}"), r"\\end{array}"),
    (re.compile(r"\\(?=\n)"), r"\\ "),  # a backslash ending a line is TeX's control space
    (re.compile(r"\\label\{[^{}]*\}"), ""),  # MathJax ignores labels unless it numbers equations
)
_TEXT_DOLLARS = re.compile(r"\\text\{([^{}]*)\}")
_ID_PREFIX = "ek-eq-"

MATHML_TAGS = frozenset({
    "math", "semantics", "annotation", "annotation-xml", "maction", "merror", "mfrac", "mi",
    "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mprescripts", "mroot", "mrow",
    "ms", "mspace", "msqrt", "mstyle", "msub", "msubsup", "msup", "mtable", "mtd", "mtext", "mtr",
    "munder", "munderover", "none",
})
# MathML Core's attributes (https://w3c.github.io/mathml-core/), per element and global.
_GLOBAL = {"dir", "displaystyle", "mathbackground", "mathcolor", "mathsize", "mathvariant",
           "scriptlevel", "style", "id"}
MATHML_ATTRIBUTES: dict[str, set[str]] = {tag: set(_GLOBAL) for tag in MATHML_TAGS}
for _tag, _extra in {
    "math": {"display", "alttext"},
    "annotation": {"encoding"},
    "annotation-xml": {"encoding"},
    "mfrac": {"linethickness"},
    "mo": {"form", "fence", "separator", "lspace", "rspace", "stretchy", "symmetric", "maxsize",
           "minsize", "largeop", "movablelimits"},
    "mover": {"accent"},
    "munder": {"accentunder"},
    "munderover": {"accent", "accentunder"},
    "mpadded": {"width", "height", "depth", "lspace", "voffset"},
    "mspace": {"width", "height", "depth"},
    "mtd": {"columnspan", "rowspan"},
}.items():
    MATHML_ATTRIBUTES[_tag] |= _extra
# Anything in a style attribute that could make the browser fetch something (outputs use it too).
STYLE_FETCHES = re.compile(r"url\s*\(|image-set\s*\(|image\s*\(|@import|\\|expression\s*\(", re.I)


def filter_mathml_attribute(tag: str, attr: str, value: str) -> str | None:
    """The value to keep for a MathML attribute (None drops it): styles that load
    nothing, and only the equation ids the converter makes."""
    if attr == "style":
        return None if STYLE_FETCHES.search(value) else value
    if attr == "id":
        return value if value.startswith(_ID_PREFIX) else None
    return value


class FormulaError(ValueError):
    """A formula the converter cannot turn into MathML; the message says why."""


@functools.cache
def _converter():
    from math_core import LatexToMathML

    return LatexToMathML(fancy_error=False, macros=_MACROS, id_prefix=_ID_PREFIX)


_MATH_ELEMENT = re.compile(r"^<math( display=\"block\")?>(.*)</math>$", re.S)


def _annotated(mathml: str, tex: str) -> str:
    """The converter's MathML with the TeX *as the author wrote it* as its annotation."""
    m = _MATH_ELEMENT.match(mathml)
    if m is None:  # pragma: no cover - the converter always writes one <math> element
        raise FormulaError(f"unexpected converter output for {tex!r}")
    return (f"<math{m.group(1) or ''}><semantics><mrow>{m.group(2)}</mrow>"
            f'<annotation encoding="application/x-tex">{html.escape(tex, quote=False)}</annotation></semantics></math>')


def _text_without_dollars(tex: str) -> str:
    """``\\text{if $x$ holds}`` (MathJax-only) as ``\\text{if }x\\text{ holds}``."""
    def split(m: re.Match) -> str:
        parts = m.group(1).split("$")
        if len(parts) % 2 == 0:
            return m.group(0)
        return "".join(f"\\text{{{p}}}" if i % 2 == 0 else f"{{{p}}}" for i, p in enumerate(parts) if p)

    return _TEXT_DOLLARS.sub(split, tex)


def _rewritten(tex: str, display: bool) -> str:
    for pattern, replacement in _REWRITES:
        tex = pattern.sub(replacement, tex)
    tex = _text_without_dollars(tex)
    if display and "\\tag" in tex and "\\begin" not in tex:
        tex = f"\\begin{{equation}}{tex}\\end{{equation}}"
    return tex


@functools.lru_cache(maxsize=4096)
def to_mathml(tex: str, display: bool = False) -> str:
    """``tex`` as MathML Core with the TeX as its annotation; raises :class:`FormulaError`."""
    from math_core import LatexError

    converter = _converter()
    try:
        return _annotated(converter.convert_with_local_state(tex, displaystyle=display), tex)
    except LatexError as first:
        fixed = _rewritten(tex, display)
        if fixed != tex:
            try:
                return _annotated(converter.convert_with_local_state(fixed, displaystyle=display), tex)
            except LatexError:
                pass
        raise FormulaError(str(first).strip()) from None


def formula_html(tex: str, display: bool = False) -> str:
    """MathML for ``tex``, or its TeX in ``<code class="ek-math-error">`` when it cannot be converted."""
    try:
        return to_mathml(tex, display)
    except FormulaError:
        shown = f"$${tex}$$" if display else f"${tex}$"
        kind = "ek-math-error ek-math-error--block" if display else "ek-math-error"
        return f'<code class="{kind}">{html.escape(shown, quote=False)}</code>'


# Token types of mdit-py-plugins' dollarmath, amsmath and texmath, and whether each is display math.
MATH_TOKENS = {
    "math_inline": False, "math_inline_double": True, "math_single": False,
    "math_block": True, "math_block_label": True, "math_block_eqno": True, "amsmath": True,
}


def _render_token(_self, tokens, idx, _options, _env) -> str:
    token = tokens[idx]
    display = MATH_TOKENS[token.type]
    markup = formula_html(token.content.strip() if display else token.content, display)
    return markup + "\n" if token.block else markup


def math_plugin(md) -> None:
    """Teach a markdown-it parser Jupyter's formulas: ``$…$``, ``$$…$$``, ``\\(…\\)``,
    ``\\[…\\]`` and ``\\begin{align}…`` environments, parsed before any inline rule
    so Markdown never touches the TeX, and rendered as MathML.

    ``$5 and $6`` stays text (no digit may follow the opening ``$``), as does ``\\$``.
    """
    from mdit_py_plugins.amsmath import amsmath_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.texmath import texmath_plugin

    md.use(amsmath_plugin)
    md.use(dollarmath_plugin, allow_labels=True, allow_space=True, allow_digits=False,
           allow_blank_lines=False, double_inline=True)
    md.use(texmath_plugin, delimiters="brackets")
    for kind in MATH_TOKENS:
        md.add_render_rule(kind, _render_token)


def formulas(tokens) -> list[tuple[str, bool]]:
    """Every formula in parsed markdown-it ``tokens`` (children included), as (TeX, display)."""
    found = []
    for token in tokens:
        if token.type in MATH_TOKENS:
            display = MATH_TOKENS[token.type]
            found.append((token.content.strip() if display else token.content, display))
        if token.children:
            found.extend(formulas(token.children))
    return found


def formula_errors(tokens) -> list[tuple[str, str]]:
    """(TeX, why) of each formula in ``tokens`` that cannot become MathML."""
    errors = []
    for tex, display in formulas(tokens):
        try:
            to_mathml(tex, display)
        except FormulaError as exc:
            errors.append((tex, str(exc)))
    return errors


@functools.cache
def _latex_parser():
    from markdown_it import MarkdownIt

    md = MarkdownIt("zero")
    math_plugin(md)
    return md


def latex_html(text: str) -> str:
    """A ``text/latex`` output (``Math``, ``Latex``, SymPy) as HTML: its formulas as
    MathML, any text around them as text, as Jupyter shows it."""
    return _latex_parser().render(text)


def latex_formula_errors(text: str) -> list[tuple[str, str]]:
    """(TeX, why) of each formula of a ``text/latex`` output that cannot become MathML."""
    return formula_errors(_latex_parser().parse(text))
