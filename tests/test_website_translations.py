"""The translated websites in headless Chromium: every page, the language switch, search, labels.

The `site` fixture (tests/conftest.py) builds the English book and each translated book into
`_build/html/<language>/`, as `make book` does. tests/test_accessibility.py audits every
translated page with axe-core as well.
"""

import json
import re

import pytest
from selenium.webdriver.common.by import By

from book_site import HTML, PAGES, open_page
from test_colab_links import links_in, problems
from test_live_tokenizer import PLAYGROUND, open_live
from tools.translation import catalog

LANGUAGES = catalog.languages()
SWITCH = ".language-switch a[hreflang='{}']"
PAGE_LANGUAGE = "return [document.documentElement.lang, location.pathname]"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_built_in_every_language_with_its_lang(site, language):
    missing = [page for page in PAGES if not (site / language / f"{page}.html").is_file()]
    assert not missing
    for page in PAGES:
        head = (site / language / f"{page}.html").read_text(encoding="utf-8")[:300]
        assert f'<html lang="{language}"' in head, page


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_colab_link_of_a_translated_page_opens_its_translated_notebook(site, language):
    links = [(page, url) for page in PAGES
             for url in links_in((site / language / f"{page}.html").read_text(encoding="utf-8"))]
    assert links
    found = [problem for _, url in links for problem in problems(url)]
    assert not found, "\n".join(found)
    colab = [(page, url) for page, url in links if "colab.research.google.com" in url]
    assert all(url.endswith(f"/{language}/{page}.ipynb") for page, url in colab), colab


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["chapters/03-tokenizers", "book/setup", "search"])
def test_language_switch_leads_to_the_same_page_and_back(server, browser, language, page):
    open_page(browser, f"{server}{page}.html", page)
    browser.find_element(By.CSS_SELECTOR, SWITCH.format(language)).click()
    assert browser.execute_script(PAGE_LANGUAGE) == [language, f"/{language}/{page}.html"]
    browser.find_element(By.CSS_SELECTOR, SWITCH.format("en")).click()
    assert browser.execute_script(PAGE_LANGUAGE) == ["en", f"/{page}.html"]


def search_results(browser, server, query):
    state = open_page(browser, f"{server}ko/search.html?q={query}", "search")
    return [re.sub(r"\.html.*", "", href) for href in state["searchResults"]]


def documents(value):
    """The documents of a search index entry (Sphinx stores a single one as a number)."""
    return {value} if isinstance(value, int) else set(value)


def search_index(language):
    text = (HTML / language / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1:text.rindex(")")])


@pytest.mark.skipif("ko" not in LANGUAGES, reason="no Korean translation")
def test_korean_words_are_indexed_without_their_particles(site):
    """Chapter 3 says 토크나이저가 (tokenizer + subject particle): indexed as 토크나이저."""
    assert "토크나이저가" in (site / "ko" / "chapters" / "03-tokenizers.html").read_text(encoding="utf-8")
    index = search_index("ko")
    chapter = index["docnames"].index("chapters/03-tokenizers")
    terms, titles = index["terms"], index["titleterms"]
    assert not {"토크나이저가", "토크나이저는", "토크나이저를"} & (terms.keys() | titles.keys())
    assert chapter in documents(terms.get("토크나이저", [])) | documents(titles.get("토크나이저", []))


@pytest.mark.skipif("ko" not in LANGUAGES, reason="no Korean translation")
@pytest.mark.parametrize("query", ["토크나이저", "토크나이저를", "tokenizers"])
def test_korean_search_finds_the_tokenizers_chapter(server, browser, query):
    """A query with a particle (토크나이저를) or in English finds the chapter too."""
    assert "chapters/03-tokenizers" in search_results(browser, server, query)


@pytest.mark.skipif("ko" not in LANGUAGES, reason="no Korean translation")
def test_playground_labels_are_korean_on_korean_pages(server, browser):
    labels = "return [...document.querySelectorAll('.live-tokenizer label')].map((l) => l.textContent)"
    state = open_live(browser, server, "ko/" + PLAYGROUND)
    korean = browser.execute_script(labels)
    assert {"문장 0", "문장 1", "최대 길이 (max_length)", "패딩", "체크포인트"} <= set(korean)
    assert "문장 2개" in state["status"] and "토큰" in state["status"]
    open_live(browser, server, PLAYGROUND)
    assert {"sentence 0", "max_length", "padding", "checkpoint"} <= set(browser.execute_script(labels))


@pytest.mark.skipif("ko" not in LANGUAGES, reason="no Korean translation")
def test_the_websites_own_texts_are_in_the_pages_language(site):
    """What the book's extensions and scripts write: the exercise page's ending and tick, the
    solutions notice, the PDF menu, the scripts' texts (window.courseMessages)."""
    def page(name, language=""):
        return (site / language / f"{name}.html").read_text(encoding="utf-8")

    exercises, solutions = page("exercises/04-multiple-sequences", "ko"), page("solutions/04-multiple-sequences", "ko")
    assert "다 풀었다면" in exercises and "이 연습 문제를 모두 풀었습니다" in exercises and "책 PDF" in exercises
    notice = re.search(r'class="[^"]*solutions-notice[^"]*">(.{0,400})', solutions, re.S).group(1)
    assert "풀이" in notice and '"Answers to the quiz": "퀴즈 정답"' in solutions
    english = page("exercises/04-multiple-sequences")
    assert "When you are done" in english and "Book PDF" in english and "courseMessages" not in english
