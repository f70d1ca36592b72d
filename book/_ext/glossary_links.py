"""Glossary links: the first use of each glossary term on a page links to its entry.

The terms are those of the `glossary` directive (book/glossary.md), matched whole-word and
case-insensitively in the page's paragraphs, singular or plural ("logit" and "logits"),
longest first ("special token" before "token"). Headings, code, links, notebook cells, the
notes the course's extension adds and the glossary's own page are left alone, and so are
"heads", "12 heads" and "attention head", which are the heads of attention, not a model's
head. sphinx-tippy (set up in `_config.yml`) previews the entry when the reader hovers over or
focuses such a link; `_static/glossary-preview.js` lets Escape hide the preview.
sphinx-tippy gathers a page's previews while writing it, after Sphinx has saved its environment,
so this extension keeps them for the next build: one that writes only some pages still knows the
glossary's entries, and the pages it writes keep their previews (and the scripts of earlier
builds that no page loads are deleted).

The previews' libraries (the site's copies of tippy.js and Popper, from tools/website/web_assets.py)
load before require.js, which pages with widgets load: after it, their UMD builds would
register as anonymous require.js modules (an error) instead of defining `tippy`.
"""

import pickle
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

LINK_CLASS = "glossary-link"
INLINE_PROSE = (nodes.emphasis, nodes.strong)
LEFT_ALONE = (nodes.FixedTextElement, nodes.literal, nodes.reference, nodes.inline, nodes.math,
              nodes.title, nodes.subtitle, nodes.caption, nodes.raw, nodes.term, nodes.rubric,
              addnodes.pending_xref)
LEFT_ALONE_CLASSES = {"cell", "stand-in-note", "outputs-versions"}  # notebook cells, page notes
PREVIEW_SCRIPT = "glossary-preview.js"
PREVIEW_LIBRARIES = ("vendor/popper/popper.min.js", "vendor/tippy/tippy-bundle.umd.min.js")
KEPT_PREVIEWS = "tippy-pages.pickle"  # in the build's doctree folder
BEFORE_REQUIRE_JS = 100  # script priority: Sphinx and myst-nb add theirs from 200 and 500


def stem(term):
    """A term without its plural s: the key under which "logit" and "logits" are the same."""
    return term.lower().removesuffix("s")


def term_pattern(stems):
    """A regex matching any of the stems as whole words, singular or plural, longest first."""
    alternatives = sorted((re.escape(stem) for stem in stems), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(alternatives) + r")s?\b", re.IGNORECASE)


def other_sense(key, words, before):
    """Whether a use of a term means something other than its glossary entry: the heads of
    attention ("heads", "12 heads", "attention head") are not a model's head."""
    return key == "head" and (words.lower() == "heads" or re.search(r"(\d|attention)\W*$", before, re.I))


def left_alone(node):
    return isinstance(node, LEFT_ALONE) or bool(LEFT_ALONE_CLASSES & set(node.get("classes", ())))


def prose_paragraphs(document):
    """The paragraphs of running text: not inside code, a cell or a note of the page."""
    for paragraph in document.findall(nodes.paragraph):
        ancestor = paragraph
        while ancestor is not None and not left_alone(ancestor):
            ancestor = ancestor.parent
        if ancestor is None:
            yield paragraph


def is_running_text(text, paragraph):
    """Whether a Text node of `paragraph` is plain, emphasised or strong text (not code or a link)."""
    node = text.parent
    while node is not paragraph:
        if not isinstance(node, INLINE_PROSE):
            return False
        node = node.parent
    return True


