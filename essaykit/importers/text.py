"""Read a plain-text copy of a post page ("Save as text", or a copy and paste).

The copy is read by structure, with the patterns of :mod:`essaykit.leftovers`:

- **Head.** Site furniture before the title is dropped; the title is the
  first real line (or the line next to the first byline or date line); the
  byline, date and "N min read" lines under it give the author and date.
- **Article.** Everything up to the first sign of the comment section: a
  comments heading ("4 Comments", "3 thoughts on “…”"), strong boilerplate
  (the comment form, "Share this:", "Posted in … | Tagged …"), a pingback,
  a "NAME says:" header, or a run of signed messages at the end. Nothing
  after that point becomes essay text.
- **Comments.** Each comment starts at a bullet (any mark; indentation and
  ◦/▪ marks give replies), a header ("NAME says:", "NAME on DATE said:",
  a name over a date line), after a "Reply"/"Like" row, or, in a loose list,
  after a paragraph that ends with a signature ("— Ana", "🙂 Ric", "Cheers,
  Paulo"). Pingbacks and trackbacks become mentions. Dates stay the
  comments' own; a comment without one is reported.
- Every line's fate is kept for ``essaykit import --explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import leftovers as lo
from .htmlmd import plain_markdown
from .model import Failed, ImportedComment, ImportedPost, Outcome
from .names import ambiguous_date, iso, local_id, parse_loose_date, short_hash, slugify
from .spoilers import split_at_announcement

MAX_TEXT_BYTES = 20 * 1024 * 1024
HEAD_LINES = 12  # how far from the top a byline or date may be and still belong to the title
BYLINE = re.compile(
    r"^\s*(?:posted|published|written|publicado|publié|veröffentlicht)?\s*(?:(?:on|em|le|am|el)\s+(?P<date1>.+?)\s+)?"
    r"(?:by|por|par|von)\s+(?P<author>[^,|·•]+?)"
    r"(?:(?:\s*[,|·•]\s*|\s+on\s+|\s+in\s+.+?\s*[,|·]\s*)(?P<date2>.+))?\s*$",
    re.I,
)
DATED = re.compile(r"^\s*(?:posted|published|updated|last updated|publicado|publié|veröffentlicht)\s*(?:on|em|le|am|:)?\s+(?P<date>.+?)\s*$", re.I)
WRITTEN_BY = re.compile(r"^written by\s+(?P<author>.{1,60})$", re.I)
NAME_DOT_DATE = re.compile(r"^(?P<a>[^·•|]{1,60}?)\s*[·•|]\s*(?P<b>.+?)$")
READING_TIME = re.compile(r"^(?:\d+\s*(?:min|minute)s?(?: read)?|·|•|\|)$", re.I)
HEAD_FURNITURE = re.compile(r"^(?:follow|following|listen|share|member-only story|top highlight|open in app|\d+ min read"
                            r"|·|•|\||—|\d+ comments?|no comments|leave a comment|\d+ responses?)\W*$", re.I)
BLOGGER_POSTED_BY = re.compile(r"^posted by\s+(?P<author>.{1,60}?)\s+(?:at|on)\s+(?P<time>.{1,40})$", re.I)
TAGS_LINE = re.compile(r"^(?:posted in\s+(?P<cats>.+?)\s*\|\s*)?(?:tagged|tags|labels|filed under)\s*:?\s+(?P<tags>.+)$", re.I)
ENTRY_POSTED = re.compile(r"^this entry was posted in\s+(?P<cats>.+?)(?:\s+and tagged\s+(?P<tags>.+?))?\.?"
                          r"(?:\s+bookmark the permalink\.?)?$", re.I)
POSTED_IN = re.compile(r"^posted in\s+(?P<cats>.+?)(?:\s*\|.*)?$", re.I)
REPLY_TO = re.compile(rf"^(?P<author>{lo.NAME})\s*(?:→|->|➝|➔|replied to)\s*(?P<to>{lo.NAME})$")
RELATED_START = re.compile(r"^(?:related|related posts|you might also like|popular posts from this blog|more from .{1,60}"
                           r"|recommended from medium|read next|keep reading|similar posts?)\W*$", re.I)
_TIME = re.compile(r"\b\d{1,2}[:h]\d\d\b|\b\d{1,2}\s?[ap]\.?m\b", re.I)
SIDEBAR = re.compile(
    r"^(?:search(?: for)?|recent posts|recent comments|archives|categories|meta|blogroll|top posts(?: & pages)?"
    r"|follow (?:blog )?via email|follow .{1,40} on wordpress\.com|blog stats|calendar|pages|tags|tag cloud|about me"
    r"|newsletter|popular posts|links|enter your email address.*|join \d[\d,]* other (?:subscribers|followers)"
    r"|footer|sidebar|widgets?|site navigation|primary menu|social menu)\W*$", re.I)
FORM_START = re.compile(
    r"^(?:leave a (?:reply|comment|response)(?:\s+cancel reply)?|fill in your details below.*|post a comment"
    r"|your email address will not be published.*|add (?:a )?comment|write a comment.*|deixe (?:um comentário|uma resposta)"
    r"|deja un comentario|laisser un commentaire)\W*$", re.I)
NAV_LABEL = re.compile(r"^(?:[←«]\s*)?(?:previous|next|older|newer)(?: post| entry| article)?(?:\s*[→»])?:?$", re.I)


def _decode(data: bytes) -> tuple[str, str | None]:
    """The text and, when it was not UTF-8, a note saying how it was read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return data.decode("utf-16", errors="replace"), "the file is not valid UTF-16; damaged characters shown as �"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("cp1252", errors="replace"), (
            f"byte {exc.start:,} is not UTF-8; read the file as Windows-1252 (check accented letters)")


