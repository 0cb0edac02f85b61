"""The one HTML vocabulary: one Jinja environment, the macros, CSS and JS.

The static export, the live Voilà page, the live site's own pages and the
widgets' static twins all render spoilers, stars, notes and comments through
the macros in ``share/jupyter/nbconvert/templates/essay/macros.html.j2`` and
style them with the same ``components.css``, so a spoiler looks and behaves the
same everywhere. Nothing else in essaykit builds that markup or copies that CSS.

- :mod:`essaykit.html.paths` finds the data files under ``share/jupyter``;
- :mod:`essaykit.html.outputs` turns code-cell outputs into safe HTML;
- :mod:`essaykit.html.blocks` is the one loop over an essay's blocks.
"""

from __future__ import annotations

import functools

import jinja2

from ..errors import ConfigError
from ..limits import ANSWER_SECONDS
from .paths import essay_template_dir, nbconvert_templates, voila_template_dir

# Every environment that renders essaykit's templates, this one and nbconvert's in
# essaykit.exports.exporter: autoescaping on, so a title cannot close <title>.
JINJA_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "undefined": jinja2.StrictUndefined}


@functools.cache
def environment():
    """The Jinja environment over essaykit's templates (autoescaping on).

    The static export's templates come first; the live site's own pages
    (``essays.html.j2``, ``error.html``) are found after them.
    """
    folders = [essay_template_dir(), nbconvert_templates(), voila_template_dir()]
    return jinja2.Environment(loader=jinja2.FileSystemLoader([str(f) for f in folders]), **JINJA_OPTIONS)


@functools.cache
def macros():
    """The shared macros (``spoiler_block``, ``stars``, ``header``, ``comment_thread`` …)."""
    return environment().get_template("macros.html.j2").module


def say(key: str, **values) -> str:
    """A reader-facing message from the vocabulary's ``say`` table, its ``{names}`` filled in."""
    return macros().say[key].format(**values)


def asset(name: str) -> str:
    """The text of a static asset (``essay.css``, ``essay.js``) from the template folder."""
    return (essay_template_dir() / name).read_text(encoding="utf-8")


def components_css() -> str:
    """The shared components (spoilers, stars, buttons, comments, ratings): what widgets load."""
    return asset("components.css")


def stylesheet() -> str:
    """The whole stylesheet of a page: the components, what a notebook shows (formulas,
    coloured code, video facades), then the page's own rules (which come last so that
    the page's print rules win)."""
    return components_css() + "\n" + asset("notebook.css") + "\n" + asset("essay.css")


def theme_script() -> str:
    """The few lines that run in <head>, before the page is painted, to apply the
    reader's remembered light or dark choice (so the page never flashes the other one)."""
    return asset("theme.js")


def live_asset(name: str) -> str:
    """The text of a live-page asset (``live.css``, ``live.js``) from the Voilà template folder."""
    return (voila_template_dir() / name).read_text(encoding="utf-8")


def inline(text: str, tag: str) -> str:
    """``text`` for an inline <style> or <script>: it must not close its own element early."""
    if f"</{tag}" in text.lower():
        raise ConfigError(f"essaykit's {tag} asset contains '</{tag}', which would end the inline element; remove it")
    return text


def spoiler_block(label: str, body_html: str, *, block_id: str = "") -> str:
    """A spoiler block: ``<details>`` with the label as its summary. ``body_html`` must be safe."""
    from markupsafe import Markup

    return str(macros().spoiler_block(label, Markup(body_html), block_id))


def stars(rating: float | None, scale: int = 5, *, label: str = "Rated") -> str:
    """Stars for a rating, with a text equivalent such as "Rated 4 out of 5"."""
    return str(macros().stars(rating, scale, label))


def widget_note(live_url: str = "") -> str:
    """What stands in for an interactive element that has no static twin."""
    return str(macros().widget_note(live_url))


def rating_widget(*, essay: str, scale: int, value: float | None, average: float | None, count: int,
                  mine: int | None = None, api: str = "", action: str = "", message: str = "", uid: str = "ek-rating",
                  return_url: str = "", readers_html: str = "", wait: float = ANSWER_SECONDS) -> str:
    """The live rating: the author's stars, star buttons (a plain form posting to ``action``), readers' average
    (``readers_html`` when it was rendered already, e.g. a static page's snapshot). ``wait``: seconds the
    page waits for an answer."""
    from markupsafe import Markup

    return str(macros().rating_widget({
        "essay": essay, "scale": scale, "value": value, "average": average, "count": count, "mine": mine,
        "api": api, "action": action, "message": message, "uid": uid, "return_url": return_url,
        "readers_html": Markup(readers_html), "wait": f"{wait:g}",
    }))


def rating_readers(average: float | None, count: int, scale: int = 5) -> str:
    """Readers' average as stars and "Readers: N out of 5 from M ratings" (or "No reader ratings yet.")."""
    return str(macros().rating_readers(average, count, scale))
