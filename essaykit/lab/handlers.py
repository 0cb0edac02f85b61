"""The server extension's routes: the essay preview and the checks.

Both refuse bad input with a clear message and never a traceback:

- a path outside the Jupyter root, hidden, missing or not a notebook: 404/400;
- a body that is not JSON, not an object, or not a notebook: 400;
- a body over the notebook size limit (``ESSAYKIT_MAX_NOTEBOOK_MB``): 413.

Messages about the essay itself are the essay model's own
(:func:`essaykit.essay.check_notebook`), so JupyterLab says exactly what
``essaykit check`` says.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler, JupyterHandler

from ..comments.queue import Request, act, answer, request_of
from ..errors import CommentError, EssaykitError
from ..essay import MAX_NOTEBOOK_BYTES, Problem, SpoilerBlock, TextBlock, check_essay, check_notebook, notebook_blocks
from ..importers.check import leftover_problems

AUTH_RESOURCE = "contents"
# The preview is the author's own page; it runs its few lines of JS in a sandbox
# (no access to JupyterLab) and can load nothing from anywhere.
PREVIEW_CSP = "; ".join([
    "default-src 'none'",
    "img-src data: blob:",  # blob: for the bytes of an Image widget that ipywidgets' manager draws
    "style-src 'unsafe-inline'",
    "script-src 'unsafe-inline'",
    "sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox",
])


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def resolve_notebook(root_dir: str, api_path: str, *, allow_hidden: bool = False) -> Path:
    """The file under ``root_dir`` that ``api_path`` names; BadRequest for anything else."""
    shown = api_path or "(empty)"
    parts = [p for p in api_path.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts) or api_path.startswith("/") or "\x00" in api_path:
        raise BadRequest(404, f"{shown}: not a notebook under the Jupyter root; give its path relative to the root, "
                              "as in the file browser")
    if not allow_hidden and any(p.startswith(".") for p in parts):
        raise BadRequest(404, f"{shown}: hidden files are not previewed")
    if not parts[-1].endswith(".ipynb"):
        raise BadRequest(400, f"{shown}: not a notebook; essays are .ipynb files")
    root = Path(root_dir).expanduser().resolve()
    path = root.joinpath(*parts)
    try:
        inside = path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise BadRequest(404, f"{shown}: not a notebook under the Jupyter root")
    if not path.is_file():
        raise BadRequest(404, f"{shown}: no such notebook; save it first")
    return path


def problem_json(problem: Problem) -> dict:
    """A problem as the lab extension shows it: the message, its cell (from 1) or its metadata field."""
    return {"message": problem.message, "cell": problem.cell, "field": problem.field, "text": str(problem)}


def spoilers_json(data: dict, path: str) -> dict:
    """Where the spoilers are: each block's cells (from 0) and label, and inline spoilers per cell."""
    blocks, _ = notebook_blocks(data, path)
    out = {"blocks": [], "inline": {}}
    for block in blocks:
        if isinstance(block, SpoilerBlock):
            out["blocks"].append({"label": block.label, "cells": [c.cell_index for c in block.cells]})
        cells = block.cells if isinstance(block, SpoilerBlock) else (block,) if isinstance(block, TextBlock) else ()
        for cell in cells:
            if "||" in cell.source:
                count = cell.html.count('class="ek-spoiler"')
                if count:
                    out["inline"][str(cell.cell_index)] = count
    return out


def read_body(body: bytes) -> tuple[str, dict]:
    """The ``path`` and ``notebook`` of a check request; BadRequest for anything else."""
    if len(body) > MAX_NOTEBOOK_BYTES:
        raise BadRequest(413, f"the request is {len(body) / 1048576:.1f} MB, over the {MAX_NOTEBOOK_BYTES // 1048576} MB "
                              "notebook limit; clear large outputs or set ESSAYKIT_MAX_NOTEBOOK_MB")
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BadRequest(400, f"the request body is not UTF-8 text (byte {exc.start}); send JSON") from None
    except json.JSONDecodeError as exc:
        raise BadRequest(400, f"the request body is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(payload, dict):
        raise BadRequest(400, 'the request body must be a JSON object: {"path": "essay.ipynb", "notebook": {...}}')
    path = payload.get("path")
    if not isinstance(path, str) or not path.strip() or len(path) > 4096 or "\x00" in path:
        raise BadRequest(400, '"path" must be the notebook\'s path, such as "essays/my-review.ipynb"')
    nb = payload.get("notebook")
    if not isinstance(nb, dict):
        raise BadRequest(400, f'{path}: "notebook" must be the notebook as a JSON object')
    if not isinstance(nb.get("cells"), list):
        raise BadRequest(400, f"{path}: the notebook has no 'cells' list; send the whole notebook")
    if not isinstance(nb.get("metadata", {}), dict):
        raise BadRequest(400, f"{path}: the notebook's 'metadata' must be an object")
    return path, nb


class _Errors:
    def refuse(self, error: BadRequest) -> None:
        self.set_status(error.status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"message": error.message}))


