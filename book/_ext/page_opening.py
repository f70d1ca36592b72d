"""A notebook page opens with its content: on the website its first paragraph follows the title.

Before its text, a notebook holds what Colab needs first: the "Open in Colab" badge and the
Colab-only install cell, above the title. The page also gets notes about its outputs (the
versions they were made with, the stand-in weights note; see course_book.py). On a phone these
would push the first paragraph a screen down, so on the website they all move below the
page's opening text, just before its first code cell (the set-up cell). The notebooks stay as
they are: in Jupyter and Colab the install cell still runs first.
"""

from docutils import nodes
from sphinx.transforms import SphinxTransform

from course_book import LOCAL_BADGE

NOTES = {"outputs-versions", "stand-in-note"}  # classes of the page's notes about its outputs
INSTALL_CELL = "tag_colab-install"  # myst-nb gives each cell a class per tag
CELL = "cell"


def has_class(node, classes):
    return isinstance(node, nodes.Element) and bool(set(node["classes"]) & classes)


def is_colab_header(node):
    """Whether a node is the badge paragraph or the Colab-only install cell."""
    return has_class(node, {INSTALL_CELL}) or isinstance(node, nodes.Element) and any(
        image["uri"].endswith(LOCAL_BADGE) for image in node.findall(nodes.image))


class OpeningFirst(SphinxTransform):
    """Move the Colab header and the notes about the outputs to just before the first code cell."""

    default_priority = 110  # after course_book's transforms (the local badge, the notes)

    def apply(self, **kwargs):
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None or section.parent is not self.document:
            return
        above = self.document.children[:self.document.index(section)]
        moved = [node for node in above if is_colab_header(node)] + [
            node for node in section.children if has_class(node, NOTES)]
        for node in moved:
            node.parent.remove(node)
        index = next((index for index, node in enumerate(section.children)
                      if has_class(node, {CELL}) or isinstance(node, nodes.section)), len(section))
        section[index:index] = moved


def setup(app):
    app.add_transform(OpeningFirst)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
