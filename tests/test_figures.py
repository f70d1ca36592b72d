"""The course's figures follow the page's theme: every colour a CSS variable with a light and a
dark value, text readable on every filled colour in both themes, ids unique within a page."""

import re

import pytest

from course import pieces, playground
from course.grading import report
from course.figures import CSS_CLASS, THEME, ThemedFigure, theme_css, to_svg
from course.flow import draw_pipeline_flow
from course.masks import draw_attention_heatmaps, draw_attention_mask
from course.parameters import draw_parameter_counts

TEXT_ROLES = ("ink", "ink-soft", "line", "green-text", "blue-text", "brown-text")
FILLS = [role for role in THEME if role not in TEXT_ROLES + ("paper", "red", "heat", "bar-edge")]
PAGE_BACKGROUNDS = {"light": "#ffffff", "dark": "#14181e"}  # pydata-sphinx-theme's, as of 0.17


def luminance(colour):
    channels = [int(colour[index:index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, other):
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TOKENS = ["[CLS]", "hi", "[SEP]", "[PAD]"]
WEIGHTS = [[0.25] * 4 for _ in TOKENS]
DRAWINGS = {
    "flow": lambda: draw_pipeline_flow(),
    "mask": lambda: draw_attention_mask([[101, 7632, 102, 0]], [[1, 1, 1, 0]]),
    "heatmaps": lambda: draw_attention_heatmaps(WEIGHTS, WEIGHTS, TOKENS, [1, 1, 1, 0]),
    "parameters": lambda: draw_parameter_counts({"embeddings": 10, "layer 1": 5}),
}


@pytest.mark.parametrize("mode", (0, 1))
@pytest.mark.parametrize("fill", FILLS)
def test_text_on_every_filled_colour_passes_wcag_aa(fill, mode):
    for text in ("ink", "line"):
        ratio = contrast(THEME[text][mode], THEME[fill][mode])
        assert ratio >= 4.5, f"{text} on {fill} ({'light' if mode == 0 else 'dark'}): {ratio:.2f}"


@pytest.mark.parametrize("mode", ("light", "dark"))
def test_text_colours_read_on_the_page(mode):
    index = 0 if mode == "light" else 1
    for text in TEXT_ROLES:
        assert contrast(THEME[text][index], PAGE_BACKGROUNDS[mode]) >= 4.5, (text, mode)


def test_every_light_colour_belongs_to_one_role():
    lights = [light for light, _ in THEME.values()]
    assert len(set(lights)) == len(lights)


def test_the_html_outputs_use_theme_colours_only():
    """course.pieces, course.playground and course.grading's reports colour inline; the
    website's dark mode restyles exactly THEME's colours (book/_ext/dark_mode.py)."""
    used = set(pieces.PALETTE) | {pieces.SPECIAL_COLOUR} | set(report.COLOURS.values())
    used |= {colour for style in playground.KIND_STYLES.values() for colour in re.findall(r"#[0-9a-f]{6}", style)}
    assert used <= {light for light, _ in THEME.values()}, used - {light for light, _ in THEME.values()}


@pytest.mark.parametrize("name", DRAWINGS)
def test_figures_are_svg_in_theme_colours(name):
    figure = DRAWINGS[name]()
    assert isinstance(figure, ThemedFigure)
    svg = to_svg(figure)
    assert svg.startswith(f'<svg class="{CSS_CLASS}"') and theme_css() in svg
    drawing = svg.replace(theme_css(), "")
    assert not re.findall(r":\s*#[0-9a-f]{6}", drawing), f"{name}: a colour that is not a variable"
    used = set(re.findall(r"var\(--course-([\w-]+)\)", drawing))
    assert used and used <= set(THEME), used - set(THEME)
    assert svg == to_svg(DRAWINGS[name]()), "the same SVG for the same figure (nbval compares it)"


def test_figures_on_one_page_share_no_id():
    ids = [set(re.findall(r'\bid="([^"]+)"', to_svg(draw()))) for draw in DRAWINGS.values()]
    assert all(ids) and not set.intersection(*ids)
    assert not any(a & b for number, a in enumerate(ids) for b in ids[number + 1:])


def test_a_colour_outside_the_theme_is_refused():
    figure = draw_parameter_counts({"embeddings": 10})
    figure.axes[0].patches[0].set_facecolor("#123456")
    with pytest.raises(ValueError, match="#123456"):
        to_svg(figure)
