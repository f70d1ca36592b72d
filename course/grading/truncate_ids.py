"""Exercise 3: truncate ids that start with [CLS] and end with [SEP], keeping both."""

from ..i18n import N_
from .batches import random_ids
from .checks import same_id_list
from .exercise import Case, Exercise

CLS, SEP = 101, 102  # BERT's and DistilBERT's [CLS] and [SEP]


def truncate_ids(input_ids, max_length):
    if len(input_ids) <= max_length:
        return list(input_ids)
    return list(input_ids[:max_length - 1]) + [input_ids[-1]]


def make_cases(rng):
    def encoded(length, cls=CLS, sep=SEP):
        return [cls, *random_ids(rng, length), sep]

    return [
        Case(N_("shorter than max_length"), (encoded(3), 8)),
        Case(N_("exactly max_length"), (encoded(4), 6)),
        Case(N_("one id too long"), (encoded(6), 7)),
        Case(N_("much too long"), (encoded(40), 10)),
        Case(N_("room for [CLS] and [SEP] only"), (encoded(5), 2)),
        Case(N_("room for one token"), (encoded(5), 3)),
        Case(N_("[CLS] and [SEP] alone"), (encoded(0), 4)),
        Case(N_("other special ids (ALBERT's [CLS] 2 and [SEP] 3)"), (encoded(9, cls=2, sep=3), 5)),
        Case(N_("a token with [SEP]'s id inside"), ([CLS, 2000, SEP, 2001, 2002, SEP], 4)),
        Case(N_("long input, max_length 512"), (encoded(600), 512)),
    ]


EXERCISE = Exercise(
    name="truncate_ids",
    reference=truncate_ids,
    compare=same_id_list,
    make_cases=make_cases,
    seed=103,
    chapter=4,
    hints=(
        N_("Short enough? Return the ids as they are. Otherwise keep room for [SEP]: the result is the "
           "first `max_length - 1` ids followed by the last id of the input."),
        N_("`input_ids[:max_length - 1] + [input_ids[-1]]` keeps [CLS] (the first id), as many "
           "tokens as fit, and [SEP] (the last id), whatever their ids are, and builds a new list "
           "instead of changing the input."),
    ),
)
