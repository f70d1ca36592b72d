"""Pictures of a padded batch and its attention mask, and of the attention weights it changes.

    from course.masks import draw_attention_mask
    figure = draw_attention_mask(batch["input_ids"], batch["attention_mask"], tokenizer)

Cells the model attends to (mask 1) are green with a solid border and show their token and id;
padded cells (mask 0) are grey, hatched and dashed, so the picture does not rely on colour
alone (the website's tables mark padding with dashes too). Ids and masks may be lists,
NumPy arrays or PyTorch tensors of shape (batch size, sequence length).

    figure = draw_attention_heatmaps(without[0][1, 0], with_[0][1, 0], tokens, mask[1])

shows one head's weights for one sequence, computed without and with the mask, side by side.
"""

from typing import NamedTuple

import matplotlib.pyplot as plt
from matplotlib.cm import ScalarMappable
from matplotlib.colors import ListedColormap, Normalize, to_rgb
from matplotlib.patches import Patch, Rectangle

from .figures import LIGHT, ThemedFigure, themed

ATTEND_COLOUR = LIGHT["green"]
IGNORE_COLOUR = LIGHT["grey"]
LINE_COLOUR, INK = LIGHT["line"], LIGHT["ink"]
HATCH = "///"
MAX_TOKEN_CHARS = 8
CELL_WIDTH, CELL_HEIGHT = 0.6, 0.5  # inches
DPI = 110


class Cell(NamedTuple):
    """One position of one sequence: its id, its token (or None) and its mask value."""

    token_id: int
    token: str | None
    attended: bool


def as_rows(values, name):
    """A (batch, length) table of ints as a list of lists; raise ValueError if it is not one."""
    rows = values.tolist() if hasattr(values, "tolist") else list(values)
    if not rows or not all(isinstance(row, (list, tuple)) for row in rows):
        raise ValueError(f"{name} must be 2-D (batch size, sequence length), got {values!r}")
    if len({len(row) for row in rows}) != 1:
        raise ValueError(f"the rows of {name} have different lengths: {[len(row) for row in rows]}")
    return [[int(value) for value in row] for row in rows]


def mask_cells(input_ids, attention_mask, tokenizer=None):
    """The picture's content: one list of `Cell`s per sequence, shapes and mask values checked."""
    ids, mask = as_rows(input_ids, "input_ids"), as_rows(attention_mask, "attention_mask")
    if (len(ids), len(ids[0])) != (len(mask), len(mask[0])):
        raise ValueError(f"input_ids has shape {(len(ids), len(ids[0]))} but attention_mask has "
                         f"shape {(len(mask), len(mask[0]))}: they must be the same")
    if {value for row in mask for value in row} - {0, 1}:
        raise ValueError("attention_mask may only hold 0 (ignore) and 1 (attend)")
    return [[Cell(token_id, tokenizer.convert_ids_to_tokens(token_id) if tokenizer else None,
                  bool(attended))
             for token_id, attended in zip(id_row, mask_row)]
            for id_row, mask_row in zip(ids, mask)]


def cell_label(cell):
    """The text written in a cell: token (shortened) over id, or the id alone."""
    if cell.token is None:
        return str(cell.token_id)
    token = cell.token if len(cell.token) <= MAX_TOKEN_CHARS else cell.token[:MAX_TOKEN_CHARS - 1] + "…"
    return f"{token}\n{cell.token_id}"


@themed
def draw_attention_mask(input_ids, attention_mask, tokenizer=None, title="Padded batch and attention mask"):
    """Draw the batch as a grid (rows: sequences, columns: positions); return the Figure."""
    rows = mask_cells(input_ids, attention_mask, tokenizer)
    n_rows, n_columns = len(rows), len(rows[0])
    figure, axes = plt.subplots(figsize=(max(4.5, 1.2 + CELL_WIDTH * n_columns), 1.3 + CELL_HEIGHT * n_rows),
                                dpi=DPI, FigureClass=ThemedFigure)
    for row, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            axes.add_patch(Rectangle(
                (column, row), 1, 1, facecolor=ATTEND_COLOUR if cell.attended else IGNORE_COLOUR,
                hatch=None if cell.attended else HATCH, edgecolor=LINE_COLOUR, linewidth=1,
                linestyle="-" if cell.attended else "--"))
            axes.text(column + 0.5, row + 0.5, cell_label(cell), ha="center", va="center",
                      fontsize=8, family="monospace", color=INK,
                      bbox=None if cell.attended else
                      {"facecolor": IGNORE_COLOUR, "edgecolor": "none", "pad": 1.5})
    axes.set_xlim(0, n_columns)
    axes.set_ylim(n_rows, 0)
    axes.set_aspect(CELL_HEIGHT / CELL_WIDTH)
    axes.set_xticks([column + 0.5 for column in range(n_columns)], range(n_columns))
    axes.set_yticks([row + 0.5 for row in range(n_rows)], [f"sequence {row}" for row in range(n_rows)])
    axes.tick_params(length=0)
    axes.set_xlabel("position in the sequence")
    for side in axes.spines.values():
        side.set_visible(False)
    axes.legend(handles=[Patch(facecolor=ATTEND_COLOUR, edgecolor=LINE_COLOUR, label="mask 1: attend"),
                         Patch(facecolor=IGNORE_COLOUR, edgecolor=LINE_COLOUR, hatch=HATCH,
                               linestyle="--", label="mask 0: padding, ignored")],
                loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False, fontsize=9)
    axes.set_title(title, fontsize=11, fontweight="bold", pad=26)
    figure.tight_layout()
    return figure


