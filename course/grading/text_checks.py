"""Comparisons for results made of text, numbers and dicts: None if right, else one sentence."""

from collections.abc import Mapping

from .checks import return_type_problem, same_id_list, same_long_tensor


def same_string_list(got, expected, what="pieces"):
    """The expected list of str."""
    problem = return_type_problem(got, list, "a list", f"Return a list of {what} (str).")
    if problem:
        return problem
    if not all(isinstance(item, str) for item in got):
        kinds = sorted({type(item).__name__ for item in got} - {"str"})
        return f"the list should hold str values, but it holds {', '.join(kinds)} values."
    if got != expected:
        return f"the list has {len(got)} {what}, but it should be {expected!r}."
    return None


def same_text(got, expected):
    """The expected str; the message names the first character that differs."""
    problem = return_type_problem(got, str, "a str")
    if problem:
        return problem
    if got == expected:
        return None
    first = next((index for index, pair in enumerate(zip(got, expected))
                  if pair[0] != pair[1]), min(len(got), len(expected)))
    return (f"your text differs from the tokenizer's from character {first} on: "
            f"{got[first:first + 12]!r} instead of {expected[first:first + 12]!r}.")


def same_count(got, expected):
    """The expected Python int."""
    if hasattr(got, "item") and not isinstance(got, int):
        return "your function returned a tensor or array: turn it into an int with int(...)."
    problem = return_type_problem(got, int, "an int")
    if problem:
        return problem
    if isinstance(got, bool):
        return "your function returned True or False, but it should return the count, an int."
    if got != expected:
        return f"your count is {got:,}, but the model has {expected:,} ({got - expected:+,})."
    return None


def _same_keys(got, expected, values):
    """A sentence when `got` is not a dict with exactly the keys of `expected`, else None."""
    problem = return_type_problem(got, Mapping, "a dict", f"Map each name to its {values}.")
    if problem:
        return problem
    if set(got) != set(expected):
        return (f"the dict has the keys {sorted(got)}, but it should have exactly "
                f"{sorted(expected)} (what the tokenizer returns).")
    return None


def same_id_lists(got, expected):
    """A dict with the expected keys, each holding the expected list of ints."""
    problem = _same_keys(got, expected, "list of ints")
    for key in expected:
        problem = problem or _named(key, same_id_list(got[key], expected[key]))
    return problem


def same_long_tensors(got, expected):
    """A dict with the expected keys, each holding the expected LongTensor."""
    problem = _same_keys(got, expected, "LongTensor")
    for key in expected:
        problem = problem or _named(key, same_long_tensor(got[key], expected[key]))
    return problem


def _named(key, problem):
    return problem and f"{key!r}: {problem}"
