"""Sphinx extension of the course book's website (loaded from `_config.yml`).

- Offline badge: each notebook starts with an "Open in Colab" badge whose image lives on
  colab.research.google.com. On the website the image comes from the site itself
  (`book/images/colab-badge.svg`), so pages load nothing from the internet; the badge still
  links to the notebook in Colab. page_opening.py shows it, with the Colab-only install cell,
  below the page's opening text.
- Solutions notice: pages under `solutions/` open with a note that they hold the solutions
  (the notebook's own, where it opens with one).
- No Thebe: Jupyter Book always loads sphinx-thebe. This book runs its notebooks in Colab,
  not with Thebe (`launch_buttons.thebe: false`), and with Sphinx 7.4 sphinx-thebe's inline
  configuration script is written twice into every page (Sphinx's de-duplication of page
  scripts compares an unnamed script added before and after the builder starts as different),
  a JavaScript error. So its scripts are not added when Thebe is off.
- Outputs' provenance: on a notebook page, the Transformers, PyTorch and Python versions its
  stored outputs were made with (from the notebook's metadata). When the outputs
  came from the offline mirror (the set-up cell printed so), the output of every cell tagged
  `stand-in` gets a small labelled badge, and the page one short explanation linking to
  "About the outputs".
- Offline assets check: the build stops with a clear message when the JavaScript files that the
  pages load from the site itself (the widget scripts of `lazy_widgets.py`, MathJax; `python
  tools/website/web_assets.py` fetches them) are missing.
- Live tokenizer: pages with a cell tagged `live-pieces` or `live-playground` load
  `_static/live/page.js` (an ES module; not from file:// pages, where browsers refuse modules)
  and its stylesheet, which put a live version of that
  cell's output beside it (see `book/_static/live/`). Other pages load neither.
- Fresh static files: Sphinx copies the static folders only when it writes some page, so a build
  after changing only a static file (a script, the tokenizer files) would keep the old copies.
  When a static file is newer than its copy, the root page is rebuilt, which copies them all.
- Folded cells (tags `hide-input`, `hide-output`): MyST-NB labels their summary "Toggle hidden
  content", which hides its visible text ("Show code cell source") from screen readers (axe's
  rule label-content-name-mismatch). Here the summary keeps its visible text as its name.

Each further feature of the website is a module of its own in this folder, set up from here
(FEATURES): page_opening (the first paragraph right below the title), reading_path (previous
and next follow the course), glossary_links, exercise_pages (how to work them, a tick for
"done", the way to the solutions), progress (the "Your progress" page), search_results
(search excerpts and ranking), lazy_widgets (widget code only where a widget is shown),
inline_figures (the course's SVG figures drawn in the page), dark_mode (dark colours for the
notebooks' coloured outputs), pdf_downloads (the book's PDFs in the download menu) and
course_languages (the language switch and Korean search: book/translating.md).
"""

import filecmp
import html
import json
import re
from pathlib import Path

import nbformat
from docutils import nodes
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput
from sphinx import addnodes
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform

import lazy_widgets
from course.i18n import N_
from course.provenance import MIRROR, VERSIONS_LINE, checkpoint_source, versions_line
from course_languages import sentence, translated
from glossary_links import PREVIEW_LIBRARIES

COLAB_BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
LOCAL_BADGE = "book/images/colab-badge.svg"  # in the English book; Sphinx copies it to _images/
SOLUTIONS_FOLDER = "solutions/"
SOLUTIONS_NOTICE_CLASS = "solutions-notice"
STAND_IN_CLASS = "tag_stand-in"
STAND_IN_NOTE_ID = "stand-in-weights"
STAND_IN_BADGE = '<p class="stand-in-marker"><a class="stand-in-badge" href="#{anchor}" title="{title}">{text}</a></p>'
STAND_IN_TEXT = N_("stand-in weights")
STAND_IN_TITLE = N_("This output depends on weight values: it comes from the offline mirror's stand-in weights, "
                    "and the real checkpoint gives other numbers.")
LIVE_TAGS = ("live-pieces", "live-playground")
LIVE_SCRIPT, LIVE_MANIFEST, LIVE_STYLES = "live/page.js", "live/manifest.json", "live/live.css"
FEATURES = ("page_opening", "reading_path", "glossary_links", "exercise_pages", "progress",
            "search_results", "lazy_widgets", "inline_figures", "dark_mode", "pdf_downloads",
            "course_languages")
