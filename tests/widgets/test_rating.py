"""Rating widget: argument checks, the static twin, once-per-reader ratings in a real
SQLite store, and refusal of anything odd arriving through the comm channel."""

from __future__ import annotations

import math
import re

import pytest

from essaykit.errors import WidgetError
from essaykit.widgets._session import READER_ID, kernel_session_id, reader_session
from essaykit.widgets.rating import Rating
from helpers.browser import STOCK_VOILA_CDN, external_requests
from helpers.cli import run_essaykit
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.widgets import WIDGET_VIEW, front_end, invoke, twin

ESSAY = "the-salt-road"


@pytest.fixture
def rating(store):
    """A Rating on a real store, whose replies to the front end are recorded in ``.sent``."""

    def make(value=4, *, session="reader-a", **kwargs):
        widget = Rating(value, essay=kwargs.pop("essay", ESSAY), session=session, store=store, **kwargs)
        widget.sent = []
        widget.send = lambda content, buffers=None: widget.sent.append(content)
        return widget

    return make


# --- bad arguments ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [7, "five", -1, 4.25, math.nan, math.inf, True, "4", [4]],
    ids=["7", "five", "-1", "quarter", "nan", "inf", "bool", "numeric-string", "list"],
)
def test_bad_author_value_is_refused(store, value):
    with pytest.raises(ValueError) as info:
        Rating(value, essay=ESSAY, store=store)
    assert f"value={value!r}" in str(info.value), f"the message should name value and quote it: {info.value}"
    assert isinstance(info.value, WidgetError) and info.value.parameter == "value"


@pytest.mark.parametrize("scale", [0, 1, 11, -5, 5.0, "5", None, True, "five"])
def test_bad_scale_is_refused(store, scale):
    with pytest.raises(ValueError) as info:
        Rating(None, scale=scale, essay=ESSAY, store=store)
    assert f"scale={scale!r}" in str(info.value), str(info.value)


@pytest.mark.parametrize("essay", ["", "Has Spaces", "the-salt-road\n", "../../etc/passwd", "x" * 500, 5])
def test_bad_essay_slug_is_refused(store, essay):
    with pytest.raises(ValueError, match="essay="):
        Rating(4, essay=essay, store=store)


@pytest.mark.parametrize("value, scale", [(None, 5), (0, 5), (3.5, 5), (5, 5), (8, 10), (2, 2)])
def test_good_author_values_are_kept(store, value, scale):
    widget = Rating(value, scale=scale, essay=ESSAY, store=store)
    assert widget.value == value and widget.scale == scale


def test_value_set_later_is_checked(rating):
    widget = rating(4)
    with pytest.raises(ValueError, match="value=9"):
        widget.value = 9
    assert widget.value == 4


def test_scale_lowered_below_value_is_refused(rating):
    widget = rating(4)
    with pytest.raises(ValueError, match="scale=3"):
        widget.scale = 3
    assert widget.scale == 5


def test_essay_defaults_to_current_slug(store, monkeypatch):
    monkeypatch.setenv("ESSAYKIT_SLUG", "a-quiet-second-feature")
    assert Rating(3, store=store).essay == "a-quiet-second-feature"


# --- static twin ---------------------------------------------------------------------


def test_bundle_has_live_view_and_twin(rating):
    data, _ = rating(4)._repr_mimebundle_()
    assert WIDGET_VIEW in data and data["text/html"].startswith('<div class="ek-rating-widget')


def test_twin_shows_author_stars(rating):
    html = twin(rating(3.5))
    assert 'aria-label="Rated 3.5 out of 5"' in html, "the author's stars need a text equivalent"
    assert "--ek-stars-fill: 70.0%" in html, "3.5 of 5 stars fill 70%"
    assert "No reader ratings yet." in html


def test_twin_without_author_rating_has_no_author_stars(rating):
    html = twin(rating(None))
    assert "Rated" not in html and "ek-rating-widget__author" not in html, "no author rating, no author stars"


def test_twin_reads_readers_average_at_export_time(rating, store):
    widget = rating(4)
    store.add_rating(ESSAY, "s1", 5)
    store.add_rating(ESSAY, "s2", 4)
    html = twin(widget)
    assert "4.5 out of 5 from 2 ratings" in html, "ratings given after display must show in the export"
    assert 'aria-label="Readers rated 4.5 out of 5"' in html


