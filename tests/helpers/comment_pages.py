"""Helpers for the comment browser tests: drive the comment form of an ``essaykit serve`` page,
and look for script that ran when it should not have."""

from __future__ import annotations

# Generous: two shared cores.
LOAD_MS = 180_000
ANSWER_MS = 60_000
FORM_FIELDS = {"author": "Name", "email": "Email", "website": "Website", "body": "Comment"}


def open_comments(page, url: str) -> None:
    """Load a live essay and wait until the comment form can be used."""
    page.goto(url, timeout=LOAD_MS)
    button = page.get_by_role("button", name="Post comment", exact=True)
    button.wait_for(state="visible", timeout=LOAD_MS)
    page.wait_for_function(
        "() => { const b = document.querySelector('.ek-comment-form__submit'); return b && !b.disabled; }",
        timeout=LOAD_MS)
    page.locator(".ek-comments__count").wait_for(state="visible", timeout=LOAD_MS)


def fill_form(page, fields: dict) -> None:
    for name, label in FORM_FIELDS.items():
        if name in fields:
            page.get_by_label(label, exact=True).fill(fields[name])


def post_comment(page, body: str, email: str = "mara@example.org") -> None:
    """Fill the page's comment form as Mara Margin and post it (without waiting for the answer)."""
    fill_form(page, {"author": "Mara Margin", "email": email, "body": body})
    page.locator("#ek-cf .ek-comment-form__submit").click()


def narrow_to_phone(page, block: str):
    """At 390 px: the "N comments on this paragraph" count after paragraph ``block``, once it shows."""
    page.set_viewport_size({"width": 390, "height": 844})
    count = page.locator(f"p#{block} + .ek-para-tools + .ek-anchor-count")
    count.wait_for(state="visible", timeout=ANSWER_MS)
    return count


def first_paragraph_link_without_javascript(browser, url: str, client: str):
    """A reader without JavaScript (from address ``client``) opens ``url`` and follows the first paragraph's
    "Comment on this paragraph"; returns the context, the page and that paragraph's id."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False,
                                  extra_http_headers={"X-Forwarded-For": client})
    page = context.new_page()
    page.goto(url, timeout=LOAD_MS)
    block = page.locator('p[id^="ek-p-"]').first.get_attribute("id")
    page.locator(f"p#{block} + .ek-para-tools a").click()
    return context, page, block


def select_words(page, quote: str, *, length: int | None = None) -> None:
    """Select ``quote`` in the essay's paragraph that holds it, as a mouse drag leaves it; ``length=0``: only the
    caret before it."""
    page.evaluate("""([quote, length]) => {
        const p = Array.from(document.querySelectorAll('p[id^="ek-p-"]')).find((el) => el.textContent.includes(quote));
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.data.includes(quote));
        const range = document.createRange(), at = node.data.indexOf(quote);
        range.setStart(node, at); range.setEnd(node, at + length);
        getSelection().removeAllRanges(); getSelection().addRange(range);
    }""", [quote, len(quote) if length is None else length])


def select_with_keys(page, quote: str) -> None:
    """In a caret-browsing Chromium (the ``caret_browser`` fixture): the caret before ``quote``, where the arrow
    keys would take it, then Shift+ArrowRight once per character, as a keyboard-only reader selects."""
    select_words(page, quote, length=0)
    for _ in quote:
        page.keyboard.press("Shift+ArrowRight")


def submit(page) -> dict:
    """Click "Post comment" and wait for the answer (API or kernel); returns what the form then says,
    with the values of the four fields a reader types in."""
    page.get_by_role("button", name="Post comment", exact=True).click()
    page.wait_for_function(
        """() => {
            const f = document.querySelector('.ek-comment-form');
            const b = f.querySelector('.ek-comment-form__submit');
            const said = f.querySelector('.ek-comment-form__status').textContent
                      || f.querySelector('.ek-comment-form__alert').textContent;
            return said && !b.disabled;
        }""", timeout=ANSWER_MS)
    return page.evaluate(
        """() => {
            const f = document.querySelector('.ek-comment-form');
            const values = {};
            for (const el of f.querySelectorAll('.ek-comment-form__input')) values[el.name] = el.value;
            return {
                status: f.querySelector('.ek-comment-form__status').textContent,
                alert: f.querySelector('.ek-comment-form__alert').textContent,
                invalid: Array.from(f.querySelectorAll('[aria-invalid="true"]'), (el) => el.name),
                values,
            };
        }""")


# Fire every event a payload might hang a handler on, on every element of the
# comment section, then wait for images to settle. Navigation is prevented so
# an http link does not leave the page; inline handlers still run, and a
# javascript: link is reported by href rather than followed.
PROVOKE = """
async (selector) => {
  const root = document.querySelector(selector) || document.body;
  const stopNav = (ev) => { if (ev.target.closest && ev.target.closest('a')) ev.preventDefault(); };
  document.addEventListener('click', stopNav, true);
  const unsafe = [];
  for (const el of root.querySelectorAll('*')) {
    for (const attr of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href']) {
      const v = (el.getAttribute(attr) || '').trim().toLowerCase();
      if (v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text')) {
        unsafe.push(`${el.tagName} ${attr}=${v.slice(0, 60)}`);
      }
    }
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'click', 'toggle', 'animationstart']) {
      try { el.dispatchEvent(new Event(type, { bubbles: true })); } catch (e) { /* ignore */ }
    }
  }
  document.removeEventListener('click', stopNav, true);
  await Promise.all(Array.from(document.images, (img) => img.complete ? null :
    new Promise((ok) => { img.addEventListener('load', ok); img.addEventListener('error', ok); })));
  await new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
  return { flag: window.__xss === undefined ? null : String(window.__xss), unsafe,
           handlers: Array.from(root.querySelectorAll('*')).flatMap((el) =>
             Array.from(el.attributes).filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)) };
}
"""


def provoke(page, selector: str = ".ek-comments") -> dict:
    return page.evaluate(PROVOKE, selector)
