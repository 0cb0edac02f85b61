"""``Spoiler``: content that stays hidden until the reader asks for it.

Examples::

    from essaykit import Spoiler

    Spoiler("The salt road *ends at the sea*.")               # Markdown text
    Spoiler(HTML("<em>Rosebud</em> was the sled."))           # IPython.display.HTML
    Spoiler(fig, label="The box-office chart")                # any displayable object
    Spoiler(ipywidgets.IntSlider(), label="Play with it")    # another widget

Args:
    content: what to hide. A ``str`` is always **Markdown** (rendered with
        :func:`essaykit.markdown.render_markdown`; raw HTML inside it is
        sanitised like the rest of the essay). To pass HTML as such, wrap it
        in ``IPython.display.HTML`` or pass any object with ``_repr_html_``.
        A widget is shown live inside the spoiler; any other object is shown
        the way Jupyter would display it (a plot, a table, an image).
    label: the text on the reveal button, one line of at most 200 characters.
        It is also the button's accessible name.

The live widget is a ``VBox`` of a reveal button (a small anywidget with
``aria-expanded`` and ``aria-controls``) and a body that starts with
``display: none``, so nothing flashes before the front end has loaded. Its
static twin, used by exports, is the essay vocabulary's ``<details>`` block.
"""

from __future__ import annotations

import pathlib

import anywidget
import ipywidgets
import traitlets

from ..errors import WidgetError
from ._args import check_label, quote
from ._frontend import css
from ._twin import FrontEndGuard, StaticTwin

_HERE = pathlib.Path(__file__).parent


class SpoilerToggle(FrontEndGuard, anywidget.AnyWidget):
    """The reveal button of a :class:`Spoiler`. The front end may only flip ``expanded``."""

    _esm = _HERE / "spoiler.js"
    _css = css()  # a spoiler block is styled by the shared components alone
    _frontend_writable = frozenset({"expanded"})

    label = traitlets.Unicode(help="Text on the button and its accessible name.").tag(sync=True)
    expanded = traitlets.Bool(False, help="Whether the spoiler's body is shown.").tag(sync=True)


def _display_bundle(obj: object) -> tuple[dict, dict]:
    """The mime bundle Jupyter would display for ``obj`` (uses the running shell's formatters)."""
    from IPython.core.formatters import DisplayFormatter
    from IPython.core.interactiveshell import InteractiveShell

    if InteractiveShell.initialized():
        formatter = InteractiveShell.instance().display_formatter
    else:
        formatter = DisplayFormatter()
    data, metadata = formatter.format(obj)
    return dict(data), dict(metadata)


class Spoiler(StaticTwin, FrontEndGuard, ipywidgets.VBox):
    """Hidden content with a labelled reveal button; see the module docstring."""

    label = traitlets.Unicode(help="Text on the reveal button.").tag(sync=True)
    revealed = traitlets.Bool(False, help="Whether the reader has revealed the content.").tag(sync=True)

    def __init__(self, content: object, label: str = "Spoiler", **kwargs):
        label = check_label("Spoiler", label)
        self._content = _check_content(content)
        self._bundle: tuple[dict, dict] | None = None
        body = ipywidgets.Box([self._live_child()], layout=ipywidgets.Layout(display="none"))
        body.add_class("ek-spoiler-widget__body")
        toggle = SpoilerToggle(label=label)
        super().__init__(children=[toggle, body], label=label, **kwargs)
        self.add_class("ek-spoiler-widget")
        self._toggle, self._body = toggle, body
        traitlets.link((toggle, "expanded"), (self, "revealed"))
        self.observe(self._show_body, "revealed")
        self.observe(self._relabel, "label")

    @property
    def content(self) -> object:
        """What the spoiler hides, as given."""
        return self._content

    def reveal(self) -> None:
        """Show the content, as if the reader had pressed the button."""
        self.revealed = True

    def hide(self) -> None:
        self.revealed = False

    @traitlets.validate("label")
    def _valid_label(self, proposal) -> str:
        return check_label("Spoiler", proposal["value"])

    def _relabel(self, change) -> None:
        self._toggle.label = change["new"]

    def _show_body(self, change) -> None:
        self._body.layout.display = None if change["new"] else "none"

    def _live_child(self) -> ipywidgets.Widget:
        content = self._content
        if isinstance(content, str):
            from ..markdown import render_markdown

            child = ipywidgets.HTML(render_markdown(content))
            child.add_class("ek-spoiler-widget__markdown")
            return child
        if isinstance(content, ipywidgets.DOMWidget):
            return content
        data, metadata = self._content_bundle()
        out = ipywidgets.Output()
        out.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)
        return out

    def _content_bundle(self) -> tuple[dict, dict]:
        if self._bundle is None:
            self._bundle = _display_bundle(self._content)
        return self._bundle

    def body_html(self) -> str:
        """The content as static HTML (Markdown rendered, outputs under the export policy)."""
        from ..html.outputs import render_output

        content = self._content
        if isinstance(content, str):
            from ..markdown import render_markdown

            return render_markdown(content)
        if isinstance(content, StaticTwin):
            return content.static_html()
        if isinstance(content, ipywidgets.Widget):
            bundle = content._repr_mimebundle_() or {}
            data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        else:
            data, metadata = self._content_bundle()
        return render_output({"output_type": "display_data", "data": data, "metadata": metadata})

    def static_html(self) -> str:
        """The essay vocabulary's ``<details>`` spoiler block, closed."""
        from .. import html as vocab

        return vocab.spoiler_block(self.label, self.body_html())

    def __repr__(self) -> str:
        return f"Spoiler(label={self.label!r})"


def _check_content(content: object) -> object:
    if content is None:
        raise WidgetError("Spoiler(content=None): there is nothing to hide; pass Markdown text, "
                          "an IPython.display.HTML object, a plot or a widget", "content")
    if isinstance(content, str) and not content.strip():
        raise WidgetError(f"Spoiler(content={quote(content)}): the content is empty; pass the Markdown "
                          "text to hide", "content")
    if isinstance(content, bytes):
        raise WidgetError(f"Spoiler(content={quote(content)}): bytes are not displayable; decode them "
                          "to text first", "content")
    if isinstance(content, ipywidgets.Widget) and not isinstance(content, ipywidgets.DOMWidget):
        raise WidgetError(f"Spoiler(content={quote(content)}): this widget has no view to show; pass "
                          "a visible widget", "content")
    return content
