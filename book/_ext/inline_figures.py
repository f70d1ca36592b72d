"""Notebook figures drawn in the page itself: in the page's colours, and readable on a phone.

The course draws its figures as SVG whose colours are CSS variables with a light and a dark value
(course/figures.py). A picture in an <img> cannot see the page's styles, so every SVG output of a
notebook cell goes into the page as an <svg role="img"> named by the cell's alt text, in place of
its <img>; it stays in its numbered <figure>, above its caption. It sits in a box that scrolls
sideways by itself: the picture shrinks to fit the column, but not below MIN_SCALE of its size,
so that its smallest labels (8 pt) stay at least 8 CSS pixels high on a 360-px phone screen.
"""

import html
import re
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from course.figures import CSS_CLASS

MIN_SCALE = 0.75
PX_PER_PT = 4 / 3


class InlineSvgFigures(SphinxPostTransform):
    """Replace the <img> of every SVG cell output by the SVG itself."""

    default_priority = 200
    formats = ("html",)

    def run(self, **kwargs):
        for image in list(self.document.findall(nodes.image)):
            path = Path(self.env.srcdir, image["uri"].lstrip("/"))
            if path.suffix != ".svg" or not path.is_file():
                continue
            svg = path.read_text(encoding="utf-8")
            if f'class="{CSS_CLASS}"' not in svg:
                continue  # an SVG that course.figures did not draw keeps its <img>
            image.replace_self(nodes.raw("", inline_svg(svg, image.get("alt", "")), format="html"))


def inline_svg(svg, alt):
    """The SVG, named by `alt`, sized between MIN_SCALE and its natural width, in its box."""
    width_pt = float(re.search(r'<svg [^>]*?width="([\d.]+)pt"', svg).group(1))
    natural = width_pt * PX_PER_PT
    attributes = (f'role="img" aria-label="{html.escape(alt)}" '
                  f'style="max-width:{natural:.0f}px;min-width:{natural * MIN_SCALE:.0f}px"')
    return f'<div class="course-figure-box">{svg.replace("<svg ", f"<svg {attributes} ", 1)}</div>'


def setup(app):
    app.add_post_transform(InlineSvgFigures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
