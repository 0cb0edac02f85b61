"""Accessibility: axe-core audits the export, the site index, an essay page of the site and the live
page at 390 and 1280 px, light and dark, and finds no serious or critical violation; every colour pair
of the palette meets WCAG contrast. axe-core is the npm package ./dev installs into the virtualenv
(.venv/npm); it is injected from that file, never fetched, and the pages make no request for it."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

from essaykit.html.paths import essay_template_dir
from helpers import missing

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]
AXE = Path(os.environ.get("ESSAYKIT_AXE") or Path(sys.prefix) / "npm" / "node_modules" / "axe-core" / "axe.min.js")
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        missing(f"axe-core at {AXE} (./dev test runs npm install axe-core into .venv/npm)")
    return AXE.read_text(encoding="utf-8")


def audit(page, axe_source: str) -> list[dict]:
    """axe's serious and critical violations on the page as it is now (WCAG 2.x A and AA, best practices)."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations'],
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || ''))}));
    }""")
    return [v for v in result if v["impact"] in BLOCKING]


def check(browser, axe_source: str, url: str, name: str, *, prepare=None) -> None:
    failures = []
    for width in WIDTHS:
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme,
                                          bypass_csp=True)  # axe is injected as a script the page did not list
            page = context.new_page()
            page.goto(url)
            if prepare:
                prepare(page)
            page.evaluate("Promise.all(document.getAnimations().map(a => a.finished))")
            found = audit(page, axe_source)
            if found:
                failures.append(f"{name} at {width}px, {scheme}:\n" + json.dumps(found, indent=1))
            # Open every spoiler too: revealed text has colours of its own.
            # Revealing fades colours in: audit once the transitions have finished, not mid-way.
            page.evaluate("""async () => { document.querySelectorAll('[data-ek-spoiler]').forEach(s => s.click());
                document.querySelectorAll('details').forEach(d => d.open = true);
                await new Promise(requestAnimationFrame);
                await Promise.all(document.getAnimations().map(a => a.finished)); }""")
            found = audit(page, axe_source)
            if found:
                failures.append(f"{name} at {width}px, {scheme}, spoilers open:\n" + json.dumps(found, indent=1))
            context.close()
    assert not failures, "\n\n".join(failures)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo essays with a few comments (one an author reply), exported and built into a site."""
    from essaykit.comments.store import CommentStore
    from essaykit.essay import load_essay
    from essaykit.exports.export import essay_page
    from essaykit.exports.settings import NavLink, SiteSettings
    from essaykit.exports.site import BuildOptions, build_site

    root = tmp_path_factory.mktemp("axe")
    folder = root / "essays"
    shutil.copytree(ROOT / "notebooks", folder)
    sys.path.insert(0, str(ROOT / "tests" / "exports"))
    from blog_fixtures import review_folder

    review_folder(folder)
    db = f"sqlite:///{root / 'comments.sqlite'}"
    with CommentStore.open(db) as store:
        first = store.post("the-salt-road", author="Ines", email="ines@example.org",
                           body="The salt scenes are *extraordinary*. [A link](https://example.org)")
        store.set_status(first.comment.id, "approved", by="test")
        store.reply(first.comment.id, "Thank you, they were cold to film.", author="Maren Okafor", by="test")
        store.add_rating("the-salt-road", "s1", 4)
    export = root / "export.html"
    export.write_text(essay_page(load_essay(folder / "the-salt-road.ipynb"), db=db))
    settings = SiteSettings(title="Film notes", author="Maren Okafor", bio="Reviews slow films.",
                            nav=(NavLink("About", "https://example.org/about/"),))
    report = build_site(folder, root / "site", BuildOptions(jobs=2, db=db, settings=settings, title=settings.title),
                        stream=io.StringIO())
    assert not report.failed, [o.message for o in report.failed]
    return root


def test_export_has_no_serious_violations(browser, axe_source, built):
    check(browser, axe_source, (built / "export.html").as_uri(), "export")


def test_site_index_has_no_serious_violations(browser, axe_source, built):
    check(browser, axe_source, (built / "site" / "index.html").as_uri(), "site index")


def test_site_essay_with_notes_figure_and_pager_has_no_serious_violations(browser, axe_source, built):
    check(browser, axe_source, (built / "site" / "trains.html").as_uri(), "site essay")
    check(browser, axe_source, (built / "site" / "the-salt-road.html").as_uri(), "site essay with comments")


