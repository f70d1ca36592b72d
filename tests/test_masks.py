"""The padding / attention-mask picture shows every cell of a real padded batch correctly."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from course.masks import (ATTEND_COLOUR, HEAT_COLOUR, IGNORE_COLOUR, MAX_TOKEN_CHARS, PANEL_TITLES,  # noqa: E402
                          Cell, cell_label, draw_attention_heatmaps, draw_attention_mask,
                          heatmap_panels, mask_cells, runs)

SENTENCES = ["This cafe serves delicious coffee and fresh croissants.", "The soup was bland."]


@pytest.fixture(scope="module")
def tokenizer(mirror_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained("distilbert-base-uncased-finetuned-sst-2-english")


@pytest.fixture(scope="module")
def batch(tokenizer):
    return tokenizer(SENTENCES, padding=True, return_tensors="pt")


def test_cells_follow_the_batch_position_by_position(tokenizer, batch):
    rows = mask_cells(batch["input_ids"], batch["attention_mask"], tokenizer)
    assert len(rows) == 2 and [len(row) for row in rows] == [14, 14]
    assert rows[1][:7] == [Cell(101, "[CLS]", True), Cell(1996, "the", True), Cell(11350, "soup", True),
                           Cell(2001, "was", True), Cell(20857, "bland", True), Cell(1012, ".", True),
                           Cell(102, "[SEP]", True)]
    assert rows[1][7:] == [Cell(0, "[PAD]", False)] * 7
    assert all(cell.attended for cell in rows[0])


@pytest.mark.parametrize("convert", [lambda rows: rows, np.array, torch.tensor])
def test_lists_arrays_and_tensors_give_the_same_cells(convert):
    ids, mask = [[200, 200, 200], [200, 200, 0]], [[1, 1, 1], [1, 1, 0]]
    assert mask_cells(convert(ids), convert(mask)) == [
        [Cell(200, None, True)] * 3, [Cell(200, None, True), Cell(200, None, True), Cell(0, None, False)]]


@pytest.mark.parametrize("ids, mask, message", [
    ([[1, 2, 3]], [[1, 1]], "same"),
    ([[1, 2, 3], [4, 5]], [[1, 1, 1], [1, 1]], "different lengths"),
    ([1, 2, 3], [1, 1, 1], "2-D"),
    ([[1, 2]], [[1, 2]], "only hold 0"),
])
def test_inconsistent_inputs_are_refused_with_a_reason(ids, mask, message):
    with pytest.raises(ValueError, match=message):
        mask_cells(ids, mask)


def test_labels_show_token_over_id_and_shorten_long_tokens():
    assert cell_label(Cell(11350, "soup", True)) == "soup\n11350"
    assert cell_label(Cell(0, None, False)) == "0"
    long = cell_label(Cell(1, "##" + "x" * 20, True)).split("\n")[0]
    assert len(long) == MAX_TOKEN_CHARS and long.endswith("…")


def test_figure_draws_one_cell_per_position_hatched_exactly_where_the_mask_is_0(tokenizer, batch):
    figure = draw_attention_mask(batch["input_ids"], batch["attention_mask"], tokenizer)
    axes = figure.axes[0]
    cells = [patch for patch in axes.patches if isinstance(patch, Rectangle)]
    assert len(cells) == 2 * 14
    grid = {(int(patch.get_y()), int(patch.get_x())): patch for patch in cells}
    for (row, column), patch in grid.items():
        attended = bool(batch["attention_mask"][row, column])
        colour = matplotlib.colors.to_hex(patch.get_facecolor())
        assert colour == (ATTEND_COLOUR if attended else IGNORE_COLOUR)
        assert (patch.get_hatch() is None) == attended
        assert patch.get_linestyle() == ("-" if attended else "--")  # not by colour alone
    texts = [text.get_text() for text in axes.texts]
    assert texts.count("[PAD]\n0") == 7 and "bland\n20857" in texts and "##sant\n22341" in texts
    assert [label.get_text() for label in axes.get_yticklabels()] == ["sequence 0", "sequence 1"]
    plt.close(figure)


# ------------------------------------------------------------------ attention heatmaps

@pytest.fixture(scope="module")
def head_weights(batch):
    """Layer 0, head 0 of the short (padded) sentence, computed without and with the mask."""
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(
        "distilbert-base-uncased-finetuned-sst-2-english", attn_implementation="eager")
    with torch.no_grad():
        without = model(batch["input_ids"], output_attentions=True).attentions[0][1, 0]
        with_mask = model(**batch, output_attentions=True).attentions[0][1, 0]
    return without, with_mask


def test_heatmaps_show_both_tables_and_hatch_exactly_the_masked_columns(tokenizer, batch, head_weights):
    without, with_mask = head_weights
    tokens = tokenizer.convert_ids_to_tokens(batch["input_ids"][1])
    figure = draw_attention_heatmaps(without, with_mask, tokens, batch["attention_mask"][1])
    left, right = figure.axes[:2]
    assert [left.get_title(), right.get_title()] == list(PANEL_TITLES)
    largest = max(float(without.max()), float(with_mask.max()))
    assert np.allclose(heat(left) * largest, without.numpy(), atol=1e-6)
    assert np.allclose(heat(right) * largest, with_mask.numpy(), atol=1e-6)
    hatched = sorted(int(patch.get_x() + 0.5) for patch in right.patches if patch.get_hatch())
    assert hatched == list(range(7, 14)) and not any(patch.get_hatch() for patch in left.patches)
    assert all(float(with_mask[:, column].max()) == 0.0 for column in hatched)
    assert float(without[:, 7:].min()) > 0
    assert [label.get_text() for label in left.get_yticklabels()] == tokens
    notes = [text.get_text() for ax in (left, right) for text in ax.texts]
    assert notes == ["padding: weight > 0", "masked: weight 0"]
    assert figure.axes[2].get_ylabel() == "attention weight"
    plt.close(figure)


def heat(ax):
    """A panel's weights as drawn: the opacity of its heat-coloured square at each (row, column)."""
    squares = {(int(patch.get_y() + 0.5), int(patch.get_x() + 0.5)): patch.get_alpha()
               for patch in ax.patches if matplotlib.colors.to_hex(patch.get_facecolor()) == HEAT_COLOUR}
    size = max(row for row, _ in squares) + 1
    return np.array([[squares[row, column] for column in range(size)] for row in range(size)])


def test_heatmaps_accept_lists_and_find_masked_blocks():
    weights = [[0.5, 0.5, 0.0], [0.5, 0.5, 0.0], [0.5, 0.5, 0.0]]
    assert heatmap_panels(weights, weights, ["a", "b", "[PAD]"], [1, 1, 0]) == (weights, weights, [2])
    assert runs([0, 1, 4, 6, 7]) == [(0, 2), (4, 1), (6, 2)] and runs([]) == []


@pytest.mark.parametrize("weights, tokens, mask, message", [
    ([[1.0, 0.0]], ["a", "b"], [1, 1], r"must be \(2, 2\)"),
    ([[1.0, 0.0], [0.0, 1.0]], ["a", "b"], [1], "1 entries but there are 2 tokens"),
    ([[1.0, 0.0], [0.0, 1.0]], ["a", "b"], [1, 2], "only hold 0"),
])
def test_heatmaps_refuse_mismatched_inputs_with_a_reason(weights, tokens, mask, message):
    with pytest.raises(ValueError, match=message):
        heatmap_panels(weights, weights, tokens, mask)
