"""The website meets WCAG 2.1 AA where a test can tell: axe-core, figures, headings, keyboard.

Every HTML page of the built site is opened in headless Chromium (the fixtures of
tests/conftest.py), axe-core (pinned from npm by `tools/website/web_assets.py --tests`, injected into
the page, never served by the site) audits it, and the full report is saved as
`test-artifacts/axe-report-<language>.json`. Each language's pages are audited together, when a
test first asks for them (`make test` runs each language's tests on a worker of its own). The
report lists every violating element, and one example of each rule's other results. It runs on every page in the light and the dark theme (set as
the theme's switch sets it); a violation of impact "serious" or "critical" fails the page. The
switch changes colours (CSS variables) and swaps the theme's light and dark logos, so in the
dark theme axe runs its colour rules (tag `cat.color`: contrast, links told apart from text by
colour) on the whole page, the only ones whose result can differ, and all its rules on the
elements that the switch shows (the dark logo).
The same visit records the page's language, headings, images and figures, which code cells
scroll sideways at the 1280-px window width, and, on emulated 360- and 390-px phone screens,
whether the page scrolls sideways and how far its figures shrink. The keyboard tests operate one element of
each interactive kind with keys only: a header menu, a folded section, the widget controls.
"""

import json
import re
import subprocess
import sys

import nbformat
import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from book_site import CHAPTERS, EDITIONS, HTML, PAGES, ROOT, open_page, pages_in
from tools.translation.catalog import languages

AXE = ROOT / "_build" / "test-assets" / "vendor" / "axe-core" / "axe.min.js"
REPORTS = ROOT / "test-artifacts"
FAILING_IMPACTS = {"serious", "critical"}
NOTEBOOK_FOLDERS = ("chapters", "exercises", "solutions")
MAX_TABS = 250  # key presses allowed to reach an element from the top of a page
SEARCH = "search.html?q=attention+mask"
ENGLISH_PAGES = [page + ".html" for page in PAGES] + ["genindex.html", SEARCH]


def pages_of(language):
    """The pages audited in a language: the English site's, or the same under `<language>/`."""
    return pages_in(language, ENGLISH_PAGES)


AUDITED = [page for language in EDITIONS for page in pages_of(language)]
MODES = ("light", "dark")
PHONE_WIDTHS = (360, 390)
MIN_FIGURE_SCALE = 0.75  # of a figure's natural size: its 8-pt labels stay 8 px high or more


def site_pages():
    """Every page of the built site (paths relative to its root), the redirecting index aside."""
    pages = sorted(path.relative_to(HTML).as_posix() for path in HTML.rglob("*.html")
                   if not {"_static", "_sources", "_images"} & set(path.relative_to(HTML).parts))
    return [page for page in pages if page.split("/")[-1] != "index.html"]


NO_TRANSITIONS = ";document.head.insertAdjacentHTML('beforeend', '<style>*{transition:none!important}</style>')"
RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(arguments[1] || document, arguments[0])
  .then(results => done(JSON.parse(JSON.stringify(results))))
  .catch(error => done({error: String(error)}));
"""
COLOUR_RULES = "return axe.getRules(['cat.color']).map(rule => rule.ruleId)"
SHOWN = """return [...document.body.querySelectorAll('*')].map(element =>
  element.checkVisibility({opacityProperty: true, visibilityProperty: true}) ? 1 : 0).join('')"""
MARK_SHOWN = """const before = arguments[0];  // SHOWN in the first mode: mark what is shown only now
[...document.body.querySelectorAll('*')].forEach((element, index) => {
  if (before[index] === '0' && element.checkVisibility({opacityProperty: true, visibilityProperty: true}))
    element.setAttribute('data-axe-shown', '');
});"""
NEWLY_SHOWN = {"include": ["[data-axe-shown]"]}

PAGE_FACTS = """
const main = document.querySelector('main') || document.body;
const wide = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
  && el.scrollWidth > el.clientWidth + 1;
