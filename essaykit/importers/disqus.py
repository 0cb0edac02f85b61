"""Read a Disqus comment export (Admin → Moderate → Export: ``<disqus>`` XML).

The file lists ``<thread>`` elements (one per page that had a comment box,
with its ``<link>``, ``<title>`` and optional ``<id>`` identifier) and
``<post>`` elements (one per comment, pointing at its thread and, for a
reply, its ``<parent>`` by ``dsq:id``). Each thread with posts becomes one
:class:`CommentsFor`, matched later to an essay imported before by its link
or slug. ``isDeleted`` posts are kept as deleted (so their replies keep
their place) and ``isSpam`` posts as spam. Ids are ``disqus-<forum
hash>-<dsq:id>``, so importing the file again adds nothing.

Parsed with defusedxml: no entity declarations, nothing fetched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .htmlmd import comment_markdown
from .model import CommentsFor, Failed, ImportedComment, Outcome
from .names import local_id, parse_loose_date, short_hash, slugify

_DSQ = "{http://disqus.com/disqus-internals}id"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _text(element, name: str) -> str:
    for child in element:
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def _child(element, name: str):
    return next((child for child in element if _local(child.tag) == name), None)


def _flag(element, name: str) -> bool:
    return _text(element, name).lower() == "true"


def read_disqus(path: Path) -> Iterator[Outcome]:
    """One :class:`CommentsFor` per thread that has posts, in the order threads appear."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, iterparse

    path = Path(path)
    threads: dict[str, dict] = {}
    posts: dict[str, list[ImportedComment]] = {}
    forum = ""
    counts = {"deleted": 0, "spam": 0, "replies": 0}
    notes: dict[str, list[str]] = {}
    depth = 0
    try:
        with open(path, "rb") as fh:
            for event, element in iterparse(fh, events=("start", "end")):
                if event == "start":
                    depth += 1
                    if depth > 64:
                        yield Failed(path.name, "XML nested more than 64 levels deep; a Disqus export is flat, "
                                     "so this is not one (export again from Disqus)")
                        return
                    continue
                depth -= 1
                if depth != 1:
                    continue
                name = _local(element.tag)
                if name == "thread":
                    tid = element.get(_DSQ, "")
                    threads[tid] = {"link": _text(element, "link"), "title": _text(element, "title"),
                                    "ident": _text(element, "id"), "created": _text(element, "createdAt")}
                    forum = forum or _text(element, "forum")
                elif name == "post":
                    tid = _child(element, "thread").get(_DSQ, "") if _child(element, "thread") is not None else ""
                    pid = element.get(_DSQ, "")
                    if not pid or not tid:
                        notes.setdefault(tid, []).append("a post without dsq:id or thread; skipped it")
                    else:
                        comment = _post(element, pid, notes.setdefault(tid, []))
                        if comment is not None:
                            counts["deleted"] += comment.status == "deleted"
                            counts["spam"] += comment.status == "spam"
                            counts["replies"] += comment.parent is not None
                            posts.setdefault(tid, []).append(comment)
                element.clear()
    except DefusedXmlException as exc:
        yield Failed(path.name, f"declares XML entities or a DTD ({type(exc).__name__}); Disqus exports never do, "
                     "so it was refused (export again from Disqus)")
        return
    except ParseError as exc:
        line = getattr(exc, "position", (0, 0))[0]
        yield Failed(path.name, f"not well-formed XML at line {line} ({str(exc).split(':')[0]}); "
                     "the export is damaged or truncated, download it again from Disqus")
        return
    except OSError as exc:
        yield Failed(path.name, f"cannot read: {exc.strerror or exc}")
        return
    prefix = f"disqus-{short_hash(forum or path.name)}"
    for tid, comments in posts.items():
        thread = threads.get(tid)
        if thread is None:
            yield Failed(f"{path.name}: thread {tid}", f"{len(comments)} posts belong to a thread that is not in the file")
            continue
        link = thread["link"] if thread["link"].startswith(("http://", "https://")) else ""
        slugs = []
        if link:
            last = unquote(urlsplit(link).path.rstrip("/").rsplit("/", 1)[-1]).removesuffix(".html")
            slugs.append(slugify(last))
        for value in (thread["ident"].rsplit("/", 1)[-1], thread["title"]):
            if slugify(value):
                slugs.append(slugify(value))
        statuses = [c.status for c in comments]
        found = [f"{len(comments)} posts ({statuses.count('approved')} approved, {statuses.count('spam')} spam, "
                 f"{statuses.count('deleted')} deleted, {sum(c.parent is not None for c in comments)} replies)"]
        yield CommentsFor(
            where=f"{path.name}: thread {thread['title'][:60]!r}", link=link, slugs=[s for s in slugs if s],
            comment_prefix=prefix, comments=comments, notes=notes.get(tid, []), found=found,
            date=thread["created"] if parse_loose_date(thread["created"]) else "",
        )


def _post(element, pid: str, notes: list[str]) -> ImportedComment | None:
    deleted, spam = _flag(element, "isDeleted"), _flag(element, "isSpam")
    author_el = _child(element, "author")
    author = email = ""
    if author_el is not None:
        author = _text(author_el, "name") or _text(author_el, "username")
        email = _text(author_el, "email")
    body = comment_markdown(_text(element, "message"))
    created = parse_loose_date(_text(element, "createdAt"))
    if created is None:
        notes.append(f"post {pid}: createdAt {_text(element, 'createdAt')!r} cannot be read; dated it like the thread")
    if not body:
        if not deleted:
            notes.append(f"post {pid} is empty; skipped it")
            return None
        body = "(deleted)"  # kept, so replies to it keep their place in the thread
    parent_el = _child(element, "parent")
    parent = parent_el.get(_DSQ, "") if parent_el is not None else ""
    return ImportedComment(
        local_id=local_id(pid), parent=local_id(parent) if parent else None, author=author or "Anonymous",
        body=body, created=created, status="deleted" if deleted else "spam" if spam else "approved", email=email,
    )
