"""Print the book to PDF, whole and chapter by chapter, in every language, for paper and offline reading.

    python tools/pdf/build.py            # after the website is built (`make book` runs both)
    python tools/pdf/build.py --require  # fail, rather than skip, without Chromium (Pages workflow)

1. Jupyter Book's `singlehtml` builder writes the whole book as one page, from the pages the
   website build has already read, so its cross-references stay links within that one document.
2. Headless Chromium (Debian's `chromium` and `chromium-driver`) opens that page, and each
   chapter's page of the website, from disk, and prints them with `Page.printToPDF` (A4, page
   numbers, a bookmark per heading) into the website's `pdf/` folder, where every page's download
   menu links them (book/_ext/pdf_downloads.py). The pages' print stylesheet
   (book/_static/print.css) hides navigation and controls, and print.js adds each quiz's answers.
   In a chapter's PDF, links to other pages of the site are printed as plain text.
3. Each translated book (tools/translation/build.py) gets the same, from its own pages, into its
   own `<language>/pdf/` folder, which its pages' download menus link. Korean text needs a font
   with its characters (Debian's `fonts-noto-cjk`; `.ci/run` installs it). The languages are
   printed side by side, each by its own process and Chromium, as many at once as there are
   processors.

Without Chromium this says in one line how to get the PDFs and exits successfully, so that
`make book` still builds the website.
"""

import argparse
import base64
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

import chromium

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "book" / "_ext")]

from pdf_downloads import BOOK_PDF, chapter_pdf, is_chapter  # noqa: E402
from tools.translation import catalog  # noqa: E402

HTML = ROOT / "_build" / "html"
SINGLE = ROOT / "_build" / "singlehtml"
SKIPPED = (f"PDFs not built: they need Chromium ({chromium.INSTALL}); "
           "then run `.venv/bin/python tools/pdf/build.py`.")
PAGE = {"paperWidth": 8.27, "paperHeight": 11.69,  # A4, in inches
        "marginTop": 0.6, "marginBottom": 0.7, "marginLeft": 0.6, "marginRight": 0.6,
        "printBackground": True, "generateDocumentOutline": True, "displayHeaderFooter": True,
        "headerTemplate": "<span></span>",
        "footerTemplate": '<div style="font-size:8px;width:100%;text-align:center;color:#495057">'
                          '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'}
READY = """
const done = arguments[arguments.length - 1];
document.documentElement.dataset.theme = 'light';  // paper is white, whatever the reader chose
window.coursePrepareForPrint();
for (const link of document.querySelectorAll('a[href]')) {  // links to other files: text only
  const url = new URL(link.href, location.href);
  if (url.protocol === 'file:' && url.pathname !== location.pathname) link.removeAttribute('href');
}
const maths = window.MathJax && MathJax.startup ? MathJax.startup.promise : null;
Promise.all([document.fonts.ready, maths]).then(() => done(true), error => done(String(error)));
"""


def source(language):
    """The folder of a language's book (its _toc.yml): the repository's for English."""
    return ROOT if language == "en" else ROOT / language


def chapters(language="en"):
    """Docnames of the chapters, in the order of the language's `_toc.yml`."""
    toc = yaml.safe_load((source(language) / "_toc.yml").read_text(encoding="utf-8"))
    return [entry["file"] for part in toc["parts"] for entry in part["chapters"] if is_chapter(entry["file"])]


def build_single_page(language="en"):
    """A language's whole book as one HTML page (reusing its website build's work); return its path."""
    single = SINGLE if language == "en" else SINGLE / language
    if language == "en":
        jupyter_book = Path(sys.executable).with_name("jupyter-book")
        command = [str(jupyter_book), "build", ".", "--builder", "singlehtml", "--warningiserror", "--nitpick",
                   "--keep-going"]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"`{' '.join(command)}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    else:
        from tools.translation.build import build  # Sphinx: imported only when a PDF is made
        if build(language, builder="singlehtml", out=single) != 0:
            sys.exit(f"The {language} book's single page did not build (Sphinx's warnings above).")
    root = yaml.safe_load((source(language) / "_toc.yml").read_text(encoding="utf-8"))["root"]
    page = single / "book.html"  # the root document sits in a subfolder, its links are the site root's
    shutil.copyfile(single / f"{root}.html", page)
    return page


def print_pdf(driver, page, target):
    """Open `page` (a file), prepare it for paper and print it to `target`."""
    start = time.monotonic()
    driver.get(page.as_uri())
    ready = driver.execute_async_script(READY)
    if ready is not True:
        sys.exit(f"{page} did not get ready for printing: {ready}")
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", PAGE)["data"])
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
    print(f"{target.relative_to(ROOT)}: {len(pdf) / 1e6:.1f} MB in {time.monotonic() - start:.1f} s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--require", action="store_true", help="fail when Chromium is missing")
    args = parser.parse_args(argv)
    if not chromium.find():
        if args.require:
            sys.exit(SKIPPED)
        print(SKIPPED)
        return
    if not (HTML / "index.html").is_file():
        sys.exit("Build the website first: `make book`.")
    languages = ["en", *catalog.languages()]
    with ProcessPoolExecutor(max_workers=min(len(languages), os.cpu_count() or 1)) as pool:
        list(pool.map(print_book, languages))


def print_book(language):
    """Print a language's book and each of its chapters into its website's `pdf/` folder."""
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium.start(profile)
        driver.set_script_timeout(60)
        try:
            print_pages(driver, language)
        finally:
            driver.quit()


def print_pages(driver, language):
    start = time.monotonic()
    book = build_single_page(language)
    print(f"The {language} book as one page: {time.monotonic() - start:.1f} s")
    html = HTML if language == "en" else HTML / language
    print_pdf(driver, book, html / BOOK_PDF)
    for docname in chapters(language):
        print_pdf(driver, html / f"{docname}.html", html / chapter_pdf(docname))


if __name__ == "__main__":
    main()
