"""The book's PDFs in every page's download menu, in place of the theme's print button.

`tools/pdf/build.py` (run by `make book`) prints the whole book and each chapter to PDF into the
site's `pdf/` folder; the download menu (the header's download icon) links the book's PDF on
every page and the chapter's own PDF on a chapter page. The theme's ".pdf" entry, which opened
the browser's print dialog, is gone.
"""

from pathlib import PurePosixPath

from course.i18n import N_
from course_languages import translated

FOLDER = "pdf"
BOOK_PDF = f"{FOLDER}/how-transformers-works-inside.pdf"
CHAPTERS_FOLDER = "chapters/"
PRINT_BUTTON = "download-pdf-button"  # sphinx-book-theme's label of its print entry


def chapter_pdf(docname):
    """Where the PDF of a chapter page goes, relative to the site's root."""
    return f"{FOLDER}/{PurePosixPath(docname).name}.pdf"


def is_chapter(docname):
    return docname.startswith(CHAPTERS_FOLDER)


def pdf_buttons(config, pagename, pathto):
    buttons = [{"type": "link", "url": pathto(BOOK_PDF, 1), "text": translated(config, N_("Book PDF")),
                "icon": "fas fa-file-pdf", "tooltip": translated(config, N_("The whole book as a PDF")),
                "label": "download-book-pdf-button"}]
    if is_chapter(pagename):
        buttons.insert(0, {"type": "link", "url": pathto(chapter_pdf(pagename), 1),
                           "text": translated(config, N_("Chapter PDF")), "icon": "fas fa-file-pdf",
                           "tooltip": translated(config, N_("This chapter as a PDF")),
                           "label": "download-chapter-pdf-button"})
    return buttons


def link_pdfs(app, pagename, templatename, context, doctree):
    """Swap the theme's print entry of the download menu for links to the PDFs."""
    for group in context.get("header_buttons", []):
        entries = group.get("buttons", [])
        for index, entry in enumerate(entries):
            if entry.get("label") == PRINT_BUTTON:
                entries[index:index + 1] = pdf_buttons(app.config, pagename, context["pathto"])
                return


def setup(app):
    app.connect("html-page-context", link_pdfs, priority=502)  # after the theme adds its buttons
    return {"parallel_read_safe": True, "parallel_write_safe": True}
