"""A kernel that stops answering: the reader is told, and gets the control back.

Stock Voilà runs an essay with a Rating and a CommentSection in real Chromium.
Both widgets ask their kernel through anywidget's ``invoke`` with a timeout
(``timeout=4`` seconds here). The test first posts a comment normally, then
stops the page's kernel process (SIGSTOP: alive, holding its sockets, answering
nothing, like a kernel stuck in a long computation) and checks that each widget
shows its "no answer" message from the markup, keeps what the reader typed and
lets them try again. The words are read from the page's own data-ek-say-*
attributes, so the test checks that the scripts show those words.
"""

from __future__ import annotations

import os
import signal

import pytest

from helpers.api_client import kernel_processes
from helpers.comment_pages import ANSWER_MS, LOAD_MS, fill_form, open_comments, submit
from helpers.notebooks import code_cell, md_cell, notebook

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WAIT = 4


@pytest.fixture
def live_widgets(write_notebook, voila_server, tmp_path):
    cells = [md_cell("# Quiet kernels\n\nA short essay."),
             code_cell(f"from essaykit import CommentSection, Rating\nRating(4, timeout={WAIT})"),
             code_cell(f"CommentSection(timeout={WAIT})")]
    path = write_notebook(notebook(cells, essay={"title": "Quiet kernels", "slug": "quiet-kernels"}),
                          "quiet-kernels.ipynb")
    return voila_server(path, env={"ESSAYKIT_DB": f"sqlite:///{tmp_path / 'live.sqlite'}"})


def said(page, selector: str, key: str) -> str:
    """The words the markup gives the script for ``key`` (data-ek-say-*)."""
    return page.locator(selector).first.get_attribute(f"data-ek-say-{key.replace('_', '-')}")


def test_a_kernel_that_does_not_answer_gives_the_reader_a_message_and_the_control_back(live_widgets, page):
    from playwright.sync_api import expect

    open_comments(page, live_widgets.url + "/")
    page.get_by_role("button", name="Rate 5 of 5", exact=True).wait_for(state="visible", timeout=LOAD_MS)
    assert page.locator("[data-ek-rating]").get_attribute("data-ek-wait") == str(WAIT), "the timeout is in the markup"

    # While the kernel answers, commenting works as ever.
    fill_form(page, {"author": "Ada", "email": "ada@example.org", "body": "Posted while the kernel listens."})
    answer = submit(page)
    assert answer["status"] == "Your comment is awaiting moderation." and not answer["alert"], answer

    kernels = kernel_processes(live_widgets)
    assert kernels, "the page's kernel runs under the Voilà server"
    for kernel in kernels:
        os.kill(kernel.pid, signal.SIGSTOP)
    try:
        # The rating: the "no answer" words, then the stars work again.
        no_answer = said(page, "[data-ek-rating]", "no_answer_rating")
        assert no_answer, "the markup carries the rating's 'no answer' message"
        message = page.locator(".ek-rating-widget__message")
        page.get_by_role("button", name="Rate 5 of 5", exact=True).click()
        expect(message).to_have_text(said(page, "[data-ek-rating]", "saving_rating"))
        expect(message).to_have_text(no_answer, timeout=ANSWER_MS)
        expect(page.locator(".ek-rate[aria-disabled]")).to_have_count(0)
        expect(page.locator("[data-ek-rating]")).not_to_have_attribute("aria-busy", "true")
        page.get_by_role("button", name="Rate 3 of 5", exact=True).click()
        expect(message).to_have_text(said(page, "[data-ek-rating]", "saving_rating")), "the reader can try again"
        expect(message).to_have_text(no_answer, timeout=ANSWER_MS)

        # The comment: the "no answer" words, the text kept, the button back.
        fill_form(page, {"body": "Posted while the kernel is stopped."})
        answer = submit(page)
        assert answer["alert"] == said(page, "[data-ek-comments]", "no_answer") and answer["alert"], answer
        assert answer["values"]["body"] == "Posted while the kernel is stopped.", "the reader's text is kept"
        submit_button = page.get_by_role("button", name=said(page, "[data-ek-comments]", "post"), exact=True)
        expect(submit_button).to_be_enabled()
    finally:
        for kernel in kernels:
            os.kill(kernel.pid, signal.SIGCONT)