HEATMAP_CELL = 0.24  # inches per position
HEAT_COLOUR = LIGHT["heat"]  # more opaque for larger weights: darker on white, brighter on black
HEAT_LEVELS = 24  # steps of the colour bar
PANEL_TITLES = ("without attention mask", "with attention mask")


def as_square(weights, name, length):
    """One head's weights for one sequence as a (length, length) list of float rows."""
    rows = weights.tolist() if hasattr(weights, "tolist") else [list(row) for row in weights]
    if len(rows) != length or any(len(row) != length for row in rows):
        raise ValueError(f"{name} must be ({length}, {length}), one weight per pair of the "
                         f"{length} positions, e.g. attentions[layer][sequence, head]")
    return [[float(value) for value in row] for row in rows]


def heatmap_panels(without_mask, with_mask, tokens, attention_mask):
    """The two checked weight tables and the masked positions (mask 0), as a tuple."""
    mask = attention_mask.tolist() if hasattr(attention_mask, "tolist") else list(attention_mask)
    if len(mask) != len(tokens):
        raise ValueError(f"attention_mask has {len(mask)} entries but there are {len(tokens)} "
                         "tokens: give one mask row, e.g. attention_mask[1]")
    if set(mask) - {0, 1}:
        raise ValueError("attention_mask may only hold 0 (ignore) and 1 (attend)")
    masked = [position for position, value in enumerate(mask) if value == 0]
    length = len(tokens)
    return (as_square(without_mask, "without_mask", length),
            as_square(with_mask, "with_mask", length), masked)


def runs(positions):
    """(start, length) of each block of consecutive positions in a sorted list."""
    blocks = []
    for position in positions:
        if blocks and blocks[-1][0] + blocks[-1][1] == position:
            blocks[-1] = (blocks[-1][0], blocks[-1][1] + 1)
        else:
            blocks.append((position, 1))
    return blocks


@themed
def draw_attention_heatmaps(without_mask, with_mask, tokens, attention_mask,
                            title="One attention head, without and with the mask"):
    """Side-by-side heatmaps of one head (rows: attending token, columns: attended position).

    Masked positions (mask 0) are outlined in both panels and hatched in the masked one,
    where their weights are 0; the colour bar gives the scale. Returns the Figure.
    """
    panels = heatmap_panels(without_mask, with_mask, tokens, attention_mask)
    masked, length = panels[2], len(tokens)
    labels = [token if len(token) <= MAX_TOKEN_CHARS else token[:MAX_TOKEN_CHARS - 1] + "…"
              for token in tokens]
    largest = max(value for panel in panels[:2] for row in panel for value in row)
    side = HEATMAP_CELL * length
    figure, axes = plt.subplots(1, 2, sharey=True, figsize=(2 * side + 2.2, side + 1.9), dpi=DPI,
                                layout="constrained", FigureClass=ThemedFigure)
    for ax, weights, panel_title in zip(axes, panels[:2], PANEL_TITLES):
        _draw_heat(ax, weights, largest)
        ax.set_title(panel_title, fontsize=10, fontweight="bold", pad=22)
        ax.set_xticks(range(length), labels, rotation=90, fontsize=8, family="monospace")
        ax.set_xlabel("attended position (key)", fontsize=9)
        ax.tick_params(length=0)
        for start, width in runs(masked):
            ax.add_patch(Rectangle((start - 0.5, -0.5), width, length, fill=False,
                                   edgecolor=LIGHT["red"], linewidth=1.5, linestyle="--"))
    axes[0].set_yticks(range(length), labels, fontsize=8, family="monospace")
    axes[0].set_ylabel("attending token (query)", fontsize=9)
    for position in masked:
        axes[1].add_patch(Rectangle((position - 0.5, -0.5), 1, length, facecolor="none",
                                    hatch=HATCH, edgecolor=LINE_COLOUR, linewidth=0))
    if masked:
        centre = (masked[0] + masked[-1]) / 2
        for ax, note in zip(axes, ("padding: weight > 0", "masked: weight 0")):
            ax.text(centre, -0.7, note, ha="center", va="bottom",
                    fontsize=8, color=INK, clip_on=False,
                    bbox={"facecolor": LIGHT["paper"], "edgecolor": LIGHT["red"], "pad": 2})
    scale = ListedColormap([(*to_rgb(HEAT_COLOUR), level / (HEAT_LEVELS - 1)) for level in range(HEAT_LEVELS)])
    figure.colorbar(ScalarMappable(Normalize(0, largest), scale), ax=list(axes), shrink=0.8,
                    aspect=25).set_label("attention weight", fontsize=9)
    figure.suptitle(title, fontsize=11, fontweight="bold")
    return figure


def _draw_heat(ax, weights, largest):
    """One panel: a square per pair of positions, HEAT_COLOUR as opaque as its weight is large."""
    for row, values in enumerate(weights):
        for column, value in enumerate(values):
            ax.add_patch(Rectangle((column - 0.5, row - 0.5), 1, 1, facecolor=HEAT_COLOUR,
                                   alpha=value / largest if largest else 0, linewidth=0))
    ax.set_xlim(-0.5, len(weights) - 0.5)
    ax.set_ylim(len(weights) - 0.5, -0.5)
    ax.set_aspect("equal")