class CheckHandler(_Errors, APIHandler):
    """``POST /essaykit/check``: the essay model's problems for a notebook as it is in the editor."""

    auth_resource = AUTH_RESOURCE

    @tornado.web.authenticated
    @authorized
    def post(self) -> None:
        try:
            path, nb = read_body(self.request.body)
        except BadRequest as error:
            return self.refuse(error)
        name = Path(path.replace("\\", "/")).name or "notebook.ipynb"
        try:
            problems = check_notebook(nb, name)[1] + leftover_problems(nb, name)
            spoilers = spoilers_json(nb, name)
        except (EssaykitError, AttributeError, TypeError, ValueError) as exc:
            # A structure the model cannot walk (a cell that is a list, metadata that is text...).
            return self.refuse(BadRequest(400, f"{path}: not a notebook essaykit can read ({type(exc).__name__}: {exc})"))
        self.finish(json.dumps({"problems": [problem_json(p) for p in problems], "spoilers": spoilers}))


class PreviewHandler(JupyterHandler):
    """``GET /essaykit/preview/<path>``: the saved essay as its static page."""

    auth_resource = AUTH_RESOURCE

    @tornado.web.authenticated
    @authorized
    def get(self, api_path: str) -> None:
        from ..exports.export import essay_page

        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Security-Policy", PREVIEW_CSP)
        self.set_header("X-Content-Type-Options", "nosniff")
        allow_hidden = bool(getattr(self.contents_manager, "allow_hidden", False))
        try:
            path = resolve_notebook(self.settings["server_root_dir"], api_path, allow_hidden=allow_hidden)
            essay, problems = check_essay(path)
        except BadRequest as error:
            return self.note(error.status, "This notebook cannot be previewed", [error.message])
        except EssaykitError as exc:
            return self.note(400, "This notebook cannot be read as an essay", [_relative(str(exc), path)])
        if essay is None:
            return self.note(422, "Fix these problems to see the preview",
                             [_relative(str(p), path) for p in problems])
        try:
            page = essay_page(essay, execute=False)
        except EssaykitError as exc:
            return self.note(500, "The preview could not be rendered", [_relative(str(exc), path)])
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)

    def note(self, status: int, title: str, lines: list[str]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        self.finish(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>essaykit preview</title>"
            "<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:40rem}"
            "li{margin:.4rem 0;font-family:ui-monospace,monospace;font-size:.9em}</style></head>"
            f"<body><h1 class=\"ek-preview-problem\">{html.escape(title)}</h1><ul>{items}</ul></body></html>"
        )


def _relative(text: str, path: Path) -> str:
    """Messages name the file by its name, not by the server's absolute path."""
    return text.replace(str(path), path.name)


MODERATION_BODY_BYTES = 256 * 1024  # a bulk action names at most a few thousand ids; a reply is a comment


def read_moderation(body: bytes) -> Request:
    """The action of a moderation request (:func:`essaykit.comments.queue.request_of`); BadRequest for anything else."""
    if len(body) > MODERATION_BODY_BYTES:
        raise BadRequest(413, f"the request is {len(body)} bytes, over {MODERATION_BODY_BYTES}; act on fewer comments")
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise BadRequest(400, 'the request body must be JSON: {"action": "spam", "ids": ["…"]}') from None
    try:
        return request_of(payload)
    except CommentError as exc:
        raise BadRequest(400, str(exc)) from None


class ModerationHandler(_Errors, APIHandler):
    """``GET /essaykit/moderation``: the queue of every essay, the likeliest spam first (``?essay=SLUG``
    for one); ``POST`` one action on comments of it. JupyterLab's Comments panel and nothing else."""

    auth_resource = AUTH_RESOURCE

    def _store(self):
        # SQLAlchemy and the store load on the panel's first request, not with JupyterLab.
        from ..comments.store import CommentStore

        # One store for the server's life, opened on first use: JupyterLab's start-up pays nothing.
        store = self.settings.get("essaykit_store")
        if store is None:
            store = self.settings["essaykit_store"] = CommentStore.open(essay_dir=self.settings["server_root_dir"])
        return store

    def _by(self) -> str:
        user = self.current_user
        name = getattr(user, "display_name", "") or getattr(user, "username", "") or "author"
        return f"{name} (JupyterLab)"

    def _answer(self, store, **extra) -> None:
        essay = self.get_query_argument("essay", None)
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(answer(store, essay or None, **extra)))

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        try:
            self._answer(self._store())
        except EssaykitError as exc:
            self.refuse(BadRequest(503, f"the comment database cannot be read: {exc}"))

    @tornado.web.authenticated
    @authorized
    def post(self) -> None:
        try:
            asked = read_moderation(self.request.body)
        except BadRequest as error:
            return self.refuse(error)
        try:
            store = self._store()
            done = act(store, asked, by=self._by(), reason="JupyterLab", root=self.settings["server_root_dir"])
        except CommentError as exc:
            return self.refuse(BadRequest(400, str(exc)))
        except EssaykitError as exc:
            return self.refuse(BadRequest(503, f"the comment database cannot be changed: {exc}"))
        self._answer(store, message=done)
