"""Read a plain-text copy of a post page ("Save as text", or a copy and paste).

- The first non-empty line is the title; a short "by …"/date line right
  after it gives the author and date.
- Paragraphs are separated by blank lines; a paragraph announcing spoilers
  starts the spoiler block.
- The comments are the bullet items (``•``, ``*``, ``-``) after the article:
  after a "N Comments"/"N thoughts on…"/"Responses" heading when there is
  one, otherwise the bullet items that end the text. A comment ending in a
  short signature line (or ``— Name``) is by that name, otherwise by
  "Anonymous". ``Pingback: Title`` and ``Trackback: Title`` items are
  pingbacks.
- The comment form and login boilerplate at the end is dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from .htmlmd import plain_markdown
from .model import Failed, ImportedComment, ImportedPost, Outcome
from .names import iso, local_id, parse_loose_date, short_hash, slugify
from .spoilers import split_at_announcement

MAX_TEXT_BYTES = 20 * 1024 * 1024
BULLET = re.compile(r"^\s*(?:[•*\-–·▪◦]|\d{1,3}[.)])\s+")
_COMMENT_BULLET = re.compile(r"^\s*[•*\-–·▪◦]\s+")
COMMENTS_HEADING = re.compile(
    r"^\s*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)?\s*"
    r"(?:comments?|responses?|replies|thoughts? on\b.*|reactions?)\s*(?:to\b.*|on\b.*)?:?\s*$",
    re.I,
)
BOILERPLATE = re.compile(
    r"^\s*(?:leave a (?:reply|comment)(?:\s+(?:to\s.{0,80}|cancel reply))?\s*$|fill in your details below"
    r"|you are commenting using your\b|connecting to\s*(?:%s)?\s*(?:…|\.\.\.)?\s*$|this site uses akismet\b|learn how your comment data is processed"
    r"|notify me of (?:new|follow-up)\b|save my name, email\b|post comment\b|cancel reply\b"
    r"|log in to reply\b|you must be logged in\b|(?:change|log out|cancel)\s*$|name\s*\(required\)"
    r"|email\s*\(required\)|website\s*$|comment\s*$|your email address will not be published"
    r"|required fields are marked|share this:?\s*$|like this:?\s*$|like loading|related\s*$"
    r"|(?:email|name|website)\s*\*?\s*$)",
    re.I,
)
PINGBACK = re.compile(r"^(pingback|trackback)\s*:\s*(.*)$", re.I | re.S)
BYLINE = re.compile(
    r"^\s*(?:posted\s+)?(?:on\s+(?P<date1>.+?)\s+)?by\s+(?P<author>[^,|]+?)"
    r"(?:(?:\s*[,|]\s*|\s+on\s+)(?P<date2>.+))?\s*$",
    re.I,
)
SAYS = re.compile(r"^(?P<author>.{1,60}?)\s+says:?\s*$", re.I)
# "… — Lucia M.": a dash, then one to four capitalised words or initials.
SIGNATURE_DASH = re.compile(r"\s(?:—|–|--|~)\s*(?P<name>[^\W\d_][\w'’]*\.?(?:\s+[^\W\d_][\w'’]*\.?){0,3})\s*$")
MAX_SIGNATURE_WORDS = 4


def _decode(data: bytes) -> tuple[str, str | None]:
    """The text and, when it was not UTF-8, a note saying how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), None
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), (
            f"byte {exc.start:,} is not UTF-8; read the file as Windows-1252 (check accented letters)")


