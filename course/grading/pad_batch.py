"""Exercise 1: pad a batch of id lists into one LongTensor, on the right or on the left."""

import torch

from ..i18n import N_
from .batches import long_lengths, random_batch
from .checks import same_long_tensor
from .exercise import Case, Exercise


def pad_batch(sequences, pad_token_id, padding_side="right"):
    longest = max((len(sequence) for sequence in sequences), default=0)
    rows = []
    for sequence in sequences:
        padding = [pad_token_id] * (longest - len(sequence))
        rows.append(padding + list(sequence) if padding_side == "left" else list(sequence) + padding)
    return torch.tensor(rows, dtype=torch.long)


def make_cases(rng):
    def batch(*lengths):
        return random_batch(rng, lengths)

    return [
        Case(N_("single sequence"), (batch(rng.randint(2, 6)), 0)),
        Case(N_("equal lengths"), (batch(4, 4, 4), 0)),
        Case(N_("two lengths, right padding"), (batch(5, 2), 0)),
        Case(N_("right padding asked for by name"), (batch(1, 3, 2), 0), {"padding_side": "right"}),
        Case(N_("left padding"), (batch(2, 5, 3), 0), {"padding_side": "left"}),
        Case(N_("one empty sequence"), (batch(3, 0, 1), 0)),
        Case(N_("one empty sequence, left padding"), (batch(0, 2), 0), {"padding_side": "left"}),
        Case(N_("pad id other than 0"), (batch(3, 1, 4), rng.randrange(100, 1000))),
        Case(N_("pad id other than 0, left padding"), (batch(2, 4), rng.randrange(100, 1000)),
             {"padding_side": "left"}),
        Case(N_("long batch"), (batch(*long_lengths(rng)), 0)),
        Case(N_("long batch, left padding"), (batch(*long_lengths(rng)), 0), {"padding_side": "left"}),
        Case(N_("tuples instead of lists"), (tuple(tuple(row) for row in batch(2, 4, 3)), 0)),
        Case(N_("a list of tuples, left padding"), ([tuple(row) for row in batch(3, 1)], 0),
             {"padding_side": "left"}),
    ]


EXERCISE = Exercise(
    name="pad_batch",
    reference=pad_batch,
    compare=same_long_tensor,
    make_cases=make_cases,
    seed=101,
    chapter=4,
    hints=(
        N_("Find the longest length first: `max(len(s) for s in sequences)`. Each sequence then needs "
           "`longest - len(s)` copies of `pad_token_id`: after its ids for right padding, before them "
           "for left padding."),
        N_("Build every row as a new list, `list(s) + [pad_token_id] * n` on the right or "
           "`[pad_token_id] * n + list(s)` on the left, so the input is never changed and tuples work "
           "too. Then turn the rows into one tensor: `torch.tensor(rows, dtype=torch.long)`."),
    ),
)
