"""The essay: a notebook read into typed metadata and an ordered list of blocks.

- :mod:`essaykit.essay.model` is the model (:class:`Essay`, its metadata and
  blocks, :class:`Problem`);
- :mod:`essaykit.essay.read` reads and checks a notebook (:func:`load_essay`,
  :func:`check_essay`) and finds the essay a kernel runs for (:func:`current_slug`);
- the slug rule and ``slugify`` are :mod:`essaykit.slug`'s, below the Markdown
  renderer that makes heading anchors with them.

`essaykit check` adds the warnings about blog-page leftovers from the
importers' patterns (:func:`essaykit.importers.leftovers.leftover_problems`).
"""

from ..slug import SLUG_RE, slugify
from .model import (DEFAULT_SPOILER_LABEL, MAX_LABEL_CHARS, MAX_NOTEBOOK_BYTES, SPOILER_TAG, Block, CodeBlock, Essay,
                    EssayMeta, Problem, SpoilerBlock, TextBlock, cell_raised, parse_iso_date)
from .read import (cell_source, check_essay, check_notebook, current_slug, essay_from_dict, load_essay, notebook_blocks,
                   notebooks_in, read_notebook)

__all__ = [
    "DEFAULT_SPOILER_LABEL", "MAX_LABEL_CHARS", "MAX_NOTEBOOK_BYTES", "SLUG_RE", "SPOILER_TAG", "Block", "CodeBlock",
    "Essay", "EssayMeta", "Problem", "SpoilerBlock", "TextBlock", "cell_raised", "cell_source", "check_essay", "check_notebook", "current_slug",
    "essay_from_dict", "load_essay", "notebook_blocks", "notebooks_in", "parse_iso_date", "read_notebook", "slugify",
]