return {
  lang: document.documentElement.lang,
  headings: [...main.querySelectorAll('h1, h2, h3, h4, h5, h6')]
    .filter(h => h.offsetParent !== null)
    .map(h => ({level: +h.tagName[1], text: h.textContent.trim()})),
  images: [...document.querySelectorAll('img, svg.course-figure')].map(img => ({
    src: img.getAttribute('src') || 'inline SVG',
    alt: img.getAttribute(img.tagName === 'IMG' ? 'alt' : 'aria-label'),
    output: !!img.closest('.cell_output'),
    caption: img.closest('figure') && img.closest('figure').querySelector('figcaption')
      ? img.closest('figure').querySelector('figcaption').textContent.trim().replace(/\\s+/g, ' ')
      : null})),
  pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth,
  scrollingCells: [...document.querySelectorAll('div.cell')].flatMap((cell, index) => {
    const code = cell.querySelector('.cell_input pre');
    return ['cell_input', 'cell_output'].flatMap(part => {
      const area = cell.querySelector('.' + part);
      const scrolling = area ? [area, ...area.querySelectorAll('*')].filter(wide) : [];
      return scrolling.length ? [{
        cell: index, part: part.replace('cell_', ''),
        code: code ? code.textContent.split('\\n')[0].slice(0, 60) : '',
        excess: Math.max(...scrolling.map(el => el.scrollWidth - el.clientWidth))}] : [];
    });
  }),
};
"""


# ---------------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="session")
def axe_source():
    """axe-core's script, fetched and checked by `tools/website/web_assets.py --tests`."""
    result = subprocess.run([sys.executable, "tools/website/web_assets.py", "--tests"], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"`tools/website/web_assets.py --tests` failed:\n{result.stdout}\n{result.stderr}")
    return AXE.read_text()


def report(language):
    return REPORTS / f"axe-report-{language}.json"


@pytest.fixture(scope="session")
def audits(site, server, browser, axe_source):
    """audits(language): open each of the language's pages once (on the first call) for axe-core's
    results in light and dark mode, the page's facts, and what it looks like on phone screens;
    return them by page path."""
    done = {}

    def audits_of(language):
        if language not in done:
            done[language] = audit(browser, server, axe_source, pages_of(language))
            report(language).parent.mkdir(parents=True, exist_ok=True)
            report(language).write_text(json.dumps({page: audit["axe"] for page, audit in done[language].items()}))
        return done[language]
    return audits_of


def audit(browser, server, axe_source, pages):
    browser.set_script_timeout(120)
    audited = {}
    for page in pages:
        open_page(browser, server + page, "search" if page.endswith(SEARCH) else page, read_console=False)
        browser.execute_script(axe_source + NO_TRANSITIONS)  # colours change at once with the theme
        audited[page] = {**browser.execute_script(PAGE_FACTS), "axe": {}, "phones": {}}
        audited[page]["axe"] = audit_both_modes(browser, page)
        for width in PHONE_WIDTHS:
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": True})
            audited[page]["phones"][width] = browser.execute_script(ON_A_PHONE)
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.get_log("browser")  # keep these visits' logs out of test_website.py's
        browser.get_log("performance")
    return audited


def audit_both_modes(browser, page):
    """axe-core's results in each of MODES: all rules in the first; in the others the colour
    rules that the first ran, and all rules on the elements shown only in that mode."""
    results = {}
    for mode in MODES:
        browser.execute_script(f"document.documentElement.dataset.theme = '{mode}'")  # as the switch does
        if mode == MODES[0]:
            first_shown = browser.execute_script(SHOWN)
            results[mode] = run_axe(browser, page)
            continue
        ran = {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable")
               for rule in results[MODES[0]][kind]}
        colour = ran & set(browser.execute_script(COLOUR_RULES))
        results[mode] = run_axe(browser, page, {"runOnly": {"type": "rule", "values": sorted(colour)}})
        browser.execute_script(MARK_SHOWN, first_shown)
        if browser.execute_script("return document.querySelector('[data-axe-shown]') !== null"):
            shown = run_axe(browser, page, context=NEWLY_SHOWN)
            for kind in ("violations", "passes", "incomplete"):
                results[mode][kind] += shown[kind]
        browser.execute_script("document.querySelectorAll('[data-axe-shown]')"
                               ".forEach(element => element.removeAttribute('data-axe-shown'))")
    return results


def run_axe(browser, page, options=None, context=None):
    """axe-core's results (on `context`, else the whole page): every violating element; for the
    other results (passes, incomplete), one example element per rule (axe's `resultTypes`: it
    spares describing thousands of elements)."""
    results = browser.execute_async_script(RUN_AXE, {"resultTypes": ["violations"], **(options or {})},
                                           context)
    if "error" in results:
        pytest.fail(f"axe-core failed on {page}: {results['error']}")
    return results


