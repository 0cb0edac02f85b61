"""Formulas in the author's Markdown: parsed before Markdown can touch them, shown as MathML Core."""

import re

import pytest

from essaykit.essay import check_notebook
from essaykit.markdown import render_markdown

from helpers.notebooks import code_cell, md_cell, notebook

TEX = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)


def annotations(html: str) -> list[str]:
    import html as h

    return [h.unescape(t) for t in TEX.findall(html)]


@pytest.mark.parametrize("source, tex, display", [
    ("Euler: $e^{i\\pi}+1=0$.", "e^{i\\pi}+1=0", False),
    ("$$\\int_0^1 x^2\\,dx$$", "\\int_0^1 x^2\\,dx", True),
    ("inline \\(a_1 \\\\ b\\) here", "a_1 \\\\ b", False),
    ("\\[\nx \\\\ y\n\\]", "x \\\\ y", True),
    ("$$\na \\\\ b\n$$", "a \\\\ b", True),
    ("\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}", "\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}", True),
    ("- item $z_*^2$", "z_*^2", False),
    ("| a | $x_1$ |\n|---|---|\n| 1 | $y$ |", "x_1", False),
    ("||the answer is $x^2$||", "x^2", False),
    ("Note[^1].\n\n[^1]: with $\\alpha_i$.", "\\alpha_i", False),
])
def test_formula_becomes_mathml_with_its_tex_untouched(source, tex, display):
    html = render_markdown(source)
    assert tex in annotations(html), "the TeX is kept exactly as written (no Markdown escaping, no lost \\\\)"
    assert ("<math display=\"block\">" in html) is display, "$$…$$, \\[…\\] and environments are display math"
    assert "ek-math-error" not in html


def test_the_corruption_the_issue_reports_is_gone():
    html = render_markdown("$$\\int_0^1 x^2\\,dx$$")
    assert "x^2,dx" not in html and "∫" in html, "\\, is TeX, not a Markdown escape"
    assert "<msubsup>" in html, "limits become MathML, not text"


@pytest.mark.parametrize("source, literal", [
    ("It cost $5 and $6.", "It cost $5 and $6."),
    ("prices \\$x\\$ stay", "prices $x$ stay"),
    ("`$x$` is code", "<code>$x$</code>"),
    ("```\n$$y$$\n```", "$$y$$"),
])
def test_dollars_that_are_not_formulas_stay_text(source, literal):
    html = render_markdown(source)
    assert "<math" not in html, "currency, \\$ and code are not formulas"
    assert literal in html


def test_a_formula_that_cannot_be_converted_shows_its_tex():
    html = render_markdown("See $\\nosuchcommand{x}$ here.")
    assert '<code class="ek-math-error">$\\nosuchcommand{x}$</code>' in html, "nothing is dropped"


def test_mathjax_habits_are_accepted():
    html = render_markdown("$$\\begin{split}a &= b \\cr c &= d\\end{split}$$")
    assert "<mtable" in html and "ek-math-error" not in html, "split and \\cr work as in Jupyter"
    assert "\\begin{split}a &= b \\cr c &= d\\end{split}" in annotations(html), "the annotation keeps the original"


def test_mathml_survives_the_sanitiser_but_nothing_else_does():
    html = render_markdown('<math><mi onclick="x()">a</mi><mtext><script>x()</script></mtext>'
                           '<mtd style="background:url(https://t.example/p)">b</mtd></math>')
    assert "<math><mi>a</mi>" in html, "MathML Core elements are allowed"
    assert "onclick" not in html and "<script" not in html and "t.example" not in html


@pytest.mark.parametrize("html_in, kept", [
    ('<span class="ek-spoiler">x</span>', "<span>x</span>"),
    ('<span class="ek-hl-k">x</span>', '<span class="ek-hl-k">x</span>'),
    ('<code class="ek-math-error other">x</code>', '<code class="ek-math-error">x</code>'),
])
def test_only_code_and_formula_classes_get_through(html_in, kept):
    assert kept in render_markdown(html_in), "an author cannot borrow other components' classes"


def test_check_names_the_cell_and_the_formula(tmp_path):
    nb = notebook([md_cell("Fine: $x$."), md_cell("Broken: $\\nosuchcommand$."),
                   code_cell("Math(...)", outputs=[{"output_type": "display_data", "metadata": {},
                                                    "data": {"text/latex": "$\\alsobroken$", "text/plain": "M"}}])],
                  essay={"title": "Formulas"})
    essay, problems = check_notebook(nb, tmp_path / "e.ipynb")
    assert essay is not None, "a broken formula is a warning: the page is still built"
    found = [(p.cell, p.message) for p in problems if "formula" in p.message]
    assert [cell for cell, _ in found] == [2, 3], "each warning names its cell"
    assert "\\nosuchcommand" in found[0][1] and "\\alsobroken" in found[1][1], "and the formula"
    assert all(p.warning for p in problems if "formula" in p.message)

