"""The Follow form in a real Chromium, without JavaScript: on a static site built with ``--api`` (served
from another origin, listed with --allow-origin) and on the live index and essay page of ``essaykit serve``; the
reader comes back to the page with the notice shown, and the confirmation reaches a real SMTP server."""

from __future__ import annotations

import pytest

from helpers.api_client import serve_folder, start, write_site
from helpers.cli import run_essaykit
from helpers.servers import free_port, stop_process
from helpers.smtp import MailServer

pytestmark = [pytest.mark.browser]
NOTICE = "If this address can follow the blog, an email is on its way"


@pytest.fixture(scope="module")
def sites(tmp_path_factory, browser):
    base = tmp_path_factory.mktemp("follow-browser")
    mail = MailServer().start()
    folder = write_site(base / "essays")
    db = f"sqlite:///{base / 'comments.sqlite'}"
    api_port, static_port = free_port(), free_port()
    static = f"http://127.0.0.1:{static_port}"
    built = run_essaykit("build", folder, "-o", base / "site", "--base-url", f"{static}/", "--no-execute",
                         "--api", f"http://127.0.0.1:{api_port}/", "--db", db, cwd=base, timeout=600)
    assert built.returncode == 0, built.stderr
    api = start(folder, db, base / "server.log", "--allow-origin", static, "--smtp", mail.url(), "--mail-from",
                "Film notes <blog@example.org>", "--public-url", f"http://127.0.0.1:{api_port}/", "--mail-every",
                "0.2", port=api_port)
    files = serve_folder(base / "site", static_port)
    api.static, api.mail, api.base = static, mail, base
    yield api
    files.shutdown()
    files.server_close()
    stop_process(api.proc)
    mail.stop()


def follow(browser, url: str, email: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url)
        form = page.locator("form.ek-follow")
        form.get_by_label("Your email address", exact=True).fill(email)
        form.get_by_role("button", name="Follow").click()
        page.wait_for_url("**#ek-follow-sent", timeout=60_000)
        assert page.get_by_role("status").filter(has_text=NOTICE).is_visible(), "the notice shows on return"
    finally:
        context.close()


def test_the_static_index_built_with_api_takes_a_follower(browser, sites):
    html = (sites.base / "site" / "index.html").read_text(encoding="utf-8")
    assert f'action="http://127.0.0.1:{sites.port}/api/follow"' in html, "the form posts to the --api server"
    follow(browser, sites.static + "/index.html", "static-reader@example.org")
    confirm = sites.mail.wait_for(1, to="static-reader@example.org")[0]
    assert confirm["Subject"] == "Confirm: follow Film notes by email"


@pytest.mark.parametrize("path", ["/", "/voila/render/the-salt-road.ipynb"], ids=["index", "essay"])
def test_the_live_pages_take_a_follower(browser, sites, path):
    reader = f"live-reader-{len(path)}@example.org"
    follow(browser, sites.url + path, reader)
    confirm = sites.mail.wait_for(1, to=reader)[0]
    assert confirm["Subject"] == "Confirm: follow Film notes by email"