def test_chosen_dark_theme_has_no_serious_violations(browser, axe_source, built):
    def choose_dark(page):
        # The toggle names the mode it switches to: "Dark mode" on a light page; a dark system page is dark already.
        toggle = page.locator("[data-ek-theme-toggle]")
        if toggle.inner_text().strip().endswith("Dark mode"):
            toggle.click()
        page.wait_for_function("() => getComputedStyle(document.body).backgroundColor === 'rgb(23, 21, 19)'")

    check(browser, axe_source, (built / "site" / "trains.html").as_uri(), "site essay, dark chosen",
          prepare=choose_dark)


def test_live_page_has_no_serious_violations(browser, axe_source, essaykit_server, tmp_path):
    folder = tmp_path / "essays"
    shutil.copytree(ROOT / "notebooks", folder)
    server = essaykit_server(folder / "the-salt-road.ipynb")

    def settle(page):
        # The live cells have run and ipywidgets' manager has drawn the demo's slider (a condition, not
        # "network idle": a kernel's websocket and its reconnects are not requests that ever settle).
        page.wait_for_selector(".ek-slot.is-pending", state="detached", timeout=120_000)
        page.locator(".ek-page .widget-slider").first.wait_for(state="visible", timeout=120_000)

    check(browser, axe_source, server.url + "/", "live page", prepare=settle)


def test_the_audit_fails_when_a_violation_is_introduced(browser, axe_source, built):
    """The audit is not a formality: spoil the index in three ways and it must say so."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((built / "site" / "index.html").as_uri())
    page.evaluate("""() => {
        const p = document.createElement('p'); p.textContent = 'Barely readable'; p.style.color = '#eeeae4';
        document.querySelector('main').append(p);
        const img = document.createElement('img'); img.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';
        document.querySelector('main').append(img);
        document.querySelector('.ek-theme-toggle').textContent = '';
    }""")
    found = {v["id"] for v in audit(page, axe_source)}
    assert {"color-contrast", "image-alt", "button-name"} <= found, found
    context.close()


# --- every colour pair of the palette ---------------------------------------------------------


def _luminance(hex_colour: str) -> float:
    value = hex_colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palettes() -> dict[str, dict[str, str]]:
    css = (essay_template_dir() / "essay.css").read_text()
    light = dict(re.findall(r"--ek-([a-z-]+):\s*(#[0-9a-f]{6})", css.split("@media (prefers-color-scheme: dark)")[0]))
    chosen = css.split(':root[data-ek-theme="dark"]')[1].split("}")[0]
    dark = {**light, **dict(re.findall(r"--ek-([a-z-]+):\s*(#[0-9a-f]{6})", chosen))}
    system = css.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0]
    assert dict(re.findall(r"--ek-([a-z-]+):\s*(#[0-9a-f]{6})", system)).items() <= dark.items(), \
        "the system's dark palette and the chosen one are the same"
    return {"light": light, "dark": dark}


# (foreground, background, minimum): text needs 4.5:1, large/bold UI text and graphics 3:1.
PAIRS = [
    ("fg", "bg", 4.5), ("muted", "bg", 4.5), ("accent", "bg", 4.5),        # body text, bylines, links
    ("fg", "code-bg", 4.5), ("muted", "code-bg", 4.5), ("accent", "code-bg", 4.5),  # code, :target notes
    ("bg", "accent", 4.5),                                                 # spoiler and Author badges
    ("star", "bg", 3.0),                                                   # filled stars (graphics)
    ("spoiler-bg", "bg", 3.0),                                             # the hidden-spoiler bar
    ("fg", "code-bg", 4.5),                                                # revealed spoiler text
    ("muted", "code-bg", 4.5),                                             # quoted text in comments
]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_colour_pair_meets_wcag_contrast(scheme):
    colours = palettes()[scheme]
    low = [f"--ek-{fg} on --ek-{bg}: {contrast(colours[fg], colours[bg]):.2f} < {need}"
           for fg, bg, need in PAIRS if contrast(colours[fg], colours[bg]) < need]
    assert not low, low
    assert contrast(colours["accent"], colours["bg"]) >= 3.0, "focus outlines (accent) stand out from the page"
