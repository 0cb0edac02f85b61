"""Hostile and malformed comment inputs, shared by the render, widget and browser tests.

Every payload that could run script tries to set ``window.__xss``; the browser
tests assert it never is. ``refused`` names the field the store must refuse
(``None``: the comment is stored and must render inert). Emails are unique
per payload so duplicate detection does not get in the way.
"""

from __future__ import annotations

from dataclasses import dataclass

FLAG = "window.__xss=1"
SVG_SCRIPT_B64 = "PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg=="  # <script>window.__xss=1</script>


@dataclass(frozen=True)
class Payload:
    id: str
    body: str = "An ordinary comment."
    author: str = "Reader"
    website: str = ""
    email: str = ""
    refused: str | None = None  # the field the store refuses, or None when stored
    keep: str = ""  # text that must survive intact in the rendered page

    def fields(self) -> dict:
        return {"author": self.author, "email": self.email or f"{self.id}@example.org",
                "website": self.website, "body": self.body}


PAYLOADS: list[Payload] = [
    # --- body: raw HTML and script ------------------------------------------------
    Payload("script-tag", body=f"<script>{FLAG}</script> after"),
    Payload("img-onerror", body=f'<img src=x onerror="{FLAG}">'),
    Payload("img-onerror-unquoted", body=f"<img src=x onerror={FLAG}>"),
    Payload("svg-onload", body=f'<svg onload="{FLAG}"><circle r="5"/></svg>'),
    Payload("svg-script", body=f"<svg><script>{FLAG}</script></svg>"),
    Payload("iframe-js", body=f'<iframe src="javascript:{FLAG}"></iframe>'),
    Payload("details-ontoggle", body=f'<details open ontoggle="{FLAG}"><summary>x</summary></details>'),
    Payload("input-autofocus", body=f"<input autofocus onfocus={FLAG}>"),
    Payload("body-onload", body=f"<body onload={FLAG}>"),
    Payload("object-data", body=f'<object data="javascript:{FLAG}"></object>'),
    Payload("embed-data", body=f'<embed src="data:text/html;base64,{SVG_SCRIPT_B64}">'),
    Payload("form-action", body=f'<form action="javascript:{FLAG}"><button>go</button></form>'),
    Payload("style-tag", body=f"<style>*{{background:url(javascript:{FLAG})}}</style>"),
    Payload("anchor-onclick", body=f'<a href="https://example.org/" onclick="{FLAG}">click</a>'),
    Payload("nested-script", body=f"<<script>script>{FLAG}<</script>/script>"),
    Payload("mutation-xss", body=f"<math><mtext><table><mglyph><style><img src=x onerror={FLAG}>"),
    Payload("alert-dialog", body="<img src=x onerror=alert(1)>"),
    # --- body: Markdown link tricks ---------------------------------------------------
    Payload("md-javascript-link", body=f"[click me](javascript:{FLAG})"),
    Payload("md-mixed-case-js", body=f"[click me](JaVaScRiPt:{FLAG})"),
    Payload("md-entity-js", body=f"[click me](&#106;avascript:{FLAG})"),
    Payload("md-colon-entity", body=f"[click me](javascript&colon;{FLAG})"),
    Payload("md-data-link", body=f"[click me](data:text/html;base64,{SVG_SCRIPT_B64})"),
    Payload("md-vbscript", body=f"[click me](vbscript:{FLAG})"),
    Payload("md-image-js", body=f"![pic](javascript:{FLAG})"),
    Payload("md-image-attr-break", body=f'![pic](x" onerror="{FLAG})'),
    Payload("md-title-break", body=f'[click me](https://example.org/ "t\\" onclick=\\"{FLAG}")'),
    Payload("md-reference-js", body=f"[click me][r]\n\n[r]: javascript:{FLAG}"),
    Payload("md-autolink-js", body=f"<javascript:{FLAG}>"),
    Payload("md-autolink-attr", body=f'<https://example.org/" onmouseover="{FLAG}>'),
    Payload("code-span", body=f"`<img src=x onerror={FLAG}>` is how not to do it", keep="<img src=x onerror="),
    Payload("code-block", body=f"```html\n<script>{FLAG}</script>\n```", keep="<script>window.__xss=1</script>"),
    # --- name: breaking out of attributes and elements ----------------------------------
    Payload("name-double-quote", author=f'"><img src=x onerror={FLAG}>'),
    Payload("name-single-quote", author=f"'><svg onload={FLAG}>"),
    Payload("name-script", author=f"<script>{FLAG}</script>"),
    Payload("name-with-website-quote", author=f'Eve" onmouseover="{FLAG}', website="https://example.org/eve"),
    Payload("name-bidi-override", author="\u202eevil\u202c Reader", keep="evil Reader"),
    Payload("name-zero-width", author="ad\u200bmin\u2060 Reader", keep="admin Reader"),
    # --- website ---------------------------------------------------------------------
    Payload("website-javascript", website=f"javascript:{FLAG}", refused="website"),
    Payload("website-js-leading-space", website=f"  javascript:{FLAG}", refused="website"),
    Payload("website-data", website=f"data:text/html;base64,{SVG_SCRIPT_B64}", refused="website"),
    Payload("website-quote-break", website=f'https://example.org/"onmouseover="{FLAG}', refused="website"),
    Payload("website-single-quote", website=f"https://example.org/'onmouseover='{FLAG}", refused="website"),
    Payload("website-angle", website=f"https://example.org/?<img src=x onerror={FLAG}>", refused="website"),
    Payload("website-ftp", website="ftp://example.org/file", refused="website"),
    # --- control characters, sizes, odd text ---------------------------------------------
    Payload("nul-byte", body=f"hello\x00<script>{FLAG}</script>"),
    Payload("crlf", body=f"line one\r\nline two\r\n<img src=x onerror={FLAG}>"),
    Payload("sql-looking", body="'); DROP TABLE comments; -- and \" OR 1=1 --", keep="DROP TABLE comments"),
    Payload("emoji-rtl", author="نور 🌙", body="שלום 👋🏽 مرحبا — a fine film", keep="שלום 👋🏽 مرحبا"),
    Payload("body-5001", body="x" * 5001, refused="body"),
    Payload("body-1mb", body="y" * 1_000_000, refused="body"),
    Payload("empty-body", body="   \n ", refused="body"),
    # --- name and email ------------------------------------------------------------------
    Payload("empty-name", author="  ", refused="author"),
    Payload("email-without-at", email="reader.example.org", refused="email"),
    Payload("email-display-name", email="Reader <reader@example.org>", refused="email"),
]

STORED = [p for p in PAYLOADS if p.refused is None]
REFUSED = [p for p in PAYLOADS if p.refused is not None]
