"""The website in a real browser: it builds, and every page works offline.

The session builds the book (`tools/website/web_assets.py`, then `jupyter-book build`, as `make book`
does), serves `_build/html` on localhost and opens every page of `_toc.yml` in headless
Chromium, once (the fixtures are in tests/conftest.py). Each page gets a full-page screenshot
in `test-artifacts/screenshots/`; the tests then check what the visits recorded: no console
errors, no request leaving the site, every image loaded, notebook outputs (plots, widgets) on
the page, the Colab links, navigation and search. On a phone-sized screen (390 x 844) each
notebook page's first paragraph must start within 600 px of the top; previous/next must follow
the course; search results must show the passage that matched. Needs Debian's `chromium` and
`chromium-driver` (`.ci/run` installs them).
"""

import base64
import json
import re
import time

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup
from selenium.webdriver.support.ui import WebDriverWait

from book_site import CHAPTERS, NOTEBOOK_PAGES, PAGES, ROOT, WIDGET_VIEW, open_page
from course.provenance import MIRROR, checkpoint_source, versions_line
from test_colab_links import links_in, problems

SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MAX_SCREENSHOT_HEIGHT = 16000  # pixels; Chromium's limit for one capture is a little above
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}
FIRST_PARAGRAPH_WITHIN = 600  # pixels from the top of the page, on a phone
# The page's first paragraph of its own text: not a note (admonition or block quote), not in
# a notebook cell, not the line of versions, not the Colab badge.
FIRST_PARAGRAPH_TOP = """
const first = [...document.querySelectorAll('article section p')].find(p => p.textContent.trim()
  && !p.closest('.admonition, blockquote, .cell, figure, .outputs-versions') && !p.querySelector('img'));
return first ? Math.round(first.getBoundingClientRect().top + window.scrollY) : null;
"""
SEARCHED = ("attention", "mask")  # the words of the search that `visits` runs


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


# ---------------------------------------------------------------------------------- fixtures
# `site`, `server` and `browser` are in tests/conftest.py (the accessibility test shares them).

@pytest.fixture(scope="session")
def visits(server, browser):
    """Open every page (and a search) once; return what each visit recorded, by page name."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    browser.get_log("browser")  # drop what earlier tests' visits logged
    browser.get_log("performance")
    recorded = {page: visit(browser, server, page + ".html", page) for page in PAGES}
    recorded["search"] = visit(browser, server, "search.html?q=" + "+".join(SEARCHED), "search")
    return recorded


# ---------------------------------------------------------------------------------- a visit

def visit(driver, base_url, path, name):
    state = open_page(driver, base_url + path, name)
    state["console"] = driver.get_log("browser")
    state["requests"] = requested_urls(driver.get_log("performance"))
    state["screenshot"] = save_full_page_screenshot(driver, name)
    state["phoneFirstParagraph"] = first_paragraph_top_on_a_phone(driver)
    return state


def first_paragraph_top_on_a_phone(driver):
    """Where the page's first paragraph starts (px from the top) on a 390 x 844 phone screen."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    try:
        return driver.execute_script(FIRST_PARAGRAPH_TOP)
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


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
    plots = sum(1 for data in outputs if "image/png" in data or "image/svg+xml" in data)
    shown = [image for image in state["images"] if image["output"] and image["width"] > 0]
    assert len(shown) == plots, f"{page}: the notebook has {plots} plots, the page shows {len(shown)}"
    assert any(image["width"] > 0 for image in state["images"]), f"{page} shows no image"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_widget_outputs_are_on_the_page(visits, page):
    stored = sum(1 for data in notebook_outputs(page) if WIDGET_VIEW in data)
    state = visits[page]
    assert state["widgetViews"] == stored, f"{page}: {stored} widget outputs stored, {state['widgetViews']} on the page"


WIDGET_PAGES = [page for page in NOTEBOOK_PAGES if any(WIDGET_VIEW in data for data in notebook_outputs(page))]
WIDGET_CODE = "/_static/vendor/html-manager/embed-amd.js"


def test_widget_code_loads_only_for_a_widget_on_screen(server, site, browser):
    """Where the live playground replaces the stored widget (pages served over HTTP), the widget
    manager does not load, even when the reader scrolls to it; opened from a file (no live
    playground) it loads when the widget comes into view, and draws it."""
    assert WIDGET_PAGES, "no page has a widget output"
    for page in WIDGET_PAGES:
        browser.get_log("performance")
        open_page(browser, server + f"{page}.html", page)
        WebDriverWait(browser, 20).until(lambda driver: driver.execute_script(
            "return !!document.querySelector('.cell_output[hidden]')"))  # the live playground is on
        browser.execute_script(SCROLL_TO_WIDGET)
        time.sleep(1)
        requested = requested_urls(browser.get_log("performance"))
        assert not [url for url in requested if WIDGET_CODE in url], f"{page}: hidden widget's code loaded"

        open_page(browser, (site / f"{page}.html").as_uri(), page)
        assert browser.execute_script(RENDERED_WIDGETS) == 0, f"{page}: widgets drawn before they are in view"
        browser.execute_script(SCROLL_TO_WIDGET)
        WebDriverWait(browser, 20).until(lambda driver: driver.execute_script(RENDERED_WIDGETS) > 0)
        browser.get_log("browser")
        browser.get_log("performance")


SCROLL_TO_WIDGET = ("document.querySelector('script[type=\"%s\"]').closest('.cell').scrollIntoView()"
                    % WIDGET_VIEW)
