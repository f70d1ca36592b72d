"""The parameter counts by part add up to the model's total, and the chart shows each one."""

import matplotlib.pyplot as plt
import pytest
from transformers import (BertConfig, BertForMaskedLM, BertForSequenceClassification,
                          BertModel, DistilBertConfig, DistilBertModel)

from course.parameters import count_by_part, draw_parameter_counts, part_of

TINY = BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=2, num_attention_heads=2,
                  intermediate_size=16, max_position_embeddings=20)


def total(model):
    return sum(parameter.numel() for parameter in model.parameters())


@pytest.mark.parametrize("name, prefix, part", [
    ("embeddings.word_embeddings.weight", "", "embeddings"),
    ("encoder.layer.0.attention.self.query.weight", "", "layer 1"),
    ("bert.encoder.layer.11.output.dense.bias", "bert", "layer 12"),
    ("distilbert.transformer.layer.5.ffn.lin1.weight", "distilbert", "layer 6"),
    ("bert.pooler.dense.weight", "bert", "pooler"),
    ("classifier.weight", "bert", "head"),
    ("cls.predictions.bias", "bert", "head"),
])
def test_part_of_names_the_part(name, prefix, part):
    assert part_of(name, prefix) == part


def test_a_classifier_splits_into_embeddings_layers_pooler_and_head():
    model = BertForSequenceClassification(TINY)
    counts = count_by_part(model)
    assert list(counts) == ["embeddings", "layer 1", "layer 2", "pooler", "head"]
    assert counts["embeddings"] == (50 + 20 + 2) * 8 + 2 * 8  # three tables + LayerNorm
    assert counts["pooler"] == 8 * 8 + 8
    assert counts["head"] == 8 * 2 + 2  # one linear map to the two labels
    assert counts["layer 1"] == counts["layer 2"]
    assert sum(counts.values()) == total(model)


def test_a_tied_head_weight_is_counted_once():
    model = BertForMaskedLM(TINY)
    counts = count_by_part(model)
    assert sum(counts.values()) == total(model)
    assert "pooler" not in counts  # the masked-LM model is built without one


def test_base_models_have_no_head():
    assert "head" not in count_by_part(BertModel(TINY))
    distil = DistilBertModel(DistilBertConfig(vocab_size=50, dim=8, n_layers=3, n_heads=2,
                                              hidden_dim=16, max_position_embeddings=20))
    assert list(count_by_part(distil)) == ["embeddings", "layer 1", "layer 2", "layer 3"]


def test_something_else_than_a_model_is_refused_clearly():
    with pytest.raises(TypeError, match="needs a Transformers model, got dict"):
        count_by_part({"weight": 1})


def test_the_chart_has_one_labelled_bar_per_part():
    counts = {"embeddings": 600, "layer 1": 300, "layer 2": 300, "head": 1}
    figure = draw_parameter_counts(counts)
    axes = figure.axes[0]
    assert len(axes.patches) == 4
    assert [label.get_text() for label in axes.get_yticklabels()] == list(counts)
    texts = [text.get_text() for text in axes.texts]
    assert texts == ["600 (50.0%)", "300 (25.0%)", "300 (25.0%)", "1 (<0.1%)"]
    assert "1,201 in all" in axes.get_title()
    assert "the 2 layers together: 600 (50.0%)" in axes.get_title()
    plt.close(figure)


@pytest.mark.parametrize("counts", [{}, {"layer 1": -3}, {"layer 1": 2.5}])
def test_bad_counts_are_refused_clearly(counts):
    with pytest.raises(ValueError, match="non-negative whole numbers"):
        draw_parameter_counts(counts)
