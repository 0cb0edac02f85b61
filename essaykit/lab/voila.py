"""JupyterLab's "Render with Voilà" shows an essay with the ``essay`` template.

Voilà's server extension runs ``VoilaConfiguration.prelaunch_hook`` on the
notebook before it picks a template, and picks the one named in the
notebook's ``voila.template`` metadata. The hook below names ``essay`` for
every notebook with ``essay`` metadata that does not name a template itself,
in memory only: the file is not changed. A page-config hook keeps Voilà's
front end from loading MathJax from a CDN for essays: the essay template
renders Markdown on the server and needs none. Server extensions load in
alphabetical order, so ``essaykit.lab`` sets the hook before Voilà reads its
configuration. An author's own hook still runs, after ours.
"""

from __future__ import annotations

import json
from pathlib import Path

ESSAY_TEMPLATE = "essay"


def essay_hook(previous=None):
    """A Voilà prelaunch hook choosing the essay template for essays, then calling ``previous``."""

    def hook(req, notebook, cwd):
        metadata = notebook.get("metadata") if hasattr(notebook, "get") else None
        if isinstance(metadata, dict) and isinstance(metadata.get("essay"), dict):
            voila = metadata.get("voila")
            if not isinstance(voila, dict):
                metadata["voila"] = {}
                voila = metadata["voila"]  # a NotebookNode stores a copy of what it is given
            voila.setdefault("template", ESSAY_TEMPLATE)
        if previous is not None:
            returned = previous(req, notebook=notebook, cwd=cwd)
            if returned is not None:
                return returned
        return notebook

    hook.essaykit = True
    return hook


def is_essay_file(path: Path) -> bool:
    """Does the notebook at ``path`` have ``essay`` metadata? False for anything unreadable."""
    from ..essay import MAX_NOTEBOOK_BYTES

    try:
        if not path.is_file() or path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return False
        metadata = json.loads(path.read_bytes().decode("utf-8-sig")).get("metadata")
    except (OSError, ValueError, AttributeError):
        return False
    return isinstance(metadata, dict) and isinstance(metadata.get("essay"), dict)


def page_config_hook(previous=None):
    """A Voilà page-config hook that turns MathJax off for essays, then calls ``previous``."""

    def hook(page_config, **kwargs):
        root = (kwargs.get("settings") or {}).get("server_root_dir") or "."
        notebook_path = kwargs.get("notebook_path") or ""
        if is_essay_file(Path(root).expanduser() / notebook_path):
            # Voilà's front end loads MathJax unless both options are the string "null".
            page_config["fullMathjaxUrl"] = page_config["mathjaxConfig"] = "null"
        if previous is not None:
            page_config = previous(page_config, **kwargs)
        return page_config

    hook.essaykit = True
    return hook


def use_essay_template(serverapp) -> None:
    """Install the two hooks in the server's Voilà configuration (once)."""
    section = serverapp.config.VoilaConfiguration
    for name, make in (("prelaunch_hook", essay_hook), ("page_config_hook", page_config_hook)):
        previous = section.get(name) if name in section else None
        if not getattr(previous, "essaykit", False):
            section[name] = make(previous if callable(previous) else None)
