"""The saved-page importer on a second corpus of real pages: trafilatura's evaluation set.

bench/importers.py measures the saved-page importer on Mozilla Readability's test pages, the ones its
rules were tuned on. This measures the same rules on pages they were never looked at with: the
evaluation pages of trafilatura (github.com/adbar/trafilatura, ``tests/eval/*.html`` and
``tests/cache/*.html``, annotated in ``tests/evaldata.json``): about 1,000 real pages, mostly German,
English, Polish and French blogs, news and institutional sites. Each annotation gives up to six
snippets the main text must hold (``with``), snippets of furniture it must not hold (``without``),
often the title, and snippets of the page's visible comments. They are other people's writing, so
essaykit does not ship them: point this at a checkout's ``tests`` folder.

Per page: the title against the annotation (an unknown title is never right), the share of ``with``
snippets in the essay (a page's article recall), the author and the post's date against the annotation (names
compared as a set, ignoring case and punctuation; a date on its calendar day), the ``without`` snippets it keeps, the comment
snippets found among the imported comments, approved comments on pages annotated with none, the
doubts that make ``essaykit import`` ask for ``--force``, and the time.

With ``--copies FOLDER`` the same pages are read as *text copies* instead, made as bench/importers.py makes
them (Chromium's ``innerText`` of the saved page, JavaScript off, every request refused) and kept in FOLDER
(outside the repository: they are other people's writing) so that a second run only reads them. Run:

    .venv/bin/python bench/saved_pages.py PATH/TO/trafilatura/tests [--limit N] [--every N] [--offset K] [--misses]
    .venv/bin/python bench/saved_pages.py PATH/TO/trafilatura/tests --every 5 --copies /tmp/traf-copies
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.importers import article_texts, copies, read, read_copy, same_author, same_day, same_title, shows_title, title_of  # noqa: E402
from bench.importers import tokens as _tokens  # noqa: E402

RECALL_TARGET = 0.9


def said(comments) -> list[list[str]]:
    """The comments' words as :func:`bench.importers.article_texts` gives the essay's: with the links' addresses and as
    their text only (a comment that links a word is still the words the annotator copied)."""
    from essaykit.importers.leftovers import plain_lines

    out = []
    for comment in comments:
        markdown = html.unescape(comment.body.replace("\\", ""))
        out += [_tokens(markdown), _tokens("\n".join(plain_lines(markdown)))]
    return out


def _holds(haystacks: list[list[str]], snippet: str) -> bool:
    """Whether ``snippet``'s words come in a row in one of the texts (Markdown marks and spacing do not count).

    The annotators cut many snippets at a character count, in the middle of a word ("Mit einem Schlag ist d",
    "ried in a mass grave"), so the snippet's first word may end a word of the text and its last word begin one,
    as in trafilatura's own evaluation, which looks for the snippet as a substring of the text."""
    want = _tokens(snippet)
    if not want:
        return True
    joined = " ".join(want)
    return any(joined in " ".join(h) for h in haystacks)


# Where a "with" snippet the essay lacks is, by region of the saved page: the importer's fault only in the page's own
# text outside those regions (the regions html_extract.page_words leaves out of a page's own words).
FURNITURE = ("nav", "aside", "footer", "header", "form", ".sidebar", "#sidebar", ".widget", "[role=navigation]",
             "[role=complementary]", "[role=contentinfo]")
WHY = {"title": "annotation asks for the headline (the essay's title)",
       "comment": "annotation asks for a comment (stored as a comment)", "furniture": "annotation asks for furniture",
       "absent": "not in the saved HTML (page needs JavaScript, or annotated from another copy)",
       "ours": "our fault (in the page's own text, not kept)"}


def why_missing(path: Path, post, missing: list[str]) -> str:
    """The WHY key of a page whose essay lacks the ``missing`` snippets: the first of ours, furniture, absent,
    comment, title that one of them has."""
    from bs4 import BeautifulSoup

    from essaykit.importers.page_text import copy_without

    soup = BeautifulSoup(path.read_text(encoding="utf-8", errors="replace"), "html.parser")
    for el in soup(["script", "style", "noscript", "template"]):
        el.decompose()
    whole = [_tokens(soup.get_text(" "))]
    own = [_tokens(copy_without(soup.body or soup, FURNITURE).get_text(" "))]
    spoken = said(post.comments)
    kinds = set()
    for snippet in missing:
        kinds.add("title" if _holds([_tokens(post.title)], snippet) else "comment" if _holds(spoken, snippet)
                  else "ours" if _holds(own, snippet) else "furniture" if _holds(whole, snippet) else "absent")
    return next(k for k in ("ours", "furniture", "absent", "comment", "title") if k in kinds)


