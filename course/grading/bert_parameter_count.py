"""Chapter 2: `bert_parameter_count(config)`, BertModel's size from its config's fields alone.

Building a model and counting its parameters does not meet the task. The config a learner's
function gets detects it: a model's code reads the config's fields while it builds the model,
and reading a field from Transformers' modelling code raises `ModelBuilt` with the reason.
"""

import functools
import sys
from pathlib import Path

import torch

from ..i18n import N_, _
from .exercise import Case, Exercise
from .text_checks import same_count

FIELDS = ("vocab_size", "hidden_size", "num_hidden_layers", "num_attention_heads",
          "intermediate_size", "max_position_embeddings", "type_vocab_size")


class ModelBuilt(Exception):
    """A learner's function built a model instead of counting from the config."""


def _read_by_modelling_code(filename):
    path = Path(filename)
    return "transformers" in path.parts and path.name.startswith("modeling")


@functools.cache
def counting_config_class():
    """A BertConfig whose fields a model's code may not read (made on first use)."""
    from transformers import BertConfig

    class CountingConfig(BertConfig):
        def __getattribute__(self, name):
            if not name.startswith("__") and _read_by_modelling_code(
                    sys._getframe(1).f_code.co_filename):
                raise ModelBuilt(_(
                    "this exercise asks for the count from the config's fields alone, but "
                    "your function builds a model to count its parameters"))
            return super().__getattribute__(name)

        def __repr__(self):
            default = BertConfig()
            fields = [f"{name}={object.__getattribute__(self, name)}" for name in FIELDS
                      if object.__getattribute__(self, name) != getattr(default, name)]
            return f"BertConfig({', '.join(fields)})"

    CountingConfig.__name__ = CountingConfig.__qualname__ = "BertConfig"
    return CountingConfig


def bert_parameter_count(config):
    """The expected count: BertModel(config) built on the meta device (no memory used)."""
    from transformers import BertConfig, BertModel

    plain = BertConfig(**{name: getattr(config, name) for name in FIELDS})
    with torch.device("meta"):
        model = BertModel(plain)
    return sum(parameter.numel() for parameter in model.parameters())


def make_cases(rng):
    # Import BertModel now: inside the learner's timed call a slow first import could be cut off.
    from transformers import AutoConfig, BertModel  # noqa: F401

    def config(**fields):
        return counting_config_class()(**fields)

    def small(**fixed):
        heads = rng.choice((1, 2, 4))
        fields = dict(vocab_size=rng.randrange(100, 2000),
                      hidden_size=16 * heads * rng.randint(1, 2),
                      num_hidden_layers=rng.randint(1, 4), num_attention_heads=heads,
                      intermediate_size=32 * rng.randint(1, 4),
                      max_position_embeddings=rng.choice((32, 64, 128)),
                      type_vocab_size=rng.randint(1, 3))
        return config(**{**fields, **fixed})

    cased = AutoConfig.from_pretrained("bert-base-cased")
    return [
        Case(N_("BERT-base: BertConfig()"), (config(),)),
        Case(N_("bert-base-cased's config"), (config(**{name: getattr(cased, name)
                                                    for name in FIELDS}),)),
        Case(N_("a small config"), (small(),)),
        Case(N_("another small config"), (small(),)),
        Case(N_("one layer"), (small(num_hidden_layers=1),)),
        Case(N_("no encoder layers at all"), (small(num_hidden_layers=0),)),
        Case(N_("one token type"), (small(type_vocab_size=1),)),
        Case(N_("intermediate size equal to hidden size"),
             (small(hidden_size=32, intermediate_size=32),)),
        Case(N_("BERT-large's shape"), (config(hidden_size=1024, num_hidden_layers=24,
                                           num_attention_heads=16, intermediate_size=4096),)),
    ]


EXERCISE = Exercise(
    name="bert_parameter_count",
    chapter=2,
    reference=bert_parameter_count,
    compare=same_count,
    make_cases=make_cases,
    seed=202,
    hints=(
        N_("Add up the weight matrices and bias vectors, part by part. Embeddings: one table of "
           "`hidden_size` numbers per word, per position and per token type, then a LayerNorm "
           "(a weight and a bias, `hidden_size` each). Then `num_hidden_layers` identical layers, "
           "then the pooler."),
        N_("A linear layer from a to b has `a * b + b` parameters. One layer holds the query, key, "
           "value and output maps (hidden to hidden), a LayerNorm, the map hidden to "
           "intermediate, the map intermediate to hidden, and another LayerNorm. The pooler is "
           "one more hidden-to-hidden linear layer. `num_attention_heads` changes nothing."),
    ),
)
