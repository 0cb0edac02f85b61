"""Title, author and date of saved pages, and of their text copies, against a gold the importer was never tuned on.

Two public corpora state what a page's title, author and date are:

- Postlight's parser (github.com/postlight/parser): ``fixtures/DOMAIN.html`` are real saved pages of ~170 news,
  magazine and blog sites in several languages, and each site's test (``src/extractors/custom/DOMAIN/index.test.js``)
  asserts the ``title``, ``author`` and ``date_published`` its custom extractor must give (``null`` where the page
  names no author; dates in UTC).
- go-readability's test pages (``test-pages/NAME/source.html`` with ``expected-metadata.json``: ``title``,
  ``byline``, sometimes ``publishedTime``). Nearly all are also Mozilla Readability's test pages, which
  bench/importers.py measures and the title rules were tuned on: a second look, not a held-out one.
- goose3's test pages (``tests/data/**/test_NAME.html``, ~97 saved news pages and small made-up pages, with
  ``test_NAME.json`` whose ``expected`` holds what goose3 must extract). No rule here was read on them: a held-out
  set. Its ``title`` is in places goose3's own output (a site suffix kept, a title only in JSON-LD), so a title is
  kept only where it is the page's headline (an ``<h1>``, or ``og:title`` or ``<title>`` less a site suffix) and
  ``""`` only where the page has no headline; ``authors`` (a list) and an ISO ``publish_date`` are kept unless
  goose3 finds them only with a rule configured for that page; a page that is a byte copy of another is left out.
  ``make`` prints each entry it leaves out and why. Every page is in the gold, stated fields or not (its copy is
  still read for comments).

Both are other people's writing, so essaykit ships neither them nor the gold: ``make`` writes the gold file from
checkouts, ``measure`` reads it. Gold: ``{page path: {"set", "title", "author", "date"}}``, a field absent where
the corpus states nothing and ``""`` where it states there is none. Run:

    .venv/bin/python bench/metadata_gold.py make GOLD.json --mercury PARSER_CHECKOUT [--mercury-pages DIR] [--goread TEST_PAGES]
        [--goose GOOSE3_CHECKOUT]
    .venv/bin/python bench/metadata_gold.py measure GOLD.json [--copies FOLDER] [--misses] [--every N] [--dump OUT.json]

With ``--copies FOLDER`` the pages are read as text copies (Chromium's ``innerText``, as bench/importers.py makes
them), made once into FOLDER (outside the repository).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import signal
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.importers import _SITE_SUFFIX, copies, read, read_copy, same_author, same_title, title_of, tokens  # noqa: E402

FIELDS = ("title", "author", "date")
# A page that takes longer than this is reported as a hang (the importer must stay bounded on any page).
PAGE_SECONDS = 60

_FIXTURE = re.compile(r"""readFileSync\(\s*['"`]\./fixtures/([^'"`]+)['"`]""")
_LITERAL = r"""(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
_ASSERT = re.compile(r"assert\.(?:equal|strictEqual|deepEqual)\(\s*(title|author|date_published)"
                     r"(\.split\(\s*'T'\s*\)\[0\])?\s*,\s*(null|" + _LITERAL + r"(?:\s*\+\s*" + _LITERAL + r")*)\s*,?\s*\)")
_ANY_ASSERT = re.compile(r"assert\.\w+\(\s*(title|author|date_published)\b")
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\n|.)")
_BY = re.compile(r"^\s*(?:written\s+)?(?:by|par|por|von|di|door)\s*[:\s]\s*", re.I)
_TRAILING = re.compile(r"[\s—–\-|,:·•]+$")


def _js_string(source: str) -> str:
    """The value of a JavaScript string expression: literals, maybe joined with ``+``."""
    def unescape(m: re.Match) -> str:
        code = m.group(1)
        if code.startswith("u{"):
            return chr(int(code[2:-1], 16))
        if code[0] in "ux" and len(code) > 1:
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "\n": ""}.get(code, code)
    return "".join(_ESCAPE.sub(unescape, lit[1:-1]) for lit in re.findall(_LITERAL, source))


def mercury_gold(checkout: Path, pages: Path) -> tuple[dict, list[str]]:
    """Gold from the parser's custom-extractor tests: each assertion belongs to the last fixture read before it."""
    gold, unread = {}, []
    for test in sorted((checkout / "src" / "extractors" / "custom").glob("*/index.test.js")):
        text = test.read_text(encoding="utf-8")
        reads = [(m.start(), m.group(1)) for m in _FIXTURE.finditer(text)]
        parsed = set()
        for m in _ASSERT.finditer(text):
            parsed.add(m.start())
            fixture = next((name for at, name in reversed(reads) if at < m.start()), None)
            if fixture is None or not (pages / fixture).is_file():
                continue
            field, value = {"date_published": "date"}.get(m.group(1), m.group(1)), m.group(3)
            if "${" in value:
                continue
            entry = gold.setdefault(str((pages / fixture).resolve()), {"set": "mercury"})
            entry[field] = "" if value == "null" else _js_string(value).strip()
        unread += [f"{test.parent.name}: {text[m.start():m.start() + 80]!r}" for m in _ANY_ASSERT.finditer(text)
                   if m.start() not in parsed]
    return gold, unread


def goread_gold(root: Path) -> dict:
    """Gold from go-readability's expected metadata; its byline is its own reading, so "By …" and a trailing
    dash go."""
    gold = {}
    for meta in sorted(root.glob("*/expected-metadata.json")):
        if not (meta.parent / "source.html").is_file():
            continue
        want = json.loads(meta.read_text(encoding="utf-8"))
        entry = {"set": "goread"}
        if want.get("title"):
            entry["title"] = want["title"]
        if want.get("byline"):
            entry["author"] = _TRAILING.sub("", _BY.sub("", want["byline"].strip()))
        if want.get("publishedTime"):
            entry["date"] = want["publishedTime"]
        gold[str((meta.parent / "source.html").resolve())] = entry
    return gold


# goose3's tests that give it a pattern for the page's field, which the page alone does not settle: the date in a
# made-up meta tag, and bylines beside an "Author:" line the pattern leaves out. (A date the page shows in its text,
# as test_publish_date_tag's, stays.)
_SEPARATORS = re.compile(r"^[\s|:·•\-–—]+|[\s|:·•\-–—]+$")
_GOOSE_CONFIGURED = {"test_author_config": "author", "test_publish_date_config": "date"}


def _headlines(page: str) -> tuple[list[str], list[str]]:
    """(the page's ``<h1>`` texts, its ``og:title`` and ``<title>`` less a site suffix) of a saved page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    h1s = [" ".join(h.get_text(" ").split()) for h in soup.find_all("h1")]
    heads = [m.get("content", "") for m in soup.find_all("meta", attrs={"property": "og:title"})]
    heads += [t.get_text(" ") for t in soup.find_all("title")[:1]]
    sites = [" ".join(m.get("content", "").split()) for m in soup.find_all("meta", attrs={"property": "og:site_name"})]
    less = []
    for head in (" ".join(h.split()) for h in heads if h.strip()):
        head = _SITE_SUFFIX.sub("", head)
        for site in filter(None, sites):  # the site's name, before or after a separator, or all there is
            if head.casefold().startswith(site.casefold()) or head.casefold().endswith(site.casefold()):
                head = head[len(site):] if head.casefold().startswith(site.casefold()) else head[:-len(site)]
        less.append(_SEPARATORS.sub("", head))
    return [h for h in h1s if h], less


def goose_gold(checkout: Path) -> tuple[dict, list[str]]:
    """Gold from goose3's expected values, less those that are not the page's (see the module's docstring)."""
    gold, left, seen = {}, [], {}
    for expected in sorted(checkout.glob("tests/data/**/test_*.json")):
        page = expected.with_suffix(".html")
        want = json.loads(expected.read_text(encoding="utf-8")).get("expected")
        if not page.is_file() or not isinstance(want, dict):
            continue
        name = f"{page.parent.name}/{page.name}"
        digest = hashlib.sha256(page.read_bytes()).hexdigest()
        if digest in seen:
            left.append(f"{name}: the same bytes as {seen[digest]}; left out")
            continue
        seen[digest] = name
        entry = {"set": "goose"}
        text = page.read_text(encoding="utf-8", errors="replace")
        if isinstance(want.get("title"), str):
            h1s, heads = _headlines(text)
            title = " ".join(want["title"].split())
            if title and any(same_title(title, h) for h in h1s + [h for h in heads if h]):
                entry["title"] = title
            elif not title and not h1s and not any(heads):
                entry["title"] = ""
            else:
                left.append(f"{name}: title {title!r} is not the page's headline (h1 {h1s[:1]}, og:title/<title> "
                            f"less a site suffix {heads[:2]}); left out")
        configured = _GOOSE_CONFIGURED.get(page.stem, "")
        authors = want.get("authors")
        if authors and configured == "author":
            left.append(f"{name}: authors {authors} found by goose3 only with a pattern configured for the page; "
                        "left out")
        elif authors:
            entry["author"] = ", ".join(authors[:-1]) + (" and " if len(authors) > 1 else "") + authors[-1]
        date = want.get("publish_date")
        if date and configured == "date":
            left.append(f"{name}: date {date!r} found by goose3 only with a tag configured for the page; left out")
        elif date and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T[\d:]+(?:Z|[+-]\d\d:\d\d)?)?", date):
            entry["date"] = date
        elif date:
            left.append(f"{name}: date {date!r} is not an ISO 8601 date, as the other sets' are; left out")
        gold[str(page.resolve())] = entry
    return gold, left


def _days(value: str) -> set[str]:
    """The calendar days a date may be on: a UTC time ("…Z") is on its UTC day or the day of any zone from UTC-12
    to UTC+14, since the page showed its reader a local day; a date without a zone is on its own day."""
    if not value.endswith(("Z", "+00:00")) or "T" not in value:
        return {value[:10]}
    at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return {(at + timedelta(hours=h)).date().isoformat() for h in (-12, 0, 14)}


def _right(field: str, got: str, want: str) -> bool:
    if field == "title":
        return same_title(got, want)
    if field == "author":
        return same_author(got, want)
    return bool(got) and got[:10] in _days(want)


def _shows(text: list[str], want: str) -> bool:
    """Whether the words of ``want`` come in a row in the copy's words."""
    words = tokens(want)
    return not words or f" {' '.join(words)} " in f" {' '.join(text)} "


def _got(post, field: str) -> str:
    return title_of(post) if field == "title" else post.author if field == "author" else post.date


class _Hang(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Hang(f"over {PAGE_SECONDS} s")


def _copy_name(path: str, entry: dict) -> str:
    if entry["set"] == "goose":  # two of goose3's folders hold a page of the same name
        return f"goose-{Path(path).parent.name}-{Path(path).stem}"
    return f"{entry['set']}-{Path(path).parent.name if entry['set'] == 'goread' else Path(path).stem}"


def _copies(todo: list[tuple[str, dict]], folder: Path) -> list[tuple[Path, dict]]:
    """(text copy, gold entry) of each page that can be copied: a page that navigates away as it opens (a
    ``<meta http-equiv=refresh>`` to a live site) shows its reader nothing to copy, so it is listed in
    FOLDER/uncopyable.txt and left out."""
    folder.mkdir(parents=True, exist_ok=True)
    skipped = folder / "uncopyable.txt"
    skip = set(skipped.read_text(encoding="utf-8").split()) if skipped.is_file() else set()
    sources = {_copy_name(p, e): Path(p) for p, e in todo if _copy_name(p, e) not in skip}
    while True:
        try:
            made = copies(sources, folder)
            break
        except Exception as exc:  # Playwright's error when the page navigated: the first page not yet copied
            failed = next(name for name in sources if not (folder / f"{name}.txt").is_file())
            print(f"no text copy of {sources.pop(failed)}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            skip.add(failed)
            skipped.write_text("\n".join(sorted(skip)) + "\n", encoding="utf-8")
    return [(made[_copy_name(p, e)], e) for p, e in todo if _copy_name(p, e) in made]


def measure(gold: dict, folder: Path | None, misses: bool, every: int, dump: Path | None = None) -> int:
    todo = sorted(gold.items())[::every]
    reader = read
    if folder:
        todo = [(str(copy), entry) for copy, entry in _copies(todo, folder)]
        reader = read_copy
    totals: Counter = Counter()
    found: dict[str, dict] = {}
    took: list[float] = []
    signal.signal(signal.SIGALRM, _on_alarm)
    for path, entry in todo:
        kind = entry["set"]
        totals[kind, "pages"] += 1
        started = time.perf_counter()
        signal.alarm(PAGE_SECONDS)
        try:
            post = reader(Path(path))
        except Exception as exc:  # a crash or hang is a bug to report, not a reason to stop measuring
            totals[kind, "crashed"] += 1
            print(f"CRASH {path}: {type(exc).__name__}: {str(exc)[:200]}")
            continue
        finally:
            signal.alarm(0)
            took.append(time.perf_counter() - started)
        text = tokens(Path(path).read_text(encoding="utf-8", errors="replace")) if folder else []
        if post is None:
            totals[kind, "no post"] += 1
            print(f"NO POST {path}")
            continue
        found[path] = {"title": title_of(post), "author": post.author, "date": post.date, "doubts": post.doubts,
                       "guessed": post.guessed, "notes": post.notes,
                       "approved": [f"{c.author}: {c.body[:60]}" for c in post.comments if c.status == "approved"]}
        for field in FIELDS:
            if field not in entry:
                continue
            want, got = entry[field], _got(post, field) or ""
            if want == "":
                totals[kind, field, "none"] += 1
                totals[kind, field, "stated on none"] += bool(got)
                if misses and got:
                    print(f"{kind} {field} stated on none {Path(path).parent.name if kind == 'goread' else Path(path).name}: "
                          f"got {got[:60]!r}")
                continue
            verdict = "right" if _right(field, got, want) else "wrong" if got else "missing"
            totals[kind, field, "annotated"] += 1
            totals[kind, field, verdict] += 1
            # A copy holds only what the page shows: a title or byline that is only in the page's <head> cannot be
            # found there, and the right answer is then "unknown" (a doubt), not another line of the copy.
            unseen = bool(folder) and field != "date" and not _shows(text, want)
            totals[kind, field, verdict + " not in copy"] += unseen and verdict != "right"
            doubted = verdict == "wrong" and field == "title" and any("title" in d[:30] for d in post.doubts)
            totals[kind, field, "wrong doubted"] += doubted
            prefix = {"author": "author ", "date": "post date "}.get(field)
            if verdict == "wrong" and prefix and any(g.startswith(prefix) for g in post.guessed):
                totals[kind, field, "wrong guessed"] += 1
            if misses and verdict != "right":
                name = Path(path).parent.name if kind == "goread" and not folder else Path(path).name
                print(f"{kind} {field} {verdict} {name}: got {got[:70]!r} want {want[:70]!r}"
                      + (" (not in the copy)" if unseen else "") + (" (doubted)" if doubted else ""))
    if dump:
        dump.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    n = len(todo)
    took.sort()
    what = "text copies" if folder else "saved pages"
    print(f"{n} {what}; {sum(took) / max(1, n):.2f} s a page, slowest {took[-1] if took else 0:.2f} s")
    for kind in ("mercury", "goread", "goose"):
        if not totals[kind, "pages"]:
            continue
        print(f"{kind}: {totals[kind, 'pages']} {what}, no post {totals[kind, 'no post']}, crashed or hung "
              f"{totals[kind, 'crashed']}")
        for field in FIELDS:
            a = totals[kind, field, "annotated"]
            t = {k[2]: v for k, v in totals.items() if k[:2] == (kind, field)}
            print(f"  {field:6} right {t.get('right', 0)}/{a} ({t.get('right', 0) / max(1, a):.0%}), "
                  f"wrong {t.get('wrong', 0)} (" + (f"of them doubted {t.get('wrong doubted', 0)}" if field == "title" else
                  f"reported as guessed {t.get('wrong guessed', 0)}") + f"), missing {t.get('missing', 0)}; stated on {t.get('stated on none', 0)} "
                  f"of {t.get('none', 0)} pages with none"
                  + (f"; of the wrong and missing, not in the copy's text {t.get('wrong not in copy', 0)} + "
                     f"{t.get('missing not in copy', 0)}" if folder and field != "date" else ""))
    return 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("make", help="write the gold file from the corpora's checkouts")
    make.add_argument("gold", type=Path)
    make.add_argument("--mercury", type=Path, help="a checkout of postlight/parser (its src/ is read)")
    make.add_argument("--mercury-pages", type=Path, help="where its fixtures are (default: the checkout's fixtures/)")
    make.add_argument("--goread", type=Path, help="go-readability's test-pages folder")
    make.add_argument("--goose", type=Path, help="a checkout of goose3 (its tests/data/ is read; held out)")
    run = sub.add_parser("measure", help="measure the importer against the gold file")
    run.add_argument("gold", type=Path)
    run.add_argument("--copies", type=Path, help="read text copies of the pages, made in (or taken from) this folder")
    run.add_argument("--misses", action="store_true", help="print each field that is wrong or missing")
    run.add_argument("--every", type=int, default=1, help="only every Nth page (a quick sample)")
    run.add_argument("--dump", type=Path, help="write what the importer found on each page to this JSON file (to "
                     "compare two runs)")
    args = parser.parse_args(argv)
    if args.command == "measure":
        return measure(json.loads(args.gold.read_text(encoding="utf-8")), args.copies, args.misses, args.every,
                       args.dump)
    gold: dict = {}
    if args.mercury:
        found, unread = mercury_gold(args.mercury, args.mercury_pages or args.mercury / "fixtures")
        gold.update(found)
        for line in unread:
            print(f"assertion not read: {line}")
    if args.goread:
        gold.update(goread_gold(args.goread))
    if args.goose:
        found, left = goose_gold(args.goose)
        gold.update(found)
        for line in left:
            print(f"goose3 left out: {line}")
    if not gold:
        print("no gold: give --mercury, --goread and/or --goose checkouts")
        return 2
    args.gold.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    counts = Counter((e["set"], f) for e in gold.values() for f in FIELDS if e.get(f))
    print(f"{len(gold)} pages; stated: " + ", ".join(f"{s} {f} {n}" for (s, f), n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