def test_twin_counts_only_this_essay(rating, store):
    store.add_rating("another-essay", "s1", 1)
    assert "No reader ratings yet." in twin(rating(4))


def test_twin_uses_vocabulary_stars(rating):
    from essaykit.html import stars

    assert stars(4.0, 5) in twin(rating(4)), "author stars come from the shared vocabulary"


# --- readers rate once ---------------------------------------------------------------


def test_reader_rates_and_average_updates(rating, store):
    widget = rating(4)
    assert widget.rate(2) is True
    assert (widget.mine, widget.average, widget.count) == (2, 2.0, 1)
    assert "You rated this essay 2 of 5" in widget.message
    assert "2 out of 5 from 1 rating" in widget.readers_html, "the live summary must update"
    assert store.rating_summary(ESSAY).count == 1, "the rating must reach the database"


def test_second_rating_from_same_widget_is_refused(rating, store):
    widget = rating(4)
    widget.rate(5)
    assert widget.rate(1) is False
    assert "already rated" in widget.message
    assert (widget.mine, widget.average, widget.count) == (5, 5.0, 1)
    assert store.rating_summary(ESSAY).count == 1


def test_second_rating_from_same_session_in_new_widget_is_refused(rating, store):
    rating(4, session="reader-a").rate(5)
    again = rating(4, session="reader-a")
    assert again.rate(1) is False, "a re-run cell or a second Rating must not allow a second vote"
    assert "already rated" in again.message
    assert store.rating_summary(ESSAY).average == 5.0


def test_other_readers_count(rating):
    rating(4, session="reader-a").rate(5)
    other = rating(4, session="reader-b")
    assert other.rate(2) is True
    assert (other.average, other.count) == (3.5, 2)


def test_half_stars_from_readers_are_refused(rating, store):
    widget = rating(4)
    assert widget.rate(2.5) is False
    assert store.rating_summary(ESSAY).count == 0


# --- the comm channel -----------------------------------------------------------------


def test_rate_command_is_stored_and_answered(rating, store):
    widget = rating(4, session=None)
    answer = invoke(widget, "_rate", {"value": 4, "reader": "0123456789abcdef0123"})
    assert answer == {"ok": True, "message": widget.message, "mine": 4, "readers_html": widget.readers_html}
    assert "4 out of 5 from 1 rating" in answer["readers_html"], "the answer carries the new average"
    assert store.rating_summary(ESSAY).count == 1


@pytest.mark.parametrize(
    "value",
    [0, 6, -1, 2.5, "4", None, True, [4], {"n": 4}, 1e308, "NaN", 10 ** 40],
    ids=["zero", "six", "negative", "half", "string", "null", "bool", "list", "object", "huge", "nan-text", "bigint"],
)
def test_out_of_range_rate_message_is_refused_without_crash(rating, store, value):
    widget = rating(4)
    assert invoke(widget, "_rate", {"value": value})["ok"] is False, "the front end must be told the rating was refused"
    assert widget.message == "A rating is a whole number of stars from 1 to 5."
    assert store.rating_summary(ESSAY).count == 0 and widget.mine is None


@pytest.mark.parametrize("content", ["rate", 4, None, [], {"event": "delete-all"}, {"value": 4},
                                     {"event": "rate", "value": 4}])
def test_unknown_messages_are_ignored_without_crash(rating, store, content):
    widget = rating(4)
    front_end(widget, "custom", content)
    assert widget.sent == [], "only the _rate command rates, and only a command is answered"
    assert store.rating_summary(ESSAY).count == 0


@pytest.mark.parametrize("msg", ["4", 4, None, [4]])
def test_a_rate_command_that_is_not_an_object_is_refused(rating, store, msg):
    widget = rating(4)
    assert invoke(widget, "_rate", msg)["ok"] is False
    assert store.rating_summary(ESSAY).count == 0


@pytest.mark.parametrize("state", [
    {"average": 99.0}, {"count": 1000}, {"mine": 5}, {"value": 1.0}, {"scale": 100},
    {"essay": "another-essay"}, {"readers_html": "<img src=x onerror=alert(1)>"}, {"message": "Hacked"},
    {"_esm": "alert(1)"},
], ids=lambda s: next(iter(s)))
def test_front_end_cannot_set_any_rating_state(rating, state):
    widget = rating(4)
    before = {name: getattr(widget, name) for name in widget.keys}
    front_end(widget, "update", state)
    after = {name: getattr(widget, name) for name in widget.keys}
    assert after == before, "every Rating trait is kernel-owned; readers act only through 'rate'"


