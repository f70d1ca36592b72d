"""Comparisons of a learner's result with the expected one: None if right, else one sentence."""

import inspect
import types

import torch

from ..i18n import N_, _, plural


def return_type_problem(got, wanted, wanted_name, advice=""):
    """A sentence when `got` is not exactly of type `wanted` (a subclass could change how it
    compares), else None. An abstract `wanted` (such as Mapping) takes any of its kinds.
    `wanted_name` ("a list") and `advice` (a sentence) are messages marked N_."""
    if type(got) is wanted or (inspect.isabstract(wanted) and isinstance(got, wanted)):
        return None
    if got is None:
        return _("your function returned None: did you forget the `return` statement?")
    kind = type(got).__name__
    # {article} is the English "a" or "an"; a translation may leave it out
    names = dict(kind=kind, article="an" if kind[0].lower() in "aeiou" else "a",
                 wanted=wanted.__name__, wanted_name=_(wanted_name), advice=_(advice) if advice else "")
    if isinstance(got, wanted):
        problem = (_("your function returned {article} {kind}, a subclass of {wanted}, but it should return a "
                     "plain {wanted}: build one directly (or call .as_subclass(torch.Tensor)).")
                   if wanted is torch.Tensor else
                   _("your function returned {article} {kind}, a subclass of {wanted}, but it should return a "
                     "plain {wanted}: build one directly."))
    elif isinstance(got, types.GeneratorType):
        problem = _("your function returned a generator (from `yield`, or from a `(... for ...)` "
                    "expression), which makes its values only when looped over: it should return "
                    "{wanted_name}. {advice}")
    elif type(got).__module__ == "numpy":
        problem = (_("your function returned a NumPy {kind}, but it should return {wanted_name}. Build it "
                     "with torch's functions, or convert with torch.from_numpy(...).")
                   if wanted is torch.Tensor else
                   _("your function returned a NumPy {kind}, but it should return {wanted_name}. {advice}"))
    elif (wanted is torch.Tensor and isinstance(got, (list, tuple)) and got
            and all(isinstance(item, torch.Tensor) for item in got)):
        problem = plural(len(got), N_("your function returned {article} {kind} of 1 tensor, but it should return "
                                      "one tensor: stack the rows with torch.stack(...)."),
                         N_("your function returned {article} {kind} of {count} tensors, but it should return "
                            "one tensor: stack the rows with torch.stack(...)."), **names)
        return problem
    else:
        problem = _("your function returned {article} {kind} ({module}.{kind}), but it should return "
                    "{wanted_name}. {advice}")
    return problem.format(module=type(got).__module__, **names).rstrip()


def same_long_tensor(got, expected):
    """Exactly the expected torch.long tensor: type, dtype, shape, then values."""
    problem = return_type_problem(got, torch.Tensor, N_("a torch tensor"),
                                  N_("Turn your lists into one with torch.tensor(..., dtype=torch.long)."))
    if problem:
        return problem
    if got.dtype != torch.long:
        problem = (_("the tensor holds True/False values, but it must hold integers of dtype torch.long "
                     "(convert with .long(), or pass dtype=torch.long to torch.tensor).")
                   if got.dtype == torch.bool else
                   _("the tensor holds dtype {dtype}, but it must hold integers of dtype torch.long "
                     "(convert with .long(), or pass dtype=torch.long to torch.tensor)."))
        return problem.format(dtype=got.dtype)
    if got.shape != expected.shape:
        return _("the tensor has shape {shape}, but it should have shape {expected}: one row per "
                 "sequence, as long as the longest one.").format(shape=tuple(got.shape),
                                                                 expected=tuple(expected.shape))
    if not torch.equal(got, expected):
        return _("the shape is right, but some values are wrong.")
    return None


def same_id_list(got, expected):
    """The expected list of Python ints."""
    problem = return_type_problem(got, list, N_("a list"), N_("Return a list of ints (use list(...) if needed)."))
    if problem:
        return problem
    if not all(type(item) is int for item in got):
        kinds = sorted({type(item).__name__ for item in got} - {"int"})
        problem = (_("the list should hold Python ints (convert each with int(...), or a tensor with "
                     ".tolist()), but it holds {kinds} values.") if "Tensor" in kinds else
                   _("the list should hold Python ints, but it holds {kinds} values."))
        return problem.format(kinds=", ".join(kinds))
    if len(got) != len(expected):
        return plural(len(got), N_("the list has 1 id, but it should have {expected}."),
                      N_("the list has {count} ids, but it should have {expected}."), expected=len(expected))
    if got != expected:
        return _("the length is right, but some ids are wrong.")
    return None


def close_logits(got, expected, tolerance=1e-5):
    """Logits equal to the expected ones within `tolerance`."""
    if hasattr(got, "logits"):
        return _("your function returned the model's whole output ({kind}): return only its .logits.",
                 ).format(kind=type(got).__name__)
    problem = return_type_problem(got, torch.Tensor, N_("a torch tensor of logits"))
    if problem:
        return problem
    if got.shape != expected.shape:
        return _("the logits have shape {shape}, but they should have shape {expected}: (number of "
                 "sequences, number of labels).").format(shape=tuple(got.shape), expected=tuple(expected.shape))
    difference = (got.detach().float() - expected).abs().amax(dim=-1)
    wrong = [row for row, value in enumerate(difference.tolist()) if value > tolerance]
    if wrong:
        return plural(len(wrong), N_("row {rows} differs from running each sequence alone (by up to "
                                     "{difference:.4f}): does the model get the attention mask?"),
                      N_("rows {rows} differ from running each sequence alone (by up to {difference:.4f}): "
                         "does the model get the attention mask?"),
                      rows=", ".join(map(str, wrong)), difference=difference.max().item())
    return None

