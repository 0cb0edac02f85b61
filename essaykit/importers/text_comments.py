"""Reading the comment section of a plain-text copy: a mixin of :class:`.text._Reader`."""

from __future__ import annotations

from . import leftovers as lo
from . import rtl, world_words
from . import text_mentions, text_rows
from .htmlmd import plain_markdown
from .model import ImportedComment
from .names import iso, local_id, short_hash
from .text_headers import (ABOUT_AUTHOR, BRACED_COUNT, COMMENT_BY, DAYLESS, MAX_NAME_CHARS, ROLE, THERE_ARE, button_row, buttons_follow,
                           comments_start, date_text, header, label_as_name, menu_like, name_text, one_word_in_capitals, says_header,
                           split_glued_time, text_under, time_only, when_text, without_toggle)
from .furniture import form_field
from .text_buttons import FORM_BUTTON, reply_row
from .text_comment_capitals import capitals_vouched
from .text_comment_dates import comment_date
from .text_comment_doubts import body_doubts, lead_marks
from .text_comment_tail import without_share_preview
from .text_dates_above import dates_above
from .text_loose import split_loose
from .text_reply_tail import title_over
from .text_patterns import FIELD_LINE, FORM_START, HANDLE, MORE_POSTS, NAV_LABEL, RELATED_START, REPLY_LINE, REPLY_TO, SIDEBAR, WRITTEN_BY, _Draft, _name_like, cut_short, lower_name, pager_line, read_byline


_PROVE_AGAIN = ("related", "sidebar", "form")  # where a header's shape alone proves nothing: a reply link or "says" must


