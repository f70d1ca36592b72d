"""Comparisons for results made of text, numbers and dicts: None if right, else one sentence."""

from collections.abc import Mapping

from ..i18n import N_, _, plural
from .checks import return_type_problem, same_id_list, same_long_tensor


def same_string_list(got, expected):
    """The expected list of str pieces."""
    problem = return_type_problem(got, list, N_("a list"), N_("Return a list of pieces (str)."))
    if problem:
        return problem
    if not all(isinstance(item, str) for item in got):
        kinds = sorted({type(item).__name__ for item in got} - {"str"})
        return _("the list should hold str values, but it holds {kinds} values.").format(kinds=", ".join(kinds))
    if got != expected:
        return plural(len(got), N_("the list has 1 piece, but it should be {expected!r}."),
                      N_("the list has {count} pieces, but it should be {expected!r}."), expected=expected)
    return None


def same_text(got, expected):
    """The expected str; the message names the first character that differs."""
    problem = return_type_problem(got, str, N_("a str"))
    if problem:
        return problem
    if got == expected:
        return None
    first = next((index for index, pair in enumerate(zip(got, expected))
                  if pair[0] != pair[1]), min(len(got), len(expected)))
    return _("your text differs from the tokenizer's from character {first} on: {got!r} instead of "
             "{expected!r}.").format(first=first, got=got[first:first + 12], expected=expected[first:first + 12])


def same_count(got, expected):
    """The expected Python int."""
    if hasattr(got, "item") and not isinstance(got, int):
        return _("your function returned a tensor or array: turn it into an int with int(...).")
    problem = return_type_problem(got, int, N_("an int"))
    if problem:
        return problem
    if isinstance(got, bool):
        return _("your function returned True or False, but it should return the count, an int.")
    if got != expected:
        return _("your count is {got:,}, but the model has {expected:,} ({difference:+,}).").format(
            got=got, expected=expected, difference=got - expected)
    return None


def _same_keys(got, expected, values):
    """A sentence when `got` is not a dict with exactly the keys of `expected`, else None
    (`values`: the advice on what each key maps to, marked N_)."""
    problem = return_type_problem(got, Mapping, N_("a dict"), values)
    if problem:
        return problem
    if set(got) != set(expected):
        return _("the dict has the keys {keys}, but it should have exactly {expected} (what the "
                 "tokenizer returns).").format(keys=sorted(got), expected=sorted(expected))
    return None


def same_id_lists(got, expected):
    """A dict with the expected keys, each holding the expected list of ints."""
    problem = _same_keys(got, expected, N_("Map each name to its list of ints."))
    for key in expected:
        problem = problem or _named(key, same_id_list(got[key], expected[key]))
    return problem


def same_long_tensors(got, expected):
    """A dict with the expected keys, each holding the expected LongTensor."""
    problem = _same_keys(got, expected, N_("Map each name to its LongTensor."))
    for key in expected:
        problem = problem or _named(key, same_long_tensor(got[key], expected[key]))
    return problem


def _named(key, problem):
    return problem and f"{key!r}: {problem}"
