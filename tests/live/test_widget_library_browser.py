"""A widget library that is not ipywidgets (ipyleaflet, whose front end is the jupyter-leaflet lab
extension) is drawn on a live page by its own front end, loaded from this server, and stays live: the
reader zooms the map and the kernel hears it. essaykit's bundle draws only ipywidgets and anywidget, so
such a page loads Voilà's front end, which loads every installed widget library's extension
(essaykit.live.app.voila.widget_extensions) and nothing else JupyterLab has."""

from __future__ import annotations

import json

import pytest

from helpers.browser import external_requests, shot
from helpers.notebooks import code_cell, md_cell, notebook
from helpers.servers import serve_essaykit, stop_process

from essaykit.live.pages.libraries import EXTENSIONS, allow_eval, uses_library, widget_extensions

pytestmark = pytest.mark.browser
LONG = 90_000  # ms

MAP = ("import ipywidgets as w\n"
       "from ipyleaflet import Map, Marker\n"
       "m = Map(center=(52.52, 13.40), zoom=5, scroll_wheel_zoom=False)\n"
       "m.add(Marker(location=(52.52, 13.40), title='Berlin', draggable=False))\n"
       "said = w.Label(f'zoom {m.zoom}')\n"
       "m.observe(lambda change: setattr(said, 'value', f\"zoom {change['new']}\"), 'zoom')\n"
       "w.VBox([m, said])")


def test_widget_libraries_are_the_installed_extensions_that_build_on_ipywidgets(tmp_path):
    def extension(name: str, dependencies: dict) -> None:
        folder = tmp_path.joinpath(*name.split("/"))
        folder.mkdir(parents=True)
        (folder / "package.json").write_text(json.dumps({"name": name, "version": "1.0.0",
                                                         "dependencies": dependencies}))

    extension("chart-widgets", {"@jupyter-widgets/base": "^6", "d3": "^7"})
    extension("@acme/map-widgets", {"@jupyter-widgets/base": "^6"})
    extension("a-lab-theme", {"@jupyterlab/apputils": "^4"})
    assert widget_extensions([str(tmp_path)]) == [*EXTENSIONS, "@acme/map-widgets", "chart-widgets"], \
        "widget libraries join the managers; a lab-only extension does not"
    assert "jupyter-leaflet" in widget_extensions(), "ipyleaflet's front end, installed with the test extras"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("library") / "essays"
    folder.mkdir()
    nb = notebook([md_cell("Where the film was shot."), code_cell(MAP)], essay={"title": "Map", "slug": "map"})
    (folder / "map.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    server = serve_essaykit(folder, log=folder.parent / "server.log", warm_kernels=1)
    yield server
    stop_process(server.proc)


def test_only_an_essay_importing_such_a_library_gets_unsafe_eval_for_its_front_end():
    assert uses_library((MAP,)), "ipyleaflet requires jupyter_leaflet, which ships the front end"
    for plain in ("import ipywidgets as w\nw.IntSlider()", "import json, numpy\nfrom essaykit import Rating",
                  "%matplotlib inline", "from . import local"):
        assert not uses_library((plain,)), plain
    assert allow_eval("default-src 'self'; script-src 'self' blob:") == "default-src 'self'; script-src 'self' blob: 'unsafe-eval'"


def test_a_leaflet_map_is_drawn_by_its_own_front_end_and_stays_live(site, page):
    from playwright.sync_api import expect

    answer = page.goto(site.url + "/voila/render/map.ipynb")
    assert "'unsafe-eval'" in answer.headers["content-security-policy"], "jupyter-leaflet builds functions from text"
    expect(page.locator(".leaflet-container")).to_be_visible(timeout=LONG)
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)
    expect(page.get_by_text("zoom 5")).to_be_visible()
    assert page.get_by_text("javascript error", exact=False).count() == 0, "the library's front end loaded"
    assert any("/labextensions/jupyter-leaflet/" in url for url in page.requests_seen), \
        "jupyter-leaflet's code comes from this server"
    assert not any("/labextensions/essaykit/" in url for url in page.requests_seen), "lab-only extensions stay out"
    page.locator(".leaflet-control-zoom-in").click()
    expect(page.get_by_text("zoom 6")).to_be_visible(timeout=LONG), "the kernel heard the reader zoom in"
    shot(page, "leaflet-map")
    # The map's tiles come from a tile server on the internet: the page's CSP keeps them from loading.
    assert not [u for u in external_requests(page.requests_seen) if "tile" not in u], page.requests_seen
