"""Figures for every screen: vector pictures (SVG) whose colours follow the page's light or dark theme.

The course's drawings (course.flow, course.masks, course.parameters, course.longest_match) are
`ThemedFigure`s, matplotlib Figures that a notebook shows as SVG, so they stay sharp when a
phone's reader zooms in. They are drawn in the light colours of THEME only; in the SVG each of
those colours becomes a CSS variable (`--course-ink`, ...), whose light value is the default and
whose dark value applies inside a page whose <html> element has `data-theme="dark"` (the
website's dark mode; the website puts the SVG into the page itself, see
book/_ext/inline_figures.py). Jupyter and Colab show the light colours.

    @themed
    def draw_something(...):
        figure, axes = plt.subplots(figsize=(6, 3), FigureClass=ThemedFigure)
        ...
        return figure
"""

import functools
import hashlib
import io
import re

import matplotlib
from matplotlib.figure import Figure

# role: (light colour, dark colour). Each light colour is used by one role only. Filled shapes
# that carry text are pale in the light theme and deep in the dark one, and the text colour
# ("ink") flips, so text on them keeps a contrast of at least 4.5:1 (WCAG AA) in both.
THEME = {
    "paper": ("#ffffff", "transparent"),
    "ink": ("#1a1a1a", "#e9ecef"),
    "ink-soft": ("#343a40", "#ced4da"),
    "line": ("#495057", "#adb5bd"),
    "blue": ("#a5d8ff", "#1a4669"),
    "green": ("#b2f2bb", "#204c29"),
    "orange": ("#ffd8a8", "#603a13"),
    "violet": ("#d0bfff", "#463580"),
    "pink": ("#fcc2d7", "#6b2448"),
    "yellow": ("#ffec99", "#4e430b"),
    "cyan": ("#99e9f2", "#114a52"),
    "rose": ("#ffc9c9", "#6b2626"),
    "grey": ("#dee2e6", "#3d434a"),
    "red": ("#c92a2a", "#ff8787"),
    "heat": ("#1864ab", "#74c0fc"),  # heatmaps: this colour, more opaque for larger values
    "bar-edge": ("#1c4f80", "#a5d8ff"),
    # the text colours of course.grading's reports: correct, not attempted yet, hint
    "green-text": ("#237032", "#8ce99a"),
    "blue-text": ("#3b5bdb", "#91a7ff"),
    "brown-text": ("#9c4f00", "#ffc078"),
}
LIGHT = {role: light for role, (light, _) in THEME.items()}
CSS_CLASS = "course-figure"
COLOUR = re.compile(r"(?<=: )#[0-9a-f]{6}\b")  # a colour in a style declaration
RC = {  # matplotlib's own colours (axes, ticks, labels) as THEME's roles
    "text.color": LIGHT["ink"], "axes.labelcolor": LIGHT["ink"], "xtick.color": LIGHT["ink"],
    "ytick.color": LIGHT["ink"], "axes.edgecolor": LIGHT["line"], "hatch.color": LIGHT["line"],
    "figure.facecolor": LIGHT["paper"], "axes.facecolor": LIGHT["paper"],
    "svg.hashsalt": "course", "svg.fonttype": "path",  # the same SVG every run; no fonts needed
}


def themed(draw):
    """Run a drawing function with matplotlib's colours set to THEME's."""
    @functools.wraps(draw)
    def with_theme(*args, **kwargs):
        with matplotlib.rc_context(RC):
            figure = draw(*args, **kwargs)
            interactive = matplotlib.is_interactive()  # a notebook's first figure turns it on
        matplotlib.interactive(interactive)  # which the context's end would undo
        return figure
    return with_theme


class ThemedFigure(Figure):
    """A matplotlib Figure that notebooks show as a theme-aware SVG (see `to_svg`)."""

    def _ipython_display_(self):
        from IPython.display import display

        display({"image/svg+xml": to_svg(self), "text/plain": repr(self)}, raw=True)


def theme_css():
    """The CSS that gives the variables their light values, and their dark values in dark mode."""
    light = ";".join(f"--course-{role}:{light}" for role, (light, _) in THEME.items())
    dark = ";".join(f"--course-{role}:{dark}" for role, (_, dark) in THEME.items())
    return f'.{CSS_CLASS}{{{light}}}html[data-theme="dark"] .{CSS_CLASS}{{{dark}}}'


def to_svg(figure):
    """The figure as an SVG document whose colours are THEME's variables, with ids of its own.

    Raises ValueError if the figure uses a colour that is not in THEME (it would not follow
    the theme)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # no XML declaration or doctype: the SVG can sit in a page
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    svg = re.sub(r'\bfill="(#[0-9a-f]{6})"', r'style="fill: \1"', svg)  # hatch backgrounds
    by_colour = {light: role for role, light in LIGHT.items()}
    unknown = set(COLOUR.findall(svg)) - set(by_colour)
    if unknown:
        raise ValueError(f"colours outside course.figures.THEME: {sorted(unknown)}")
    svg = COLOUR.sub(lambda match: f"var(--course-{by_colour[match.group()]})", svg)
    shape = re.sub(r"[-\d.]+", "", svg)  # without its numbers: the same on every processor
    prefix = "f" + hashlib.sha256(shape.encode()).hexdigest()[:8] + "-"  # unique within a page
    svg = re.sub(r'\bid="([^"]+)"', rf'id="{prefix}\1"', svg)
    svg = re.sub(r'(xlink:href="#|url\(#)', rf"\1{prefix}", svg)
    return svg.replace("<svg ", f'<svg class="{CSS_CLASS}" ', 1).replace(
        "<defs>", f"<defs>\n  <style>{theme_css()}</style>", 1)
