"""Reading the head of a plain-text copy (title, byline, date): a mixin of :class:`.text._Reader`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from . import leftovers as lo
from . import text_forum_cards
from .names import clean_name, iso
from .text_byline import NAMED_BY, CopyDates, bare_name, byline_near, date_after_name, date_near
from .text_meta_row import label_over_name, name_over_role, row_near
from .text_headers import button_row, date_text
from .text_patterns import (HEAD_FURNITURE, HEAD_LINES, HEAD_SEARCH, NAV_LABEL, READING_TIME, _name_like,
                            read_byline)
from .text_labels import chrome_line, link_row, named_post
from .text_title import SURE_ALONE, _headline_shape, byline_block, headline, sure
from .text_title_counts import line_counts
from .text_title_meta import _WIDE, _dateline
from .text_title_block import headline_block
from .text_title_dek import author_link
from .text_title_crumbs import glued_crumb
from .text_title_kicker import glued_kicker, section_over_headline
from .text_title_news import photo_credit
from .text_title_weigh import WHY as WEIGHED, open_to_weighing, overturns, rival, weigh
from .text_title_wiki import wiki_heading

MIN_YEAR = 1990  # a post dated before the web's first blogs is a misread ("5819", a year read from an id)
BLOCK_CHARS = 60  # a byline block's lines (a name, buttons, tags) are shorter than this; a paragraph is longer
CJK_BLOCK_CHARS = 24  # (in Chinese or Japanese, a paragraph is longer than this)
BUTTON_WORDS = 3  # a line this short under a byline block, with no sentence in it, is one of its buttons
# A line ending as a sentence (or a quotation; Chinese's, Japanese's) does; the sentence's end may stand inside the
# closing quotes, which German writes “ and « („Ok.“, »Nein!«) and English ’ or ”.
SENTENCE = re.compile(r"(?:[.!?…。！？][\"'“”»«’‘)]*|[»”\"])$")
# A blog's archive widget's entry: a month, a year and its count of posts ("December 2019 (6)", "März 2020 (12)").
ARCHIVE_ENTRY = re.compile(r"^[^\W\d_]{3,}\.?\s+(?:19|20)\d\d\s*\(\d+\)$")
LABEL_CHARS = 12  # a title of one word (no space) this short is a label as often as a headline ("Archive", "一覧を見る")
KICKER_WORDS = 2  # a title of this few words that the copy also shows elsewhere is a section's name as often
# A Japanese line ending as a polite sentence ("…できます", "…しました") or with a full stop is prose, not a headline.
JA_SENTENCE = re.compile(r"(?:ます|です|ました|でした|。)$")
GLUED = re.compile(r"[a-zà-ÿ][A-ZÀ-Þ]")  # "HomeLatestSport": a menu's row whose items the copy glued together
GLUED_ITEMS = 3  # this many glued joins in one word ("iPhone", "McDonald" have one)
WEAK_ALONE = SURE_ALONE  # a title found by the article's prose alone: a glued kicker makes it a guess
# A wiki's pointer from a section to a longer article, MediaWiki's stock wording in the languages read: no headline.
HATNOTE = re.compile(r"^(?:main articles?|see also|further information|hauptartikel|siehe auch|articles? détaillés? |"
                     r"artículos? principal(?:es)?|voce principale|artigos? principal|hoofdartikel)\s?:\s", re.I)
# Drupal's "Gespeichert von LOGIN am DATE": the account that saved the node, which a guest's post names otherwise
SAVED_BY = re.compile(r"^gespeichert\s+von\b", re.I)
HAN, KANA = re.compile(r"[\u3400-\u9fff]"), re.compile(r"[\u3040-\u30ff]")


class HeadReading(CopyDates):
    """Finds the title and reads the byline and date lines by it (needs ``_Reader``'s state)."""

    @property
    def author(self) -> str:
        return self._author

    @author.setter
    def author(self, text: str) -> None:
        # every reading of a byline ("Posted by NAME", "Written by NAME , Site") leaves the name alone, or nothing
        self._author = clean_name(text) if text else ""

    def dated(self, text: str) -> tuple[str, str] | None:
        return read_byline(text)

    def head(self) -> tuple[str, int, int] | None:
        """(title, title line, first body line) after reading the byline and date lines under the title."""
        filled = [i for i, line in enumerate(self.lines) if line.strip()]
        self.title_doubt = ""
        self.title_ruled = False  # the title is the line the rules found (no comment section or forum named it)
        start = 0
        while start < len(filled) and any(is_it(self.lines[filled[start]]) for is_it in (
                lo.strong_boilerplate, lo.weak_boilerplate, chrome_line, link_row)):  # link_row: "About | Contact | …"
            self.drop(filled[start], "boilerplate (site header)")
            start += 1
        filled = filled[start:]
        if not filled:
            return None
        named = self._named_title(filled)
        if named is None and (wiki := wiki_heading(self.lines)) is not None:
            named = wiki[0]  # a wiki's heading over its stock tagline and jump links: sure whatever its shape
            for i in wiki[1]:
                self.drop(i, "boilerplate (a wiki's tagline and jump links)")
        stated = named is not None  # the comment section or a forum's replies name the title: sure whatever its shape
        found = headline(self.lines) if named is None else None
        block = headline_block(self.lines, found) if named is None else None
        found = block or found  # the first prose was not the article's (a notice, a menu): a guess, reported as one
        if found is not None and (alone := glued_crumb(self.lines, found[0])) is not None:
            found = alone, f"{found[1]}, glued to a breadcrumb over it"  # "Home News TITLE", then TITLE alone
        if named is None and (found is None or block or not sure(found[1])) and open_to_weighing(found and found[1]) \
                and (weighed := weigh(self.lines, found[0] if found else None)) is not None:
            found = weighed  # the rules' headline was a guess: the line with more weak signs together (a guess too)
        if named is None and found is not None and (under := section_over_headline(
                self.lines, found[0], line_counts(self.lines, filled), _headline_shape, _dateline)) is not None:
            found = under[0], f"{found[1]}, under a section's name over it ({under[1]})"  # "NOTICIAS" / the headline
        shown = found is not None and found[0] in filled
        if shown:
            named = found[0]  # the copy's structure shows its headline: the menus above it are the site's
            self.title_ruled = not stated
            self.guessed.append(f"line {named + 1}: the title, by {found[1]}")
            if block or found[1].startswith(WEIGHED) or not sure(found[1]):
                self.title_doubt = f"only {found[1]}"
            elif (other := rival(self.lines, found[0])) is not None \
                    and overturns(self.lines, other[0], found[0], found[1]):
                self.title_doubt = (f"only {WEIGHED} ({other[1]}), over line {found[0] + 1} "
                                    f"({self.lines[found[0]].strip()[:80]!r}), found by {found[1]}")
                found = other[0], f"{WEIGHED} ({other[1]})"  # the weak signs far heavier: their line, a guess
                named = other[0]
                self.guessed[-1] = f"line {named + 1}: the title, by {found[1]}"
            elif other is not None:  # the weak signs disagree strongly: a guess
                self.title_doubt = (f"{found[1]}, but line {other[0] + 1} ({self.lines[other[0]].strip()[:80]!r}) has "
                                    f"more of a headline's weak signs ({other[1]})")
        if named is not None:  # "3 thoughts on “TITLE”" below names the headline: what is above it is the site's
            for i in filled[:filled.index(named)]:
                if self.dated(self.lines[i]) is None:
                    self.drop(i, "site header before the title")
            filled = [i for i in filled if i >= named or i not in self.labels]
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
        if named is not None:
            # the structure or "N thoughts on “TITLE”" named the headline (a site's date line over it is no title); the
            # byline and date lines by it are read below
            title_at = named
        elif first_dated is not None and first_dated > 0:
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
        elif not (self._title_like(title_at) and self._sentence_follows(title_at)):
            # a text that starts with its title over its text is sure of it; menu entries or a sentence are no title
            self.title_doubt = "no line of the copy is marked as its headline (a byline or date by it, the copy naming it)"
        title = " ".join(self.lines[title_at].split())[:200]
        if not self.title_doubt and not stated:
            self.title_doubt = label_shape(title, found[1] if shown else "")
        if not self.title_doubt and not stated and shown and found[1] in WEAK_ALONE and (
                kicker := glued_kicker(self.lines, title_at)):
            self.title_doubt = (f"only {found[1]}, and it may start with a section's name glued to it ({kicker!r}, "
                                "which the copy shows on its own too)")
        if self.title_doubt:
            self.doubts.append(f"the title {title!r} (line {title_at + 1}) is a guess: {self.title_doubt}; set essay.title "
                               "by hand")
        self.label(title_at, "title")
        # Byline, date, reading time and follow buttons under (or just over) the title.
        body = title_at + 1
        for i in filled:
            if i <= title_at and i not in self.labels:
                self.read_meta(i)
        last_meta = window[first_dated] if first_dated is not None and window[first_dated] > title_at else title_at
        block = byline_block(self.lines, title_at)
        if block is not None and any(_paragraph(self.lines[i].strip()) for i in range(title_at + 1, block)):
            block = None  # a paragraph of Chinese or Japanese (no spaces: one "word") over a caption's date
        if block is not None and block > last_meta:
            last_meta = self._byline_block(title_at, block)
        for i in filled:
            if i <= title_at:
                continue
            if not self.read_meta(i, after_title=True) and i > last_meta:
                break
            body = max(body, i + 1) if i in self.labels or i > last_meta else body
        if not self.author and (near := byline_near(self.lines, title_at)) is not None:
            self._take_author(near[1], near[0])  # "By NAME" the head's reading passed by (a credit line, the footer's)
            if not self.date and (when := date_after_name(self.lines[near[0]], near[1])):
                self.set_date(when, near[0])  # "By NAME on December 13, 2016", "NAME - Aug 10, 2016"
        if not self.author and (labelled := label_over_name(self.lines, title_at) or name_over_role(self.lines, title_at)):
            self._take_author(labelled[1], labelled[0])  # "Von" over "NAME", "NAME" over "Political Editor"
        if not self.author and (row := row_near(self.lines, title_at)) is not None:
            self._take_author(row[2], row[0], "author and date")  # "DATE NAME 4 Kommentare": a theme's meta row
            if not row[3]:
                self.guessed.append(f"author {row[2]!r} (line {row[0] + 1}): one word between the date and the comment link")
            if not self.date:
                self.set_date(row[1], row[0])
        if not self.date and (dated := date_near(self.lines, title_at)) is not None:
            self.set_date(dated[1], dated[0])  # "October 22, 2019 report", "Stand: 20. April 2020, 14:57 Uhr"
            self.label(dated[0], "date")
            if not self.author:
                self._take_author(dated[2], dated[0], "author and date")
        body = min([i for i in filled if title_at < i and i not in self.labels] or [body])
        return title, title_at, body

    def _take_author(self, name: str, i: int, what: str = "author") -> bool:
        """Take ``name`` (already checked: "" when line ``i`` is not a name) as the post's author; True if taken."""
        if not name:
            return False
        self.author = name
        self.label(i, what)
        return True

    def _byline_block(self, title_at: int, dated: int) -> int:
        """Read a long byline block (author, follow buttons, tags, the date; Kinja's) and the buttons under it.

        Returns the last line of the block.
        """
        worded = 0  # the block's lines with words: its name comes first ("Ruth Amsel" under the title), a menu's later
        for i in range(title_at + 1, dated + 1):
            text = self.lines[i].strip()
            if not text or self.read_meta(i, after_title=True):
                continue
            if i == dated and (when := date_text(text)):
                if not self.date:
                    self.set_date(when, i)
                self.label(i, "date")
                continue
            worded += bool(re.search(r"[^\W\d_]", text))
            if not (worded == 1 and not self.author and _name_like(text) and self._take_author(bare_name(text), i)):
                self.drop(i, "boilerplate (byline furniture)")
        last = dated
        for i in range(dated + 1, len(self.lines)):
            text = self.lines[i].strip()
            if text and not (button_row(text) or lo.weak_boilerplate(text) or lo.strong_boilerplate(text)
                             or len(text.split()) <= BUTTON_WORDS and not SENTENCE.search(text)):
                break
            if text:
                self.drop(i, "boilerplate (byline furniture)")
                last = i
        return last

    def _named_title(self, filled: list[int]) -> int | None:
        """The line near the top that the comment section names as the post ("3 thoughts on “TITLE”"), if any; in a
        forum thread, the topic's title over the first post, which the replies name ("Re: TITLE")."""
        if (topic := text_forum_cards.topic_line(self.lines)) is not None:
            return topic
        named = set()
        for line in self.lines:
            found = named_post(line)
            if found:
                named.add(lo.headline_key(found.group("title")))
        if not named:
            return None
        return next((i for i in filled[:HEAD_SEARCH] if lo.headline_key(self.lines[i]) in named), None)

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

    def _sentence_follows(self, i: int) -> bool:
        """Line ``i`` stands over prose or a sentence ("Opening line."): menu entries stand over menu entries."""
        nxt = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), None)
        text = self.lines[nxt].strip() if nxt is not None else ""
        # "Blog auswählen...": a menu's control (a drop-down, a cut teaser) ends with dots too, a sentence with one
        return self._prose_follows(i) or bool(SENTENCE.search(text)) and not text.endswith(("...", "…"))

    def _prose_follows(self, i: int) -> bool:
        nxt = next((j for j in range(i + 1, len(self.lines)) if self.lines[j].strip()), None)
        return nxt is None or len(self.lines[nxt].strip()) > 60 or self.dated(self.lines[nxt]) is not None

    def read_meta(self, i: int, *, after_title: bool = False) -> bool:
        """Take line ``i`` as head metadata if it is one; True when it was."""
        text = self.lines[i].strip()
        if after_title and photo_credit(text):
            self.label(i, "metadata (a photo's credit under the headline)")  # "AP Photo/NAME" is no byline
            return True
        found = self.dated(text) if not ARCHIVE_ENTRY.match(text) else None  # a month's posts: no post's date
        if found is not None:
            author, when = found
            when = when or date_after_name(author, clean_name(author))
            if author and not self.author:
                # "01.02.2022 | Breuninger-Meeting": without a byline's word, the name must have a name's shape
                name = clean_name(author) if NAMED_BY.search(text) else bare_name(clean_name(author))
                if self._take_author(name, i, "author" + (" and date" if when else "")) and SAVED_BY.match(text):
                    self.guessed.append(f"author {name!r} (line {i + 1}): the account that saved the post, not surely its writer")
            if when and not self.date:
                self.set_date(when, i)
            self.label(i, "date")
            return True
        if lo.comment_count(text) or lo.NAMED_POST.match(text):
            self.label(i, "metadata (comment count under the headline)")  # "3 Kommentare": counted, not the comments
            return True
        if READING_TIME.match(text) or HEAD_FURNITURE.match(text) or lo.strong_boilerplate(text) or NAV_LABEL.match(text):
            self.drop(i, "boilerplate (byline furniture)")
            return True
        if after_title and _name_like(text) and not self.author:
            nxt = next((j for j in range(i + 1, min(len(self.lines), i + 6)) if self.lines[j].strip()), None)
            if nxt is not None and not text.endswith(".") and (
                    self.dated(self.lines[nxt]) or READING_TIME.match(self.lines[nxt].strip())
                    or HEAD_FURNITURE.match(self.lines[nxt].strip())):
                if not self._take_author(bare_name(text), i):
                    self.label(i, "metadata (by the date, but not surely a name)")
                return True
        return False

    def set_date(self, when: str, i: int) -> None:
        # "05/03/2015" is read as the copy's own words say its readers write dates; only such a date needs them
        moment, how = self.copy_date(when)
        if moment is None or not MIN_YEAR <= moment.year or iso(moment) > self.saved_by():
            self.notes.append(f"line {i + 1}: date {when!r} cannot be read{' as a post date' if moment else ''}; "
                              "the essay has no date, set essay.date by hand")
            return
        self.date, self.date_text = iso(moment), when
        if how:
            self.guessed.append(f"post date {when!r} read as {self.date[:10]} ({how})")

    def saved_by(self) -> str:
        """The latest a post in this copy can be dated: the day after the file was saved (a later date is a misread)."""
        return iso(datetime.fromtimestamp(self.path.stat().st_mtime, timezone.utc) + timedelta(days=1))