# (modules of book/_ext, each with its own docstring)


class LocalColabBadge(SphinxTransform):
    """Serve the Colab badge image from the site itself (page_opening.py places the badge)."""

    default_priority = 100

    def apply(self, **kwargs):
        badge = self.config.course_english_root + LOCAL_BADGE  # a translated book is one folder down
        for image in self.document.findall(nodes.image):
            if image.get("uri") == COLAB_BADGE_URL:
                image["uri"] = "/" + badge  # "/": from the book's root
                image["candidates"] = {"*": badge}


class SolutionsNotice(SphinxTransform):
    """Open every solutions page with a note saying what it is, linking to its exercises.

    A solutions notebook that opens with such a note of its own (a block quote below the
    title) keeps it as the page's notice rather than getting a second one."""

    default_priority = 101

    def apply(self, **kwargs):
        docname = self.env.docname
        if not docname.startswith(SOLUTIONS_FOLDER):
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        opening = next((node for node in section[_below_title(section):]
                        if not _is_comment(node)), None)
        if isinstance(opening, nodes.block_quote):
            opening["classes"].append(SOLUTIONS_NOTICE_CLASS)
            return
        exercises, config = "exercises/" + docname[len(SOLUTIONS_FOLDER):], self.config
        link = nodes.inline(text=translated(config, N_("the exercises")))
        if exercises in self.env.found_docs:
            link = addnodes.pending_xref("", nodes.inline(text=translated(config, N_("the exercise notebook"))),
                                         refdomain="std", reftype="doc", reftarget="/" + exercises,
                                         refexplicit=True)
        notice = nodes.admonition("", nodes.title(text=translated(config, N_("Solutions"))), nodes.paragraph(
            "", "", *sentence(config, N_("This page shows worked solutions. Try {exercises} on your own "
                                         "first, then compare your answers with these."), exercises=link)),
            classes=["important", SOLUTIONS_NOTICE_CLASS])
        section.insert(section.first_child_matching_class(nodes.title) + 1, notice)


class OutputsProvenance(SphinxTransform):
    """Say below a notebook page's title what its outputs were made with, and, on pages made
    with the offline mirror, mark the outputs of `stand-in` cells and explain the mark once."""

    default_priority = 102

    def apply(self, **kwargs):
        source = Path(self.env.doc2path(self.env.docname))
        section = next(iter(self.document.findall(nodes.section)), None)
        if source.suffix != ".ipynb" or section is None:
            return
        notebook = nbformat.read(source, as_version=4)
        below_title = []
        versions = versions_line(notebook, translated(self.config, VERSIONS_LINE))
        if versions:
            below_title.append(nodes.paragraph(text=versions, classes=["outputs-versions"]))
        if checkpoint_source(notebook) == MIRROR and self._mark_stand_in_outputs():
            below_title.append(_stand_in_note(self.config))
        index = _below_title(section)
        for offset, node in enumerate(below_title):
            section.insert(index + offset, node)

    def _mark_stand_in_outputs(self):
        """Put a badge above the output of every `stand-in` cell; return how many got one."""
        marked = 0
        for cell in list(self.document.findall(nodes.container)):
            if STAND_IN_CLASS not in cell["classes"]:
                continue
            outputs = [child for child in cell.children if "cell_output" in child["classes"]]
            if outputs:
                outputs[0].insert(0, nodes.raw("", stand_in_badge(self.config), format="html"))
                marked += 1
        return marked


def _is_comment(node):
    """Whether a node shows nothing: a comment, or an HTML comment of the notebook's markdown."""
    return isinstance(node, nodes.comment) or (
        isinstance(node, nodes.raw) and re.fullmatch(r"\s*<!--.*?-->\s*", node.astext(), re.S) is not None)


def _below_title(section):
    return section.first_child_matching_class(nodes.title) + 1


def stand_in_badge(config):
    return STAND_IN_BADGE.format(anchor=STAND_IN_NOTE_ID, title=html.escape(translated(config, STAND_IN_TITLE)),
                                 text=html.escape(translated(config, STAND_IN_TEXT)))


