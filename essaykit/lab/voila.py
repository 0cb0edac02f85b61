"""JupyterLab's "Render with Voilà" shows an essay with the ``essay`` template.

Voilà's server extension runs ``VoilaConfiguration.prelaunch_hook`` on the
notebook before it picks a template, and picks the one named in the
notebook's ``voila.template`` metadata. The hook below names ``essay`` for
every notebook with ``essay`` metadata that does not name a template itself,
in memory only: the file is not changed. Server extensions load in
alphabetical order, so ``essaykit.lab`` sets the hook before Voilà reads its
configuration. An author's own hook still runs, after ours.
"""

from __future__ import annotations

ESSAY_TEMPLATE = "essay"


def essay_hook(previous=None):
    """A Voilà prelaunch hook choosing the essay template for essays, then calling ``previous``."""

    def hook(req, notebook, cwd):
        metadata = notebook.get("metadata") if hasattr(notebook, "get") else None
        if isinstance(metadata, dict) and isinstance(metadata.get("essay"), dict):
            voila = metadata.get("voila")
            if not isinstance(voila, dict):
                voila = metadata["voila"] = {}
            voila.setdefault("template", ESSAY_TEMPLATE)
        if previous is not None:
            returned = previous(req, notebook=notebook, cwd=cwd)
            if returned is not None:
                return returned
        return notebook

    hook.essaykit = True
    return hook


def use_essay_template(serverapp) -> None:
    """Install :func:`essay_hook` in the server's Voilà configuration (once)."""
    section = serverapp.config.VoilaConfiguration
    previous = section.get("prelaunch_hook") if "prelaunch_hook" in section else None
    if getattr(previous, "essaykit", False):
        return
    section.prelaunch_hook = essay_hook(previous if callable(previous) else None)
