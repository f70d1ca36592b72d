"""The pipeline picture labels its arrows with the shapes it is given, and checks they fit."""

import matplotlib
import matplotlib.pyplot as plt
import pytest
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from course.flow import Stage, check_shapes, draw_pipeline_flow, flow_items, shape_text


def test_shape_text_shows_sizes_or_axis_names():
    assert shape_text("hidden_states", torch.Size([3, 14, 768])) == "(3, 14, 768)"
    assert shape_text("logits", (3, 2)) == "(3, 2)"
    assert shape_text("input_ids") == "(batch, sequence length)"
    assert shape_text("hidden_states") == "(batch, sequence length, hidden size)"


def test_shape_text_rejects_a_wrong_number_of_axes():
    with pytest.raises(ValueError, match="hidden_states needs 3 axes"):
        shape_text("hidden_states", (3, 14))


@pytest.mark.parametrize("shapes, problem", [
    ({"input_ids": (3, 14), "logits": (2, 2)}, "batch sizes differ"),
    ({"input_ids": (3, 14), "hidden_states": (3, 12, 768)}, "sequence lengths differ"),
    ({"logits": (3, 2, 1)}, "logits needs 2 axes"),
])
def test_inconsistent_shapes_are_refused(shapes, problem):
    with pytest.raises(ValueError, match=problem):
        check_shapes(**shapes)


def test_items_alternate_data_and_stages_in_pipeline_order():
    items = flow_items((3, 14), (3, 14, 768), (3, 2), layers=6)
    stages = [item for item in items if isinstance(item, Stage)]
    assert [stage.title for stage in stages] == [
        "Tokenizer", "Embeddings", "6 transformer layers", "Head", "Postprocessing"]
    assert [isinstance(item, Stage) for item in items] == [False, True] * 5 + [False]
    assert items[2] == "input ids\n(3, 14)"
    assert items[6] == "hidden states\n(3, 14, 768)"
    assert items[8] == "logits\n(3, 2)"
    assert "2 classes" in stages[3].detail


def test_items_without_shapes_name_the_axes():
    items = flow_items()
    assert items[6] == "hidden states\n(batch, sequence length, hidden size)"
    assert items[5].title == "Transformer layers"
    assert "classes" not in items[7].detail


def test_figure_shows_every_label_and_shape():
    figure = draw_pipeline_flow(torch.Size([3, 14]), torch.Size([3, 14, 768]), torch.Size([3, 2]), layers=6)
    assert isinstance(figure, matplotlib.figure.Figure)
    texts = [text.get_text() for text in figure.axes[0].texts]
    for item in flow_items((3, 14), (3, 14, 768), (3, 2), layers=6):
        expected = [item.title, item.detail] if isinstance(item, Stage) else [item]
        assert all(label in texts for label in expected), expected
    assert {"AutoModel", "pipeline()", "AutoModelFor\nSequence-\nClassification"} <= set(texts)
    assert figure.dpi >= 100  # legible on the website
    assert not plt.fignum_exists(figure.number)  # closed for pyplot: a notebook shows it once, as the cell's value


@pytest.mark.parametrize("shapes", [{}, {"input_ids": (3, 14), "hidden_states": (3, 14, 768),
                                          "logits": (3, 2), "layers": 6}])
def test_labels_overlap_nothing_and_stay_in_the_figure(shapes):
    figure = draw_pipeline_flow(**shapes)  # without shapes: the longest labels (axis names)
    axes = figure.axes[0]
    canvas = FigureCanvasAgg(figure)  # what savefig and the notebook's PNG use
    canvas.draw()
    renderer = canvas.get_renderer()
    texts = [text for text in axes.texts if text.get_text()]
    boxes = [patch for patch in axes.patches if isinstance(patch, FancyBboxPatch)]
    arrows = [patch for patch in axes.patches if isinstance(patch, FancyArrowPatch)]
    extent = {id(artist): artist.get_window_extent(renderer) for artist in texts + boxes + arrows + axes.lines}
    for number, text in enumerate(texts):
        box = extent[id(text)]
        assert figure.bbox.contains(box.x0, box.y0) and figure.bbox.contains(box.x1, box.y1)
        for other in texts[number + 1:] + arrows + axes.lines:
            assert not box.overlaps(extent[id(other)]), (text.get_text(), other)
        holders = [patch for patch in boxes if box.overlaps(extent[id(patch)])]
        assert len(holders) <= 1, text.get_text()
        if holders:  # a stage's title or detail: entirely inside its own box
            holder = extent[id(holders[0])]
            assert holder.x0 < box.x0 and box.x1 < holder.x1, text.get_text()
    for line in axes.lines:  # brackets stand clear of the boxes
        assert not any(extent[id(line)].overlaps(extent[id(patch)]) for patch in boxes)
