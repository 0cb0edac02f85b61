"""Attack: send a reader from this site to another one through a plain form's ``return`` field.

``http://evil.example\\@HOST/`` is HOST to Python's ``urlsplit`` and evil.example to a browser, so
a check that trusts the first sent the browser to evil.example. ``return`` is taken only when
browsers and Python read the same host in it (no backslash, no userinfo, no whitespace), and the
page a refused form gets back carries the server's Content-Security-Policy like every other page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from helpers.api_client import ESSAY
from helpers.security import Browser


def hostile_returns(server) -> list[str]:
    host = urlsplit(server.url).netloc
    return [f"http://evil.example\\@{host}/", f"http://evil.example@{host}/", f"http://user:pw@{host}/",
            f"http:\\\\evil.example\\{host}/", f" http://{host}/\t@evil.example/"]


@pytest.mark.parametrize("which", range(5))
def test_return_urls_read_differently_are_ignored(hostile_server, which):
    target = hostile_returns(hostile_server)[which]
    answer = Browser(hostile_server).post_comment(form=True, **{"return": target})
    assert answer.status == 303, answer
    location = answer.headers["location"]
    assert "evil" not in location and "@" not in location and "\\" not in location, location
    assert urlsplit(location).netloc in ("", urlsplit(hostile_server.url).netloc), location


def test_a_same_origin_return_is_still_followed(hostile_server):
    back = f"{hostile_server.url}/voila/render/{ESSAY}.ipynb?from=form"
    answer = Browser(hostile_server).post_comment(form=True, **{"return": back})
    assert answer.status == 303 and answer.headers["location"].startswith(back + "#"), answer.headers


def test_the_refused_forms_page_has_a_content_security_policy(hostile_server):
    answer = Browser(hostile_server).post_comment(form=True, email="not an email")
    assert answer.status == 400 and "text/html" in answer.headers["content-type"], answer
    policy = answer.headers.get("content-security-policy", "")
    assert "default-src" in policy and "unsafe-eval" not in policy, answer.headers