# ---------------------------------------------------------------------------------- axe-core

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("page", AUDITED)
def test_axe_finds_no_serious_or_critical_violation(audits, page, mode):
    language = page_language(page)
    violations = [violation for violation in audits(language)[page]["axe"][mode]["violations"]
                  if violation["impact"] in FAILING_IMPACTS]
    lines = [f"{v['id']} ({v['impact']}): {v['help']} -- {len(v['nodes'])} element(s), e.g. "
             + ", ".join(" ".join(node["target"]) for node in v["nodes"][:3]) for v in violations]
    assert not violations, (f"{page}, {mode} mode (full report: {report(language).relative_to(ROOT)}):\n"
                            + "\n".join(lines))


def test_every_page_of_the_site_is_audited(site):
    assert site_pages() == sorted(page.split("?")[0] for page in AUDITED)


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_is_audited_in_both_modes(audits, language):
    assert json.loads(report(language).read_text()).keys() == set(pages_of(language))
    for page, audit in audits(language).items():
        for mode in MODES:
            ran = {rule["id"] for kind in ("passes", "violations", "incomplete") for rule in audit["axe"][mode][kind]}
            assert "color-contrast" in ran, f"{page}, {mode} mode: axe did not check the contrast"
        targets = [node["target"] for kind in ("passes", "violations", "incomplete")
                   for rule in audit["axe"]["dark"][kind] for node in rule["nodes"]]
        assert [".only-dark"] in targets, f"{page}: axe did not audit the dark logo in dark mode"


# ---------------------------------------------------------------------------------- page structure

def page_language(page):
    """The language a page of the site is in: its folder's for a translated page, else English."""
    folder = page.split("/")[0]
    return folder if folder in languages() else "en"


@pytest.mark.parametrize("language", EDITIONS)
def test_every_page_declares_its_language(audits, language):
    undeclared = [f"{page} ({audit['lang']!r})" for page, audit in audits(language).items()
                  if audit["lang"] != page_language(page)]
    assert not undeclared, f"pages whose lang is not their language: {undeclared}"


@pytest.mark.parametrize("language", EDITIONS)
def test_headings_descend_one_level_at_a_time(audits, language):
    problems = []
    for page, audit in audits(language).items():
        levels = [heading["level"] for heading in audit["headings"]]
        if levels and levels[0] != 1:
            problems.append(f"{page}: the first heading is h{levels[0]}")
        for before, heading in zip(levels, audit["headings"][1:]):
            if heading["level"] > before + 1:
                problems.append(f"{page}: h{before} followed by h{heading['level']} ({heading['text']!r})")
    assert not problems, "\n".join(problems)