def test_a_full_flow_of_hostile_messages_leaves_store_consistent(rating, store):
    widget = rating(4, session="reader-z")
    answers = [invoke(widget, "_rate", {"value": n}) for n in (6, 3, 3)]
    assert [a["ok"] for a in answers] == [False, True, False]
    summary = store.rating_summary(ESSAY)
    assert (summary.average, summary.count) == (3.0, 1)


def test_refresh_message_fetches_current_average(rating, store):
    widget = rating(4)
    store.add_rating(ESSAY, "someone-else", 2)
    assert widget.count == 0, "the widget was built before that rating"
    front_end(widget, "custom", {"event": "refresh"})
    assert (widget.average, widget.count) == (2.0, 1), "a page showing the widget asks for fresh numbers"
    assert widget.sent == [], "a refresh is not a rating attempt and needs no answer"


# --- store trouble ---------------------------------------------------------------------


class BrokenStore:
    """A store whose database has gone away, as the real one reports it."""

    def rating_summary(self, essay):
        from essaykit.errors import StoreError

        raise StoreError("cannot open the comment database: database is locked")

    def add_rating(self, essay, session, value, *, scale=5, client=""):
        return self.rating_summary(essay)


def test_unavailable_store_does_not_break_the_widget():
    widget = Rating(4, essay=ESSAY, store=BrokenStore(), session="s")
    assert "unavailable" in widget.message
    assert widget.rate(4) is False and "could not be saved" in widget.message
    assert 'aria-label="Rated 4 out of 5"' in twin(widget), "the author's rating still shows"


