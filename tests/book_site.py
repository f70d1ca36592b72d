"""What the browser tests of the website share: the book's pages and how to open one.

The fixtures that build, serve and open the site (`site`, `server`, `browser`) are in
tests/conftest.py; test_website.py and test_accessibility.py use them.
"""

import time
from pathlib import Path

import yaml

from tools.translation.catalog import languages

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PAGE_TIMEOUT = 15  # seconds for a page's scripts (widgets, search) to finish


def toc_pages():
    """Docnames of the book in the order of `_toc.yml`."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    return [toc["root"]] + [entry["file"] for part in toc["parts"] for entry in part["chapters"]]


PAGES = toc_pages()
EDITIONS = ["en", *languages()]  # the English site and each translated one (under `<language>/`)


def pages_in(language, pages):
    """The paths of `pages` (of the English site) in a language's edition."""
    return list(pages) if language == "en" else [f"{language}/{page}" for page in pages]
NOTEBOOK_PAGES = [page for page in PAGES if (ROOT / page).with_suffix(".ipynb").exists()]
CHAPTERS = [page for page in NOTEBOOK_PAGES if page.startswith("chapters/")]

PAGE_STATE = """
const widgetViews = [...document.querySelectorAll('script[type="%s"]')];
return {
  ready: document.readyState,
  images: [...document.images].map(img => ({
    src: img.currentSrc || img.src, complete: img.complete, width: img.naturalWidth,
    output: !!img.closest('.cell_output')})).concat(  // and the figures drawn in the page (SVG)
    [...document.querySelectorAll('svg.course-figure')].map(svg => ({
      src: 'inline SVG', complete: true, width: svg.getBoundingClientRect().width,
      output: !!svg.closest('.cell_output')}))),
  outputs: document.querySelectorAll('.cell_output').length,
  widgetViews: widgetViews.length,
  renderedWidgets: widgetViews.filter(s => s.parentElement.querySelector('.jupyter-widgets')).length,
  colabLinks: [...document.querySelectorAll('a[href*="colab.research.google.com"]')].map(a => a.href),
  navCaptions: [...document.querySelectorAll('nav.bd-links p.caption')].map(p => p.textContent.trim()),
  navLinks: [...document.querySelectorAll('nav.bd-links a.reference.internal')].map(a => a.href),
  searchResults: [...document.querySelectorAll('#search-results ul.search li a')].map(a => a.getAttribute('href')),
  searchExcerpts: [...document.querySelectorAll('#search-results ul.search li')]
    .map(li => li.querySelector('p.context') ? li.querySelector('p.context').textContent : null),
  searchDone: !!document.querySelector('#search-results p.search-summary')
    && document.querySelector('#search-results p.search-summary').textContent.trim() !== '',
  notices: [...document.querySelectorAll('.solutions-notice')].map(n => n.textContent.trim()),
  standInBadges: [...document.querySelectorAll('.cell.tag_stand-in .cell_output .stand-in-badge')]
    .map(a => ({text: a.textContent.trim(), title: a.title,
                target: !!document.getElementById(a.hash.slice(1))})),
  allStandInBadges: document.querySelectorAll('.stand-in-badge').length,
  standInNotes: [...document.querySelectorAll('.stand-in-note')].map(n => n.textContent.trim()),
  versions: [...document.querySelectorAll('p.outputs-versions')].map(p => p.textContent.trim()),
  previous: (document.querySelector('.prev-next-area a.left-prev') || {href: null}).href,
  next: (document.querySelector('.prev-next-area a.right-next') || {href: null}).href,
};
""" % WIDGET_VIEW


def settled(state, searching):
    """Whether the page's own scripts are done: images loaded, and if `searching`, search finished
    (every result with its excerpt). (Widgets are drawn only when they come near the screen: see
    test_website.py.)"""
    return (state["ready"] == "complete" and all(image["complete"] for image in state["images"])
            and (not searching or state["searchDone"] and None not in state["searchExcerpts"]))


def open_page(driver, url, name, read_console=True):
    """Load `url` and wait (up to PAGE_TIMEOUT) until it has settled, and if `read_console` a
    moment longer for late console messages; return its PAGE_STATE. The page `name` "search"
    with a query in `url` has settled when its results are shown."""
    driver.get(url)
    deadline = time.monotonic() + PAGE_TIMEOUT
    searching = name == "search" and "?q=" in url
    state = driver.execute_script(PAGE_STATE)
    while not settled(state, searching) and time.monotonic() < deadline:
        time.sleep(0.1)
        state = driver.execute_script(PAGE_STATE)
    if read_console:
        time.sleep(0.3)
    return state
