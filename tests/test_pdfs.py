"""The book's PDFs, whole and per chapter, as `make book` prints them (tools/pdf/build.py).

The `pdfs` fixture prints them once per run from the site the `site` fixture built. PDFium
(pypdfium2) reads how many pages, the text (every chapter's heading, numbered figures, each
quiz's answers and none of its controls) and where each line of it sits (nothing beyond the right
margin, where it would be cut off or missing on paper); pypdf reads the links within the book.
"""

import os
import re
import subprocess
import sys
from functools import cache

import nbformat
import pytest

from book_site import CHAPTERS, ROOT
from course.quiz import MultipleChoice, questions

MARGIN_PT = 0.6 * 72  # tools/pdf/build.py's left and right margins
TOLERANCE_PT = 2  # a glyph's box may reach a little past where the text stops
MAX_CHAPTER_PAGES = 60


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


def chapter_pdf(pdfs, page):
    return pdfs / (page.split("/")[-1] + ".pdf")


def notebook(page):
    return nbformat.read(ROOT / f"{page}.ipynb", as_version=4)


def heading(page):
    """The chapter's title: its notebook's first level-1 heading."""
    lines = (line for cell in notebook(page).cells if cell.cell_type == "markdown" for line in cell.source.splitlines())
    return next(line[2:].strip() for line in lines if line.startswith("# "))


def figure_count(page):
    return sum(1 for cell in notebook(page).cells if cell.cell_type == "code" and "figure" in cell.metadata.get("mystnb", {}))


def folded_lines(page):
    """The first line of each folded part of a chapter: a `hide-input` cell's code, a
    `hide-output` cell's printed output."""
    for cell in notebook(page).cells:
        tags = cell.metadata.get("tags", [])
        if "hide-input" in tags:
            yield " ".join(cell.source.strip().splitlines()[0].split())
        if "hide-output" in tags:
            printed = next(output for output in cell.outputs if output.get("text") or output.get("data"))
            text = printed.get("text") or printed["data"]["text/plain"]
            yield " ".join(text.strip().splitlines()[0].split())


def explanation(chapter, position):
    """The start of a quiz question's explanation, as printed (code spans lose their backticks)."""
    question = questions(chapter)[position]
    why = question.answer.why if isinstance(question, MultipleChoice) else question.why
    return " ".join(why.replace("`", "").split())[:50]


@pytest.fixture(scope="module")
def book(pdfs):
    return read(pdfs / "how-transformers-works-inside.pdf")


def test_the_book_holds_every_chapter_and_more(pdfs, book):
    pages = {page: read(chapter_pdf(pdfs, page))[0] for page in CHAPTERS}
    assert all(2 <= count <= MAX_CHAPTER_PAGES for count in pages.values()), pages
    assert book[0] > sum(pages.values()), f"the book has {book[0]} pages, its chapters {pages}"


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
        assert explanation(chapter, position) in text, f"question {position + 1}'s explanation is missing"
    for line in folded_lines(page):
        assert line in text, f"{page}: a folded cell is not printed open: {line!r}"
    for control in ("Answer and explanations", "Choose or type an answer"):  # the quiz's summary, intro
        assert control not in text, f"{page}: the printed page shows {control!r}"


def test_no_text_beyond_the_right_margin(pdfs):
    beyond = {path.name: read(path)[2][:5] for path in sorted(pdfs.glob("*.pdf")) if read(path)[2]}
    assert not beyond, f"characters past the right margin (page, character): {beyond}"


def test_the_book_links_within_itself(book):
    """The contents and cross-references (chapters, figures, glossary) are links in the PDF."""
    assert book[3] >= 2 * len(CHAPTERS), f"only {book[3]} links within the book's PDF"


def test_every_page_offers_the_pdfs(pdfs, site):
    """The download menu of every page links the book's PDF; a chapter's, the chapter's too."""
    for page in [path for path in site.rglob("*.html") if "_static" not in path.parts]:
        html = page.read_text()
        if "download-buttons" not in html:
            continue
        links = set(re.findall(r'href="([^"]*pdf/[^"]+\.pdf)"', html))
        assert links, f"{page.relative_to(site)}: no PDF in the download menu"
        assert all((page.parent / link).resolve().is_file() for link in links), (page, links)
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
