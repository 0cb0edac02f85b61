"""``jupyter nbconvert --to essay``: the static essay page as an nbconvert exporter.

The exporter is a thin :class:`~nbconvert.exporters.TemplateExporter`: it
changes defaults (the ``essay`` template, no stock preprocessors) and adds
four documented options. nbconvert finds the template the usual way, so
``--template``, ``extra_template_basedirs`` and block overrides work: a
folder with a ``conf.json`` naming ``"base_template": "essay"`` and an
``index.html.j2`` that ``{% extends "essay/index.html.j2" %}`` and overrides
blocks (``html_head_meta``, ``extra_css``, ``body_header``, ``article_header``,
``body_loop``, ``article_footer``, ``body_footer``, ``footer_js``) restyles
the page. See docs/export.md.

The notebook is read as an essay and goes through the same code as
``essaykit export`` (:func:`essaykit.exports.export.essay_page`); essaykit
runs the notebook itself (``ESSAYKIT_SLUG``/``ESSAYKIT_DB`` set, no kernel at
all when there is no code), so none of stock nbconvert's preprocessors run.

Options (``--EssayExporter.<name>=…``): ``execute``, ``timeout``,
``allow_errors`` (nbconvert's ``--allow-errors`` sets it too), ``show_code``, ``db``;
each trait's ``help`` says more.
"""

from __future__ import annotations

from pathlib import Path

from nbconvert.exporters import TemplateExporter
from nbconvert.utils.exceptions import ConversionException
from traitlets import Bool, Integer, Unicode, default

from ..errors import EssayError
from ..html import JINJA_OPTIONS
from ..html.paths import share_dir
from .execute import DEFAULT_TIMEOUT


class NotAnEssay(EssayError, ConversionException):
    """The notebook cannot be read as an essay.

    A :class:`~nbconvert.utils.exceptions.ConversionException`, the one kind
    ``jupyter nbconvert`` reports as "Error while converting" and exits 1 on;
    it still logs it with a traceback (nbconvert's choice, not ours).
    """


class EssayExporter(TemplateExporter):
    """Export an essay notebook as one self-contained, offline HTML page."""

    export_from_notebook = "Essay (static HTML)"
    output_mimetype = "text/html"

    execute = Bool(
        True, help="Run the notebook first, as `essaykit export` does, so the comments and ratings are current; "
        "--EssayExporter.execute=False uses the stored outputs (`--execute` is accepted and changes nothing)."
    ).tag(config=True)
    timeout = Integer(
        DEFAULT_TIMEOUT, help="Seconds one cell may run, e.g. --EssayExporter.timeout=300."
    ).tag(config=True)
    show_code = Bool(
        False, help="Show code cell sources on the page, e.g. --EssayExporter.show_code=True."
    ).tag(config=True)
    allow_errors = Bool(
        False, help="Show a failing cell's error in place and run the cells after it, as stock nbconvert does, "
        "e.g. --EssayExporter.allow_errors=True (nbconvert's --allow-errors sets it too)."
    ).tag(config=True)
    db = Unicode(
        "", help="Comment database URL for the kernel (ESSAYKIT_DB), e.g. "
        "--EssayExporter.db=sqlite:///comments.sqlite. Empty: ESSAYKIT_DB or the essay folder's default."
    ).tag(config=True)

    @default("file_extension")
    def _file_extension_default(self):
        return ".html"

    @default("template_name")
    def _template_name_default(self):
        return "essay"

    @default("default_preprocessors")
    def _no_stock_preprocessors(self):
        return []

    def get_prefix_root_dirs(self):
        # essaykit's own share/jupyter first, as nbconvert does for itself in a source
        # checkout: an editable install copies the templates once, and the copy goes stale.
        return list(dict.fromkeys([str(share_dir()), *super().get_prefix_root_dirs()]))

    def _create_environment(self):
        # The options of essaykit's one Jinja environment (autoescape above all), set the way
        # nbconvert's LatexExporter sets its own, so this page and `essaykit export`'s are one.
        environment = super()._create_environment()
        for name, value in JINJA_OPTIONS.items():
            setattr(environment, name, value)
        return environment

    @default("allow_errors")
    def _allow_errors_from_nbconvert_flag(self):
        # nbconvert's --allow-errors flag sets ExecutePreprocessor.allow_errors; honour it here.
        return bool(self.config.ExecutePreprocessor.get("allow_errors", False))

    def from_notebook_node(self, nb, resources=None, **kw):
        from ..essay import essay_from_dict
        from .export import essay_page

        # The base Exporter's step (copy, resources, preprocessors), not TemplateExporter's,
        # which renders with nb and resources only: the page is rendered with the essay's
        # context as well, as Voilà's exporter renders with its own.
        nb_copy, resources = super(TemplateExporter, self).from_notebook_node(nb, resources, **kw)
        meta = resources.get("metadata", {})
        path = Path(meta.get("path") or ".") / f"{meta.get('name') or 'notebook'}.ipynb"
        try:
            essay = essay_from_dict(nb_copy, path)
        except EssayError as exc:
            raise NotAnEssay(str(exc)) from None
        page = essay_page(essay, execute=self.execute, db=self.db or None, show_code=self.show_code,
                          timeout=self.timeout, allow_errors=self.allow_errors, template=self.template,
                          context={"nb": nb_copy, "resources": resources})
        resources["output_extension"] = self.file_extension
        return page, resources