def test_pages_follow_the_system_and_the_theme_switch(server, browser):
    """A dark system preference gives a dark page; the theme's switch then chooses light."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        open_page(browser, server + CHAPTERS[0] + ".html", CHAPTERS[0])
        themes = [browser.execute_script("return document.documentElement.dataset.theme")]
        switch = browser.find_element("css selector", ".theme-switch-button")
        while themes[-1] != "light" and len(themes) < 4:  # the switch cycles: auto, light, dark
            switch.click()
            themes.append(browser.execute_script("return document.documentElement.dataset.theme"))
        background = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    finally:
        browser.execute_script("localStorage.clear()")  # the choice is remembered: forget it
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        browser.get_log("browser")
    assert themes[0] == "dark" and themes[-1] == "light", themes
    assert background == "rgb(255, 255, 255)"


# ---------------------------------------------------------------------------------- figures

def image_output_cells():
    """(notebook, cell index, cell) for every code cell with an image output, in every notebook."""
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            notebook = nbformat.read(path, as_version=4)
            for index, cell in enumerate(notebook.cells):
                if cell.cell_type == "code" and any(
                        key.startswith("image/") for output in cell.outputs for key in output.get("data", {})):
                    yield path.relative_to(ROOT).as_posix(), index, cell


def test_every_image_output_cell_has_a_caption_name_and_alt_text():
    missing = []
    for notebook, index, cell in image_output_cells():
        options = cell.metadata.get("mystnb", {})
        figure, alt = options.get("figure", {}), options.get("image", {}).get("alt", "")
        chapter = int(notebook.split("/")[-1][:2]) if notebook.split("/")[-1][:2].isdigit() else None
        where = f"{notebook} cell {index} (id {cell.get('id')})"
        if not figure.get("caption", "").strip() or len(alt.split()) < 5:
            missing.append(f"{where}: needs mystnb.figure.caption and mystnb.image.alt")
        elif not re.fullmatch(rf"fig-{chapter or '[a-z0-9]+'}-[a-z0-9-]+", figure.get("name", "")):
            missing.append(f"{where}: mystnb.figure.name must be 'fig-<chapter>-<slug>'")
    assert not missing, "\n".join(missing)


def looks_like_a_file_name(alt):
    return bool(re.search(r"(^|/)[\w.-]+\.(png|jpe?g|gif|svg)$", alt.strip()))


@pytest.mark.parametrize("language", EDITIONS)
def test_every_image_has_a_real_alternative_text(audits, language):
    bad = [f"{page}: {image['src']} has alt={image['alt']!r}"
           for page, audit in audits(language).items() for image in audit["images"]
           if image["alt"] is None or looks_like_a_file_name(image["alt"])
           or (image["output"] and len(image["alt"].split()) < 5)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_figures_have_numbered_captions(audits, page):
    chapter = int(page.split("/")[-1][:2])
    captions = [image["caption"] for image in audits("en")[page + ".html"]["images"] if image["output"]]
    for number, caption in enumerate(captions, start=1):
        assert caption and re.match(rf"Figure {chapter}\.{number}: \w", caption), \
            f"{page}: image output {number} has caption {caption!r}, expected 'Figure {chapter}.{number}: ...'"


# ---------------------------------------------------------------------------------- code width

@pytest.mark.parametrize("language", EDITIONS)
def test_no_code_cell_scrolls_sideways_at_1280_px(audits, language):
    wide = [f"{page} code cell {cell['cell']} ({cell['part']}, {cell['excess']} px too wide): {cell['code']}"
            for page, audit in audits(language).items() for cell in audit["scrollingCells"]]
    wide += [f"{page}: the whole page scrolls sideways" for page, audit in audits(language).items()
             if audit["pageScrollsSideways"]]
    assert not wide, f"{len(wide)} code cells scroll sideways in the 1280-px window:\n" + "\n".join(wide)


# ---------------------------------------------------------------------------------- phones

ON_A_PHONE = """
return {
  scrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  widest: [...document.querySelectorAll('main *')].filter(el => el.getBoundingClientRect().right
    > document.documentElement.clientWidth + 1 && !el.closest('pre, .course-figure-box, .cell_output, table, mjx-container'))
    .slice(0, 3).map(el => el.tagName + ': ' + el.textContent.trim().slice(0, 60)),
  figureScales: [...document.querySelectorAll('svg.course-figure')].map(svg =>
    svg.getBoundingClientRect().width / (svg.viewBox.baseVal.width * 4 / 3)),
};
"""


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_no_page_scrolls_sideways_on_a_phone(audits, width, language):
    wide = {page: audit["phones"][width]["widest"] for page, audit in audits(language).items()
            if audit["phones"][width]["scrollsSideways"]}
    assert not wide, f"pages wider than a {width}-px screen (and what sticks out): {wide}"


@pytest.mark.parametrize("language", EDITIONS)
@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_figures_stay_readable_on_a_phone(audits, width, language):
    scales = [scale for audit in audits(language).values() for scale in audit["phones"][width]["figureScales"]]
    assert len(scales) >= len(CHAPTERS), "the chapters' figures are not drawn in the pages"
    small = [scale for scale in scales if scale < MIN_FIGURE_SCALE - 0.01]
    assert not small, f"figures shrunk below {MIN_FIGURE_SCALE:.0%} of their size at {width} px: {small}"


def test_a_tapped_link_closes_the_contents_drawer(server, browser):
    """On a phone the page's "Contents" is a drawer: following one of its links closes it."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": PHONE_WIDTHS[-1], "height": 800, "deviceScaleFactor": 1, "mobile": True})
    try:
        open_page(browser, server + CHAPTERS[0] + ".html", CHAPTERS[0])
        browser.find_element("css selector", ".secondary-toggle").click()
        drawer = browser.find_element("css selector", "dialog#pst-secondary-sidebar-modal")
        assert drawer.get_attribute("open") is not None
        link = drawer.find_elements("css selector", "a.nav-link[href^='#']")[1]
        target = link.get_attribute("href").split("#")[1]
        link.click()
        WebDriverWait(browser, 5).until(lambda driver: drawer.get_attribute("open") is None)
        assert browser.execute_script("return location.hash") == "#" + target
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        browser.get_log("browser")


