"""Where a BERT-style model's parameters sit: embeddings, each layer, pooler, head.

    from course.parameters import count_by_part, draw_parameter_counts
    counts = count_by_part(model)      # {"embeddings": 22268928, "layer 1": ..., ...}
    draw_parameter_counts(counts)      # a horizontal bar chart, counts written on the bars
"""

import re

import matplotlib.pyplot as plt

from .figures import ThemedFigure, themed

LAYER = re.compile(r"(?:encoder|transformer)\.layers?\.(\d+)\.")
DPI = 110


def part_of(name, base_prefix=""):
    """The part a parameter name belongs to: 'embeddings', 'layer N' (from 1), 'pooler',
    'other' (elsewhere in the base model) or 'head' (outside the base model)."""
    if base_prefix:
        if not name.startswith(base_prefix + "."):
            return "head"
        name = name[len(base_prefix) + 1:]
    layer = LAYER.match(name)
    if layer:
        return f"layer {int(layer.group(1)) + 1}"
    for part in ("embeddings", "pooler"):
        if name.startswith(part + "."):
            return part
    return "other"


def count_by_part(model):
    """Count a Transformers model's parameters by part, in network order.

    A weight shared by two parts (a head tied to the word embeddings) is counted once, where
    it first appears, as `model.parameters()` does; the counts add up to its total.
    """
    if not hasattr(model, "named_parameters") or not hasattr(model, "base_model"):
        raise TypeError(f"count_by_part needs a Transformers model, got {type(model).__name__}")
    prefix = "" if model.base_model is model else model.base_model_prefix
    counts = {}
    for name, parameter in model.named_parameters():
        part = part_of(name, prefix)
        counts[part] = counts.get(part, 0) + parameter.numel()
    return dict(sorted(counts.items(), key=lambda item: _order(item[0])))


def _order(part):
    if part.startswith("layer "):
        return (1, int(part.split()[1]))
    return ({"embeddings": 0, "other": 2, "pooler": 3, "head": 4}[part], 0)


def _share(count, total):
    share = 100 * count / total if total else 0
    return "<0.1%" if 0 < share < 0.1 else f"{share:.1f}%"


def _title_text(title, counts):
    total = sum(counts.values())
    text = f"{title}: {total:,} in all"
    layers = [n for part, n in counts.items() if part.startswith("layer ")]
    if len(layers) > 1:
        text += (f"\nthe {len(layers)} layers together: {sum(layers):,}"
                 f" ({_share(sum(layers), total)})")
    return text


@themed
def draw_parameter_counts(counts, title="Where the parameters sit"):
    """Draw `counts` (part name -> number) as horizontal bars, each labelled with its count
    and share of the total; returns the matplotlib Figure."""
    if not counts or any(not isinstance(n, int) or n < 0 for n in counts.values()):
        raise ValueError("counts must map part names to non-negative whole numbers")
    total = sum(counts.values())
    names = list(counts)
    height = 1.4 + 0.32 * len(names)
    figure, axes = plt.subplots(figsize=(8, height), dpi=DPI, facecolor="white",
                                FigureClass=ThemedFigure)
    rows = range(len(names))
    axes.barh(rows, [counts[n] / 1e6 for n in names], color="#a5d8ff",
              edgecolor="#1c4f80", linewidth=0.8)
    axes.set_yticks(rows, names)
    axes.invert_yaxis()  # network order, top to bottom
    largest = max(counts.values()) / 1e6
    for row, name in zip(rows, names):
        axes.text(counts[name] / 1e6 + largest * 0.01, row,
                  f"{counts[name]:,} ({_share(counts[name], total)})",
                  va="center", fontsize=8)
    axes.set_xlim(0, largest * 1.35 or 1)
    axes.set_xlabel("millions of parameters")
    axes.set_title(_title_text(title, counts), fontsize=10)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    plt.close(figure)  # displayed once, as the cell's value
    return figure
