"""Exercise pages end with the way on: a tick for "done", and the link to the worked solutions.

The website cannot run a reader's code, so it does not know whether the exercises are solved
(the notebook's check cells do, in Colab or Jupyter). The reader ticks "I have worked through
these exercises"; `_static/progress.js` keeps the tick in the browser's local storage for the
"Your progress" page (progress.py). The solutions, which the reading path leaves out
(reading_path.py), are linked from here.
"""

from docutils import nodes
from sphinx.transforms import SphinxTransform

from course.i18n import N_
from course_languages import sentence, translated
from progress import PROGRESS_PAGE, doc_link, tick_html
from reading_path import EXERCISES, SOLUTIONS


class ExerciseEnding(SphinxTransform):
    """Add the "When you are done" section at the end of an exercise page."""

    default_priority = 111

    def apply(self, **kwargs):
        docname = self.env.docname
        page = next(iter(self.document.findall(nodes.section)), None)
        if not docname.startswith(EXERCISES) or page is None:
            return
        config = self.config
        ending = nodes.section("", nodes.title(text=translated(config, N_("When you are done"))),
                               ids=["when-you-are-done"], names=["when you are done"])
        ending += nodes.raw("", tick_html(config, docname), format="html")
        if PROGRESS_PAGE in self.env.found_docs:
            progress = doc_link(PROGRESS_PAGE, translated(config, N_("Your progress")))
            ending += nodes.paragraph("", "", *sentence(config, N_(
                "The website cannot run your code: the check cells in the notebook tell you whether it "
                "is right. Tick the box when you are done, and {progress} shows it; the tick stays in "
                "this browser, and nowhere else."), progress=progress))
        solutions = SOLUTIONS + docname.removeprefix(EXERCISES)
        if solutions in self.env.found_docs:
            ending += nodes.paragraph("", "", *sentence(config, N_(
                "Then compare your code with the worked solutions, in the appendix: {solutions}."),
                solutions=doc_link(solutions)))
        page += ending


def setup(app):
    app.add_transform(ExerciseEnding)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