def _paragraphs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines; a bullet line also starts a new paragraph."""
    paras: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            if current:
                paras.append(current)
                current = []
        elif _COMMENT_BULLET.match(line) and current and not _COMMENT_BULLET.match(current[0]):
            paras.append(current)
            current = [line]
        else:
            current.append(line)
    if current:
        paras.append(current)
    return paras


def _split_comments(paras: list[list[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """(article paragraphs, comment paragraphs)."""
    for i, para in enumerate(paras):
        if len(para) == 1 and COMMENTS_HEADING.match(para[0]) and i > 0:
            return paras[:i], paras[i + 1:]
    end = len(paras)
    while end > 0 and _COMMENT_BULLET.match(paras[end - 1][0]) and not _is_list(paras[end - 1]):
        end -= 1
    # Bullets and nothing else after the title are the article's own list, not comments.
    return (paras[:end], paras[end:]) if end > 0 else (paras, [])


def _is_list(para: list[str]) -> bool:
    """Several bullet lines in a row with no blank line between them: a list in the article."""
    return len(para) > 1 and all(BULLET.match(line) for line in para)


def _group_comments(paras: list[list[str]]) -> list[list[str]]:
    """Comment paragraphs into comments: a bullet starts one, later paragraphs continue it."""
    comments: list[list[str]] = []
    for para in paras:
        if _COMMENT_BULLET.match(para[0]) or not comments:
            first = _COMMENT_BULLET.sub("", para[0], count=1)
            comments.append([first, *para[1:]])
        else:
            comments[-1].extend(["", *para])
    return comments


def _signature(lines: list[str]) -> tuple[str, list[str]]:
    """(author, remaining lines) from a comment's own lines."""
    lines = [line.strip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    if lines and (says := SAYS.match(lines[0])) and len(lines) > 1:
        return says.group("author").strip(), lines[1:]
    if len(lines) > 1:
        last = lines[-1].lstrip("—–-~ ").strip()
        if last and len(last) <= 40 and len(last.split()) <= MAX_SIGNATURE_WORDS and not last.endswith((".", "!", "?", ":", ",")):
            body = lines[:-1]
            while body and not body[-1]:
                body.pop()
            if body:
                return last, body
    if lines and (dash := SIGNATURE_DASH.search(lines[-1])):
        name = dash.group("name").strip()
        if all(word[0].isupper() for word in name.split()):
            return name, [*lines[:-1], lines[-1][: dash.start()].rstrip()]
    return "Anonymous", lines


def _comment(lines: list[str], n: int, notes: list[str]) -> ImportedComment | None:
    text = "\n".join(lines).strip()
    ping = PINGBACK.match(text)
    identity = local_id(short_hash(text, length=12))
    if ping:
        words = " ".join(ping.group(2).split())
        url = re.search(r"https?://[^\s<>\"']+", words)
        title = (words.replace(url.group(0), "").strip(" -–—|:") if url else words) or ping.group(1).capitalize()
        if url is None:
            # The store needs a mention's address; without one, keep the words as a comment.
            notes.append(f"comment {n}: {ping.group(1).lower()} {title[:60]!r} has no URL; kept it as a comment")
            return ImportedComment(local_id=identity, parent=None, author=title[:100],
                                   body=plain_markdown(f"{ping.group(1).capitalize()}: {title}"), created=None)
        return ImportedComment(local_id=identity, parent=None, author=title[:100], body=plain_markdown(title),
                               created=None, kind="pingback", source_url=url.group(0).rstrip(".,;)"))
    author, body_lines = _signature(lines)
    created = None
    if body_lines and (moment := parse_loose_date(body_lines[0])):
        created, body_lines = moment, body_lines[1:]
    paras = "\n".join(body_lines).split("\n\n")
    body = "\n\n".join(plain_markdown(p) for p in paras if p.strip())
    if not body:
        notes.append(f"comment {n} is empty; skipped it")
        return None
    return ImportedComment(local_id=identity, parent=None, author=author, body=body, created=created)


def _article_markdown(para: list[str]) -> str:
    """A paragraph, or a run of bullet lines as a Markdown list."""
    if all(BULLET.match(line) for line in para):
        items = []
        for line in para:
            ordered = re.match(r"^\s*(\d{1,3})[.)]\s+", line)
            marker = f"{ordered.group(1)}." if ordered else "-"
            items.append(f"{marker} {plain_markdown(BULLET.sub('', line, count=1))}")
        return "\n".join(items)
    return plain_markdown("\n".join(para))


def read_text_copy(path: Path) -> list[Outcome]:
    """The post in the text copy at ``path``, as one outcome."""
    path = Path(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        return [Failed(path.name, f"text is over {MAX_TEXT_BYTES // 1048576} MB; is this really one post?")]
    text, note = _decode(path.read_bytes())
    notes = [note] if note else []
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if not BOILERPLATE.match(line)]
    paras = _paragraphs(lines)
    if not paras:
        return [Failed(path.name, "no text after dropping the comment-form lines; nothing to import")]
    title_para = paras.pop(0)
    title = " ".join(title_para[0].split())[:200]
    rest_of_title = title_para[1:]
    author, date = "", ""
    if rest_of_title or paras:
        candidate = rest_of_title[0] if rest_of_title else paras[0][0]
        byline = BYLINE.match(candidate) if len(candidate) <= 120 else None
        moment = parse_loose_date(candidate)
        if byline or moment:
            if byline:
                author = byline.group("author").strip()
                moment = parse_loose_date(byline.group("date1") or byline.group("date2") or "")
            date = iso(moment)
            if rest_of_title:
                rest_of_title = rest_of_title[1:]
            else:
                paras[0] = paras[0][1:]
                if not paras[0]:
                    paras.pop(0)
    if rest_of_title:
        paras.insert(0, rest_of_title)
    article, comment_paras = _split_comments(paras)
    blocks = [_article_markdown(p) for p in article]
    opened, label, hidden = split_at_announcement(blocks)
    slug = slugify(title) or (f"post-{date[:10]}" if date else slugify(path.stem) or "post")
    post = ImportedPost(
        where=f"{path.name}: {title[:60]!r}", title=title, slug=slug, author=author, date=date,
        blocks=opened, spoiler_label=label, spoiler_blocks=hidden,
        source={"kind": "text", "file": path.name, "id": slug}, comment_prefix=f"text-{short_hash(title)}",
        notes=notes,
    )
    seen: dict[str, int] = {}
    for n, lines_ in enumerate(_group_comments(comment_paras), 1):
        comment = _comment(lines_, n, notes)
        if comment is None:
            continue
        # The same words twice are two comments: number the repeats.
        count = seen.get(comment.local_id, 0)
        seen[comment.local_id] = count + 1
        if count:
            comment.local_id = f"{comment.local_id}-{count + 1}"
        post.comments.append(comment)
    return [post]
