"""Reading path: the previous and next links follow the course, not the sidebar's parts.

A reader goes from chapter 1 to its exercises, then to chapter 2, its exercises, and so on, and
then to the reference pages. The solutions are an appendix off that path, so that "next" never
lands on a worked answer: a solutions page leads back to its exercises (previous) and on to
the page after them (next), and each exercise page links to its solutions (exercise_pages.py).
"""

CHAPTERS, EXERCISES, SOLUTIONS = "chapters/", "exercises/", "solutions/"


def toc_order(env):
    """Every page of the book in the order of the table of contents."""
    relations, order, docname = env.collect_relations(), [], env.config.root_doc
    while docname:
        order.append(docname)
        docname = relations[docname][2]
    return order


def reading_path(order):
    """The pages in reading order: each chapter followed by its exercises, and no solutions."""
    path = []
    for docname in order:
        if docname.startswith((EXERCISES, SOLUTIONS)):
            continue
        path.append(docname)
        exercises = EXERCISES + docname.removeprefix(CHAPTERS)
        if docname.startswith(CHAPTERS) and exercises in order:
            path.append(exercises)
    return path


def neighbours(path, docname):
    """The previous and next pages of a page; a solutions page sits beside its exercises."""
    if docname.startswith(SOLUTIONS):
        exercises = EXERCISES + docname.removeprefix(SOLUTIONS)
        if exercises in path:
            return exercises, _after(path, exercises)
    if docname not in path:
        return None, None
    index = path.index(docname)
    return (path[index - 1] if index else None), _after(path, docname)


def _after(path, docname):
    index = path.index(docname) + 1
    return path[index] if index < len(path) else None


def set_previous_and_next(app, pagename, templatename, context, doctree):
    """Point the page's previous and next links (and <link rel>) along the reading path."""
    if doctree is None:
        return
    for key, docname in zip(("prev", "next"), neighbours(reading_path(toc_order(app.env)), pagename)):
        context[key] = docname and {"link": context["pathto"](docname),
                                    "title": app.builder.render_partial(app.env.titles[docname])["title"]}


def setup(app):
    app.connect("html-page-context", set_previous_and_next)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
