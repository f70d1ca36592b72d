"""Exercise 4: classify a padded batch with its attention mask, as if each sequence ran alone."""

import functools

import torch

from ..i18n import N_, _
from .batches import random_ids
from .checks import close_logits
from .exercise import Case, Exercise

CHECKPOINT = "distilbert-base-uncased-finetuned-sst-2-english"
CLS, SEP = 101, 102


@functools.cache
def load_classifier():
    """The course's classifier, loaded once per session."""
    from transformers import AutoModelForSequenceClassification

    return AutoModelForSequenceClassification.from_pretrained(CHECKPOINT).eval()


def classify_batch(model, sequences, pad_token_id):
    """The expected answer: every sequence through the model without padding. (Sequences of
    equal length share a forward pass, which needs no padding either: it saves time.)"""
    rows = {}
    for length in {len(sequence) for sequence in sequences}:
        same = [index for index, sequence in enumerate(sequences) if len(sequence) == length]
        with torch.no_grad():
            logits = model(torch.tensor([list(sequences[index]) for index in same])).logits
        rows.update(zip(same, logits))
    return torch.stack([rows[index] for index in range(len(sequences))])


def compare(got, expected):
    """`close_logits`, naming the mistake when the rows are the logits' softmax probabilities."""
    if (isinstance(got, torch.Tensor) and got.shape == expected.shape
            and torch.allclose(got.detach().float(), expected.softmax(dim=-1), atol=1e-4)):
        return _("your function returned probabilities (the softmax of the logits), but it should "
                 "return the logits themselves: the model's raw scores, `.logits`.")
    return close_logits(got, expected)


def make_cases(rng):
    def batch(*lengths):
        return [[CLS, *random_ids(rng, length), SEP] for length in lengths]

    return [
        Case(N_("single sequence"), (batch(4), 0)),
        Case(N_("equal lengths"), (batch(3, 3), 0)),
        Case(N_("two lengths"), (batch(6, 2), 0)),
        Case(N_("[CLS] and [SEP] alone, and a longer one"), (batch(0, 5), 0)),
        Case(N_("pad id other than 0"), (batch(2, 7, 4), rng.randrange(100, 1000))),
        Case(N_("tuples instead of lists"), (tuple(tuple(row) for row in batch(1, 5)), 0)),
        Case(N_("longer batch"), (batch(*[rng.choice((1, 3, 6)) for _ in range(6)]), 0)),
    ]


EXERCISE = Exercise(
    name="classify_batch",
    reference=classify_batch,
    compare=compare,
    make_cases=make_cases,
    shared=(("model", load_classifier),),
    seed=104,
    chapter=4,
    hints=(
        N_("Use your two functions: `pad_batch(sequences, pad_token_id)` gives the `input_ids`, "
           "`make_attention_mask(sequences)` gives the `attention_mask`. The model needs both."),
        N_("`model(input_ids=input_ids, attention_mask=attention_mask).logits` is the answer. Without "
           "the mask the model attends to the padding, and the padded rows' logits change. Wrap the "
           "call in `with torch.no_grad():` to skip the gradient bookkeeping."),
    ),
)
