"""What the filter looks at in a comment or mention: named features, the only input of the model.

:func:`features` turns a :class:`Sample` into a set of strings such as
``"w:essay"`` (a word), ``"ld:topessayhelp.com"`` (a linked domain) or
``"script:cyrillic"``. Each name is readable, so :func:`describe` can tell the
author why a comment scored as it did. The features are chosen to be costly for
a spammer to dodge: the domains they are paid to promote (in links, the
website field, a mention's source), the email's domain, the shape of a
business name typed as a person's, the script, the length, the time from page
load to post (signed, so it cannot be typed in), and the words
and character n-grams that survive a synonym swap. Pure Python and cheap:
scoring a 5,000-character comment stays well under a millisecond here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

#: Character n-grams come from the first this-many characters: enough to recognise a text, and a
#: bound on the work a hostile 5,000-character comment can cause.
GRAM_CHARS = 1500
GRAM = 4
MAX_WORDS = 600
MAX_CHARS = 20_000  # read no further: the features above all come from the start of a comment

_WORD = re.compile(r"\w+", re.UNICODE)
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>()\[\]\"']+")
_PHONE = re.compile(r"(?<![\w+])\+?\d(?:[ .-]?\d){8,14}(?!\w)")
_BUCKETS = (0, 20, 60, 150, 400, 1000, 2500)
#: Seconds from page load to post, in buckets a person's typing and a script's speed fall apart in.
_TIME_BUCKETS = ((3, "<3s"), (10, "3-10s"), (30, "10-30s"), (120, "30s-2m"), (600, "2-10m"), (3600, "10m-1h"))


@dataclass(frozen=True)
class Sample:
    """The parts of a comment or mention the filter reads; all text, "" when absent."""

    body: str
    author: str = ""
    email: str = ""
    website: str = ""
    kind: str = "comment"
    source_url: str = ""
    title: str = ""
    load_seconds: int | None = None  # from page load to post, when the form's signed time was genuine

    @classmethod
    def of(cls, item) -> Sample:
        """A Sample from anything with those attributes (a Candidate, a Comment, a row)."""
        found = {name: getattr(item, name, "") or "" for name in cls.__dataclass_fields__ if name != "load_seconds"}
        return cls(**found, load_seconds=getattr(item, "load_seconds", None))


def host(url: str) -> str:
    """The lower-cased host of ``url`` without ``www.``; "" when it has none."""
    try:
        name = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    name = name.rstrip(".").lower()
    return name[4:] if name.startswith("www.") else name


def _domain_features(prefix: str, name: str) -> list[str]:
    if not name:
        return []
    labels = name.split(".")
    found = [f"{prefix}:{name}", f"{prefix}tld:{labels[-1]}"]
    if len(labels) > 2:
        found.append(f"{prefix}:{'.'.join(labels[-2:])}")  # the site, for its many subdomains
    if any(ch.isdigit() for ch in labels[0]) or "-" in labels[0]:
        found.append(f"{prefix}shape:made")  # keyword-and-number domains: best-essay-24, slot88
    return found


def _bucket(n: int) -> int:
    return sum(n >= edge for edge in _BUCKETS)


@lru_cache(maxsize=4096)
def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].lower() if name else ""


def scripts(text: str) -> set[str]:
    """The writing systems of the letters in ``text`` (``latin``, ``cyrillic``, ``cjk`` …)."""
    return {_script(ch) for ch in text[:GRAM_CHARS] if ch.isalpha()} - {""}


def _name_shape(author: str) -> list[str]:
    words = author.split()
    found = [f"nwords:{min(len(words), 5)}"]
    if any(ch.isdigit() for ch in author):
        found.append("name:digits")
    if author and author == author.lower():
        found.append("name:lower")
    # A person's name is not a search query: "Roof Repair Austin" gives away its words.
    found += [f"nw:{w.lower()}" for w in words[:6]]
    return found


def features(sample: Sample) -> set[str]:
    """The named features of ``sample`` (see the module's docstring)."""
    # NFKC folds the look-alikes spammers type to slip past words and links (fullwidth
    # "ｈｔｔｐ://ｗｗｗ.ｅｂａｙ.ｃｏｍ", ligatures, superscripts) into the letters they stand for.
    body = unicodedata.normalize("NFKC", sample.body[:MAX_CHARS])
    text = " ".join((unicodedata.normalize("NFKC", sample.title[:MAX_CHARS]), body))
    lowered = text.lower()
    found: set[str] = set() if sample.kind == "comment" else {f"kind:{sample.kind}"}
    words = _WORD.findall(lowered)[:MAX_WORDS]
    found.update(f"w:{w}" for w in words)
    found.update(f"b:{a}_{b}" for a, b in zip(words, words[1:]))
    flat = " ".join(lowered[:GRAM_CHARS].split())
    found.update(f"c:{flat[i:i + GRAM]}" for i in range(max(0, len(flat) - GRAM + 1)))
    links = _URL.findall(body)
    found.add(f"links:{min(len(links), 3)}")
    if _PHONE.search(body):
        found.add("phone:yes")  # "+447935454150 lovely girl talk to me": a number is a link too
    for link in links[:20]:
        found.update(_domain_features("ld", host(link)))
    # A mention's source page is the site it promotes, as a comment's website field is: one name
    # for both, so what the author taught about a domain in comments counts against its mentions.
    website = host(sample.website or sample.source_url)
    found.update(_domain_features("wd", website) or ["web:none"])
    if website and any(website == host(link) for link in links):
        found.add("web:linked")  # the body advertises the website it came with
    email_domain = sample.email.rpartition("@")[2].lower()
    found.update(_domain_features("ed", email_domain) or ["email:none"])
    local = sample.email.partition("@")[0]
    if sum(ch.isdigit() for ch in local) >= 2:
        found.add("email:digits")
    found.update(_name_shape(sample.author))
    found.update(f"script:{s}" for s in scripts(text))
    found.add(f"len:{_bucket(len(body))}")
    found.add(f"time:{time_bucket(sample.load_seconds)}")
    return found


def time_bucket(seconds: int | None) -> str:
    """The bucket of the time from page load to post; ``none`` when the form's signed time was missing or
    not genuine, fresh and unused (:mod:`essaykit.comments.timing`): its own bucket, never an error."""
    if seconds is None:
        return "none"
    return next((name for edge, name in _TIME_BUCKETS if seconds < edge), ">1h")


_KINDS = {
    "w": "word", "b": "words", "c": "letters", "ld": "link to", "ldtld": "link domain ending",
    "ldshape": "link domain", "wd": "website", "wdtld": "website ending", "wdshape": "website",
    "ed": "email domain", "edtld": "email ending", "edshape": "email domain", "nw": "name word", "nwords": "words in name",
    "script": "script", "len": "length class", "links": "links", "kind": "kind", "name": "name",
    "web": "website", "email": "email", "phone": "phone number", "time": "time from page load to post",
}
_SHAPES = {"made": "made of keywords and numbers", "none": "none", "digits": "has digits",
           "lower": "all lower case", "linked": "also linked in the text", "yes": "in the text"}


def describe(name: str) -> str:
    """A feature's name as the author reads it, e.g. ``link to topessayhelp.com``."""
    kind, _, value = name.partition(":")
    label = _KINDS.get(kind, kind)
    if kind == "b":
        value = value.replace("_", " ")
    if kind in ("w", "b", "c", "nw"):
        value = repr(value)
    if kind == "time":
        return f"{label} {'not known' if value == 'none' else value}"
    return f"{label} {_SHAPES.get(value, value)}"