# ---------------------------------------------------------------------------------- keyboard

def press(browser, *keys):
    ActionChains(browser).send_keys(*keys).perform()


def focused(browser):
    return browser.execute_script("return document.activeElement")


def tab_to(browser, matches, presses=MAX_TABS, from_top=True):
    """Press Tab (from the top of the page) until `matches(focused element)`; return the element."""
    if from_top:
        browser.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
    for _ in range(presses):
        press(browser, Keys.TAB)
        element = focused(browser)
        if element is not None and matches(element):
            return element
    pytest.fail(f"{presses} presses of Tab did not reach the element")


def attribute_has(name, text):
    return lambda element: text in (element.get_attribute(name) or "")


def test_header_menu_opens_and_closes_with_the_keyboard(server, browser):
    """The launch menu (a toggle button in the page header) works with Tab, Enter and Escape."""
    open_page(browser, server + CHAPTERS[0] + ".html", CHAPTERS[0])
    toggle = tab_to(browser, attribute_has("aria-label", "Launch"))
    assert toggle.get_attribute("aria-expanded") == "false"
    press(browser, Keys.ENTER)
    assert toggle.get_attribute("aria-expanded") == "true"
    colab = tab_to(browser, attribute_has("href", "colab.research.google.com"), presses=5, from_top=False)
    assert colab.is_displayed()
    press(browser, Keys.ESCAPE)
    assert toggle.get_attribute("aria-expanded") == "false"
    browser.get_log("browser")


def test_folded_section_opens_and_closes_with_the_keyboard(site, server, browser):
    """A folded section (a sphinx-design dropdown) opens with Enter and closes with Space."""
    page = next((path for path in site_pages() if "sd-dropdown" in (HTML / path).read_text()), None)
    assert page, "no page has a folded section (sphinx-design dropdown)"
    open_page(browser, server + page, page)
    summary = tab_to(browser, lambda element: element.tag_name == "summary")
    details = summary.find_element("xpath", "..")
    body = details.find_element("css selector", ".sd-summary-content")
    assert details.get_attribute("open") is None and not body.is_displayed()
    press(browser, Keys.ENTER)
    assert details.get_attribute("open") is not None and body.is_displayed()
    press(browser, Keys.SPACE)
    assert details.get_attribute("open") is None
    browser.get_log("browser")


def test_playground_controls_are_reached_and_operated_by_keyboard(server, browser):
    """Chapter 5's live playground: every control is in the Tab order, the max_length field
    steps with the arrow keys, Space ticks a check box, and the status line announces it."""
    page = next(page for page in CHAPTERS if "05-" in page)
    open_page(browser, server + page + ".html", page)
    browser.execute_script("window.scrollTo(0, 0)")
    controls = browser.find_elements("css selector", ".live-tokenizer input, .live-tokenizer select")
    assert len(controls) >= 6, f"only {len(controls)} live playground controls"
    reached = [tab_to(browser, lambda element: element == controls[0])]
    for _ in range(len(controls) - 1):
        press(browser, Keys.TAB)
        reached.append(focused(browser))
    missed = [control.get_attribute("outerHTML")[:80] for control in controls if control not in reached]
    assert not missed, f"playground controls that Tab never reaches: {missed}"

    status = browser.find_element("css selector", ".live-tokenizer [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    max_length = tab_to(browser, attribute_has("type", "number"))
    value = int(max_length.get_attribute("value"))
    press(browser, Keys.ARROW_UP)
    assert int(max_length.get_attribute("value")) == value + 1
    WebDriverWait(browser, 5).until(lambda driver: f"max_length={value + 1}" in status.text)
    checkbox = tab_to(browser, attribute_has("type", "checkbox"), from_top=False)
    ticked = checkbox.is_selected()
    press(browser, Keys.SPACE)
    assert checkbox.is_selected() != ticked
    browser.get_log("browser")
