"""A picture of what `pipeline()` hides: tokenizer -> model -> head -> postprocessing.

    from course.flow import draw_pipeline_flow
    draw_pipeline_flow(input_ids=inputs["input_ids"].shape,
                       hidden_states=outputs.last_hidden_state.shape,
                       logits=logits.shape, layers=6)

Stages are boxes, top to bottom; the tensors passed between them label the arrows, with the
shapes given (or the axis names when a shape is left out). Brackets show which stages
`AutoModel`, `AutoModelForSequenceClassification` and `pipeline()` cover.
"""

from typing import NamedTuple

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .figures import ThemedFigure, themed

AXES = {
    "input_ids": ("batch", "sequence length"),
    "hidden_states": ("batch", "sequence length", "hidden size"),
    "logits": ("batch", "labels"),
}
STAGE_COLOURS = {"tokenizer": "#a5d8ff", "model": "#b2f2bb", "head": "#ffd8a8", "post": "#d0bfff"}
DPI = 110


class Stage(NamedTuple):
    """One box: its title, a short line on what it does, and its colour group."""

    title: str
    detail: str
    group: str


def shape_text(name, shape=None):
    """'(3, 14, 768)' for a given shape, '(batch, sequence length, ...)' for a missing one."""
    axes = AXES[name]
    if shape is None:
        return "(" + ", ".join(axes) + ")"
    shape = tuple(int(size) for size in shape)
    if len(shape) != len(axes):
        raise ValueError(f"{name} needs {len(axes)} axes ({', '.join(axes)}), got shape {shape}")
    return "(" + ", ".join(str(size) for size in shape) + ")"


def check_shapes(input_ids=None, hidden_states=None, logits=None):
    """Raise ValueError if the shapes given disagree on the batch size or sequence length."""
    shapes = {name: tuple(int(size) for size in shape)
              for name, shape in (("input_ids", input_ids), ("hidden_states", hidden_states),
                                  ("logits", logits)) if shape is not None}
    for name, shape in shapes.items():
        shape_text(name, shape)  # checks the number of axes
    if len({shape[0] for shape in shapes.values()}) > 1:
        raise ValueError(f"the batch sizes differ: {shapes}")
    if {"input_ids", "hidden_states"} <= shapes.keys() \
            and shapes["input_ids"][1] != shapes["hidden_states"][1]:
        raise ValueError(f"the sequence lengths differ: {shapes}")


def flow_items(input_ids=None, hidden_states=None, logits=None, layers=None):
    """The picture's content, top to bottom: `Stage`s alternating with arrow labels (str)."""
    check_shapes(input_ids, hidden_states, logits)
    layer_text = f"{layers} transformer layers" if layers else "Transformer layers"
    embedding_shape = shape_text("hidden_states", hidden_states)
    head_text = "a small layer for one task"
    if logits is not None:
        head_text += f" (here: {int(logits[1])} classes)"
    return [
        "raw text (a list of sentences)",
        Stage("Tokenizer", "text -> tokens -> ids, plus attention mask", "tokenizer"),
        "input ids\n" + shape_text("input_ids", input_ids),
        Stage("Embeddings", "one vector per token id", "model"),
        "token vectors\n" + embedding_shape,
        Stage(layer_text, "each token looks at all the others", "model"),
        "hidden states\n" + embedding_shape,
        Stage("Head", head_text, "head"),
        "logits\n" + shape_text("logits", logits),
        Stage("Postprocessing", "softmax -> probabilities, id2label -> names", "post"),
        "labels and scores",
    ]


@themed
def draw_pipeline_flow(input_ids=None, hidden_states=None, logits=None, layers=None):
    """Draw the flow and return it as a matplotlib Figure (shapes: tuples or torch.Size).

    In a notebook, end the cell with the call to show the picture.
    """
    items = flow_items(input_ids, hidden_states, logits, layers)
    figure, axes = plt.subplots(figsize=(9, 7.4), dpi=DPI, facecolor="white", FigureClass=ThemedFigure)
    axes.set_xlim(0, 12.4)
    axes.set_ylim(len(items) - 0.4, -0.6)  # top to bottom
    axes.axis("off")
    centre, half_width, half_height = 5.4, 2.3, 0.39
    rows = {}
    for row, item in enumerate(items):
        if isinstance(item, Stage):
            rows.setdefault(item.group, []).append(row)
            axes.add_patch(FancyBboxPatch(
                (centre - half_width, row - half_height), 2 * half_width, 2 * half_height,
                boxstyle="round,pad=0,rounding_size=0.15", facecolor=STAGE_COLOURS[item.group],
                edgecolor="#343a40", linewidth=1.2))
            axes.text(centre, row - 0.12, item.title, ha="center", va="center", fontsize=12,
                      fontweight="bold", color="#1a1a1a")
            axes.text(centre, row + 0.2, item.detail, ha="center", va="center", fontsize=9.5,
                      color="#343a40")
            continue
        start = row - 1 + half_height if row else row - 0.45
        end = row + 1 - half_height if row < len(items) - 1 else row + 0.45
        axes.add_patch(FancyArrowPatch((centre, start), (centre, end), arrowstyle="-|>",
                                       mutation_scale=16, color="#495057", linewidth=1.4))
        axes.text(centre - 0.2, row, item, ha="right", va="center", fontsize=10.5, linespacing=1.3,
                  family="monospace", color="#1a1a1a")
    _bracket(axes, 7.95, rows["model"][0], rows["model"][-1], "AutoModel")
    _bracket(axes, 9.55, rows["model"][0], rows["head"][-1], "AutoModelFor\nSequence-\nClassification")
    _bracket(axes, 11.9, rows["tokenizer"][0], rows["post"][-1], "pipeline()", vertical=True)
    axes.set_title("What pipeline() does, step by step", fontsize=13, fontweight="bold")
    figure.tight_layout()
    plt.close(figure)  # not shown by pyplot at the cell's end: displayed once, as the return value
    return figure


def _bracket(axes, x, first_row, last_row, label, vertical=False):
    """A closing bracket right of rows first_row..last_row, labelled on its right."""
    top, bottom = first_row - 0.42, last_row + 0.42
    axes.plot([x - 0.12, x, x, x - 0.12], [top, top, bottom, bottom], color="#495057", linewidth=1.2)
    axes.text(x + 0.12, (top + bottom) / 2, label, ha="left", va="center", fontsize=10.5,
              rotation=-90 if vertical else 0, family="monospace", color="#1a1a1a")
