"""The website in a real browser: it builds, and every page works offline.

The session builds the book (`tools/web_assets.py`, then `jupyter-book build`, as `make book`
does), serves `_build/html` on localhost and opens every page of `_toc.yml` in headless
Chromium, once. Each page gets a full-page screenshot in `test-artifacts/screenshots/`; the
tests then check what the visits recorded: no console errors, no request leaving the site,
every image loaded, notebook outputs (plots, widgets) on the page, the Colab links, navigation
and search. Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them).
"""

import base64
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from course.provenance import MIRROR, checkpoint_source, versions_line
from test_colab_links import links_in, problems

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,900"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PAGE_TIMEOUT = 15  # seconds for a page's scripts (widgets, search) to finish
MAX_SCREENSHOT_HEIGHT = 16000  # pixels; Chromium's limit for one capture is a little above


def toc_pages():
    """Docnames of the book in the order of `_toc.yml`."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [entry["file"] for part in toc["parts"] for entry in part["chapters"]]


PAGES = toc_pages()
NOTEBOOK_PAGES = [page for page in PAGES if (ROOT / page).with_suffix(".ipynb").exists()]
CHAPTERS = [page for page in NOTEBOOK_PAGES if page.startswith("chapters/")]


def expected_colab_url(page):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    github_path = config["url"].rstrip("/").split("github.com/", 1)[1]
    book = config.get("path_to_book", "").strip("/")
    path = f"{book}/{page}.ipynb" if book else f"{page}.ipynb"
    return f"https://colab.research.google.com/github/{github_path}/blob/{config['branch']}/{path}"


def notebook_outputs(page):
    """The MIME bundles of a notebook's stored display outputs."""
    notebook = nbformat.read((ROOT / page).with_suffix(".ipynb"), as_version=4)
    return [output.get("data", {}) for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs]


def stand_in_outputs(page):
    """How many stand-in badges the page should show: tagged cells with outputs, if made offline."""
    notebook = nbformat.read((ROOT / page).with_suffix(".ipynb"), as_version=4)
    if checkpoint_source(notebook) != MIRROR:
        return 0
    return sum(1 for cell in notebook.cells if cell.cell_type == "code" and cell.outputs
               and "stand-in" in cell.metadata.get("tags", []))


# ---------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def site():
    """Build the book exactly as `make book` does; return the folder of its HTML."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    for command in ([sys.executable, "tools/web_assets.py"],
                    [str(jupyter_book), "build", ".", "--warningiserror", "--nitpick", "--keep-going"]):
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            pytest.fail(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return HTML


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on a free localhost port; yield its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium session for every page, with console and network logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    chromedriver = shutil.which("chromedriver")
    if not (chromium and chromedriver):
        pytest.fail("The website test needs Chromium and its driver: install Debian's `chromium` and "
                    "`chromium-driver` (apt-get install chromium chromium-driver; .ci/run does).")
    with tempfile.TemporaryDirectory() as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS + [f"--user-data-dir={profile}"]:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=chromedriver))
        driver.set_page_load_timeout(30)
        driver.get_log("performance")  # drop what the browser's start page requested
        try:
            yield driver
        finally:
            driver.quit()


@pytest.fixture(scope="session")
def visits(server, browser):
    """Open every page (and a search) once; return what each visit recorded, by page name."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    recorded = {page: visit(browser, server, page + ".html", page) for page in PAGES}
    recorded["search"] = visit(browser, server, "search.html?q=attention+mask", "search")
    return recorded


# ---------------------------------------------------------------------------------- a visit

PAGE_STATE = """
const widgetViews = [...document.querySelectorAll('script[type="%s"]')];
return {
  ready: document.readyState,
  images: [...document.images].map(img => ({
    src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
    output: !!img.closest('.cell_output')})),
  outputs: document.querySelectorAll('.cell_output').length,
  widgetViews: widgetViews.length,
  renderedWidgets: widgetViews.filter(s => s.parentElement.querySelector('.jupyter-widgets')).length,
  colabLinks: [...document.querySelectorAll('a[href*="colab.research.google.com"]')].map(a => a.href),
  navCaptions: [...document.querySelectorAll('nav.bd-links p.caption')].map(p => p.textContent.trim()),
  navLinks: [...document.querySelectorAll('nav.bd-links a.reference.internal')].map(a => a.href),
  searchResults: [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.getAttribute('href')),
  searchDone: !!document.querySelector('#search-results p.search-summary')
    && document.querySelector('#search-results p.search-summary').textContent.trim() !== '',
  notices: [...document.querySelectorAll('.solutions-notice')].map(n => n.textContent.trim()),
  standInBadges: [...document.querySelectorAll('.cell.tag_stand-in .cell_output .stand-in-badge')]
    .map(a => ({text: a.textContent.trim(), title: a.title,
                target: !!document.getElementById(a.hash.slice(1))})),
  allStandInBadges: document.querySelectorAll('.stand-in-badge').length,
  versions: [...document.querySelectorAll('p.outputs-versions')].map(p => p.textContent.trim()),
  standInNotes: [...document.querySelectorAll('.stand-in-note')].map(n => n.textContent.trim()),
};
""" % WIDGET_VIEW


def settled(state, name):
    """Whether the page's own scripts are done: images loaded, widgets drawn, search finished."""
    return (state["ready"] == "complete" and all(image["complete"] for image in state["images"])
            and state["renderedWidgets"] == state["widgetViews"]
            and (name != "search" or state["searchDone"]))