def _paragraph(text: str) -> bool:
    """A line too long for a byline block: a paragraph, whose words a Chinese or Japanese copy writes without spaces."""
    return len(text) > BLOCK_CHARS or bool(HAN.search(text) or KANA.search(text)) and len(text) > CJK_BLOCK_CHARS


def label_shape(title: str, why: str) -> str:
    """Why ``title`` has the shape of a label, a menu's entry or a prose line rather than a headline ("" if none).

    The signs that found it (a byline under it, prose following) are what a section's name over a headline, a
    control ("一覧を見る", "Archive") or a photo caption has too: such a title is kept but reported as a guess."""
    # (not in Chinese, written without spaces: "春节出行指南" is a whole headline; Japanese menus' labels, mostly in
    # kana, "プロジェクター", "一覧を見る", are as short, and its short headlines rarer)
    if not re.search(r"\s", title) and len(title) <= LABEL_CHARS and not (HAN.search(title) and not KANA.search(title)):
        return "it is a single short word, as a menu's entry or a control's label is"
    if chrome_line(title):
        return "it is a control's label (share, print, sign in), as a button row's is"
    if author_link(title):
        return "it is a link to the author's other stories (\"More stories by NAME\"), as a byline prints it"
    if any(len(GLUED.findall(word)) >= GLUED_ITEMS for word in title.split()):
        return "a menu's entries glued to it (\"HomeNewsSport…\"), as a copy of a menu's row shows them"
    if HATNOTE.match(title):
        return "it points to another article (\"Main article: …\"), as a wiki's section does"
    if JA_SENTENCE.search(title):
        return "it ends as a sentence of prose does"
    if "repeats" in why and len(title.split()) <= KICKER_WORDS and not _WIDE.search(title):
        return "it is a name of a few words that the copy shows elsewhere too, as a section's name or a menu's entry is"
    return ""
