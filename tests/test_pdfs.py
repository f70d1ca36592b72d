"""The book's PDFs, whole and per chapter, in every language, as `make book` prints them (tools/pdf/build.py).

The `pdfs` fixture prints them once per run from the site the `site` fixture built. PDFium
(pypdfium2) reads how many pages, the text (every chapter's heading, numbered figures, each
quiz's answers and none of its controls) and where each line of it sits (nothing beyond the right
margin, where it would be cut off or missing on paper); pypdf reads the links within the book.
A translated edition's PDFs must hold every letter of its own text (a letter that no installed
font can draw, e.g. Korean without `fonts-noto-cjk`, is printed as a box and does not read back).
"""

import os
import re
import subprocess
import sys
from functools import cache

import nbformat
import pytest

from book_site import CHAPTERS, EDITIONS, ROOT
from course.quiz import MultipleChoice, questions
from tools.translation.catalog import languages

MARGIN_PT = 0.6 * 72  # tools/pdf/build.py's left and right margins
TOLERANCE_PT = 2  # a glyph's box may reach a little past where the text stops
MAX_CHAPTER_PAGES = 60
BOOK = "how-transformers-works-inside.pdf"


@cache
def read(path):
    """(page count, the text of all pages with its spaces normalised, text past the margin as
    (page, text) pairs, how many links lead within the document)."""
    import pypdf
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    texts, beyond = [], []
    for number, page in enumerate(document, start=1):
        text, right = page.get_textpage(), page.get_width() - MARGIN_PT + TOLERANCE_PT
        texts.append(text.get_text_bounded())
        for left, bottom, end, top in (text.get_rect(index) for index in range(text.count_rects())):
            if end > right and text.get_text_bounded(left, bottom, end, top).strip():
                beyond.append((number, text.get_text_bounded(left, bottom, end, top)))
    links = [annotation.get_object() for page in pypdf.PdfReader(path).pages for annotation in page.get("/Annots", [])]
    internal = sum(1 for link in links if link.get("/Subtype") == "/Link" and "/URI" not in link.get("/A", {}))
    return len(document), " ".join(" ".join(texts).split()), beyond, internal


def edition(pdfs, language):
    """The folder of a language's PDFs: the site's `pdf/`, a translation's `<language>/pdf/`."""
    return pdfs if language == "en" else pdfs.parent / language / "pdf"


def chapter_pdf(pdfs, page):
    return pdfs / (page.split("/")[-1] + ".pdf")


def notebook(page, language="en"):
    return nbformat.read(ROOT / ("" if language == "en" else language) / f"{page}.ipynb", as_version=4)


def heading(page, language="en"):
    """The chapter's title: its notebook's first level-1 heading."""
    lines = (line for cell in notebook(page, language).cells if cell.cell_type == "markdown"
             for line in cell.source.splitlines())
    return next(line[2:].strip() for line in lines if line.startswith("# "))


def letters(page, language):
    """The letters beyond ASCII (Korean syllables, ...) of a translated chapter's own text."""
    return {character for cell in notebook(page, language).cells if cell.cell_type == "markdown"
            for character in cell.source if character.isalpha() and not character.isascii()}


def figure_count(page):
    return sum(1 for cell in notebook(page).cells if cell.cell_type == "code" and "figure" in cell.metadata.get("mystnb", {}))


def folded_lines(page, language="en"):
    """The first line of each folded part of a chapter: a `hide-input` cell's code, a
    `hide-output` cell's printed output."""
    for cell in notebook(page, language).cells:
        tags = cell.metadata.get("tags", [])
        if "hide-input" in tags:
            yield " ".join(cell.source.strip().splitlines()[0].split())
        if "hide-output" in tags:
            printed = next(output for output in cell.outputs if output.get("text") or output.get("data"))
            text = printed.get("text") or printed["data"]["text/plain"]
            yield " ".join(text.strip().splitlines()[0].split())


def explanations(chapter, position):
    """The start of each explanation of a quiz question's right answers (all of them, when
    several options are right), as printed (code spans lose their backticks)."""
    question = questions(chapter)[position]
    whys = [answer.why for answer in question.answers] if isinstance(question, MultipleChoice) else [question.why]
    return [" ".join(why.replace("`", "").split())[:50] for why in whys]


@pytest.fixture(scope="module")
def book(pdfs):
    return read(pdfs / BOOK)