def page_words(path: Path) -> list[list[str]]:
    """The words a reader of the saved page (or its text copy) sees, without running it: a comment thread a script
    fetches (Disqus, Facebook, a site's own widget) is not among them, so none of its snippets can be found."""
    from bs4 import BeautifulSoup

    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() not in (".html", ".htm"):
        return [_tokens(text)]
    soup = BeautifulSoup(text, "html.parser")
    for el in soup(["script", "style", "noscript", "template"]):
        el.decompose()
    return [_tokens(soup.get_text(" "))]


def pages(root: Path) -> list[tuple[dict, Path]]:
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    found = []
    for item in data.values():
        for folder in ("cache", "eval"):
            if (root / folder / item["file"]).is_file():
                found.append((item, root / folder / item["file"]))
                break
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("tests", type=Path, help="the tests folder of a trafilatura checkout")
    parser.add_argument("--limit", type=int, default=0, help="only the first N annotated pages")
    parser.add_argument("--every", type=int, default=1, help="only every Nth page (a quick sample)")
    parser.add_argument("--offset", type=int, default=0, help="start the sample at this page (with --every 2, "
                        "--offset 1 reads the half that --offset 0 skips)")
    parser.add_argument("--misses", action="store_true", help="print each page whose title or recall misses, or "
                        "that has doubts")
    parser.add_argument("--copies", type=Path, help="read text copies of the pages, made in (or taken from) this folder")
    parser.add_argument("--author-misses", action="store_true", help="print each page whose author misses")
    parser.add_argument("--date-misses", action="store_true", help="print each page whose date misses")
    parser.add_argument("--start", type=int, default=0, help="skip the first N pages of the selection (to share a "
                        "run between processes)")
    parser.add_argument("--commented", action="store_true", help="only the pages annotated with comments")
    parser.add_argument("--comment-misses", action="store_true", help="print each comment snippet not found, with "
                        "the comments imported from its page")
    args = parser.parse_args(argv)
    todo = [(item, path) for item, path in pages(args.tests) if item.get("comments") or not args.commented]
    todo = todo[args.offset::args.every][args.start:][:args.limit or None]
    if not todo:
        print(f"{args.tests}: no evaldata.json with pages under eval/ or cache/; give a trafilatura checkout's tests")
        return 2
    reader = read
    if args.copies:
        args.copies.mkdir(parents=True, exist_ok=True)
        made = copies({path.stem: path for _, path in todo}, args.copies)
        todo = [(item, made[path.stem]) for item, path in todo]
        reader = read_copy
    totals, doubts, why = Counter(), Counter(), Counter()
    took: list[float] = []
    for item, path in todo:
        started = time.perf_counter()
        totals["pages"] += 1
        try:
            post = reader(path)
        except Exception as exc:  # a crash is a bug to report, not a reason to stop measuring
            totals["crashed"] += 1
            print(f"{path.name}: the importer crashed: {type(exc).__name__}: {exc}")
            continue
        finally:
            took.append(time.perf_counter() - started)
        if post is None:
            totals["no post"] += 1
            continue
        texts = article_texts(post)
        kept = sum(_holds(texts, w) for w in item["with"]) / len(item["with"])
        furniture = sum(_holds(texts, w) for w in item["without"])
        sure = not post.doubts
        totals.update(recall90=kept >= RECALL_TARGET, furniture=furniture, without=len(item["without"]), sure=sure)
        title_ok = None
        if item.get("title"):
            title_ok = same_title(title_of(post), item["title"])
            totals.update(titled=1, title=title_ok, unknown=not title_of(post))
            if args.copies:  # a copy shows what the page's body shows: an annotated <title> it lacks is no fault of ours
                shown = shows_title(path.read_text(encoding="utf-8", errors="replace"), item["title"])
                totals.update({"title shown": shown, "title right shown": title_ok and shown})
        for what, got, ok, flag in (("author", post.author, same_author, args.author_misses),
                                    ("date", post.date, same_day, args.date_misses)):
            ref = item.get(what)
            guessed = any(g.startswith(("author " if what == "author" else "post date ")) for g in post.guessed)
            if ref:
                right = ok(got, ref)
                totals.update({f"{what} annotated": 1, f"{what} right": right, f"{what} unknown": not got,
                               f"{what} wrong": bool(got) and not right, f"{what} wrong guessed": bool(got) and not right
                               and guessed, f"{what} right guessed": right and guessed})
                if flag and not right:
                    print(f"{what} {path.name[:48]:48} got {got[:40]!r:42} want {str(ref)[:40]!r}"
                          + (" (guessed)" if guessed else ""))
            elif ref == "":
                totals.update({f"{what} none": 1, f"{what} stated on none": bool(got)})
        # a doubt on a page whose article and title are right is a false alarm
        if not sure and kept >= RECALL_TARGET and title_ok is not False:
            totals["false alarm"] += 1
        if not sure and (kept < RECALL_TARGET or title_ok is False):
            totals["caught"] += 1
        for doubt in post.doubts:
            doubts["title" if "title" in doubt[:30] else "short article" if "article has" in doubt else "other"] += 1
        comments = [c for c in post.comments if c.kind == "comment"]
        shown = item.get("comments") or []
        if shown:
            spoken = said(comments)
            totals.update(commented=1, snippets=len(shown), found=sum(_holds(spoken, s) for s in shown))
            missed = [s for s in shown if not _holds(spoken, s)]
            # the same snippets, counted only where the page (or the copy) shows them: a thread its scripts fetch
            # cannot be read, and a copy holds only what the page showed
            present = [s for s in shown if _holds(spoken, s) or _holds(page_words(path), s)] if missed else shown
            names = [_tokens(c.author) for c in comments]
            approved = said([c for c in comments if c.status == "approved"])
            totals["found held"] += sum(_holds(spoken, s) and not _holds(approved, s) for s in shown)
            totals.update(present=len(present), **{"found present": sum(_holds(spoken, s) for s in present),
                                                   "found as name": sum(_holds(names, s) for s in missed),
                                                   "found approved": sum(_holds(approved, s) for s in shown)})
            if args.comment_misses and missed:
                print(f"{path.name}: {len(missed)}/{len(shown)} comment snippets missed; {len(comments)} comments "
                      f"imported ({sum(c.status != 'approved' for c in comments)} held)"
                      + "".join(f"\n    missed: {s[:70]!r}" + ("" if s in present else " (not in the saved page)")
                                for s in missed))
        invented = 0
        if not shown and item.get("comments") == []:
            invented = sum(c.status == "approved" for c in comments)
            totals["approved on uncommented"] += invented
        if args.misses and invented:
            print(f"{path.name[:50]:50} {invented} approved comments on a page annotated with none: "
                  + "; ".join(f"{c.author}: {c.body[:40]!r}" for c in comments[:3]))
        reason = ""
        if kept < RECALL_TARGET:
            why[reason := why_missing(path, post, [w for w in item["with"] if not _holds(texts, w)])] += 1
        if args.misses and (kept < RECALL_TARGET or title_ok is False or not sure):
            print(f"{path.name[:50]:50} recall {kept:.2f} {reason} title {title_of(post)[:50]!r} want {item.get('title', '')[:50]!r}"
                  + "".join(f"\n    doubt: {d[:160]}" for d in post.doubts))
    n = totals["pages"]
    took.sort()
    print(f"{n} {'text copies of pages' if args.copies else 'pages'} of trafilatura's evaluation set; {totals['no post']} gave no post, {totals['crashed']} crashed; "
          f"{sum(took) / n:.2f} s a page on average, median {took[n // 2]:.2f} s, slowest {took[-1]:.2f} s")
    print(f"title right {totals['title']}/{totals['titled']} annotated ({totals['title'] / max(1, totals['titled']):.0%}; "
          f"target 95%), of which unknown (asks for --force) {totals['unknown']}")
    if args.copies:
        print(f"  where the copy shows the annotated title (whole, or less a site suffix, on one line): right "
              f"{totals['title right shown']}/{totals['title shown']} "
              f"({totals['title right shown'] / max(1, totals['title shown']):.0%}; target 85%)")
    for what in ("author", "date"):
        print(f"{what} right {totals[what + ' right']}/{totals[what + ' annotated']} annotated "
              f"({totals[what + ' right'] / max(1, totals[what + ' annotated']):.0%}); wrong {totals[what + ' wrong']} "
              f"(of them reported as guessed {totals[what + ' wrong guessed']}), unknown {totals[what + ' unknown']}; "
              f"right but reported as guessed {totals[what + ' right guessed']}; stated on {totals[what + ' stated on none']} "
              f"of the {totals[what + ' none']} pages annotated with none")
    print(f"article recall at least {RECALL_TARGET} (share of the 'with' snippets kept): {totals['recall90']}/{n} "
          f"({totals['recall90'] / n:.0%}; target 95%); 'without' furniture snippets kept {totals['furniture']}/"
          f"{totals['without']}")
    print("recall misses by where the missing snippets are: " + "; ".join(f"{WHY[k]} {n}" for k, n in why.most_common()))
    print(f"comment snippets found {totals['found']}/{totals['snippets']} on {totals['commented']} pages with comments; "
          f"approved comments on pages annotated with none: {totals['approved on uncommented']}")
    print(f"  found only in comments held pending (counted as found above): {totals['found held']}; found in an "
          f"approved comment (held ones not counted) {totals['found approved']}/{totals['snippets']}")
    print(f"  of those snippets, the ones the {'copy' if args.copies else 'saved page itself'} shows (not fetched by "
          f"its scripts): found {totals['found present']}/{totals['present']} "
          f"({totals['found present'] / max(1, totals['present']):.0%}; target 90%); missed ones that are an imported "
          f"comment's name (its author, not its text) {totals['found as name']}")
    print(f"doubtful (asks for --force): {n - totals['no post'] - totals['sure']} pages; of them wrong title or "
          f"article {totals['caught']}, false alarms (title and article right) {totals['false alarm']}; "
          f"by kind: {dict(doubts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
