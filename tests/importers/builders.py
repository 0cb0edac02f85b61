"""Builders for the import tests: WXR documents, items and comments, and an HTML safety check.

No tests live here; the ``test_*`` modules beside it import these.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WXR_FIXTURE = FIXTURES / "blog.wxr.xml"
HTML_FIXTURE = FIXTURES / "saved-page.html"
TEXT_FIXTURE = FIXTURES / "copied-post.txt"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wxr_comment(cid: int | str, *, author: str = "A Reader", email: str = "reader@example.org", url: str = "",
                content: str = "A kind comment.", approved: str = "1", kind: str = "comment",
                parent: int | str = 0, date_gmt: str = "2026-10-03 08:00:00") -> str:
    return (
        f"<wp:comment><wp:comment_id>{cid}</wp:comment_id>"
        f"<wp:comment_author>{cdata(author)}</wp:comment_author>"
        f"<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>"
        f"<wp:comment_author_url>{url}</wp:comment_author_url>"
        f"<wp:comment_date_gmt>{cdata(date_gmt)}</wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(content)}</wp:comment_content>"
        f"<wp:comment_approved>{cdata(approved)}</wp:comment_approved>"
        f"<wp:comment_type>{cdata(kind)}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n"
    )


def wxr_item(post_id: int | str, *, title: str = "A post", content: str = "<p>Some text.</p>",
             status: str = "publish", post_type: str = "post", name: str | None = None,
             date_gmt: str = "2026-10-02 18:30:00", comments: tuple[str, ...] = (), link: str | None = None,
             categories: tuple[tuple[str, str], ...] = (), pub_date: str = "") -> str:
    slug = name if name is not None else f"post-{post_id}"
    link = link if link is not None else f"https://blog.example.org/{slug}/"
    cats = "".join(f'<category domain="{d}" nicename="{n.lower()}">{cdata(n)}</category>' for d, n in categories)
    return (
        f"<item><title>{cdata(title)}</title><link>{link}</link>"
        + (f"<pubDate>{pub_date}</pubDate>" if pub_date else "")
        + f"<dc:creator>{cdata('writer')}</dc:creator>"
        f"<content:encoded>{cdata(content)}</content:encoded><excerpt:encoded>{cdata('')}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>"
        f"<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata(status)}</wp:status>"
        f"<wp:post_type>{cdata(post_type)}</wp:post_type>{cats}{''.join(comments)}</item>\n"
    )


def wxr_document(*items: str, version: str = "1.2", site: str = "https://blog.example.org",
                 declaration: str = '<?xml version="1.0" encoding="UTF-8" ?>', doctype: str = "") -> str:
    ns = f"http://wordpress.org/export/{version}/"
    return (
        f"{declaration}\n{doctype}"
        f'<rss version="2.0" xmlns:excerpt="{ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">\n<channel>\n'
        f"<title>Test blog</title><link>{site}</link><wp:wxr_version>{version}</wp:wxr_version>\n"
        f"<wp:base_blog_url>{site}</wp:base_blog_url>\n"
        f"<wp:author><wp:author_login>{cdata('writer')}</wp:author_login>"
        f"<wp:author_display_name>{cdata('Wren Writer')}</wp:author_display_name></wp:author>\n"
        + "".join(items) + "</channel>\n</rss>\n"
    )


def write_wxr(path: Path, *items: str, **kwargs) -> Path:
    path.write_text(wxr_document(*items, **kwargs), encoding="utf-8")
    return path


# --- what must never reach a page -------------------------------------------------------------

ACTIVE_TAGS = {"script", "iframe", "object", "embed", "style", "base", "meta", "link", "form", "svg", "math", "frame"}


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text", "data:image/svg")):
                    self.found.append(f"{tag} {name}={value[:40]}")


def assert_notebooks_pass_check(folder: Path) -> None:
    """Every notebook an import wrote in ``folder`` is valid nbformat and passes ``essaykit check``."""
    import nbformat

    from essaykit.essay import check_essay

    written = list(folder.glob("*.ipynb"))
    assert written, f"no notebook in {folder}"
    for path in written:
        nbformat.validate(nbformat.read(path, as_version=4))
        assert check_essay(path)[1] == [], f"{path.name} passes essaykit check"


def dangerous(markup: str, *, allow: set[str] = frozenset()) -> list[str]:
    """Active content in ``markup``: script-like tags, on* handlers, javascript: URLs.

    ``allow`` names tags the page chrome itself uses (the exported page's own
    ``<script>``/``<style>``); check the essay body, or strip those first.
    """
    audit = _Audit()
    audit.feed(markup)
    audit.close()
    return [f for f in audit.found if not any(f == f"<{t}>" for t in allow)]


# Hostile fragments for post and comment HTML; none may survive the import.
HOSTILE = [
    "<script>alert('post')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<a href=\"javascript:alert('link')\">click me</a>",
    "<a href=\"JaVaScRiPt&#58;alert('entity')\">encoded scheme</a>",
    "<a href=\" java\tscript:alert('tab')\">tabbed scheme</a>",
    "<p onclick=\"alert('p')\" onmouseover=\"alert('hover')\">handlers</p>",
    "<iframe src=\"javascript:alert('frame')\"></iframe>",
    "<svg onload=\"alert('svg')\"><circle r=\"4\"/></svg>",
    "<style>body{background:url(javascript:alert('css'))}</style>",
    "<object data=\"javascript:alert('object')\"></object>",
    "<form action=\"javascript:alert('form')\"><button>go</button></form>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"data:text/html,<script>alert('data')</script>\">data link</a>",
    "<scr<script>ipt>alert('split')</script>",
    "<div><math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math></div>",
    "&lt;script&gt;alert('escaped')&lt;/script&gt;",
]


#: An article's prose long enough to be the post (the byline tests' pages put their byline before it).
LOCK_TEXT = "<p>" + "The lock keeper opens the gates at six and closes them when the last barge is through. " * 6 + "</p>"


def byline_post(tmp_path: Path, *, head: str = "", body: str = "", lang: str = "", after: str = ""):
    """The post read from a saved page titled "The Lock at Six" with ``head`` in its ``<head>``, ``body`` (a
    byline, a date) before :data:`LOCK_TEXT` in its ``<article>`` and ``after`` (a comment list) after it;
    without trafilatura's second opinion."""
    from essaykit.importers.html_page import read_html_page

    page = tmp_path / "page.html"
    page.write_text(f"<html{f' lang={lang!r}' if lang else ''}><head><title>The Lock at Six</title>{head}</head>"
                    f"<body><article><h1>The Lock at Six</h1>{body}{LOCK_TEXT}</article>{after}</body></html>",
                    encoding="utf-8")
    [post] = read_html_page(page, second_opinion=False)
    return post


def read_copy(tmp_path: Path, text: str):
    """The one post ``essaykit import`` reads from a text copy holding ``text``."""
    from essaykit.importers.text import read_text_copy

    copy = tmp_path / "copy.txt"
    copy.write_text(text, encoding="utf-8")
    [post] = read_text_copy(copy)
    return post


def read_copy_lines(tmp_path: Path, lines: list[str]):
    """The one post read from a text copy of ``lines``."""
    return read_copy(tmp_path, "\n".join(lines) + "\n")


def approved_names(post) -> list[str]:
    """The authors of ``post``'s approved comments (not pingbacks), in order."""
    return [c.author for c in post.comments if c.kind == "comment" and c.status == "approved"]
