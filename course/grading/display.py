"""Short, deterministic text for the values in a report: calls, lists, tensors."""

import reprlib

import torch

_SHORT = reprlib.Repr()
_SHORT.maxlist = _SHORT.maxtuple = 12
_SHORT.maxlevel = 3
_SHORT.maxother = 120
_TENSOR_PRINT = dict(precision=4, threshold=120, edgeitems=4, linewidth=88, sci_mode=False)


def value_text(value):
    """A value as a learner would print it, shortened when it is long."""
    if isinstance(value, torch.Tensor):
        previous = {name: getattr(torch._tensor_str.PRINT_OPTS, name) for name in _TENSOR_PRINT}
        torch.set_printoptions(**_TENSOR_PRINT)
        try:
            return repr(value.detach())
        finally:
            torch.set_printoptions(**previous)
    checkpoint = getattr(value, "name_or_path", None)
    if isinstance(checkpoint, str) and checkpoint:  # a model or a tokenizer: its class and checkpoint
        return f"<{type(value).__name__} {checkpoint!r}>"
    return _SHORT.repr(value)


def call_text(function_name, parameter_names, shared_names, args, kwargs):
    """The call as Python code: shared arguments by name, then `name=value` for the rest."""
    parts = list(shared_names)
    parts += [f"{name}={value_text(value)}"
              for name, value in zip(parameter_names[len(shared_names):], args)]
    parts += [f"{name}={value_text(value)}" for name, value in kwargs.items()]
    return f"{function_name}({', '.join(parts)})"