def visit(driver, base_url, path, name):
    driver.get(base_url + path)
    deadline = time.monotonic() + PAGE_TIMEOUT
    state = driver.execute_script(PAGE_STATE)
    while not settled(state, name) and time.monotonic() < deadline:
        time.sleep(0.2)
        state = driver.execute_script(PAGE_STATE)
    time.sleep(0.3)  # let late console messages arrive
    state["console"] = driver.get_log("browser")
    state["requests"] = requested_urls(driver.get_log("performance"))
    state["screenshot"] = save_full_page_screenshot(driver, name)
    return state


def requested_urls(performance_log):
    urls = []
    for entry in performance_log:
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def save_full_page_screenshot(driver, name):
    """Resize the viewport to the whole page (sticky sidebars included) and save a PNG."""
    width, height = driver.execute_script(
        "return [window.innerWidth, document.documentElement.scrollHeight]")
    height = min(height, MAX_SCREENSHOT_HEIGHT)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path = SCREENSHOTS / (name.replace("/", "__") + ".png")
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


# ---------------------------------------------------------------------------------- tests

@pytest.mark.parametrize("page", PAGES + ["search"])
def test_page_has_no_console_errors(visits, page):
    errors = [entry["message"] for entry in visits[page]["console"] if entry["level"] == "SEVERE"]
    assert not errors, f"{page}: browser console errors:\n" + "\n".join(errors)


@pytest.mark.parametrize("page", PAGES + ["search"])
def test_page_loads_nothing_from_outside_the_site(visits, server, page):
    outside = [url for url in visits[page]["requests"]
               if url.startswith(("http:", "https:", "ws:", "wss:")) and not url.startswith(server)]
    assert not outside, f"{page} requests files from outside the site (they fail offline): {outside}"


@pytest.mark.parametrize("page", PAGES)
def test_every_image_loads(visits, page):
    images = visits[page]["images"]
    broken = [image["src"] for image in images if not image["complete"] or image["width"] == 0]
    assert images and not broken, f"{page}: images that did not load: {broken}"


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_shows_its_outputs_and_plots(visits, page):
    state = visits[page]
    outputs = notebook_outputs(page)
    assert state["outputs"] > 0, f"{page} shows no code outputs"
    plots = sum(1 for data in outputs if "image/png" in data)
    shown = [image for image in state["images"] if image["output"] and image["width"] > 0]
    assert len(shown) == plots, f"{page}: the notebook has {plots} plots, the page shows {len(shown)}"
    assert any(image["width"] > 0 for image in state["images"]), f"{page} shows no image"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_widgets_render(visits, page):
    stored = sum(1 for data in notebook_outputs(page) if WIDGET_VIEW in data)
    state = visits[page]
    assert state["widgetViews"] == stored, f"{page}: {stored} widget outputs stored, {state['widgetViews']} on the page"
    assert state["renderedWidgets"] == stored, f"{page}: only {state['renderedWidgets']} of {stored} widgets rendered"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_colab_badge_and_launch_button_open_this_notebook(visits, page):
    links = visits[page]["colabLinks"]
    assert len(links) >= 2, f"{page}: expected the badge and the launch button, found {links}"
    assert set(links) == {expected_colab_url(page)}


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_stand_in_outputs_are_marked_once_each_and_explained_once(visits, page):
    state, expected = visits[page], stand_in_outputs(page)
    badges = state["standInBadges"]
    assert len(badges) == state["allStandInBadges"] == expected, (
        f"{page}: {expected} outputs of `stand-in` cells made offline, {len(badges)} badges shown")
    assert all(badge["text"] == "stand-in weights" and "stand-in weights" in badge["title"]
               and badge["target"] for badge in badges), badges
    assert len(state["standInNotes"]) == (1 if expected else 0), state["standInNotes"]
    if expected:
        assert "About the outputs" in state["standInNotes"][0]


def test_some_chapter_shows_stand_in_markers(visits):
    assert any(visits[page]["standInBadges"] for page in CHAPTERS), "no chapter has `stand-in` cells"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_page_shows_the_versions_its_outputs_were_made_with(visits, page):
    expected = versions_line(nbformat.read((ROOT / page).with_suffix(".ipynb"), as_version=4))
    assert visits[page]["versions"] == ([expected] if expected else []), page


def test_every_colab_link_of_the_site_opens_a_notebook_of_this_branch(site):
    hrefs = [href for path in site.rglob("*.html")
             for href in re.findall(r'href="([^"]+)"', path.read_text())]
    links = [url for href in hrefs for url in links_in(href)]
    assert len(links) >= 2 * len(NOTEBOOK_PAGES), "badges and launch buttons missing"
    found = [problem for url in links for problem in problems(url)]
    assert not found, "\n".join(found)


def test_navigation_shows_chapters_exercises_and_solutions(visits, server):
    state = visits[PAGES[0]]
    assert {"Chapters", "Exercises", "Solutions"} <= set(state["navCaptions"])
    linked = {href.split("#")[0].removeprefix(server).removesuffix(".html") for href in state["navLinks"]}
    assert set(PAGES[1:]) <= linked, f"pages missing from the navigation: {set(PAGES[1:]) - linked}"


def test_solutions_pages_say_what_they_are(visits):
    solutions = [page for page in PAGES if page.startswith("solutions/")]
    assert solutions
    for page in solutions:
        assert any("solutions" in notice for notice in visits[page]["notices"]), page


def test_search_finds_attention_mask(visits):
    results = visits["search"]["searchResults"]
    assert results, "search.html?q=attention+mask lists no results"
    assert any("glossary" in href for href in results), results


def test_screenshots_are_saved(visits):
    for name, state in visits.items():
        assert state["screenshot"].stat().st_size > 10_000, name