def _name_like(line: str) -> bool:
    text = lo.strip_bullet(line)
    return lo.is_name(text, capitalised=True) or bool(re.fullmatch(r"@?[\w.\-]{2,30}", text) and not text.isdigit()
                                                       and text[0].isupper())


def read_byline(text: str) -> tuple[str, str] | None:
    """(author, date text) for a byline or date line ("Posted on DATE by NAME", "By NAME · DATE"), else None."""
    text = text.strip()
    if not text or len(text) > 140:
        return None
    if lo.date_line(text):
        return "", text
    found = BYLINE.match(text)
    if found and len(found.group("author").split()) <= 5:
        when = re.split(r"\s*[·|]\s*", found.group("date1") or found.group("date2") or "")[0]
        author = found.group("author").strip()
        # "By the sea, …" is prose: without a date or "Posted", the name must look like one.
        plain = not when and not re.match(r"^\s*(?:posted|published|written|publicado|publié|veröffentlicht)", text, re.I)
        if plain and not re.match(r"^\s*by\s", text, re.I):
            return None  # "von", "par", "por" alone start too many ordinary sentences
        if (not when or parse_loose_date(when) or lo.relative_date(when)) and (not plain or _name_like(author)):
            return author, when
    found = DATED.match(text)
    if found and parse_loose_date(found.group("date")):
        return "", found.group("date")
    found = NAME_DOT_DATE.match(text)
    if found:
        a, b = found.group("a").strip(), found.group("b").strip()
        rest = [p.strip() for p in re.split(r"\s*[·•|]\s*", b)]
        dates = [p for p in [a, *rest] if parse_loose_date(p)]
        if dates and all(parse_loose_date(p) or READING_TIME.match(p) or _name_like(p) for p in [a, *rest]):
            name = next((p for p in [a, *rest] if _name_like(p) and not parse_loose_date(p)), "")
            name = re.sub(r"^(?:by|por|par|von)\s+", "", name, flags=re.I)
            return name, dates[0]
    return None



@dataclass
class _Draft:
    """A comment being read: its lines and what its header said."""

    first: int  # line number where it starts
    depth: int = 0
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    author: str = ""
    author_how: str = ""
    date: str = ""
    reply_to: str = ""
    kind: str = "comment"
    url: str = ""
    title: str = ""
    closed: bool = False
    loose: bool = False  # started by plain text, not by a bullet or header

    def add(self, number: int, text: str, blank_before: bool) -> None:
        if blank_before and self.lines:
            self.lines.append("")
            self.numbers.append(-1)
        self.lines.append(text)
        self.numbers.append(number)

    @property
    def has_text(self) -> bool:
        return any(line.strip() for line in self.lines)