class GlossaryLinks(SphinxPostTransform):
    """Link the first use of each glossary term on the page to its entry."""

    default_priority = 5  # before Sphinx resolves references (10)
    formats = ("html",)

    def run(self, **kwargs):
        self.entries = {stem(name): (docname, anchor) for name, _, kind, docname, anchor, _
                        in self.env.get_domain("std").get_objects() if kind == "term"}
        if not self.entries or any(docname == self.env.docname for docname, _ in self.entries.values()):
            return
        self.pattern, self.linked = term_pattern(self.entries), set()
        for paragraph in list(prose_paragraphs(self.document)):
            self._link_first_uses(paragraph)

    def _link_first_uses(self, paragraph):
        """Link the terms first used in the paragraph. The terms are found in its whole text,
        longest first, so "**pad token** id" uses "token id"; a use that is not within one
        piece of running text (it is code, a link, or spans a bold word) stays unlinked."""
        texts = list(paragraph.findall(nodes.Text))
        starts = [sum(len(text) for text in texts[:index]) for index in range(len(texts))]
        whole, uses = "".join(texts), {}
        for match in self.pattern.finditer(whole):
            key = match.group(1).lower()
            if key in self.linked or other_sense(key, match.group(), whole[:match.start()]):
                continue
            index = max(index for index, start in enumerate(starts) if start <= match.start())
            if match.end() <= starts[index] + len(texts[index]) and is_running_text(texts[index], paragraph):
                self.linked.add(key)
                uses.setdefault(index, []).append((match.start() - starts[index], match.end() - starts[index], key))
        for index, found in uses.items():
            source, pieces, done = str(texts[index]), [], 0
            for start, end, key in found:
                pieces += [nodes.Text(source[done:start]), self._link(source[start:end], key)]
                done = end
            texts[index].parent.replace(texts[index], pieces + [nodes.Text(source[done:])])

    def _link(self, words, key):
        docname, anchor = self.entries[key]
        link = make_refnode(self.app.builder, self.env.docname, docname, anchor, nodes.Text(words))
        link["classes"].append(LINK_CLASS)
        return link


def links_a_term(reference):
    """Whether a link goes to a glossary entry (sphinx-tippy previews these, `_config.yml`)."""
    return reference.get("refid", "").startswith("term-") or "#term-" in reference.get("refuri", "")


def add_preview_scripts(app, pagename, templatename, context, doctree):
    """Load the previews' libraries, and the Escape key's script, on pages that link terms."""
    if doctree is not None and any(links_a_term(node) for node in doctree.findall(nodes.reference)):
        for library in PREVIEW_LIBRARIES:
            app.add_js_file(library, priority=BEFORE_REQUIRE_JS)
        app.add_js_file(PREVIEW_SCRIPT, loading_method="defer")


def keep_previews(app, exception):
    """Save the previews sphinx-tippy gathered from every page written so far, and delete the
    preview scripts of earlier builds that no page loads any more (sphinx-tippy leaves them)."""
    if exception is None and hasattr(app.env, "tippy_data"):
        pages = app.env.tippy_data["pages"]
        Path(app.doctreedir, KEPT_PREVIEWS).write_bytes(pickle.dumps(pages))
        loaded = {Path(page["js_path"]).resolve() for page in pages.values()}
        for script in Path(app.outdir, "_static", "tippy").rglob("*.js"):
            if script.resolve() not in loaded:
                script.unlink()


def restore_previews(app, env):
    """Give sphinx-tippy the previews of the pages that this build will not write again."""
    kept = Path(app.doctreedir, KEPT_PREVIEWS)
    if kept.is_file():
        data = getattr(env, "tippy_data", None) or {"pages": {}, "wiki_titles": set()}
        for name, page in pickle.loads(kept.read_bytes()).items():
            if name in env.all_docs:
                data["pages"].setdefault(name, page)
        env.tippy_data = data


def setup(app):
    app.add_post_transform(GlossaryLinks)
    app.connect("html-page-context", add_preview_scripts)
    app.connect("env-updated", restore_previews)
    app.connect("build-finished", keep_previews, priority=900)  # after sphinx-tippy has written
    return {"parallel_read_safe": True, "parallel_write_safe": True}