RENDERED_WIDGETS = "return document.querySelectorAll('.cell_output .jupyter-widgets').length"


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_colab_badge_and_launch_button_open_this_notebook(visits, page):
    links = visits[page]["colabLinks"]
    assert len(links) >= 2, f"{page}: expected the badge and the launch button, found {links}"
    assert set(links) == {expected_colab_url(page)}


def stand_in_outputs(page):
    """How many stand-in badges the page should show: tagged cells with outputs, if made offline."""
    notebook = nbformat.read((ROOT / page).with_suffix(".ipynb"), as_version=4)
    if checkpoint_source(notebook) != MIRROR:
        return 0
    return sum(1 for cell in notebook.cells if cell.cell_type == "code" and cell.outputs
               and "stand-in" in cell.metadata.get("tags", []))


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
    hrefs = [href for page in PAGES  # not rglob: an earlier build may have left removed pages
             for href in re.findall(r'href="([^"]+)"', (site / f"{page}.html").read_text())]
    links = [url for href in hrefs for url in links_in(href)]
    assert len(links) >= 2 * len(NOTEBOOK_PAGES), "badges and launch buttons missing"
    found = [problem for url in links for problem in problems(url)]
    assert not found, "\n".join(found)


def test_navigation_shows_chapters_exercises_and_solutions(visits, server):
    state = visits[PAGES[0]]
    assert {"Chapters", "Exercises", "Appendix: solutions"} <= set(state["navCaptions"])
    linked = {href.split("#")[0].removeprefix(server).removesuffix(".html") for href in state["navLinks"]}
    assert set(PAGES[1:]) <= linked, f"pages missing from the navigation: {set(PAGES[1:]) - linked}"


def test_solutions_pages_say_what_they_are(visits):
    solutions = [page for page in PAGES if page.startswith("solutions/")]
    assert solutions
    for page in solutions:
        assert any("solutions" in notice for notice in visits[page]["notices"]), page


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_first_paragraph_starts_near_the_top_on_a_phone(visits, page):
    top = visits[page]["phoneFirstParagraph"]
    assert top is not None and top <= FIRST_PARAGRAPH_WITHIN, (
        f"{page}: on a 390 x 844 screen the first paragraph starts {top} px from the top")


def test_previous_and_next_follow_the_course_and_leave_the_solutions_out(visits, server):
    def name(url):
        return url and url.removeprefix(server).removesuffix(".html")

    walk = [PAGES[0]]
    while name(visits[walk[-1]]["next"]) and len(walk) <= len(PAGES):
        walk.append(name(visits[walk[-1]]["next"]))
    chapters = [page for page in PAGES if page.startswith("chapters/")]
    assert [page for page in walk if page.startswith(("chapters/", "exercises/"))] == [
        page for chapter in chapters for page in (chapter, chapter.replace("chapters/", "exercises/"))]
    assert sorted(walk) == sorted(page for page in PAGES if not page.startswith("solutions/"))
    assert all(name(visits[after]["previous"]) == before for before, after in zip(walk, walk[1:]))
    for solutions in [page for page in PAGES if page.startswith("solutions/")]:
        exercises = solutions.replace("solutions/", "exercises/")
        assert (name(visits[solutions]["previous"]), name(visits[solutions]["next"])) == (
            exercises, name(visits[exercises]["next"])), solutions


def test_each_exercise_page_links_to_its_solutions(site):
    for page in [page for page in PAGES if page.startswith("exercises/")]:
        solutions = page.replace("exercises/", "solutions/")
        assert f'href="../{solutions}.html"' in (site / f"{page}.html").read_text(), page


def passages(site, href):
    """The texts of the passages of a page's article (paragraphs, list items, code, headings,
    glossary entries), as the page shows them."""
    article = BeautifulSoup((site / href.split("#")[0]).read_text(), "html.parser").find("article")
    for headerlink in article.select(".headerlink"):
        headerlink.decompose()
    texts = [element.get_text() for element in article.select("p, li, pre, th, td, h1, h2, h3, h4, h5, h6")]
    texts += [dt.get_text() + ": " + dt.find_next_sibling("dd").get_text() for dt in article.select("dl > dt")]
    return [" ".join(text.split()) for text in texts]


def test_search_excerpts_show_the_passage_that_matched(visits, site):
    results, excerpts = visits["search"]["searchResults"], visits["search"]["searchExcerpts"]
    assert results and len(excerpts) == len(results)
    for href, excerpt in zip(results, excerpts):
        shown = excerpt.strip().removeprefix("...").removesuffix("...")
        assert any(word in shown.lower() for word in SEARCHED), f"{href}: {excerpt!r}"
        assert any(shown in passage for passage in passages(site, href)), (
            f"{href}: the excerpt {excerpt!r} is not one passage of the page")


def test_search_ranks_chapters_above_exercises_and_solutions(visits):
    kinds = [href.split("/")[0] for href in visits["search"]["searchResults"]]
    assert "chapters" in kinds and "exercises" in kinds and "solutions" in kinds
    last_chapter = len(kinds) - 1 - kinds[::-1].index("chapters")
    assert last_chapter < kinds.index("exercises") < kinds.index("solutions"), kinds


def test_search_finds_attention_mask(visits):
    results = visits["search"]["searchResults"]
    assert results, "search.html?q=attention+mask lists no results"
    assert any("glossary" in href for href in results), results


def test_screenshots_are_saved(visits):
    for name, state in visits.items():
        assert state["screenshot"].stat().st_size > 10_000, name
