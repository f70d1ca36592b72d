"""The "Your progress" page: which chapters' quizzes and exercises this reader has done.

Everything it shows comes from the browser's local storage, where `_static/progress.js` reads
it; nothing leaves the browser. A quiz keeps its answers there (course/quiz/quiz.js, key
"course-book:quiz:<chapter>"), and an exercise page the reader's tick (key
"course-book:exercises:<page>", exercise_pages.py). The directive `course-progress` writes
the table of chapters, one row each, with empty places that the script fills in.
"""

import html
import re

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from course.i18n import N_
from course.quiz import QuizError, questions
from course_languages import translated

PROGRESS_PAGE = "book/progress"
SCRIPT = "progress.js"
TICK = ('<p class="progress-tick" hidden><input type="checkbox" id="progress-tick" data-page="{page}"> '
        '<label for="progress-tick">{label}</label></p>')


def tick_html(config, docname):
    """The "done" tick box of an exercise page (shown by progress.js, which keeps its state)."""
    label = translated(config, N_("I have worked through these exercises"))
    return TICK.format(page=html.escape(docname), label=html.escape(label))


def status_html(config, kind, **data):
    """An empty place of the table that progress.js fills in."""
    attributes = "".join(f' data-{name}="{html.escape(str(value))}"' for name, value in data.items())
    empty = html.escape(translated(config, N_("(needs JavaScript)")))
    return nodes.raw("", f'<span class="progress-{kind}"{attributes}>{empty}</span>', format="html")


def doc_link(docname, text=None):
    """A link to a page of the book, named `text` or, without it, the page's title."""
    return addnodes.pending_xref("", nodes.inline(text=text or docname), refdomain="std", reftype="doc",
                                 reftarget="/" + docname, refexplicit=text is not None)


def table(header, rows):
    def row(cells):
        return nodes.row("", *[nodes.entry("", nodes.paragraph("", "", *cell)) for cell in cells])

    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=1) for _ in header]
    group += nodes.thead("", row([[nodes.Text(title)] for title in header]))
    group += nodes.tbody("", *[row(cells) for cells in rows])
    return nodes.table("", group, classes=["course-progress"])


class CourseProgress(SphinxDirective):
    """The table of the book's chapters, with their quizzes' and exercises' progress."""

    def run(self):
        rows, config = [], self.config
        for chapter in sorted(doc for doc in self.env.found_docs if doc.startswith("chapters/")):
            number = int(re.match(r"chapters/(\d+)", chapter).group(1))
            try:
                quiz = [status_html(config, "quiz", chapter=number, total=len(questions(number)))]
            except QuizError:
                quiz = [nodes.Text(translated(config, N_("no quiz")))]
            exercises = "exercises/" + chapter.removeprefix("chapters/")
            done = ([doc_link(exercises, translated(config, N_("Exercises"))), nodes.Text(": "),
                     status_html(config, "exercises", page=exercises)]
                    if exercises in self.env.found_docs else [nodes.Text(translated(config, N_("no exercises")))])
            rows.append([[nodes.Text(f"{number}. "), doc_link(chapter)], quiz, done])
        header = [translated(config, text) for text in (N_("Chapter"), N_("Quiz"), N_("Exercises"))]
        return [table(header, rows)]


def setup(app):
    app.add_directive("course-progress", CourseProgress)
    app.add_js_file(SCRIPT, loading_method="defer")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
