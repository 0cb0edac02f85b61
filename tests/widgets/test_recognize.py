"""Which code cells only show essaykit's own widgets (served without a kernel), and which stay live."""

from __future__ import annotations

import pytest

from essaykit.essay import check_notebook
from essaykit.widgets._recognize import essay_widgets, own_widget
from helpers.notebooks import code_cell, md_cell, notebook

SPOILER = "from essaykit import Spoiler\n"


@pytest.mark.parametrize("source, spoilers", [
    (SPOILER + "Spoiler('The sled is *Rosebud*.', label='The ending')", [("The ending", "markdown", "The sled is *Rosebud*.")]),
    (SPOILER + "Spoiler('Hidden')", [("Spoiler", "markdown", "Hidden")]),
    (SPOILER + "from IPython.display import HTML\nSpoiler(HTML('<em>x</em>'), 'Cast')", [("Cast", "html", "<em>x</em>")]),
    (SPOILER + "from IPython.display import Markdown as M\nSpoiler(M('**x**'))", [("Spoiler", "markdown", "**x**")]),
    (SPOILER + "import ipywidgets as w\nimport math\nlabel = 'Act 3'\ntext = 'All of it.'\nSpoiler(text, label=label)",
     [("Act 3", "markdown", "All of it.")]),
    (SPOILER + "s = Spoiler('One')\ns", [("Spoiler", "markdown", "One")]),
    (SPOILER + "display(Spoiler('One'), Spoiler('Two', label='Second'))",
     [("Spoiler", "markdown", "One"), ("Second", "markdown", "Two")]),
    ("import essaykit\nessaykit.Spoiler('Via the module')", [("Spoiler", "markdown", "Via the module")]),
])
def test_spoiler_cells_are_recognised(source, spoilers):
    call = own_widget(source, "review")
    assert call is not None and call.name == "Spoiler", f"{source!r} only shows spoilers"
    assert list(call.args["spoilers"]) == spoilers


@pytest.mark.parametrize("source", [
    SPOILER + "import ipywidgets as w\nSpoiler(w.IntSlider(), label='Play')",  # a live widget inside
    SPOILER + "Spoiler(fig, label='The chart')",  # a variable from another cell
    SPOILER + "print('hello')\nSpoiler('x')",  # does something else too
    SPOILER + "x = compute()\nSpoiler('x')",
    SPOILER + "Spoiler('x');",  # shows nothing
    SPOILER + "Spoiler('   ')",  # the widget's own error, from the kernel
    SPOILER + "Spoiler('x', label='a' * 300)",
    SPOILER + "Spoiler('x', label='two\\nlines')",
    SPOILER + "Spoiler(content='x', content2='y')",
    SPOILER + "Spoiler(*parts)",
    SPOILER + "from essaykit import Rating\ndisplay(Spoiler('x'), Rating(3))",
    "from essaykit import *\nSpoiler('x')",
    "Spoiler('x')",  # not imported here: some other Spoiler
    "import ipywidgets as w\nw.IntSlider()",
    "import matplotlib.pyplot as plt\nplt.plot([1, 2])",
    SPOILER + "Spoiler('x'",  # a syntax error
    "",
])
def test_cells_that_do_more_stay_live(source):
    assert own_widget(source, "review") is None, f"{source!r} needs a kernel"


def test_comment_and_rating_cells_keep_their_arguments():
    assert own_widget("from essaykit import Rating\nRating(4, scale=5)", "r").args == {"value": 4, "scale": 5}
    assert own_widget("from essaykit import CommentSection\nCommentSection(per_page=20)", "r").args == {"per_page": 20}
    assert own_widget("from essaykit import CommentSection\nCommentSection(essay='other')", "r") is None


def test_a_spoiler_a_later_cell_uses_stays_live():
    nb = notebook([md_cell("Text."),
                   code_cell(SPOILER + "s = Spoiler('The end')\ns"),
                   code_cell("s.reveal()"),
                   code_cell(SPOILER + "t = Spoiler('Not used later')\nt"),
                   code_cell("import ipywidgets as w\nw.IntSlider()")], essay={"title": "T", "slug": "t"})
    essay, problems = check_notebook(nb, "t.ipynb")
    assert essay is not None, problems
    own = essay_widgets(essay)
    assert 1 not in own, "the kernel must create s: cell 3 uses it"
    assert 3 in own and own[3].name == "Spoiler"
    assert 4 not in own, "an author's slider is live code"
