"""``jupyter nbconvert --to essay``: the static essay page as an nbconvert exporter.

The exporter is deliberately thin. nbconvert has already read the notebook;
the exporter reads it as an essay and hands it to the same code path as
``essaykit export`` (:func:`essaykit.exports.export.essay_page`). It
subclasses the plain :class:`~nbconvert.exporters.Exporter` rather than
``HTMLExporter``: the page has its own template and needs none of the HTML
exporter's filters, highlighters or preprocessors.

Options (``--EssayExporter.<name>=…``):

``show_code``
    Show code cell sources; hidden by default.
``db``
    Comment database URL given to the kernel as ``ESSAYKIT_DB``.

``execute``
    Run the notebook first (default True, as ``essaykit export`` does, so the
    comment snapshot is there); ``--EssayExporter.execute=False`` uses the
    stored outputs.

essaykit runs the notebook itself (with ``ESSAYKIT_SLUG``/``ESSAYKIT_DB`` set
and no kernel at all when there is no code), honouring
``--ExecutePreprocessor.timeout`` and ``--allow-errors``.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import Exporter
from traitlets import Bool, Unicode, default

from .execute import DEFAULT_TIMEOUT


class EssayExporter(Exporter):
    """Export an essay notebook as one self-contained, offline HTML page."""

    file_extension = ".html"
    output_mimetype = "text/html"
    export_from_notebook = "Essay (static HTML)"

    show_code = Bool(
        False, help="Show code cell sources on the page, e.g. --EssayExporter.show_code=True."
    ).tag(config=True)
    db = Unicode(
        "", help="Comment database URL for the kernel (ESSAYKIT_DB), e.g. "
        "--EssayExporter.db=sqlite:///comments.sqlite. Empty: ESSAYKIT_DB or the essay folder's default."
    ).tag(config=True)

    @default("default_preprocessors")
    def _no_stock_preprocessors(self):
        # None of stock nbconvert's: execution is ours (see the module docstring).
        return []

    execute = Bool(
        True, help="Run the notebook first, as `essaykit export` does, so the comments and ratings are current; "
        "--EssayExporter.execute=False uses the stored outputs."
    ).tag(config=True)

    def _execute_requested(self) -> tuple[bool, int, bool]:
        execute = self.config.get("ExecutePreprocessor", {})
        enabled = bool(execute.get("enabled", False)) or self.execute
        # nbconvert's --allow-errors sets ExecutePreprocessor.allow_errors.
        return enabled, int(execute.get("timeout", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT), bool(execute.get("allow_errors"))

    def from_notebook_node(self, nb, resources=None, **kw):
        from ..essay import essay_from_dict
        from .export import essay_page

        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        meta = resources.get("metadata", {})
        name = meta.get("name") or "notebook"
        path = Path(meta.get("path") or ".") / f"{name}.ipynb"
        essay = essay_from_dict(nb_copy, path)
        execute, timeout, allow_errors = self._execute_requested()
        page = essay_page(essay, execute=execute, db=self.db or None, show_code=self.show_code, timeout=timeout,
                          allow_errors=allow_errors)
        resources["output_extension"] = self.file_extension
        return page, resources
