"""Glossary links on the built website: the first use of each glossary term on a page links to
its entry, and the entry shows when the link is hovered or focused (sphinx-tippy), in Chromium.

Uses the `site`, `server` and `browser` fixtures of tests/conftest.py.
"""

import re
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from book_site import CHAPTERS, NOTEBOOK_PAGES, ROOT

# What the links leave alone: code, headings, notebook cells, the page's notes, other links
NOT_PROSE = ("code, pre, h1, h2, h3, h4, h5, h6, .cell, .stand-in-note, .outputs-versions, "
             "a:not(.glossary-link)")
AMBIGUOUS = {"head"}  # "12 heads" (of attention) come first on some pages, and stay unlinked
PAGE = CHAPTERS[0]
SMALL_BOOK = {
    "conf.py": f"import sys\nsys.path.insert(0, {str(ROOT / 'book' / '_ext')!r})\n"
               "extensions = ['sphinx_tippy', 'glossary_links']\ntippy_js = []\n"
               "tippy_enable_wikitips = tippy_enable_doitips = False\n",
    "index.rst": "Book\n====\n\n.. toctree::\n\n   glossary\n   part/page\n",
    "glossary.rst": "Glossary\n========\n\n.. glossary::\n\n   Logit\n      A score before the softmax.\n",
    "part/page.rst": "Page\n====\n\nA model returns a logit.\n",  # in a folder, as the chapters are
}
SHOWN_PREVIEWS = """
return [...document.querySelectorAll('[data-tippy-root]')]
  .filter(preview => preview.checkVisibility({opacityProperty: true, visibilityProperty: true}))
  .map(preview => preview.innerText);
"""


def glossary_anchors(site):
    return set(re.findall(r'<dt id="([^"]+)"', (site / "book" / "glossary.html").read_text()))


def linkable_uses(paragraph, pattern):
    """The terms a paragraph uses where a link can go: its whole text read longest term first
    ("tokens" in "special tokens" is a use of "special token"), and a use counted only if it
    lies within one piece of text (not across a bold word's edge)."""
    pieces = list(paragraph.strings)
    ends = [sum(len(piece) for piece in pieces[:index + 1]) for index in range(len(pieces))]
    found = set()
    for use in pattern.finditer("".join(pieces)):
        piece = next(index for index, end in enumerate(ends) if use.start() < end)
        if use.end() <= ends[piece]:
            found.add(use.group(1).lower())
    return found


def term_of(anchor):
    """The glossary term of an anchor (term-Attention-mask -> attention mask), without a plural s."""
    return anchor.removeprefix("term-").replace("-", " ").lower().removesuffix("s")


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_each_term_links_to_its_entry_once_per_page_at_its_first_use(site, page):
    article = BeautifulSoup((site / f"{page}.html").read_text(), "html.parser").find("article")
    links = [(link["href"].split("#")[1], link.get_text()) for link in article.select("a.glossary-link")]
    anchors = [anchor for anchor, _ in links]
    assert links and len(anchors) == len(set(anchors)) and set(anchors) <= glossary_anchors(site), links
    assert all(words.lower().removesuffix("s") == term_of(anchor) for anchor, words in links), links
    for left_alone in article.select(NOT_PROSE):
        left_alone.decompose()
    terms = sorted({term_of(anchor) for anchor in glossary_anchors(site)}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + r")s?\b", re.IGNORECASE)
    paragraphs = article.select("p, li")  # simple lists have no <p> in their items
    for anchor, words in links:
        term = term_of(anchor)
        if term in AMBIGUOUS:
            continue
        link = article.select_one(f'a.glossary-link[href$="#{anchor}"]')
        linked_in = next(paragraph for paragraph in paragraphs if link in paragraph.descendants)
        for paragraph in paragraphs[:paragraphs.index(linked_in)]:
            assert term not in linkable_uses(paragraph, pattern), (
                f"{page}: {term!r} is used before its link ({words!r}): {paragraph.get_text()!r}")


def test_a_build_that_writes_only_some_pages_keeps_their_previews(tmp_path):
    """sphinx-tippy gathers the previews while writing pages: a second build that writes only a
    changed page (not the glossary) still gives that page the glossary's preview, and keeps no
    stale preview script."""
    source, html = tmp_path / "source", tmp_path / "html"
    (source / "part").mkdir(parents=True)
    for name, text in SMALL_BOOK.items():
        (source / name).write_text(text)

    def build():
        result = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source), str(html)],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        page = (html / "part" / "page.html").read_text()
        script = re.search(r'src="\.\./(_static/tippy/part/page\.[^"]+\.js)"', page)
        return (html / script.group(1)).read_text()

    assert "A score before the softmax." in build()
    (source / "part" / "page.rst").write_text(SMALL_BOOK["part/page.rst"].replace("a logit", "one logit"))
    assert "A score before the softmax." in build()
    assert len(list((html / "_static" / "tippy" / "part").glob("page.*.js"))) == 1  # the earlier build's is gone


@pytest.fixture(scope="module")
def chapter(server, browser):
    browser.get(server + PAGE + ".html")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not browser.execute_script(
            "return !!(window.tippy && document.querySelector('a.glossary-link')._tippy)"):
        time.sleep(0.2)
    return browser


def shown_previews(browser):
    """The texts of the previews on screen, read in one step: a preview being hidden is removed
    from the page at any moment, so an element found first and read afterwards can be gone."""
    return browser.execute_script(SHOWN_PREVIEWS)


def wait_for(condition):
    deadline = time.monotonic() + 5
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_hovering_a_glossary_link_previews_its_entry(chapter):
    link = chapter.find_element(By.CSS_SELECTOR, "a.glossary-link")
    ActionChains(chapter).move_to_element(link).perform()
    assert wait_for(lambda: shown_previews(chapter))
    assert shown_previews(chapter)[0].lower().startswith(link.text.lower().removesuffix("s"))
    ActionChains(chapter).move_to_element(chapter.find_element(By.CSS_SELECTOR, "article h1")).perform()
    assert wait_for(lambda: not shown_previews(chapter))


def test_focusing_a_glossary_link_previews_its_entry_and_escape_hides_it(chapter):
    link = chapter.find_elements(By.CSS_SELECTOR, "a.glossary-link")[1]
    chapter.execute_script("arguments[0].focus()", link)
    assert wait_for(lambda: shown_previews(chapter))
    preview_id = link.get_attribute("aria-describedby")
    described = chapter.execute_script("return document.getElementById(arguments[0]).innerText", preview_id)
    assert preview_id and described == shown_previews(chapter)[0]
    link.send_keys(Keys.ESCAPE)
    assert wait_for(lambda: not shown_previews(chapter))
