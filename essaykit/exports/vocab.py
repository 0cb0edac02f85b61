"""The one HTML vocabulary: Jinja partials and CSS shared by every surface.

The static export, the Voilà template and the widgets' static twins all
render spoilers, stars and notes through the macros in
``share/jupyter/nbconvert/templates/essay/macros.html.j2``, so a spoiler looks
and behaves the same everywhere.
"""

from __future__ import annotations

import functools

from .paths import essay_template_dir, nbconvert_templates


@functools.cache
def environment():
    """The Jinja environment over essaykit's templates (autoescaping on)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(essay_template_dir()), str(nbconvert_templates())]),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


@functools.cache
def _macros():
    return environment().get_template("macros.html.j2").module


def asset(name: str) -> str:
    """The text of a static asset (``essay.css``, ``essay.js``) from the template folder."""
    return (essay_template_dir() / name).read_text(encoding="utf-8")


def spoiler_block(label: str, body_html: str, *, block_id: str = "") -> str:
    """A spoiler block: ``<details>`` with the label as its summary. ``body_html`` must be safe."""
    from markupsafe import Markup

    return str(_macros().spoiler_block(label, Markup(body_html), block_id))


def stars(rating: float | None, scale: int = 5, *, label: str = "Rated") -> str:
    """Stars for a rating, with a text equivalent such as "Rated 4 out of 5"."""
    return str(_macros().stars(rating, scale, label))


def widget_note(live_url: str = "") -> str:
    """What stands in for an interactive element that has no static twin."""
    return str(_macros().widget_note(live_url))


def rating_author(value: float | None, scale: int = 5) -> str:
    """The author's stars with "Rated N out of 5", or "" when the author gave none."""
    return str(_macros().rating_author(value, scale))


def rating_readers(average: float | None, count: int, scale: int = 5) -> str:
    """Readers' average as stars and "Readers: N out of 5 from M ratings" (or "No reader ratings yet.")."""
    return str(_macros().rating_readers(average, count, scale))


def rating_widget(*, essay: str, scale: int, value: float | None, average: float | None, count: int,
                  mine: int | None = None, api: str = "", action: str = "", message: str = "", uid: str = "ek-rating",
                  return_url: str = "", readers_html: str = "") -> str:
    """The live rating: the author's stars, star buttons (a plain form posting to ``action``), readers' average
    (``readers_html`` when it was rendered already, e.g. a static page's snapshot)."""
    from markupsafe import Markup

    return str(_macros().rating_widget({
        "essay": essay, "scale": scale, "value": value, "average": average, "count": count, "mine": mine,
        "api": api, "action": action, "message": message, "uid": uid, "return_url": return_url,
        "readers_html": Markup(readers_html),
    }))
