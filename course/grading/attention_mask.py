"""Exercise 2: the attention mask of a padded batch, computed from the sequences' lengths."""

from ..i18n import N_
from .batches import long_lengths, random_batch
from .checks import same_long_tensor
from .exercise import Case, Exercise
from .pad_batch import pad_batch


def make_attention_mask(sequences, padding_side="right"):
    return pad_batch([[1] * len(sequence) for sequence in sequences], 0, padding_side)


def make_cases(rng):
    def batch(*lengths, **id_range):
        return random_batch(rng, lengths, **id_range)

    with_zeros = batch(4, 2, 5, low=0, high=3)  # real tokens whose id is 0, the usual pad id
    with_zeros[0][-1] = with_zeros[1][0] = 0
    return [
        Case(N_("single sequence"), (batch(rng.randint(2, 6)),)),
        Case(N_("equal lengths"), (batch(3, 3),)),
        Case(N_("two lengths, right padding"), (batch(2, 5),)),
        Case(N_("left padding"), (batch(4, 1, 2),), {"padding_side": "left"}),
        Case(N_("one empty sequence"), (batch(2, 0),)),
        Case(N_("one empty sequence, left padding"), (batch(0, 3, 1),), {"padding_side": "left"}),
        Case(N_("real tokens with id 0"), (with_zeros,)),
        Case(N_("real tokens with id 0, left padding"), ([[0, 7], [0], [5, 0, 0]],),
             {"padding_side": "left"}),
        Case(N_("long batch"), (batch(*long_lengths(rng)),)),
        Case(N_("long batch, left padding"), (batch(*long_lengths(rng)),), {"padding_side": "left"}),
        Case(N_("tuples instead of lists"), (tuple(tuple(row) for row in batch(1, 3)),)),
    ]


EXERCISE = Exercise(
    name="make_attention_mask",
    reference=make_attention_mask,
    compare=same_long_tensor,
    make_cases=make_cases,
    seed=102,
    chapter=4,
    hints=(
        N_("A mask needs only the lengths: 1 for each real token, 0 for each padding position. Don't "
           "compare ids with the pad id: a real token can have that id too (try `[[0, 7], [0]]`)."),
        N_("Row i is `[1] * len(sequences[i])`, padded with 0 on the chosen side to the longest "
           "length. Your first function does exactly that: "
           "`pad_batch([[1] * len(s) for s in sequences], 0, padding_side)`."),
    ),
)