def test_unreachable_database_url_gives_polite_message(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    widget = Rating(4, essay=ESSAY, store=f"sqlite:///{blocker / 'sub' / 'c.sqlite'}", session="s")
    assert "unavailable" in widget.message
    assert widget.rate(3) is False


# --- reader sessions ---------------------------------------------------------------------


def test_session_order(monkeypatch):
    monkeypatch.delenv("ESSAYKIT_SESSION", raising=False)
    browser = "0123456789abcdef0123456789abcdef"
    assert reader_session("explicit", browser) == "explicit"
    assert reader_session(None, browser) == f"reader-{browser}"
    assert reader_session(None, None) == kernel_session_id()
    monkeypatch.setenv("ESSAYKIT_SESSION", "from-server")
    assert reader_session(None, browser) == "from-server", "a server-assigned session beats the browser's id"


@pytest.mark.parametrize("bad", ["short", "<script>", "a" * 65, "../../x", 42, None, "0123456789abcdef\n"])
def test_malformed_browser_ids_fall_back_to_kernel_session(monkeypatch, bad):
    monkeypatch.delenv("ESSAYKIT_SESSION", raising=False)
    assert reader_session(None, bad) == kernel_session_id()


def test_same_browser_id_cannot_rate_twice(rating, monkeypatch):
    monkeypatch.delenv("ESSAYKIT_SESSION", raising=False)
    reader = "feedfacefeedfacefeedfacefeedface"
    assert READER_ID.fullmatch(reader)
    first, second = rating(4, session=None), rating(4, session=None)
    invoke(first, "_rate", {"value": 5, "reader": reader})
    assert invoke(second, "_rate", {"value": 1, "reader": reader})["ok"] is False
    assert re.search("already rated", second.message)


# --- in a live page (stock Voilà, real Chromium) -------------------------------------------


@pytest.fixture
def live_rating(write_notebook, voila_server, tmp_path):

    cells = [md_cell("# Rate this\n\nA short essay."), code_cell("from essaykit import Rating\nRating(4)")]
    path = write_notebook(notebook(cells, essay={"title": "Rate this", "slug": "rate-this"}), "rate-this.ipynb")
    db = f"sqlite:///{tmp_path / 'live.sqlite'}"
    server = voila_server(path, env={"ESSAYKIT_DB": db})
    server.db = db
    return server


def db_summary(url: str, essay: str):
    from essaykit.comments.store import CommentStore

    with CommentStore.open(url) as store:
        return store.rating_summary(essay)


def open_rating(page, url: str):
    page.goto(url + "/", timeout=120_000)
    page.get_by_role("button", name="Rate 5 of 5", exact=True).wait_for(state="visible", timeout=180_000)


@pytest.mark.browser
@pytest.mark.slow
def test_rating_once_per_reader_in_voila(live_rating, browser, page, tmp_path):
    open_rating(page, live_rating.url)
    names = [b.get_attribute("aria-label") for b in page.locator(".ek-rate").all()]
    assert names == [f"Rate {n} of 5" for n in range(1, 6)], "the star buttons need these accessible names"
    assert page.get_by_role("img", name="Rated 4 out of 5").is_visible(), "the author's stars show"
    assert page.get_by_text("No reader ratings yet.").is_visible()

    page.get_by_role("button", name="Rate 4 of 5", exact=True).click()
    from playwright.sync_api import expect

    page.get_by_text("4 out of 5 from 1 rating").wait_for(state="visible", timeout=60_000)
    # The status line and the pressed star may be drawn a moment after the average: wait for them.
    expect(page.get_by_role("status")).to_contain_text("You rated this essay 4 of 5", timeout=30_000)
    expect(page.get_by_role("button", name="Rate 4 of 5", exact=True)).to_have_attribute(
        "aria-pressed", "true", timeout=30_000)
    page.screenshot(path=str(tmp_path / "rating-given.png"), full_page=True)
    assert (db_summary(live_rating.db, "rate-this").count) == 1, "the rating must reach the database"

    # The same reader, after a reload (a new kernel), is refused politely.
    open_rating(page, live_rating.url)
    page.get_by_role("button", name="Rate 1 of 5", exact=True).click()
    page.get_by_role("status").filter(has_text="already rated").wait_for(state="visible", timeout=60_000)
    expect(page.get_by_text("4 out of 5 from 1 rating")).to_be_visible(timeout=30_000)  # a refused rating changes nothing
    page.screenshot(path=str(tmp_path / "rating-refused.png"), full_page=True)
    assert db_summary(live_rating.db, "rate-this").count == 1

    # Another reader rates with the keyboard only, and the average moves.
    other = browser.new_context().new_page()
    try:
        open_rating(other, live_rating.url)
        other.get_by_role("button", name="Rate 2 of 5", exact=True).focus()
        other.keyboard.press("Enter")
        other.get_by_text("3 out of 5 from 2 ratings").wait_for(state="visible", timeout=60_000)
    finally:
        other.context.close()
    summary = db_summary(live_rating.db, "rate-this")
    assert (summary.count, summary.average) == (2, 3.0)
    assert external_requests(page.requests_seen, STOCK_VOILA_CDN) == [], \
        "the widget's code and styles ship in the package; it must fetch nothing from the network"


# --- the static twin in an exported page ----------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_exported_rating_shows_author_and_readers(write_notebook, page, tmp_path):
    from essaykit.comments.store import CommentStore

    db = f"sqlite:///{tmp_path / 'export.sqlite'}"
    with CommentStore.open(db) as store:
        store.add_rating("exported", "reader-1", 5)
        store.add_rating("exported", "reader-2", 4)
    cells = [md_cell("# Exported\n\nText."), code_cell("from essaykit import Rating\nRating(3.5)")]
    path = write_notebook(notebook(cells, essay={"title": "Exported", "slug": "exported"}), "exported.ipynb")
    result = run_essaykit("export", path, "-o", tmp_path / "exported.html", "--db", db, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "exported.html").read_text(encoding="utf-8")
    assert 'aria-label="Rated 3.5 out of 5"' in html, "the export should show the author's stars"
    assert "4.5 out of 5 from 2 ratings" in html, "the export should show readers' average at export time"
    assert "Rate 1 of 5" not in html, "the static page has no rating buttons: it cannot store anything"

    page.goto((tmp_path / "exported.html").as_uri())
    assert page.get_by_role("img", name="Rated 3.5 out of 5").is_visible()
    assert page.get_by_role("img", name="Readers rated 4.5 out of 5").is_visible()
    fill = page.locator(".ek-rating-widget__readers .ek-stars__fill").evaluate("e => e.getBoundingClientRect().width")
    base = page.locator(".ek-rating-widget__readers .ek-stars__base").evaluate("e => e.getBoundingClientRect().width")
    assert abs(fill / base - 0.9) < 0.05, "4.5 of 5 stars should be drawn 90% filled"
    page.screenshot(path=str(tmp_path / "exported-rating.png"), full_page=True)

