"""Dark mode for the notebooks' coloured HTML outputs, from the course's one colour table.

course.pieces (word pieces), course.playground (the batch table), the live tokenizer's copies of
them and course.grading's reports colour their boxes and text with inline styles: pale
backgrounds under dark text, as Jupyter and Colab show them on white. In the website's dark mode (`data-theme="dark"` on <html>, set by the
theme's switch or the reader's system) the stylesheet written here, `_static/course-dark.css`,
gives each of those colours its dark value from `course.figures.THEME` and their text the light
ink, so the boxes keep WCAG AA contrast on a dark page. (The figures carry their own dark colours.)
"""

from pathlib import Path

from course.figures import THEME

STYLESHEET = "course-dark.css"
DARK = 'html[data-theme="dark"] main'


def dark_css():
    """Each THEME colour, where an inline style uses it for text, a background or a border,
    replaced by its dark value."""
    rules = [f'{DARK} [style*="color:{light}"] {{ color: {dark} !important; }}\n'
             f'{DARK} [style*="background:{light}"] {{ background: {dark} !important; }}\n'
             f'{DARK} [style*=" {light}"] {{ border-color: {dark} !important; }}'
             for role, (light, dark) in THEME.items() if role != "paper"]
    return "/* Written by book/_ext/dark_mode.py from course.figures.THEME. */\n" + "\n".join(rules) + "\n"


def write_stylesheet(app):
    static = Path(app.outdir, "_static")
    static.mkdir(parents=True, exist_ok=True)
    (static / STYLESHEET).write_text(dark_css())


def setup(app):
    app.connect("builder-inited", write_stylesheet)
    app.add_css_file(STYLESHEET)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
