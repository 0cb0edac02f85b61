"""Read a plain-text copy of a post page ("Save as text", or a copy and paste).

The copy is read by structure, with the patterns of :mod:`essaykit.importers.leftovers`:

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
from pathlib import Path

from . import leftovers as lo
from . import text_above, text_forum_cards, text_under
from .charsets import INVISIBLE_ENDS, decode_text, short_gaps
from .html_extract import doubts, words
from .model import Failed, ImportedComment, ImportedPost, Outcome
from .names import saved_day, short_hash, slugify
from .spoilers import split_at_announcement
from .text_comments import CommentReading
from .text_head import SENTENCE, HeadReading
from .text_title import RELATED as NEWS_RELATED
from .text_title_meta import PUBLISHED
from .text_headers import button_row, buttons_follow, comments_start, header
from .text_patterns import (BLOGGER_POSTED_BY, ENTRY_POSTED, FORM_START, MAX_TEXT_BYTES, POSTED_IN, READING_TIME, RELATED_START,
                            SIDEBAR, TAGS_LINE,
                            WRITTEN_BY, _TIME, _article_markdown, _name_like, _paragraphs, read_byline)


DATE_LINE_CHARS = 80  # "Pubblicato 5 marzo 2020": a longer line that starts so is a sentence of a comment
LEAD_BUTTON_WORDS = 5  # a line this short between the byline and the article, with no sentence in it, is a button
# "Response", "Comment" alone over prose: a section of the article (an API's Response object), not the comments.
_SECTION_WORD = re.compile(r"^(?:response|comment|reply|discussion|conversation)\s*:?$", re.I)
# An ad's label: news sites print one between the article's paragraphs (WordPress.com's inline ads too), so it is
# dropped but never taken for the article's end.
_AD_LABEL = re.compile(r"^(?:advertisements?|report this ad|about these ads)$", re.I)
HEAD_WORDS = 30  # fewer words of article than this above a comment count or a tags line: still the head's furniture
LONG_PARAGRAPH = 30  # a paragraph this long under such a line is the article's, not a comment without its header
TEASER_LINES = 20  # a "Related" or "More stories" heading with no paragraph of the article in this many lines under it


# A full stop in Chinese and Japanese: a sentence there has no spaces, so its length in words says nothing.
_CJK_STOP = re.compile(r"[。！？][」』”）)]*$")


def _tags_line(text: str):
    """A "Tags: a, b" or "Filed under a, b" line; not a sentence that starts with the word ("Tags sind problematisch,
    wenn sie auf Marken verweisen."), which has no colon after it and ends as a sentence."""
    found = TAGS_LINE.match(text)
    if found and ":" not in text[:found.start("tags")] and len(text.split()) >= 8 and text.endswith((".", "!", "?")):
        return None
    return found


# A story's dialogue under a dash ("– „Dann sag es nicht“", "— «Non.»") is no comment under a bullet.
_DIALOGUE = re.compile(r"^[„“”\"«»‚‘'][^\W\d_]")


def _prose_line(text: str) -> bool:
    """A sentence of the article (a category or tag line under the byline is not one)."""
    return len(text) > 60 and (len(text.split()) >= 12 or text.endswith((".", "!", "?", "…", ":"))) or (
        len(text) > 20 and bool(_CJK_STOP.search(text)))


class _Reader(HeadReading, CommentReading):
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
        self.doubts: list[str] = []  # what makes the post doubtful: the import asks for --force

    def label(self, i: int, what: str) -> None:
        self.labels.setdefault(i, what)

    def drop(self, i: int, why: str = "boilerplate") -> None:
        self.labels[i] = f"dropped {why}"
        self.dropped[why] = self.dropped.get(why, 0) + 1

    # --- where the article ends ----------------------------------------------------------------

    def article_end(self, body: int) -> int:
        """The index of the first line of the comment section (or of the trailing page furniture)."""
        end = len(self.lines)
        seen_text = seen_prose = False
        head_words = prose_words = 0  # the article's words so far (a dek, a caption, a "Filed under" line are few)
        for i in range(body, len(self.lines)):
            line = self.lines[i]
            text = line.strip()
            if not text:
                continue
            if not seen_prose and (lo.comment_count(text) or lo.NAMED_POST.match(text)) and self._prose_after(i):
                self.label(i, "metadata (comment count under the headline)")
                continue  # "941 comments" under the byline counts them; the comments come after the article
            if seen_text and _SECTION_WORD.match(text) and self._prose_after(i):
                continue
            if head_words < HEAD_WORDS and (comments_start(text) or _tags_line(text)) and self._article_follows(i):
                # "Comments (32)" in the head's row of links, "Tags: …" under the byline: the article comes next
                if not self.tail_metadata(i, text):
                    self.label(i, "metadata (comment count under the headline)")
                continue
            # Furniture before the article's first sentence (share buttons, "Advertisement") is the head's, not its end.
            # the comment form's heading ends the article too (wpDiscuz prints the comments under it)
            if seen_text and (comments_start(text) or (seen_prose and ((lo.strong_boilerplate(line) and not _AD_LABEL.match(text))
                                                                        or self._form_at(i)))
                              or lo.pingback(line)
                              or lo.says_header(line) or BLOGGER_POSTED_BY.match(text) or _tags_line(text)
                              or WRITTEN_BY.match(text) or (seen_prose and self._sidebar_at(i)) or self._comment_header_at(i)
                              or (seen_prose and self._shaped_header_at(i))
                              or (prose_words >= 2 * HEAD_WORDS and self._related_at(i))):
                if prose_words < text_under.HEAD_PROSE and text_under.head_sign(self, i) or text_under.box_inside(self, i):
                    continue  # the byline, or the comment count by it, over the article's body; a box inside it
                end = i
                break
            if not lo.weak_boilerplate(line):
                seen_text = True
                head_words += len(text.split())
                prose_words += len(text.split()) if _prose_line(text) else 0  # a menu's entries are no article
                seen_prose = seen_prose or _prose_line(text) or bool(SENTENCE.search(text) and len(text.split()) > 1)
        # Weak furniture ("Share", "Leave a Reply", "Like") right before that point, or at the very end.
        while end > body:
            prev = end - 1
            if not self.lines[prev].strip() or lo.weak_boilerplate(self.lines[prev]) or lo.action_line(self.lines[prev]):
                end = prev
            else:
                break
        return self._signed_tail(body, end)

    def lead_furniture(self, body: int, end: int) -> None:
        """Drop the buttons and related-post teasers between the byline and the article's first prose.

        News pages print "Copiar link", "Imprimer", "Sur le même sujet" and its teasers there; a lede or a photo
        caption (a sentence) stays.
        """
        first = next((i for i in range(body, end) if _prose_line(self.lines[i].strip())
                      or SENTENCE.search(self.lines[i].strip())), None)
        if first is None:
            return
        related = False
        for i in range(body, first):
            text = self.lines[i].strip()
            if not text or i in self.labels:
                continue
            related = related or bool(RELATED_START.match(text))
            if related:
                self.drop(i, "related posts")
            elif len(text.split()) <= LEAD_BUTTON_WORDS and not SENTENCE.search(text) and not text_under.leads_in(
                    self.lines, i, first):
                self.drop(i, "boilerplate (byline furniture)")

    def _form_at(self, i: int) -> bool:
        """The comment form's heading with form lines or buttons under it (a review may quote "Leave a reply")."""
        if not FORM_START.match(self.lines[i].strip()):
            return False  # asked of every line of the article: the heading first, then the lines under it
        near = [line for line in self.lines[i + 1:i + 60] if line.strip()][:20]
        return any(FORM_START.match(line.strip()) or button_row(line) for line in near)

    def _prose_after(self, i: int) -> bool:
        """The next line is article prose, not a comment's header: what a count under the byline is followed by."""
        nxt = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), None)
        if nxt is None:
            return False
        line = self.lines[nxt]
        return not (lo.says_header(line) or self.dated(line) or lo.bullet(line) or self._comment_header_at(nxt)
                    or lo.pingback(line) or (_name_like(line) and len(line.strip()) < 40))

    def _article_follows(self, i: int) -> bool:
        """A long paragraph of prose within the next few lines, with no comment's header (a name, a date) before it."""
        near = [j for j in range(i + 1, min(len(self.lines), i + 16)) if self.lines[j].strip()][:4]
        for j in near:
            text = self.lines[j].strip()
            if len(text.split()) >= LONG_PARAGRAPH and _prose_line(text):
                return True
            if (not self._prose_after(j - 1) or comments_start(text) or FORM_START.match(text)
                    or _TIME.search(text) or self.dated(text) is not None):
                return False  # a comment's header, even one in a form the readers do not know, has its date
        return False

    def _related_at(self, i: int) -> bool:
        """"More stories", "Related", "Das könnte Sie auch interessieren" over teasers, with no more of the article under
        them: the page's links to other posts, where the article ends (a related box inside an article has the
        article's next paragraph a few lines down)."""
        text = self.lines[i].strip()
        if not (RELATED_START.match(text) or NEWS_RELATED.match(text)):
            return False
        near = [self.lines[j].strip() for j in range(i + 1, len(self.lines)) if self.lines[j].strip()][:TEASER_LINES]
        return len(near) >= 2 and not text_under.resumes(near)  # teasers' excerpts stand alone, the article does not


    def _comment_header_at(self, i: int) -> bool:
        """A name over a comment date with a time, with a "Reply" row below: comments with no heading."""
        if not _name_like(self.lines[i]):
            return False
        near = [j for j in range(i + 1, min(len(self.lines), i + 12)) if self.lines[j].strip()]
        if not near or not lo.date_line(self.lines[near[0]]) or not _TIME.search(self.lines[near[0]]):
            return False
        return any(lo.action_line(self.lines[j]) for j in near[1:])

    def _shaped_header_at(self, i: int) -> bool:
        """A comment header by its shape (:mod:`.text_headers`) with a button row under it."""
        found = header(self.lines, i) if len(self.lines[i].strip()) <= 140 else None
        return found is not None and buttons_follow(self.lines, found[2])

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
            bullet_comment = (first is not None and not re.match(r"\s*\d", lines[0]) and not _DIALOGUE.match(first[1])
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
        found = _tags_line(text) or ENTRY_POSTED.match(text)
        if found:
            for part in (found.group("cats") or "", found.group("tags") or ""):
                for tag in re.split(r"\s*[,;|]\s*", part):
                    tag = tag.strip(" .")
                    if tag and tag.lower() != "uncategorized" and tag not in self.tags and len(tag) <= 60:
                        self.tags.append(tag)
            self.label(i, "metadata (tags)")
            return True
        found = read_byline(text) if PUBLISHED.match(text) and len(text) <= DATE_LINE_CHARS else None
        if found is not None and found[1] and not found[0]:
            if not self.date:
                self.set_date(found[1], i)  # Tumblr's "Posted 5 March 2020" under the post, in its language
            self.label(i, "date")
            return True
        found = POSTED_IN.match(text)
        if found and len(text) <= 120:
            self.label(i, "metadata (category)")
            return True
        return False

def comments_in_text(path: Path, lines: list[str], post_date: str, notes: list[str]) -> tuple[list[ImportedComment], list[str], list[str]]:
    """(comments, guessed, dropped) for the text of a comment section: used for saved pages whose
    comments are not in a comment list the HTML reader knows."""
    reader = _Reader(path, lines, notes)
    comments = reader.build(reader.comments(0), post_date)
    dropped = [f"{count} line{'s' if count != 1 else ''} of {why}" for why, count in reader.dropped.items()]
    return comments, reader.guessed, dropped


def _doubts(blocks: list[str], lines: list[str], comments: list[ImportedComment]) -> list[str]:
    """The saved-page sanity check on a copy: an article with no text, or far shorter than the copy's own text
    (its comments aside) is a teaser, a paywall's lead or a menu taken for the post, not an essay to write unasked."""
    article = words("\n".join(blocks))
    if not article:
        return ["the article has no text after its title; the copy may hold only the page's menus and furniture"]
    own = words("\n".join(lines)) - words("\n".join(c.body for c in comments))
    return doubts(title="", sitename="", menu=set(), article=article, page=own)


def read_text_copy(path: Path) -> list[Outcome]:
    """The post in the text copy at ``path``, as one outcome."""
    path = Path(path)
    if path.stat().st_size > MAX_TEXT_BYTES:
        return [Failed(path.name, f"text is over {MAX_TEXT_BYTES // 1048576} MB; is this really one post?")]
    text, note = decode_text(path.read_bytes())
    notes = [note] if note else []
    lines = [line.rstrip().strip(INVISIBLE_ENDS).rstrip().replace("\u00a0", " ")
             for line in short_gaps(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")]
    reader = _Reader(path, lines, notes)
    head = reader.head()
    if head is None:
        return [Failed(path.name, "no text after dropping the page furniture (comment form, menus); nothing to import")]
    title, title_at, body = head
    end = reader.article_end(body)
    end, thread = text_forum_cards.split(reader, lines, title_at, body, end)  # a forum thread's replies
    reader.lead_furniture(body, end)
    if (top := text_above.prose_start(lines, reader.labels, title_at, end, bool(reader.title_doubt))) is not None:
        text_above.take_back(reader, top, title_at)  # a title found below the article's first paragraphs
        body = top
    elif (top := text_above.lead_under_meta(lines, reader.labels, title_at, (reader.date_text, reader.author))) is not None:
        text_above.take_back(reader, top, title_at)  # the post's byline, its lead, then a subheading taken for the title
        body = top
    if (reader.title_doubt or reader.title_ruled) and (runs := text_above.runs_over(lines, reader.labels, min(body, title_at))):
        body = text_above.take_runs(reader, runs, body)  # a guessed title under the article's prose, furniture between
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
    drafts = thread(end) if thread else reader.comments(end)
    date = reader.date
    slug = slugify(title) or (f"post-{date[:10]}" if date else slugify(path.stem) or "post")
    post = ImportedPost(
        where=f"{path.name}: {title[:60]!r}", title=title, slug=slug, author=reader.author, date=date,
        tags=reader.tags, blocks=opened, spoiler_label=label, spoiler_blocks=hidden,
        source={"kind": "text", "file": path.name, "id": slug}, comment_prefix=f"text-{short_hash(title)}",
        notes=notes, saved=saved_day(path),
    )
    post.comments = reader.build(drafts, date)
    post.doubts = _doubts(opened + hidden, lines, post.comments)
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
    post.doubts.extend(reader.doubts)
    for why, count in reader.dropped.items():
        post.dropped.append(f"{count} line{'s' if count != 1 else ''} of {why}")
    for i, line in enumerate(lines):
        what = reader.labels.get(i, "blank" if not line.strip() else "text")
        post.explain.append((str(i + 1), what, line))
    return [post]