class CommentReading:
    """Finds, nests and builds the comments after the article's end (needs ``_Reader``'s state)."""

    heading_counts: list[int | None]

    def comments(self, end: int) -> list[_Draft]:
        self.heading_counts = []
        thread = text_rows.rows(self.lines, end) or text_rows.footers(self.lines, end)  # a thread read whole (text_rows)
        drafts: list[_Draft] = []
        cur: _Draft | None = None
        section = "comments"
        blank = False
        indents: list[tuple[_Draft, int, int]] = []  # (draft, indentation, depth from the mark)
        # A sidebar's "Recent posts" over "Februar 2020" has a comment's shape too: only a comments heading, a
        # "says" header or a comment's buttons show that the page has comments here.
        vouched = False

        def start(i: int, line: str, **kw) -> _Draft:
            nonlocal cur
            found = lo.bullet(line)
            indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
            mark_depth = lo.DEEP_MARKS.get(line.strip()[:1], 0) if found else 0
            cur = _Draft(first=i, unvouched=not vouched, **kw)
            drafts.append(cur)
            indents.append((cur, indent, mark_depth))
            return cur

        skip = end  # the lines of a header read whole
        footer: _Draft | None = None  # the comment whose date was just read under it (a time may follow)
        badge_next = False  # the line read was the post author's badge over the next comment's name
        for i in range(end, thread[0].first if thread else len(self.lines)):
            line = self.lines[i]
            # "18. März 2024 um 09:12 Uhr" is a date, not item 18 of a list
            text = line.strip() if lo.date_line(line.strip()) else lo.strip_bullet(line)
            if (latin := rtl.latin_date(text)) is not None and date_text(latin):
                text = latin  # "12 במאי 2020 בשעה 10:12" is read as the date it says
            if not line.strip():
                blank = True
                continue
            if i < skip:
                if lo.author_mark(text) and cur is not None:
                    cur.by_author = True  # "Ruth Amsel / Author / DATE": the badge between the name and the date
                    self.label(i, "comment author badge (the post's author)")
                else:
                    self.label(i, "comment header")
                continue
            dated_footer, footer = footer, None
            badged, badge_next = badge_next, False
            # a header just read waits for its text: "Hallo zusammen," under "Markus sagt:" is no name
            awaiting_text = cur is not None and cur.kind == "comment" and cur.author_how == "header" and not cur.has_text \
                and not cur.closed
            shape = header(self.lines, i) if (name_text(text) or len(text) > 8) and not MORE_POSTS.match(text) else None
            if shape is None and vouched and section == "comments" and name_text(cut := cut_short(text)):
                shape = header([*self.lines[:i], cut, *self.lines[i + 1:]], i)  # "Spirit of Seventy Si...": a name cut
                shape = shape and (text, *shape[1:])  # short, in a thread its reply links or heading have proved
            # a name and a date with no button row under them is no header; in _PROVE_AGAIN only a reply link will do
            if shape is not None and not (section == "comments" and (shape[2] == i or cur is None or cur.closed)) \
                    and not buttons_follow(self.lines, shape[2], reply=section in _PROVE_AGAIN):
                shape = None
            says = says_header(self.lines, i) if shape is None else None
            # a reply link proves a comment; a share, like or follow button, a page number or a count does not
            vouched = vouched or bool(shape and buttons_follow(self.lines, shape[2], reply=True) or comments_start(text)
                                      or says_header(self.lines, i))
            # a related block's teaser has a header's shape and buttons too: there only "says" or a reply link opens comments
            strict = section in _PROVE_AGAIN and says_header(self.lines, i) is None
            if section != "comments" and ((shape or says) and buttons_follow(self.lines, shape[2] if shape else i, reply=strict)
                                          or (_name_like(text) or HANDLE.fullmatch(text)) and name_text(text)
                                          and text_under(self.lines, i, drupal=True)):
                section, cur = "comments", None  # comments after a link to the form ("Post a comment") or a sidebar
            if comments_start(text):
                section, cur = "comments", None
                braced = BRACED_COUNT.match(text)  # "{ 3 comments… read them below or add one }" (Thesis)
                self.heading_counts.append(int(braced.group("n")) if braced else rtl.heading_count(text) if rtl.is_heading(text)
                                           else world_words.cjk_heading_count(text) if world_words.cjk_heading(text)
                                           else lo.heading_number(THERE_ARE.sub("", without_toggle(text))))
                self.label(i, "metadata (comments heading)")
            elif (replied := REPLY_LINE.match(text)) and cur is not None and cur.kind == "comment" and not cur.has_text:
                cur.reply_to = replied.group("to").strip()  # "En réponse à Marie Dubois." over the reply's text
                self.label(i, "comment reply-to")
            elif (lo.author_mark(text) or ROLE.match(text)) and i + 1 < len(self.lines) and name_text(self.lines[i + 1]) \
                    and text_under(self.lines, i + 1, drupal=True):
                badge_next = lo.author_mark(text)  # wpDiscuz prints the role over the name: "Autor" / "Robert"
                self.label(i, "comment author badge (the post's author)" if badge_next else "comment header (the commenter's role)")
            elif lo.author_mark(text) and section == "comments":
                if cur is not None and cur.kind == "comment":
                    cur.by_author = True  # Twenty Twenty prints "By Post Author" under the comment's "Reply"
                    self.label(i, "comment author badge (the post's author)")
                else:
                    self.drop(i, "an author badge with no comment")
            elif shape is not None and shape[2] > i and self._signs(cur, shape[2]):
                cur.add(i, text, blank)  # "LG steinchen71" over the date and the buttons: its comment's signature
                cur.date, skip = shape[1], shape[2] + 1
                self.label(shape[2], "comment date")
            elif shape is not None:
                section = "comments"
                titled = cur is not None and cur.numbers[-1:] == [i - 1] and title_over(self.lines, i)
                if titled:
                    cur.lines.pop(), cur.numbers.pop()  # its title, read as the text of the comment above
                start(i, line, author=shape[0], author_how="header", date=shape[1])
                if titled:
                    cur.add(i - 1, self.lines[i - 1].strip(), False)
                    self.label(i - 1, "comment title")
                self.label(i, "comment author" + (" and date" if shape[2] == i else ""))
                if shape[2] > i:
                    self.label(shape[2], "comment date")
                skip = shape[2] + 1
            elif button_row(text) and section == "comments":
                self.drop(i, "comment buttons")
                if reply_row(text):
                    vouched = True  # Drupal's "reply" under a comment's text vouches for it and what follows
                    if cur is not None:
                        cur.unvouched = cur.byline = False
                        cur.replied = cur.replied or cur.has_text
                if cur is not None and cur.has_text:
                    cur.closed = True  # buttons between a header and its text ("Edit", "Follow NAME") do not end it
            elif section == "comments" and cur is not None and pager_line(text):
                self.drop(i, "comment pages")  # the thread's page links end the comment above them
                cur.closed = True
            elif dated_footer is not None and time_only(text):
                dated_footer.date = f"{dated_footer.date} {text}"
                self.label(i, "comment date")
            elif (cur is not None and cur.kind == "comment" and cur.has_text and not cur.date and cur.author_how == "header"
                  and (when := when_text(text)) is not None):
                cur.date, cur.date_under, footer = when, i, cur  # Drupal and Blogger print it under the comment (and its buttons)
                cur.closed = True
                self.label(i, "comment date")
            elif section == "comments" and name_text(text) and not awaiting_text and (
                    (cur is None or cur.closed) and text_under(self.lines, i) or text_under(self.lines, i, drupal=True)):
                start(i, line, author=text, author_how="header", by_author=badged)  # a name alone over the comment's text
                self.label(i, "comment author")
            elif self.tail_metadata(i, line.strip()):
                if WRITTEN_BY.match(text):
                    section, cur = "related", None  # Medium's author box ("Written by NAME", followers, a bio)
            elif RELATED_START.match(text) or ABOUT_AUTHOR.match(text) or MORE_POSTS.match(text):
                section, cur, vouched = "related", None, False  # what follows a related block needs its own proof
                self.drop(i, "related posts")
            elif SIDEBAR.match(text) and not lo.bullet(line):
                section, cur, vouched = "sidebar", None, False
                self.drop(i, "sidebar")
            elif FORM_START.match(text) or FORM_BUTTON.match(text) and (cur is None or cur.closed or not cur.has_text):
                # the comment form after the comments, or the end of a form whose fields are above: nothing below is
                # a comment unless it proves itself again (the reply links above vouch for nothing under the form)
                if (drafts or any(form_field(x) for x in self.lines[end:i])) and not FORM_BUTTON.match(text):
                    section, vouched = "form", False
                cur = None
                self.drop(i, "boilerplate")
            elif NAV_LABEL.match(text):
                section, cur = "nav", None
                self.drop(i, "post navigation")
            elif lo.newsletter_box(text):
                section, cur = "sidebar", None  # the box's pitch and fields follow ("Launched 2 years ago", "Subscribe")
                self.drop(i, "newsletter box")
            elif lo.strong_boilerplate(line) or lo.weak_boilerplate(line):
                self.drop(i, "boilerplate")
                if (section != "comments" or lo.STRONG_BOILERPLATE.match(text)) and not (
                        cur is not None and cur.author_how == "header" and not cur.has_text):
                    cur = None  # furniture ends a comment; between a header and its text it is the header's buttons
            elif (ping := lo.pingback(line)) is not None:
                section = "comments"
                d = start(i, line, kind=ping[0], title=ping[1], url=ping[2])
                d.add(i, ping[1], False)
            elif section in ("related", "nav", "sidebar", "form"):
                self.drop(i, {"related": "related posts", "nav": "post navigation", "sidebar": "sidebar",
                              "form": "boilerplate (after the comment form)"}[section])
                if section == "nav":
                    section = "comments"  # one title follows a navigation label
            elif (says := says_header(self.lines, i)) is not None:
                if not says[1] and cur is not None and cur.date and not (cur.author or cur.lines) and cur.first >= i - 2:
                    cur.author, cur.author_how = says[0], "header"  # "DATE" over "NAME sagt:": the date is this one's
                else:
                    start(i, line, author=says[0], author_how="header", date=says[1])
                self.label(i, "comment author" + (" and date" if says[1] else ""))
            elif (byline := read_byline(text)) is not None and byline[0] and byline[1]:
                # "par JPA le 7 mai 2020" under "Commentaires" (Drupal), and each one after it; elsewhere a teaser's byline
                above = next((x.strip() for x in reversed(self.lines[max(end, i - 3):i]) if x.strip()), "")
                run = bool(drafts) and drafts[-1].bylined and not drafts[-1].byline
                start(i, line, author=byline[0], author_how="header", date=byline[1], bylined=True,
                      byline=not (comments_start(above) or run))
                self.label(i, "comment author and date")
            elif (reply := REPLY_TO.match(text)) is not None and len(text) <= 80:
                start(i, line, author=reply.group("author"), author_how="header", reply_to=reply.group("to"))
                self.label(i, "comment author")
            elif (lo.date_line(text) or lo.relative_date(text)) and not DAYLESS.match(text):
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
                    cur.date, cur.date_under = text, i  # Blogger prints the date under the comment
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
        dates_above(drafts, self.lines, self.label)
        for d in drafts:
            if d.author_how == "header":
                d.author, marked = lo.split_author_mark(d.author)
                d.author, _ = split_glued_time(d.author)  # the time alone dates nothing
                d.author = COMMENT_BY.sub("", d.author)
                d.by_author = d.by_author or marked  # "Ruth Amsel Post author": the badge on the name's line
        return split_loose(drafts) + (text_rows.drafts(self.lines, thread, self.label, self.drop) if thread else [])

    def _signs(self, cur: _Draft | None, date_line: int) -> bool:
        """Whether a name over a date, with only buttons under the date, ends ``cur`` (a header's text with no date yet)."""
        if cur is None or cur.kind != "comment" or cur.author_how != "header" or not cur.has_text or cur.date or cur.closed:
            return False
        after = next((x.strip() for x in self.lines[date_line + 1:date_line + 4] if x.strip()), "")
        return button_row(after)

    @staticmethod
    def _nest(indents: list[tuple[_Draft, int, int]]) -> None:
        levels = sorted({indent for _, indent, _ in indents})
        for draft, indent, mark_depth in indents:
            draft.depth = max(levels.index(indent), mark_depth)

    def build(self, drafts: list[_Draft], post_date: str) -> list[ImportedComment]:
        """The comments and mentions of ``drafts``, with replies attached to their parents."""
        out: list[ImportedComment] = []
        seen: dict[str, int] = {}
        stack: list[tuple[int, ImportedComment]] = []  # (depth, comment) of the open thread
        capitals: dict[int, str] = {}  # what shows that a comment's name in capitals is a person's (text_comment_capitals)
        for n, draft in enumerate(drafts, 1):
            comment = self.comment(n, draft, post_date)
            if comment is None:
                continue
            if shown := capitals_vouched(self.lines, draft):
                capitals[id(comment)] = shown
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
        self.judge(out, capitals)
        return out

    def judge(self, comments: list[ImportedComment], capitals: dict[int, str] | None = None) -> None:
        """Hold every comment the copy does not vouch for (docs/import.md, "Never a guess").

        A comment is sure when its own header gave its name and its own date
        was read, or when the comments heading's count ("4 Comments") is
        exactly what was found under it. Anything else is held ``pending``
        with the reason, for the author to approve. ``capitals``: what shows, by a comment's ``id``,
        that its name in capitals is a person's ("header", or "reply" with a matching count only).
        """
        counts = [n for n in getattr(self, "heading_counts", []) if n is not None]
        counted = bool(counts and sum(counts) == len(comments)
                       and all(c.author != "Anonymous" for c in comments if c.kind == "comment"))
        if counted:
            for c in comments:
                if c.reason:
                    c.reason = ""
        shown = {k for k, how in (capitals or {}).items() if how == "header" or counted}
        for c in comments:
            if c.kind == "comment" and not c.reason and (cut := cut_short(c.author) or FIELD_LINE.match(c.author)):
                c.reason = f"not sure it is a comment: its name {c.author!r} " + (
                    "is cut short on the page" if isinstance(cut, str) else "is a profile's field and its value, not a name")
            if c.kind == "comment" and not c.reason and c.author != "Anonymous" and (
                    label_as_name(c.author, capitals=id(c) in shown)
                    or (not counted and (one_word_in_capitals(c.author) and id(c) not in shown or not name_text(c.author)))):
                c.reason = f"not sure it is a comment: its name {c.author!r} " + ("is three words or more in lower case, as "
                    "a sentence's are" if lower_name(c.author) and not name_text(c.author) else "reads like a label of the page")
            if c.kind == "comment" and not c.reason and text_mentions.excerpt(c.body):  # counted with the comments, too
                c.reason = "not sure it is a comment: its text opens with '[…]', as another blog's pingback quoting the post does"
            if c.kind == "comment" and c.reason:
                c.hold(c.reason)

    def comment(self, n: int, d: _Draft, post_date: str) -> ImportedComment | None:
        body_lines = list(d.lines)
        author = d.author
        if d.kind != "comment":
            return text_mentions.mention(d, n, body_lines, self.label)
        if author and (found := lo.signature(body_lines)) is not None and found[0].lower() == author.lower():
            body_lines = found[1]  # "Cheers,\nMaurice" under Maurice's own header: the name is said already
        if not author:
            found = lo.signature(body_lines)
            if found is not None:
                author, body_lines, written = found
                self.guessed.append(f"comment {n} is by {author!r}, from the signature {written!r}")
                sig_line = d.numbers[len(d.lines) - 1 - next(k for k, x in enumerate(reversed(d.lines)) if x)]
                self.labels[sig_line] = f"comment {n} (signature: {author})"
        created = None
        if d.date:
            # in the copy's language, as the post's date is; a date with no year takes the one year that fits
            created, how, unread = comment_date(self.copy_date, self.saved_by(), d.date, post_date)
            if unread:
                self.notes.append(f"comment {n} ({author or 'Anonymous'}): {unread}")
            elif how:
                self.guessed.append(f"comment {n}: date {d.date!r} read as {iso(created)[:10]} ({how})")
        else:
            first = next((line for line in body_lines if line), "")
            if lo.date_line(first) and (moment := self.copy_date(first)[0]):
                created = moment
                body_lines = body_lines[body_lines.index(first) + 1:]
        body_lines = without_share_preview(lead_marks(body_lines))  # lead_marks: "(22 juin 2018 @11h29)" / ":" / the text
        paras = "\n".join(body_lines).strip("\n").split("\n\n")
        body = "\n\n".join(plain_markdown(p) for p in paras if p.strip())
        for number in d.numbers:
            if number >= 0:
                self.label(number, f"comment {n}")
        if not body:
            self.notes.append(f"comment {n} is empty; skipped it")
            return None
        # A menu's last item is no signature ("Ads for Authors / Programmatic Advertising"): judged before it was read.
        if lo.furniture_only(body_lines) or (d.author_how != "header" and not d.author and menu_like(d.lines)):
            for number in d.numbers:
                if number >= 0:
                    self.labels[number] = "dropped furniture (not a comment)"
            self.dropped["page furniture that looked like a comment"] = self.dropped.get(
                "page furniture that looked like a comment", 0) + 1
            return None
        if created is None and not d.date:
            self.notes.append(f"comment {n} ({author or 'Anonymous'}) has no date in the copy; "
                              f"dated it {'like the post (' + post_date[:10] + ')' if post_date else 'with the day the file was saved'}")
        doubts = []
        if d.author_how != "header":
            doubts.append("its name is from a signature" if author else "it has no name")
        if created is None:
            doubts.append("it has no date of its own" if not d.date else f"its date {d.date!r} cannot be read")
        doubts += body_doubts(body_lines, body, self.lines, max(d.numbers, default=-2) + 1, d.closed)
        if d.loose and not d.author_how and not author:
            doubts = ["a paragraph after the article with no name, date or comment header"]
        elif d.unvouched and not doubts:
            doubts = ["no comments heading, 'says' or reply button shows that the page has comments here"]
        elif d.byline and not doubts:
            doubts = ["its header reads like a post's byline ('by NAME'), as lists of other posts print it, and no reply "
                      "button is under it"]
        return ImportedComment(local_id=local_id(short_hash(body, length=12)), parent=None, by_author=d.by_author,
                               author=author or "Anonymous", body=body, created=created,
                               reason=("not sure it is a comment: " + " and ".join(doubts)) if doubts else "")