class _Reader:
    def __init__(self, path: Path, lines: list[str], notes: list[str]):
        self.path = path
        self.lines = lines
        self.notes = notes
        self.labels: dict[int, str] = {}
        self.author = ""
        self.date = ""
        self.date_text = ""
        self.tags: list[str] = []
        self.dropped: dict[str, int] = {}
        self.guessed: list[str] = []

    def label(self, i: int, what: str) -> None:
        self.labels.setdefault(i, what)

    def drop(self, i: int, why: str = "boilerplate") -> None:
        self.labels[i] = f"dropped {why}"
        self.dropped[why] = self.dropped.get(why, 0) + 1

    # --- head ---------------------------------------------------------------------------------

    def dated(self, text: str) -> tuple[str, str] | None:
        return read_byline(text)

    def head(self) -> tuple[str, int, int] | None:
        """(title, title line, first body line) after reading the byline and date lines under the title."""
        filled = [i for i, line in enumerate(self.lines) if line.strip()]
        start = 0
        while start < len(filled) and (lo.strong_boilerplate(self.lines[filled[start]])
                                       or lo.weak_boilerplate(self.lines[filled[start]])):
            self.drop(filled[start], "boilerplate (site header)")
            start += 1
        filled = filled[start:]
        if not filled:
            return None
        title_at = filled[0]
        window = []
        for i in filled[:HEAD_LINES]:
            line = self.lines[i]
            if self.dated(line) is None and window and (
                    line.strip().endswith((".", "!", "?", ":")) or len(line.strip()) > 150
                    or lo.comments_heading(line) or lo.says_header(line) or lo.pingback(line)):
                break  # prose or the comment section: the head is over
            window.append(i)
        first_dated = next((k for k, i in enumerate(window) if self.dated(self.lines[i]) is not None), None)
        if first_dated is not None and first_dated > 0:
            k = first_dated - 1
            while k > 0 and self._head_meta(window[k], window[k + 1]):
                k -= 1  # "Ruth Amsel" over the date, "Follow", "6 min read": metadata, not the title
            if k > 0 and len(self.lines[window[k]].strip()) > 70 and self._title_like(window[k - 1]):
                k -= 1  # a long subtitle under the title
            before = [i for i in window[:k + 1] if not lo.weak_boilerplate(self.lines[i]) and not lo.bullet(self.lines[i])]
            after = window[first_dated + 1] if first_dated + 1 < len(window) else None
            title_at = before[-1] if before else filled[0]
            bare = lo.date_line(self.lines[window[first_dated]])
            if (bare and after is not None and len(before) >= 1 and title_at == before[0] and len(before) == 1
                    and self._title_like(after) and self._prose_follows(after)):
                title_at = after  # Blogger: blog name, date header, then the title
            for i in filled:
                if i >= title_at:
                    break
                if self.dated(self.lines[i]) is None:
                    self.drop(i, "site header before the title")
        elif first_dated == 0 and len(window) > 1 and self._title_like(window[1]):
            title_at = window[1]  # the date header comes first
        title = " ".join(self.lines[title_at].split())[:200]
        self.label(title_at, "title")
        # Byline, date, reading time and follow buttons under (or just over) the title.
        body = title_at + 1
        for i in filled:
            if i <= title_at and i not in self.labels:
                self.read_meta(i)
        last_meta = window[first_dated] if first_dated is not None and window[first_dated] > title_at else title_at
        for i in filled:
            if i <= title_at:
                continue
            if not self.read_meta(i, after_title=True) and i > last_meta:
                break
            body = max(body, i + 1) if i in self.labels or i > last_meta else body
        body = min([i for i in filled if title_at < i and i not in self.labels] or [body])
        return title, title_at, body

    def _head_meta(self, i: int, nxt: int) -> bool:
        text = self.lines[i].strip()
        if READING_TIME.match(text) or HEAD_FURNITURE.match(text) or lo.weak_boilerplate(text):
            return True
        following = self.lines[nxt].strip()
        dated = self.dated(following)
        if dated is not None and dated[0]:
            return False  # "Posted on … by NAME" names the author itself: the line above is the title
        return _name_like(text) and bool(dated or READING_TIME.match(following) or HEAD_FURNITURE.match(following))

    def _title_like(self, i: int) -> bool:
        text = self.lines[i].strip()
        return 0 < len(text) <= 150 and not text.endswith((".", ",", ";")) and lo.bullet(text) is None

    def _prose_follows(self, i: int) -> bool:
        nxt = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), None)
        return nxt is None or len(self.lines[nxt].strip()) > 60 or self.dated(self.lines[nxt]) is not None

    def read_meta(self, i: int, *, after_title: bool = False) -> bool:
        """Take line ``i`` as head metadata if it is one; True when it was."""
        text = self.lines[i].strip()
        found = self.dated(text)
        if found is not None:
            author, when = found
            if author and not self.author:
                self.author = author
                self.label(i, "author" + (" and date" if when else ""))
            if when and not self.date:
                self.set_date(when, i)
            self.label(i, "date")
            return True
        if READING_TIME.match(text) or HEAD_FURNITURE.match(text) or lo.strong_boilerplate(text):
            self.drop(i, "boilerplate (byline furniture)")
            return True
        if after_title and _name_like(text) and not self.author:
            nxt = next((j for j in range(i + 1, min(len(self.lines), i + 6)) if self.lines[j].strip()), None)
            if nxt is not None and not text.endswith(".") and (
                    self.dated(self.lines[nxt]) or READING_TIME.match(self.lines[nxt].strip())
                    or HEAD_FURNITURE.match(self.lines[nxt].strip())):
                self.author = text
                self.label(i, "author")
                return True
        return False

    def set_date(self, when: str, i: int) -> None:
        moment = parse_loose_date(when)
        if moment is None:
            self.notes.append(f"line {i + 1}: date {when!r} cannot be read; the essay has no date, set essay.date by hand")
            return
        self.date, self.date_text = iso(moment), when
        if ambiguous_date(when):
            self.guessed.append(f"post date {when!r} read as {self.date[:10]} (month first)")

    # --- where the article ends ----------------------------------------------------------------

    def article_end(self, body: int) -> int:
        """The index of the first line of the comment section (or of the trailing page furniture)."""
        end = len(self.lines)
        seen_text = False
        for i in range(body, len(self.lines)):
            line = self.lines[i]
            text = line.strip()
            if not text:
                continue
            if seen_text and (lo.comments_heading(text) or lo.strong_boilerplate(line) or lo.pingback(line)
                              or lo.says_header(line) or BLOGGER_POSTED_BY.match(text) or TAGS_LINE.match(text)
                              or WRITTEN_BY.match(text) or self._sidebar_at(i) or self._comment_header_at(i)):
                end = i
                break
            if not lo.weak_boilerplate(line):
                seen_text = True
        # Weak furniture ("Share", "Leave a Reply", "Like") right before that point, or at the very end.
        while end > body:
            prev = end - 1
            if not self.lines[prev].strip() or lo.weak_boilerplate(self.lines[prev]) or lo.action_line(self.lines[prev]):
                end = prev
            else:
                break
        return self._signed_tail(body, end)

    def _comment_header_at(self, i: int) -> bool:
        """A name over a comment date with a time, with a "Reply" row below: comments with no heading."""
        if not _name_like(self.lines[i]):
            return False
        near = [j for j in range(i + 1, min(len(self.lines), i + 12)) if self.lines[j].strip()]
        if not near or not lo.date_line(self.lines[near[0]]) or not _TIME.search(self.lines[near[0]]):
            return False
        return any(lo.action_line(self.lines[j]) for j in near[1:])

    def _sidebar_at(self, i: int) -> bool:
        """A sidebar heading followed by more sidebar headings or furniture within a few lines."""
        if not SIDEBAR.match(self.lines[i].strip()):
            return False
        near = [line for line in self.lines[i + 1:i + 12] if line.strip()]
        return sum(bool(SIDEBAR.match(line.strip()) or lo.weak_boilerplate(line) or lo.strong_boilerplate(line))
                   for line in near) >= 2

    def _signed_tail(self, body: int, end: int) -> int:
        """Without a heading: trailing bullet comments, or at least two signed paragraphs, are comments."""
        paras: list[tuple[int, int]] = []  # (start, stop) line ranges of paragraphs before ``end``
        i = body
        while i < end:
            if not self.lines[i].strip():
                i += 1
                continue
            j = i
            while j < end and self.lines[j].strip() and not (j > i and lo.bullet(self.lines[j]) and not lo.bullet(self.lines[i])):
                j += 1
            paras.append((i, j))
            i = j
        cut = len(paras)
        while cut > 1:
            start, stop = paras[cut - 1]
            lines = self.lines[start:stop]
            first = lo.bullet(lines[0])
            # A bullet item with its own lines under it, or alone: a comment; several bullets in a row: a list.
            bullet_comment = (first is not None and not re.match(r"\s*\d", lines[0])
                              and not (len(lines) > 1 and all(lo.bullet(line) for line in lines)))
            if bullet_comment or self._strongly_signed(lines):
                cut -= 1
            else:
                break
        taken = len(paras) - cut
        if taken == 0:
            return end
        if taken == 1 and not lo.bullet(self.lines[paras[cut][0]]):
            return end  # one signed paragraph may be the author's own sign-off
        return paras[cut][0]

    @staticmethod
    def _strongly_signed(lines: list[str]) -> bool:
        found = lo.signature(lines)
        if found is None:
            return False
        last = lines[-1].strip()
        return bool(lo.DASH_SIGNATURE.match(last) or lo.EMOJI_SIGNATURE.match(last) or lo.CLOSING_SIGNATURE.match(last)
                    or lo.INLINE_DASH.match(last) or lo.INLINE_EMOJI.match(last))

    # --- the comment section -------------------------------------------------------------------

    def tail_metadata(self, i: int, text: str) -> bool:
        found = BLOGGER_POSTED_BY.match(text) or WRITTEN_BY.match(text)
        if found:
            if not self.author:
                self.author = found.group("author").strip()
                self.label(i, "author")
            else:
                self.label(i, "metadata")
            return True
        found = TAGS_LINE.match(text) or ENTRY_POSTED.match(text)
        if found:
            for part in (found.group("cats") or "", found.group("tags") or ""):
                for tag in re.split(r"\s*[,;|]\s*", part):
                    tag = tag.strip(" .")
                    if tag and tag.lower() != "uncategorized" and tag not in self.tags and len(tag) <= 60:
                        self.tags.append(tag)
            self.label(i, "metadata (tags)")
            return True
        found = POSTED_IN.match(text)
        if found and len(text) <= 120:
            self.label(i, "metadata (category)")
            return True
        return False

    def comments(self, end: int) -> list[_Draft]:
        drafts: list[_Draft] = []
        cur: _Draft | None = None
        section = "comments"
        blank = False
        indents: list[tuple[_Draft, int, int]] = []  # (draft, indentation, depth from the mark)

        def start(i: int, line: str, **kw) -> _Draft:
            nonlocal cur
            found = lo.bullet(line)
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            mark_depth = lo.DEEP_MARKS.get(line.strip()[:1], 0) if found else 0
            cur = _Draft(first=i, **kw)
            drafts.append(cur)
            indents.append((cur, indent, mark_depth))
            return cur

        for i in range(end, len(self.lines)):
            line = self.lines[i]
            text = lo.strip_bullet(line)
            if not line.strip():
                blank = True
                continue
            if lo.comments_heading(text):
                section, cur = "comments", None
                self.label(i, "metadata (comments heading)")
            elif lo.action_line(text) and section == "comments":
                self.drop(i, "comment buttons")
                if cur is not None:
                    cur.closed = True
            elif self.tail_metadata(i, line.strip()):
                pass
            elif RELATED_START.match(text):
                section, cur = "related", None
                self.drop(i, "related posts")
            elif SIDEBAR.match(text) and not lo.bullet(line):
                section, cur = "sidebar", None
                self.drop(i, "sidebar")
            elif FORM_START.match(text) and drafts:
                section, cur = "form", None  # the comment form after the comments: nothing below is a comment
                self.drop(i, "boilerplate")
            elif NAV_LABEL.match(text):
                section, cur = "nav", None
                self.drop(i, "post navigation")
            elif lo.strong_boilerplate(line) or lo.weak_boilerplate(line):
                self.drop(i, "boilerplate")
                if section != "comments" or lo.STRONG_BOILERPLATE.match(text):
                    cur = None
            elif (ping := lo.pingback(line)) is not None:
                section = "comments"
                d = start(i, line, kind=ping[0], title=ping[1], url=ping[2])
                d.add(i, ping[1], False)
            elif section in ("related", "nav", "sidebar", "form"):
                self.drop(i, {"related": "related posts", "nav": "post navigation", "sidebar": "sidebar",
                              "form": "boilerplate (after the comment form)"}[section])
                if section == "nav":
                    section = "comments"  # one title follows a navigation label
            elif (says := lo.says_header(line)) is not None:
                start(i, line, author=says[0], author_how="header", date=says[1])
                self.label(i, "comment author" + (" and date" if says[1] else ""))
            elif (byline := read_byline(text)) is not None and byline[0] and byline[1]:
                start(i, line, author=byline[0], author_how="header", date=byline[1])
                self.label(i, "comment author and date")
            elif (reply := REPLY_TO.match(text)) is not None and len(text) <= 80:
                start(i, line, author=reply.group("author"), author_how="header", reply_to=reply.group("to"))
                self.label(i, "comment author")
            elif lo.date_line(text) or lo.relative_date(text):
                named = [x for x in cur.lines if x] if cur is not None else []
                if (cur is not None and not cur.closed and not cur.date and cur.kind == "comment" and not cur.author
                        and len(named) == 2 and all(_name_like(x) for x in named)):
                    cur.author, cur.author_how, cur.reply_to = named[0].strip(), "header", named[1].strip()
                    for number in cur.numbers:
                        if number >= 0:
                            self.labels[number] = "comment author"
                    cur.lines, cur.numbers = [], []
                    cur.date = text
                elif (cur is not None and not cur.closed and not cur.date and cur.kind == "comment"
                        and cur.author_how == "header" and cur.has_text):
                    cur.date = text  # Blogger prints the date under the comment
                elif cur is not None and not cur.closed and not cur.date and cur.kind == "comment" and (
                        not cur.has_text or (cur.author_how != "header" and len([x for x in cur.lines if x]) == 1
                                             and _name_like(cur.lines[0]))):
                    if cur.has_text and not cur.author:
                        cur.author, cur.author_how = cur.lines[0].strip(), "header"
                        self.labels[cur.numbers[0]] = "comment author"
                        cur.lines, cur.numbers = [], []
                    cur.date = text
                elif (cur is not None and not cur.closed and cur.lines and _name_like(cur.lines[-1])
                      and (len(cur.lines) == 1 or cur.lines[-2] == "")):
                    name, number = cur.lines.pop(), cur.numbers.pop()
                    while cur.lines and cur.lines[-1] == "":
                        cur.lines.pop()
                        cur.numbers.pop()
                    start(number, self.lines[number], author=name.strip(), author_how="header", date=text)
                    self.labels[number] = "comment author"
                else:
                    start(i, line, date=text)
                self.label(i, "comment date")
            elif lo.bullet(line) is not None:
                start(i, line).add(i, text, False)
            elif cur is None or cur.closed or (cur.kind != "comment" and not text.startswith(("[", "…"))):
                d = start(i, line, loose=True)
                d.add(i, text, False)
            else:
                cur.add(i, text, blank)
            blank = False
        self._nest(indents)
        drafts = self._split_loose(drafts)
        return drafts

    @staticmethod
    def _nest(indents: list[tuple[_Draft, int, int]]) -> None:
        levels = sorted({indent for _, indent, _ in indents})
        for draft, indent, mark_depth in indents:
            draft.depth = max(levels.index(indent), mark_depth)

    def _split_loose(self, drafts: list[_Draft]) -> list[_Draft]:
        """A loose run of paragraphs is one comment per signed paragraph group (or per paragraph, unsigned)."""
        if any(d.closed for d in drafts):
            return drafts  # "Reply" rows already separate the comments
        out: list[_Draft] = []
        for d in drafts:
            if not d.loose or "" not in d.lines:
                out.append(d)
                continue
            paras: list[tuple[list[str], list[int]]] = [([], [])]
            for line, number in zip(d.lines, d.numbers):
                if line == "":
                    paras.append(([], []))
                else:
                    paras[-1][0].append(line)
                    paras[-1][1].append(number)
            any_signed = any(lo.signature(p) for p, _ in paras[:-1])
            group = _Draft(first=d.first, depth=d.depth, loose=True, date=d.date, author=d.author, author_how=d.author_how)
            for k, (lines, numbers) in enumerate(paras):
                for line, number in zip(lines, numbers):
                    group.add(number, line, line is lines[0] and group.has_text)
                if not any_signed or lo.signature(lines) or k == len(paras) - 1:
                    out.append(group)
                    group = _Draft(first=numbers[-1] + 1 if numbers else d.first, depth=d.depth, loose=True)
            if group.has_text:
                out.append(group)
        return out

    def build(self, drafts: list[_Draft], post_date: str) -> list[ImportedComment]:
        """The comments and mentions of ``drafts``, with replies attached to their parents."""
        out: list[ImportedComment] = []
        seen: dict[str, int] = {}
        stack: list[tuple[int, ImportedComment]] = []  # (depth, comment) of the open thread
        for n, draft in enumerate(drafts, 1):
            comment = self.comment(n, draft, post_date)
            if comment is None:
                continue
            count = seen.get(comment.local_id, 0)  # the same words twice are two comments
            seen[comment.local_id] = count + 1
            if count:
                comment.local_id = f"{comment.local_id}-{count + 1}"
            if comment.kind == "comment":
                while stack and stack[-1][0] >= draft.depth:
                    stack.pop()
                if draft.reply_to:
                    target = next((c for c in reversed(out) if c.author == draft.reply_to and c.kind == "comment"), None)
                    comment.parent = target.local_id if target is not None else None
                    if target is None:
                        self.notes.append(f"comment {n} replies to {draft.reply_to!r}, who has no comment above it; "
                                          "shown at the top level")
                elif stack and draft.depth > 0:
                    comment.parent = stack[-1][1].local_id
                stack.append((draft.depth, comment))
            out.append(comment)
        return out

    def comment(self, n: int, d: _Draft, post_date: str) -> ImportedComment | None:
        body_lines = list(d.lines)
        author, how = d.author, d.author_how
        if d.kind != "comment":
            if not d.url and (domain := lo.DOMAIN.search(d.title)) and "." in domain.group(1).strip("."):
                d.url = f"https://{domain.group(1).lower()}/"
                self.guessed.append(f"{d.kind} {d.title[:60]!r} has no URL; linked it to the site it names, {d.url}")
            extra = [line for line in body_lines[1:] if line]
            text = " ".join([d.title, *extra]).strip() or d.kind.capitalize()
            for number in d.numbers:
                if number >= 0:
                    self.label(number, f"mention {n} ({d.kind})")
            self.label(d.first, f"mention {n} ({d.kind})")
            return ImportedComment(local_id=local_id(short_hash(d.kind, d.title, d.url, length=12)), parent=None,
                                   author=d.title[:100] or d.url, body=plain_markdown(text[:2000]), created=None,
                                   kind=d.kind, source_url=d.url)
        if author and (found := lo.signature(body_lines)) is not None and found[0].lower() == author.lower():
            body_lines = found[1]  # "Cheers,\nMaurice" under Maurice's own header: the name is said already
        if not author:
            found = lo.signature(body_lines)
            if found is not None:
                author, body_lines, written = found
                how = "signature"
                self.guessed.append(f"comment {n} is by {author!r}, from the signature {written!r}")
                sig_line = d.numbers[len(d.lines) - 1 - next(k for k, x in enumerate(reversed(d.lines)) if x)]
                self.labels[sig_line] = f"comment {n} (signature: {author})"
        created = None
        if d.date:
            created = parse_loose_date(d.date)
            if created is None:
                self.notes.append(f"comment {n} ({author or 'Anonymous'}): date {d.date!r} cannot be read "
                                  f"(relative dates need the day the page was saved); dated it like the post")
            elif ambiguous_date(d.date):
                self.guessed.append(f"comment {n}: date {d.date!r} read as {iso(created)[:10]} (month first)")
        else:
            first = next((line for line in body_lines if line), "")
            if (moment := parse_loose_date(first)) and lo.date_line(first):
                created = moment
                body_lines = body_lines[body_lines.index(first) + 1:]
        paras = "\n".join(body_lines).strip("\n").split("\n\n")
        body = "\n\n".join(plain_markdown(p) for p in paras if p.strip())
        for number in d.numbers:
            if number >= 0:
                self.label(number, f"comment {n}")
        if not body:
            self.notes.append(f"comment {n} is empty; skipped it")
            return None
        if created is None and not d.date:
            self.notes.append(f"comment {n} ({author or 'Anonymous'}) has no date in the copy; "
                              f"dated it {'like the post (' + post_date[:10] + ')' if post_date else 'with the import day'}")
        return ImportedComment(local_id=local_id(short_hash(body, length=12)), parent=None,
                               author=author or "Anonymous", body=body, created=created)


