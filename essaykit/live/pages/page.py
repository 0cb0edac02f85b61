"""What the ``essay`` Voilà template renders: text first, then outputs into slots.

The template gets :meth:`LivePage.template_values`, plain values: the page's
head, its text (:meth:`LivePage.body_html`) and scripts, already rendered. It
writes the text before it starts the kernel, so the essay's text is in the
first bytes the reader receives. Every code cell gets an empty slot there. As
plain Voilà executes each cell, the template writes the cell's outputs
(``outputs(index, cell)``, :meth:`LivePage.cell_html`: the outputs plus a
one-line script that moves them into the slot), the way it gets each cell
from Voilà's own ``cell_generator``. Widget views are left as Voilà's
``cell-output+json`` script so Voilà's front end renders them in place once
the page has loaded.
"""

from __future__ import annotations

import ast
import functools
import json
import logging
import re
from dataclasses import dataclass, field

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ... import html as vocab
from ...comments.passages import passages
from ...essay import check_notebook, cell_raised, CodeBlock, Essay, Problem
from ...html import widget_bundle
from ...html.blocks import render_blocks
from ...html.outputs import ANSI, ERROR_NOTE, WIDGET_VIEW, merge_streams, render_output, text_of
from ...exports.structured import essay_json_ld
from ...html.share import MASTODON_ROUTE, share_html
from ...widgets._frontend import esm
from ...widgets._recognize import essay_widgets
from ..api.client import READER
from ..api.service import current
from .cache import hole
from .twins import comment_section_html, rating_html, spoilers_html

log = logging.getLogger("essaykit.live")

VOILA_OUTPUT = "application/vnd.voila.cell-output+json"
# The widget modules essaykit's bundle carries (widgets-bundle/src/index.js loads them).
BUNDLED_MODULES = frozenset({"@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output",
                             "anywidget"})
# Local images (src="poster.png") are served from /voila/files/; see site.EssaySite.assets.
_LOCAL_IMG = re.compile(r'(<img\b[^>]*?\ssrc=")(?![a-z][a-z0-9+.-]*:|/|#)([^"]+)(")', re.I)


def _asset_url(base_url: str, markup: str) -> str:
    return _LOCAL_IMG.sub(lambda m: f"{m.group(1)}{base_url}voila/files/{m.group(2)}{m.group(3)}", markup)


def essay_from_notebook(nb: dict, name: str) -> tuple[Essay | None, list[Problem]]:
    """Read the notebook Voilà loaded as an essay (the file name is the slug when metadata has none)."""
    return check_notebook(nb, f"{name}.ipynb")


