"""Hostile and malformed comment fields, as a table of cases.

Each case names the fields it overrides and what must happen: ``Refused(field)``,
a CommentError naming that field, or ``Stored(...)``, kept with its text intact
and rendered inert. tests/comments/test_store_hostile.py runs the table through
CommentStore.post() and import_records(); test_comments_cli.py runs it through
``essaykit comments import``.
"""

from __future__ import annotations

PARENT_ELSEWHERE = object()  # replaced by the id of an approved comment on another essay


class Refused:
    def __init__(self, field: str):
        self.field = field

    def __repr__(self) -> str:
        return f"Refused({self.field!r})"


class Stored:
    """Stored; ``expect`` maps fields to their stored value, ``html_has`` must appear in body_html."""

    def __init__(self, html_has: str = "", **expect):
        self.html_has = html_has
        self.expect = expect


EMOJI_RTL_NAME = "سارا 🌶️ 👨\u200d👩\u200d👧 Ōtākou"
EMOJI_RTL_BODY = "نظر خوبی بود 🎬👍🏽 — עברית גם"

CASES = [
    # --- the body: markup and script ---
    ("script tag", {"body": "<script>window.__pwned=1</script>"}, Stored("&lt;script&gt;")),
    ("img onerror", {"body": "<img src=x onerror=window.__pwned=1>"}, Stored("&lt;img")),
    ("svg onload", {"body": '<svg onload="window.__pwned=1"><circle r=5 /></svg>'}, Stored()),
    ("svg with script", {"body": "<svg><script>window.__pwned=1</script></svg>"}, Stored()),
    ("iframe", {"body": '<iframe src="javascript:window.__pwned=1"></iframe>'}, Stored()),
    ("style tag", {"body": "<style>body{display:none}</style>hi"}, Stored()),
    ("raw anchor with javascript", {"body": '<a href="javascript:window.__pwned=1">x</a>'}, Stored()),
    ("markdown javascript link", {"body": "[click](javascript:window.__pwned=1)"}, Stored()),
    ("markdown mixed-case javascript", {"body": "[click](JaVaScRiPt:window.__pwned=1)"}, Stored()),
    ("markdown entity javascript", {"body": "[click](javascript&#58;window.__pwned=1)"}, Stored()),
    ("markdown data link", {"body": "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"}, Stored()),
    ("markdown image", {"body": "![x](https://tracker.example/pixel.png)"}, Stored()),
    ("autolink javascript", {"body": "<javascript:window.__pwned=1>"}, Stored()),
    ("reference-style javascript", {"body": "[x][1]\n\n[1]: javascript:window.__pwned=1"}, Stored()),
    ("link title breakout", {"body": '[x](https://ok.example "t\\" onmouseover=\\"window.__pwned=1")'},
     Stored('href="https://ok.example"')),
    ("link text hides a different url", {"body": "[https://bank.example](https://evil.example)"},
     Stored('href="https://evil.example"')),
    ("script in a code span", {"body": "`<script>window.__pwned=1</script>`"}, Stored("<code>&lt;script&gt;")),
    ("sql in the body", {"body": "Robert'); DROP TABLE comments;--"},
     Stored(body="Robert'); DROP TABLE comments;--")),
    ("nul in the body", {"body": "before\x00after"}, Stored(body="beforeafter")),
    ("crlf in the body", {"body": "line one\r\nline two\rline three"}, Stored(body="line one\nline two\nline three")),
    ("emoji and rtl body", {"body": EMOJI_RTL_BODY}, Stored(EMOJI_RTL_BODY, body=EMOJI_RTL_BODY)),
    ("5,000 characters is the limit", {"body": "x" * 5000}, Stored()),
    ("5,001 characters", {"body": "x" * 5001}, Refused("body")),
    ("1 MB body", {"body": "y" * 1_000_000}, Refused("body")),
    ("empty body", {"body": "  \r\n\t "}, Refused("body")),
    ("body that is not text", {"body": ["<script>"]}, Refused("body")),
    # --- the name ---
    ("empty name", {"author": ""}, Refused("author")),
    ("name of zero-width characters only", {"author": "\u200b\u200c\ufeff"}, Refused("author")),
    ("bidi override in the name", {"author": "\u202eexe.gnp"}, Stored(author="exe.gnp")),
    ("bidi isolates in the name", {"author": "Ad\u2067a\u2069m"}, Stored(author="Adam")),
    ("zero-width in the name", {"author": "ad\u200bmi\u200dn"}, Stored(author="admin")),
    ("nul and crlf in the name", {"author": "Eve\x00\r\nBcc: everyone"}, Stored(author="Eve Bcc: everyone")),
    ("quote breakout in the name", {"author": '"><script>window.__pwned=1</script>'},
     Stored(author='"><script>window.__pwned=1</script>')),
    ("single-quote breakout in the name", {"author": "' onmouseover='window.__pwned=1"},
     Stored(author="' onmouseover='window.__pwned=1")),
    ("sql in the name", {"author": "x' OR '1'='1"}, Stored(author="x' OR '1'='1")),
    ("emoji and rtl name", {"author": EMOJI_RTL_NAME}, Stored(author=EMOJI_RTL_NAME)),
    ("over-long name", {"author": "N" * 5000}, Refused("author")),
    # --- the email ---
    ("email without @", {"email": "ada.example.org"}, Refused("email")),
    ("email with a display name", {"email": "Ada <ada@example.org>"}, Refused("email")),
    ("email with a header injection", {"email": "ada@example.org\r\nBcc: x@example.org"}, Refused("email")),
    ("email with a script", {"email": "<script>@example.org"}, Refused("email")),
    # --- the website ---
    ("ftp website", {"website": "ftp://files.example/"}, Refused("website")),
    ("javascript website", {"website": "javascript:window.__pwned=1"}, Refused("website")),
    ("mixed-case javascript website", {"website": "JaVaScRiPt:window.__pwned=1"}, Refused("website")),
    ("javascript website with a tab", {"website": "java\tscript:window.__pwned=1"}, Refused("website")),
    ("data website", {"website": "data:text/html,<script>window.__pwned=1</script>"}, Refused("website")),
    ("double-quote breakout in the website", {"website": 'https://ok.example/" onmouseover="window.__pwned=1'},
     Refused("website")),
    ("single-quote breakout in the website", {"website": "https://ok.example/'><script>x</script>"},
     Refused("website")),
    ("protocol-relative website", {"website": "//evil.example/"}, Refused("website")),
    ("website without a host", {"website": "https://"}, Refused("website")),
    ("bare host website gets https", {"website": "ada.example/about"}, Stored(website="https://ada.example/about")),
    ("website with spaces around", {"website": "  https://ada.example  "}, Stored(website="https://ada.example")),
    # --- the parent ---
    ("parent on another essay", {"parent": PARENT_ELSEWHERE}, Refused("parent")),
    ("parent that does not exist", {"parent": "c0ffee000000"}, Refused("parent")),
    ("sql as the parent", {"parent": "1; DROP TABLE comments;--"}, Refused("parent")),
]

assert len(CASES) >= 30

# An import brings comments that were public before: a body over the live form's limit is
# kept whole up to essaykit.limits.MAX_IMPORTED_BODY_CHARS (the 1 MB body stays refused).
IMPORTED_CASES = [(name, overrides, Stored() if name == "5,001 characters" else expected)
                  for name, overrides, expected in CASES]