def comments_in_text(path: Path, lines: list[str], post_date: str, notes: list[str]) -> tuple[list[ImportedComment], list[str], list[str]]:
    """(comments, guessed, dropped) for the text of a comment section: used for saved pages whose
    comments are not in a comment list the HTML reader knows."""
    reader = _Reader(path, lines, notes)
    comments = reader.build(reader.comments(0), post_date)
    dropped = [f"{count} line{'s' if count != 1 else ''} of {why}" for why, count in reader.dropped.items()]
    return comments, reader.guessed, dropped


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines; a bullet line after prose also starts a new paragraph."""
    paras: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if not line.strip():
            if current:
                paras.append(current)
                current = []
        elif lo.bullet(line) and current and not lo.bullet(current[0][1]):
            paras.append(current)
            current = [(number, line)]
        else:
            current.append((number, line))
    if current:
        paras.append(current)
    return paras


def _article_markdown(para: list[str]) -> str:
    """A paragraph, or a run of bullet lines as a Markdown list (nested by indentation)."""
    if all(lo.bullet(line) for line in para):
        indents = sorted({len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()) for line in para})
        items = []
        for line in para:
            depth = indents.index(len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip()))
            ordered = re.match(r"^\s*(\d{1,3})[.)]\s+", line)
            marker = f"{ordered.group(1)}." if ordered else "-"
            items.append(f"{'   ' * depth}{marker} {plain_markdown(lo.strip_bullet(line))}")
        return "\n".join(items)
    return plain_markdown("\n".join(line.strip() for line in para))


def read_text_copy(path: Path) -> list[Outcome]:
    """The post in the text copy at ``path``, as one outcome."""
    path = Path(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        return [Failed(path.name, f"text is over {MAX_TEXT_BYTES // 1048576} MB; is this really one post?")]
    text, note = _decode(path.read_bytes())
    notes = [note] if note else []
    lines = [line.rstrip().replace("\u00a0", " ") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    reader = _Reader(path, lines, notes)
    head = reader.head()
    if head is None:
        return [Failed(path.name, "no text after dropping the page furniture (comment form, menus); nothing to import")]
    title, _, body = head
    end = reader.article_end(body)
    # The article: strong boilerplate never stays in it, wherever it is.
    kept: list[tuple[int, str]] = []
    for i in range(body, end):
        if lo.strong_boilerplate(lines[i]) or (i not in reader.labels and READING_TIME.match(lines[i].strip()) and lines[i].strip()):
            reader.drop(i, "boilerplate")
            kept.append((i, ""))
        elif i in reader.labels:
            kept.append((i, ""))
        else:
            kept.append((i, lines[i]))
    paras = _paragraphs(kept)
    blocks = [_article_markdown([line for _, line in p]) for p in paras]
    opened, label, hidden = split_at_announcement(blocks)
    spoiler_from = len(paras) - len(hidden) if hidden else len(paras)
    for k, para in enumerate(paras):
        what = "spoiler" if k >= spoiler_from else "text"
        if hidden and k == spoiler_from - 1 and label is not None and blocks[k] not in opened:
            what = "spoiler label"
        for number, _ in para:
            reader.label(number, what)
    drafts = reader.comments(end)
    date = reader.date
    slug = slugify(title) or (f"post-{date[:10]}" if date else slugify(path.stem) or "post")
    post = ImportedPost(
        where=f"{path.name}: {title[:60]!r}", title=title, slug=slug, author=reader.author, date=date,
        tags=reader.tags, blocks=opened, spoiler_label=label, spoiler_blocks=hidden,
        source={"kind": "text", "file": path.name, "id": slug}, comment_prefix=f"text-{short_hash(title)}",
        notes=notes,
    )
    post.comments = reader.build(drafts, date)
    comments = [c for c in post.comments if c.kind == "comment"]
    mentions = [c for c in post.comments if c.kind != "comment"]
    post.found.append(f"title{', author' if post.author else ''}{', date' if post.date else ''}, "
                      f"{len(blocks)} paragraph{'s' if len(blocks) != 1 else ''}"
                      f"{f' ({len(hidden)} behind a spoiler)' if hidden else ''}")
    if post.comments:
        post.found.append(f"{len(comments)} comment{'s' if len(comments) != 1 else ''} "
                          f"({sum(c.author != 'Anonymous' for c in comments)} with an author, "
                          f"{sum(c.created is not None for c in comments)} with their own date, "
                          f"{sum(c.parent is not None for c in comments)} replies), "
                          f"{len(mentions)} pingback{'s' if len(mentions) != 1 else ''}/trackbacks")
    if post.tags:
        post.found.append(f"tags {', '.join(post.tags)}")
    post.guessed.extend(reader.guessed)
    for why, count in reader.dropped.items():
        post.dropped.append(f"{count} line{'s' if count != 1 else ''} of {why}")
    for i, line in enumerate(lines):
        what = reader.labels.get(i, "blank" if not line.strip() else "text")
        post.explain.append((str(i + 1), what, line))
    return [post]