@dataclass
class LivePage:
    """The live page of one essay. ``essay`` is None when the notebook has problems."""

    name: str
    essay: Essay | None
    problems: list[Problem] = field(default_factory=list)
    base_url: str = "/"
    mentions: bool = False  # the server receives Webmentions and pingbacks (essaykit serve)
    #: Under ``essaykit serve``: live code cells show their saved outputs and the page's script asks
    #: for a kernel (essaykit.live.app.kernel_routes.LiveKernelHandler); plain Voilà runs the cells as it renders.
    deferred: bool = False
    #: When set, own widgets are written as holes and their markup for a reader with no state of
    #: their own goes here (essaykit.live.pages.cache).
    holes: dict | None = None
    page_config: dict = field(default_factory=dict)
    #: The server lists several essays at ``base_url``; False when it serves one notebook, whose
    #: page *is* ``base_url``, so an "All essays" link there would only lead back to itself.
    has_index: bool = True

    @classmethod
    def from_notebook(cls, nb: dict, name: str, base_url: str = "/", mentions: bool = False) -> "LivePage":
        essay, problems = essay_from_notebook(nb, name)
        for problem in problems:
            log.warning("%s: %s", "essay cannot be shown" if essay is None else "essay check", problem)
        return cls(name=name, essay=essay, problems=problems, base_url=base_url, mentions=mentions)

    def template_values(self) -> dict:
        """Everything the ``essay`` template shows, as plain values (HTML already rendered, as Markup).

        ``kernel`` says how live code runs: ``"page"`` (essaykit serve: the page's script asks for a
        kernel), ``"template"`` (plain Voilà runs the cells as the template streams) or ``""`` (none)."""
        essay = self.essay
        if essay is None:
            return {"ok": False, "lang": "en", "kernel": "", "theme_js": self.theme_js, "css": self.css}
        kernel = ("page" if self.deferred else "template") if self.needs_kernel else ""
        meta = essay.meta
        values = {
            "ok": True, "lang": meta.lang, "title": meta.title, "summary": meta.summary,
            "author": meta.author, "canonical": meta.url, "slug": meta.slug, "kernel": kernel,
            "mention_links": self.mention_links(), "theme_js": self.theme_js, "css": self.css, "js": self.js,
            "site_header": self.site_header_html(), "header": self.header_html(), "body": self.body_html(),
            "comments_js": self.comments_js, "follow": Markup(vocab.macros().follow_form(  # mail is on
                f"{self.base_url}api/follow") if getattr(current(), "mail_enabled", False) else ""),
            "share": Markup(share_html(meta, meta.url, mastodon_action=f"{self.base_url}{MASTODON_ROUTE}")),
            "structured": Markup(essay_json_ld(meta, canonical=meta.url)),
        }
        if kernel == "page":
            values.update(live_config=self.live_config, early_kernel_js=self.early_kernel_js,
                          kernel_js=self.kernel_js, widgets_js=self.widget_bundle["js"])
        elif kernel == "template":
            values["outputs"] = self.cell_html
        return values

    def mention_links(self) -> Markup:
        """The ``<link rel="webmention">`` naming this server's endpoint (relative: the page is cached for every
        host name). The pingback endpoint must be absolute, so it goes in the ``X-Pingback`` header only
        (:func:`essaykit.mentions.handlers.advertise`)."""
        if not self.mentions:
            return Markup("")
        return Markup(str(vocab.macros().mention_links(f"{self.base_url}webmention")))

    @functools.cached_property
    def own_widgets(self) -> dict:
        """Cells that only show essaykit's comment or rating widget, rendered here and used over the
        comment API (empty outside ``essaykit serve``, where the kernel shows them as before)."""
        if self.essay is None or current() is None:
            return {}
        return essay_widgets(self.essay)

    @property
    def needs_kernel(self) -> bool:
        """True when some code cell does more than show essaykit's own widgets."""
        if self.essay is None:
            return False
        return any(isinstance(b, CodeBlock) and b.source.strip() and b.cell_index not in self.own_widgets
                   for b in self.essay.blocks)

    @property
    def comments_js(self) -> Markup:
        """The comments and rating modules, inline, for the sections on this page that talk to the API."""
        names = {call.name for call in self.own_widgets.values()}
        parts = []
        if "CommentSection" in names:
            parts.append(f'<script type="module">{vocab.inline(esm("comments.js"), "script")}\nbootPages();</script>')
        if "Rating" in names:
            parts.append(f'<script type="module">{vocab.inline(esm("rating.js"), "script")}\nbootRatings();</script>')
        return Markup("\n".join(parts))

    def widget_html(self, call) -> Markup:
        """A comment section or rating rendered here, for readers with or without JavaScript."""
        if call.name == "Spoiler":
            return Markup(spoilers_html(call))
        api = current()
        if call.name == "CommentSection":
            return Markup(comment_section_html(api, self.essay.meta.slug, READER.get(), base_url=self.base_url,
                                               per_page=int(call.args.get("per_page", 50)),
                                               passages=self.passages))
        return Markup(rating_html(api, self.essay.meta.slug, READER.get(), base_url=self.base_url,
                                  value=call.args.get("value"), scale=int(call.args.get("scale", 5))))

    @property
    def css(self) -> Markup:
        return Markup(vocab.inline("\n".join([vocab.stylesheet(), vocab.asset("passages.css"), widget_bundle.theme_css(),
                                             vocab.live_asset("live.css")]),
                                   "style"))

    @property
    def js(self) -> Markup:
        return Markup(vocab.inline("\n".join((vocab.asset("essay.js"), vocab.asset("passages.js"),
                                                vocab.live_asset("live.js"))), "script"))

    @property
    def theme_js(self) -> Markup:
        """The <head> line that applies the reader's remembered light or dark choice before paint."""
        return Markup(vocab.inline(vocab.theme_script(), "script"))

    def site_header_html(self) -> Markup:
        """The bar above the essay: a link to the index (when there is one) and the light/dark toggle."""
        return Markup(str(vocab.macros().site_header(None, "", self.base_url if self.has_index else "")))

    def header_html(self) -> Markup:
        """Title, byline, the author's stars, contents and "Reveal all", from the shared macros."""
        assert self.essay is not None
        macros = vocab.macros()
        essay = self.essay
        return Markup("\n".join(str(part) for part in (
            macros.header(essay.meta, essay.reading_minutes, essay.meta.unpublished(), rated_below=any(
                c.name == "Rating" and c.args.get("value") is not None for c in self.own_widgets.values())),
            macros.toc(essay.headings),
            macros.reveal_all(essay.spoiler_count),
        )))

    def body_html(self) -> Markup:
        """The essay's blocks, with an empty slot where each code cell's output will go."""
        assert self.essay is not None
        markup = "\n".join(render_blocks(self.essay, code=self._code,
                                          images=lambda markup: _asset_url(self.base_url, markup)))
        return Markup(self.passages.body(markup, paragraph_links=True) if current() is not None else markup)

    @functools.cached_property
    def passages(self):
        """The approved comments on passages of this essay and where each points now (issue 24)."""
        approved = []
        try:
            approved = current().store.anchored(self.essay.meta.slug)
        except Exception as exc:  # a broken database: the page still shows, without marks
            log.warning("comments on passages of %r are unavailable: %s", self.essay.meta.slug, exc)
        return passages(self.essay, approved)

    def _code(self, block: CodeBlock) -> str:
        """An essaykit widget cell rendered here (no kernel needed); under essaykit serve, a live cell with
        its saved outputs (the page's script asks for a kernel); else an empty slot for the kernel to fill."""
        n = block.cell_index
        if n in self.own_widgets:
            if self.holes is not None:
                self.holes[n] = str(self.widget_html(self.own_widgets[n]))
                markup = hole(n)
            else:
                markup = self.widget_html(self.own_widgets[n])
            return f'<div class="ek-output ek-own-widget" id="ek-cell-{n}" data-ek-cell="{n + 1}">{markup}</div>'
        if self.deferred and block.source.strip():
            saved = "\n".join(p for p in (render_output(o) for o in merge_streams(self._saved(n))) if p)
            return (f'<div class="ek-output ek-slot ek-live-cell" id="ek-cell-{n}" data-ek-cell="{n + 1}">'
                    f'<div class="ek-live-outputs">{saved}</div></div>')
        return _slot(block)

    def _saved(self, index: int) -> list:
        cells = (self.essay.notebook.get("cells") or []) if self.essay is not None else []
        cell = cells[index] if 0 <= index < len(cells) else {}
        return list(cell.get("outputs") or ())

    @property
    def kernel_js(self) -> Markup:
        """The script that asks for a kernel and starts Voilà's front end (pages with live code only)."""
        return Markup(vocab.inline(vocab.live_asset("live-kernel.js"), "script"))

    @property
    def early_kernel_js(self) -> Markup:
        """The <head> script that asks for the kernel before the browser has read the page's body."""
        return Markup(vocab.inline(vocab.live_asset("live-early.js"), "script"))

    @property
    def live_config(self) -> Markup:
        """What the page's script needs to ask for a kernel and start Voilà's front end (JSON)."""
        config = {
            "start": f"{self.base_url}essaykit/kernel",
            "shutdown": f"{self.base_url}voila/api/shutdown/",
            "kernels": f"{self.base_url}api/kernels/",
            "essay": self.essay.meta.slug if self.essay else "",
            "voila": f"{self.page_config.get('fullStaticUrl', self.base_url + 'voila/static')}/voila.js",
            "base": self.base_url,
            "widgets": self.widget_bundle,
            "pageConfig": self.page_config,
        }
        payload = json.dumps(config)
        for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
            payload = payload.replace(ch, esc)
        return Markup(payload)

    @property
    def widget_bundle(self) -> dict:
        """The URLs of the widget bundle's script and stylesheets (served by essaykit.live.app.voila)."""
        files = widget_bundle.manifest()
        return {"js": f"{self.base_url}essaykit/widgets/{files['js']}",
                "css": [f"{self.base_url}essaykit/widgets/{files[key]}" for key in ("controls", "icons")]}

    def kernel_cells(self) -> list[tuple[int, str, bool]]:
        """``(cell index, source, keep outputs)`` to run for a live page: every live code cell, and the
        imports of own-widget cells (later cells may use those names; the widgets are served without)."""
        assert self.essay is not None
        cells = []
        for block in self.essay.blocks:
            if not isinstance(block, CodeBlock) or not block.source.strip():
                continue
            if block.cell_index in self.own_widgets:
                prelude = _prelude(block.source)
                if prelude:
                    cells.append((block.cell_index, prelude, False))
            else:
                cells.append((block.cell_index, block.source, True))
        return cells

    def outputs_html(self, index: int, outputs: list) -> str:
        """The outputs of live cell ``index`` as its slot shows them."""
        return "\n".join(p for p in (self.output_html(index, o) for o in merge_streams(outputs)) if p)

    def cell_html(self, index: int, cell: dict) -> Markup:
        """The outputs of executed cell ``index`` and the script that moves them into its slot."""
        if cell.get("cell_type") != "code" or not str(cell.get("source", "")).strip() or index in self.own_widgets:
            return Markup("")
        parts = [self.output_html(index, output) for output in merge_streams(cell.get("outputs") or ())]
        parts = [p for p in parts if p]
        return Markup(
            f'<div hidden id="ek-fill-{index}">' + "\n".join(parts) + "</div>"
            f"<script>ekLive.fill({index})</script>\n"
        )

    def output_html(self, index: int, output: dict) -> str:
        """One output for the reader. Errors become a short note; the log keeps the details."""
        kind = output.get("output_type")
        if kind == "error":
            trace = "\n".join(ANSI.sub("", line) for line in output.get("traceback") or ())
            folder = self.essay.path.parent if self.essay is not None else None
            log.error("%s: cell %d raised %s\n%s", self.name, index + 1,
                      cell_raised(output.get("ename"), output.get("evalue"), folder=folder), trace)
            return ERROR_NOTE
        if kind == "stream" and output.get("name") == "stderr":
            log.warning("%s: cell %d wrote to stderr: %s", self.name, index + 1, text_of(output.get("text")).strip())
            return ""
        data = output.get("data") or {}
        if WIDGET_VIEW in data:
            return _voila_output({**output, "data": {WIDGET_VIEW: data[WIDGET_VIEW]}})
        rendered = render_output(output)
        if rendered or kind == "stream":
            return rendered
        # A MIME type only a front-end renderer knows (a plotting library's): Voilà's renderers, as stock.
        return _voila_output(output) if data else ""

    @staticmethod
    def drawn_by_bundle(outputs: dict[int, list], modules: set[str]) -> bool:
        """Can essaykit's widget bundle (ipywidgets' own manager) draw every widget and output of a live
        page? Not when a model comes from another widget library or an output needs a renderer of
        Voilà's front end: then the page loads Voilà's."""
        return (modules <= BUNDLED_MODULES
                and not any(_for_renderer(o) for found in outputs.values() for o in found))


