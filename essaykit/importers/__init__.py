"""Import existing posts as essays: a WordPress, Blogger or Ghost export, a saved HTML page or a text copy.

``essaykit import FILE...`` (:mod:`.commands`) detects the format
(:mod:`.detect`; a ZIP or a folder of many files: :mod:`.exports`), reads
posts with :mod:`.wxr`, :mod:`.blogger`, :mod:`.ghost`, :mod:`.html_page`,
:mod:`.text`, :mod:`.medium` or :mod:`.substack`, turns their HTML into Markdown cells through the project's
sanitiser (:mod:`.htmlmd`, :mod:`.spoilers`), writes notebooks
(:mod:`.build`) and hands comments to the comment store
(:mod:`.records`, :meth:`essaykit.CommentStore.import_records`).
See docs/import.md.
"""

from .model import Failed, ImportedComment, ImportedPost, Skipped

__all__ = ["Failed", "ImportedComment", "ImportedPost", "Skipped"]