@pytest.mark.parametrize("language", EDITIONS)
def test_the_book_holds_every_chapter_and_more(pdfs, language):
    folder = edition(pdfs, language)
    pages = {page: read(chapter_pdf(folder, page))[0] for page in CHAPTERS}
    assert all(2 <= count <= MAX_CHAPTER_PAGES for count in pages.values()), pages
    assert read(folder / BOOK)[0] > sum(pages.values()), f"the book has {read(folder / BOOK)[0]} pages, its chapters {pages}"


@pytest.mark.parametrize("page", CHAPTERS)
def test_chapter_pdf_has_its_heading_numbered_figures_and_quiz_answers(pdfs, book, page):
    chapter = int(page.split("/")[-1][:2])
    _, text, _, _ = read(chapter_pdf(pdfs, page))
    for where, printed in (("chapter PDF", text), ("book PDF", book[1])):
        assert heading(page) in printed, f"{where}: no heading {heading(page)!r}"
        for number in range(1, figure_count(page) + 1):
            assert f"Figure {chapter}.{number}:" in printed, f"{where}: no Figure {chapter}.{number}"
    assert "Answers to the quiz" in text
    for position in range(len(questions(chapter))):
        for why in explanations(chapter, position):
            assert why in text, f"question {position + 1}'s explanation is missing: {why!r}"
    for line in folded_lines(page):
        assert line in text, f"{page}: a folded cell is not printed open: {line!r}"
    for control in ("Answer and explanations", "Choose or type an answer"):  # the quiz's summary, intro
        assert control not in text, f"{page}: the printed page shows {control!r}"


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("page", CHAPTERS)
def test_translated_chapter_pdf_has_its_own_text_and_numbered_figures(pdfs, page, language):
    chapter, folder = int(page.split("/")[-1][:2]), edition(pdfs, language)
    title, text = heading(page, language), read(chapter_pdf(folder, page))[1]
    missing = letters(page, language) - set(text)
    assert letters(page, language) and not missing, (
        f"{language}/{page}: letters not printed: {''.join(sorted(missing))[:40]!r} (is a font for them installed?)")
    for where, printed in (("chapter PDF", text), ("book PDF", read(folder / BOOK)[1])):
        assert title in printed, f"{language} {where}: no heading {title!r}"
        for number in range(1, figure_count(page) + 1):
            assert f"Figure {chapter}.{number}:" in printed, f"{language} {where}: no Figure {chapter}.{number}"
    for line in folded_lines(page, language):
        assert line in text, f"{language}/{page}: a folded cell is not printed open: {line!r}"


def test_no_text_beyond_the_right_margin(pdfs):
    paths = sorted(path for language in EDITIONS for path in edition(pdfs, language).glob("*.pdf"))
    beyond = {str(path.relative_to(pdfs.parent)): read(path)[2][:5] for path in paths if read(path)[2]}
    assert not beyond, f"characters past the right margin (page, character): {beyond}"


def test_the_book_links_within_itself(book):
    """The contents and cross-references (chapters, figures, glossary) are links in the PDF."""
    assert book[3] >= 2 * len(CHAPTERS), f"only {book[3]} links within the book's PDF"


def test_every_page_offers_the_pdfs(pdfs, site):
    """The download menu of every page links the book's PDF of the page's language; a
    chapter's, the chapter's too."""
    for page in [path for path in site.rglob("*.html") if "_static" not in path.parts]:
        html = page.read_text()
        if "download-buttons" not in html:
            continue
        language = next((folder for folder in languages() if page.relative_to(site).parts[0] == folder), "en")
        links = {(page.parent / link).resolve() for link in re.findall(r'href="([^"]*pdf/[^"]+\.pdf)"', html)}
        assert links, f"{page.relative_to(site)}: no PDF in the download menu"
        assert all(link.is_file() and link.parent == edition(pdfs, language).resolve() for link in links), (page, links)
        assert "window.print()" not in html


def test_without_chromium_the_pdfs_are_skipped_with_one_line_saying_how(tmp_path):
    """`make book` on a machine without Chromium: the website builds, one line says how to get
    the PDFs; the Pages workflow (`--require`) fails instead."""
    tool = [sys.executable, str(ROOT / "tools" / "pdf" / "build.py")]
    no_browser = {**os.environ, "PATH": str(tmp_path)}  # a folder without chromium or chromedriver
    skipped = subprocess.run(tool, env=no_browser, capture_output=True, text=True)
    assert skipped.returncode == 0 and skipped.stderr == ""
    assert len(skipped.stdout.splitlines()) == 1 and "apt-get install chromium" in skipped.stdout
    required = subprocess.run(tool + ["--require"], env=no_browser, capture_output=True, text=True)
    assert required.returncode != 0 and "chromium" in required.stderr
