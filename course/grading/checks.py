"""Comparisons of a learner's result with the expected one: None if right, else one sentence."""

import inspect
import types

import torch


def return_type_problem(got, wanted, wanted_name, advice=""):
    """A sentence when `got` is not exactly of type `wanted` (a subclass could change how it
    compares), else None. An abstract `wanted` (such as Mapping) takes any of its kinds."""
    if type(got) is wanted or (inspect.isabstract(wanted) and isinstance(got, wanted)):
        return None
    if got is None:
        return "your function returned None: did you forget the `return` statement?"
    got_name = type(got).__name__
    article = "an" if got_name[0].lower() in "aeiou" else "a"
    if isinstance(got, wanted):
        return (f"your function returned {article} {got_name}, a subclass of {wanted.__name__}, but it "
                f"should return a plain {wanted.__name__}: build one directly"
                + (" (or call .as_subclass(torch.Tensor))." if wanted is torch.Tensor else "."))
    if isinstance(got, types.GeneratorType):
        return ("your function returned a generator (from `yield`, or from a `(... for ...)` "
                "expression), which makes its values only when looped over: it should return "
                f"{wanted_name}. {advice}".rstrip())
    if type(got).__module__ == "numpy":
        return (f"your function returned a NumPy {got_name}, but it should return {wanted_name}. "
                + ("Build it with torch's functions, or convert with torch.from_numpy(...)."
                   if wanted is torch.Tensor else advice)).rstrip()
    if (wanted is torch.Tensor and isinstance(got, (list, tuple)) and got
            and all(isinstance(item, torch.Tensor) for item in got)):
        return (f"your function returned {article} {got_name} of {len(got)} tensors, but it should "
                "return one tensor: stack the rows with torch.stack(...).")
    return (f"your function returned {article} {got_name} ({type(got).__module__}.{got_name}), but it "
            f"should return {wanted_name}.{' ' + advice if advice else ''}")


def same_long_tensor(got, expected):
    """Exactly the expected torch.long tensor: type, dtype, shape, then values."""
    problem = return_type_problem(got, torch.Tensor, "a torch tensor",
                                  "Turn your lists into one with torch.tensor(..., dtype=torch.long).")
    if problem:
        return problem
    if got.dtype != torch.long:
        kind = "True/False values" if got.dtype == torch.bool else f"dtype {got.dtype}"
        return (f"the tensor holds {kind}, but it must hold integers of dtype torch.long "
                "(convert with .long(), or pass dtype=torch.long to torch.tensor).")
    if got.shape != expected.shape:
        return (f"the tensor has shape {tuple(got.shape)}, but it should have shape "
                f"{tuple(expected.shape)}: one row per sequence, as long as the longest one.")
    if not torch.equal(got, expected):
        return "the shape is right, but some values are wrong."
    return None


def same_id_list(got, expected):
    """The expected list of Python ints."""
    problem = return_type_problem(got, list, "a list", "Return a list of ints (use list(...) if needed).")
    if problem:
        return problem
    if not all(type(item) is int for item in got):
        kinds = sorted({type(item).__name__ for item in got} - {"int"})
        advice = " (convert each with int(...), or a tensor with .tolist())" * ("Tensor" in kinds)
        return f"the list should hold Python ints{advice}, but it holds {', '.join(kinds)} values."
    if len(got) != len(expected):
        return f"the list has {len(got)} ids, but it should have {len(expected)}."
    if got != expected:
        return "the length is right, but some ids are wrong."
    return None


def close_logits(got, expected, tolerance=1e-5):
    """Logits equal to the expected ones within `tolerance`."""
    if hasattr(got, "logits"):
        return (f"your function returned the model's whole output ({type(got).__name__}): "
                "return only its .logits.")
    problem = return_type_problem(got, torch.Tensor, "a torch tensor of logits")
    if problem:
        return problem
    if got.shape != expected.shape:
        return (f"the logits have shape {tuple(got.shape)}, but they should have shape "
                f"{tuple(expected.shape)}: (number of sequences, number of labels).")
    difference = (got.detach().float() - expected).abs().amax(dim=-1)
    wrong = [row for row, value in enumerate(difference.tolist()) if value > tolerance]
    if wrong:
        return (f"row(s) {', '.join(map(str, wrong))} differ from running each sequence alone "
                f"(by up to {difference.max().item():.4f}): does the model get the attention mask?")
    return None

