"""What the layers above the comments hear about them, inside the transaction that changes them.

The mail outbox (:mod:`essaykit.mail.outbox`) writes what to send in the very
transaction that posts or publishes a comment, so a message exists if and
only if its event was committed. Mail sits above comments, so comments
cannot call it; it listens instead. A listener is an object (a module will do)
with these functions, registered under the entry point group :data:`GROUP`
(``pyproject.toml``), so that every process that writes comments (a server, a
kernel's widgets, the CLI, an import) runs the same listeners:

* ``posted(conn, event)``: a comment was stored (:class:`Posted`);
* ``published(conn, row_id, moment)``: a comment became visible to readers,
  at posting, on approval, or as the author's reply;
* ``held_by_edit(conn, public_id, moment)``: its writer's edit sent a published
  comment back to moderation (:mod:`.own`).

Listeners run in the writer's transaction: what they write commits or rolls
back with the comment, and an error in one aborts the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib.metadata import entry_points

GROUP = "essaykit.comment_events"


@dataclass(frozen=True)
class Posted:
    """A comment just stored: its row and public id, the status moderation gave it, the email it
    came with, whether its writer asked to hear of replies, and whether the author should be told
    (not about their own reply)."""

    row_id: int
    public_id: str
    status: str
    email: str
    notify: bool
    moment: datetime
    tell_author: bool = True


@cache
def listeners() -> tuple:
    """The registered listeners, loaded once per process."""
    return tuple(point.load() for point in entry_points(group=GROUP))


def posted(conn, event: Posted) -> None:
    for listener in listeners():
        listener.posted(conn, event)


def published(conn, row_id: int, moment: datetime) -> None:
    for listener in listeners():
        listener.published(conn, row_id, moment)


def held_by_edit(conn, public_id: str, moment: datetime) -> None:
    for listener in listeners():
        listener.held_by_edit(conn, public_id, moment)