def _prelude(source: str) -> str:
    """The imports and literal assignments of an own-widget cell (later live cells may use those names)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return ""
    kept = []
    for statement in tree.body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            kept.append(statement)
        elif isinstance(statement, ast.Assign):
            try:
                ast.literal_eval(statement.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            kept.append(statement)
    return "\n".join(ast.unparse(s) for s in kept)


def _slot(block: CodeBlock) -> str:
    """An empty, busy slot where a code cell's outputs will go once the kernel runs it."""
    if not block.source.strip():
        return ""
    n = block.cell_index
    return (f'<div class="ek-output ek-slot is-pending" id="ek-cell-{n}" data-ek-cell="{n + 1}" aria-busy="true">'
            '<span class="ek-placeholder" aria-hidden="true"></span></div>')


def _for_renderer(output: dict) -> bool:
    """True for an output with data essaykit does not render (a widget view is not one of them)."""
    data = output.get("data") or {}
    return (bool(data) and WIDGET_VIEW not in data and output.get("output_type") != "stream"
            and not render_output(output))


def _voila_output(output: dict) -> str:
    # No "<", ">", "&" or "'" in the payload can end the script early.
    payload = htmlsafe_json_dumps({**output, "trusted": True})
    return (
        '<div class="ek-widget"><span class="ek-placeholder" aria-hidden="true"></span>'
        f'<script type="{VOILA_OUTPUT}">{payload}</script></div>'
    )