def _stand_in_note(config):
    about = addnodes.pending_xref("", nodes.inline(text=translated(config, N_("About the outputs"))),
                                  refdomain="std", reftype="doc", reftarget="/book/about-the-outputs",
                                  refexplicit=True)
    return nodes.admonition("", nodes.title(text=translated(config, N_("Stand-in weights"))), nodes.paragraph(
        "", "", *sentence(config, N_(
            "Outputs marked {badge} were made offline, with the course's mirror, and the real checkpoint "
            "prints other numbers there; ids, tokens, shapes and masks are exact. {about} says more."),
            badge=nodes.strong(text=translated(config, STAND_IN_TEXT)), about=about)),
        ids=[STAND_IN_NOTE_ID], classes=["note", "stand-in-note"])


def check_local_assets(app, config):
    """Every local script that `_config.yml` names must exist in one of the static folders."""
    scripts = [*lazy_widgets.WIDGET_SCRIPTS, lazy_widgets.LOADER, *PREVIEW_LIBRARIES]
    if "://" not in (config.mathjax_path or "://"):
        scripts.append(config.mathjax_path)
    folders = [Path(app.confdir, folder) for folder in config.html_static_path]
    scripts.append(LIVE_MANIFEST)  # written with the tokenizer files by tools/website/web_assets.py
    missing = [path for path in scripts if not any((folder / path).is_file() for folder in folders)]
    if missing:
        raise ConfigError("The website's local JavaScript files are missing (" + ", ".join(missing) + "). "
                          "Fetch them with `python tools/website/web_assets.py` (`make book` does).")


def skip_thebe_scripts(app):
    """Disconnect sphinx-thebe's script set-up when the book does not use Thebe."""
    if app.config.html_theme_options.get("launch_buttons", {}).get("thebe"):
        return
    for listener in list(app.events.listeners["env-before-read-docs"]):
        if getattr(listener.handler, "__module__", "") == "sphinx_thebe":
            if listener.handler.__name__ == "init_thebe_core":
                app.disconnect(listener.id)


def add_live_tokenizer(app, pagename, templatename, context, doctree):
    """Load the live tokenizer's module and stylesheet on pages that have a cell tagged for it."""
    classes = {f"tag_{tag}" for tag in LIVE_TAGS}
    if doctree is not None and any(classes & set(node.get("classes", []))
                                   for node in doctree.findall(nodes.Element)):
        # Browsers load no modules into file:// pages (a console error); those keep the stored output.
        source = json.dumps(context["pathto"]("_static/" + LIVE_SCRIPT, 1))
        app.add_js_file(None, body=f'if (location.protocol !== "file:") {{ const live = document.createElement'
                                   f'("script"); live.type = "module"; live.src = {source}; '
                                   'document.head.append(live); }')
        app.add_css_file(LIVE_STYLES)


def rebuild_when_static_files_changed(app, env, added, changed, removed):
    """The root page, to be rebuilt, when a static file differs from its copy in the output."""
    copies = Path(app.outdir, "_static")
    for folder in app.config.html_static_path:
        if Path(folder).is_absolute():  # an extension's own folder, not the book's
            continue
        for source in Path(app.confdir, folder).rglob("*"):
            copy = copies / source.relative_to(Path(app.confdir, folder))
            if source.is_file() and (not copy.is_file() or copy.stat().st_mtime < source.stat().st_mtime
                                     and not filecmp.cmp(source, copy, shallow=False)):
                return [app.config.root_doc]
    return []


def visit_folded_cell(self, node):
    """MyST-NB's opening of a folded cell, without the aria-label that replaces its text."""
    start = len(self.body)
    visit_HideCellInput(self, node)
    self.body[start:] = [part.replace(' aria-label="Toggle hidden content"', "") for part in self.body[start:]]


def setup(app):
    app.setup_extension("myst_nb")
    for feature in FEATURES:
        app.setup_extension(feature)
    app.add_node(HideCodeCellNode, override=True, html=(visit_folded_cell, depart_HideCellInput))
    app.add_transform(LocalColabBadge)
    app.add_transform(SolutionsNotice)
    app.add_transform(OutputsProvenance)
    app.connect("config-inited", check_local_assets, priority=900)
    app.connect("builder-inited", skip_thebe_scripts)
    app.connect("html-page-context", add_live_tokenizer)
    app.connect("env-get-outdated", rebuild_when_static_files_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
