"""A learner's value as plain data and back: what a graded kernel sends to the trusted grader.

`to_plain(value)` runs beside the learner's code and describes the value with JSON types only:
numbers, strings, lists, tuples, dicts and tensors (dtype, shape and values), never a pickle or
a live object. `from_plain(data)` runs in the grader, checks the data and rebuilds only those;
a value of any other type comes back as a stand-in that carries the type's name and module, so
the exercises' comparisons (`checks`) read it as they read the learner's own value.
"""

import functools
import math
import types
from collections.abc import Mapping

import torch

from .display import value_text

MAX_ITEMS = 1_000_000  # numbers, strings and containers in one value
MAX_DEPTH = 20
MAX_NAME = 100  # characters of a type's name or module
PROBED = ("logits", "item")  # attributes the comparisons look for
DTYPES = {name: getattr(torch, name) for name in (
    "bool", "uint8", "int8", "int16", "int32", "int64", "float16", "bfloat16", "float32",
    "float64")}
SCALARS = (bool, int, float, str)
PLAIN_SCALARS = {*SCALARS, type(None)}
CONTAINERS = {"list": list, "tuple": tuple, "dict": dict}
BASES = {"int": int, "float": float, "str": str, **CONTAINERS}


class NotPlain(ValueError):
    """A value too large or too deep to send, or data that is not a value `to_plain` made."""


def to_plain(value):
    """`value` as JSON-ready data (see the module's docstring); NotPlain if too large."""
    return _Encoder().encode(value, 0)


def python_data(value):
    """Whether `value` is made of lists, tuples, dicts, numbers, strings and None only (no
    subclasses): its == then compares it as its plain data would."""
    kind = type(value)
    if kind in (list, tuple):
        return {type(item) for item in value} <= PLAIN_SCALARS or all(map(python_data, value))
    if kind is dict:
        return python_data(list(value)) and python_data(list(value.values()))
    return kind in PLAIN_SCALARS


class _Budget:
    """Counts the items of one value, so that neither side builds an enormous one."""

    def __init__(self):
        self.left = MAX_ITEMS

    def spend(self, items, depth):
        self.left -= items
        if self.left < 0 or depth > MAX_DEPTH:
            raise NotPlain("the value is too large or too deeply nested")


class _Encoder(_Budget):
    def encode(self, value, depth):
        self.spend(1, depth)
        kind = type(value)
        if value is None or kind in SCALARS:
            return value  # JSON has them all (Python's json writes NaN and Infinity too)
        data = self.encode_kind(value, depth)
        if kind not in (list, tuple, dict, torch.Tensor):
            data["type"] = {"name": kind.__name__[:MAX_NAME],
                            "module": str(kind.__module__)[:MAX_NAME],
                            "attributes": [name for name in PROBED if hasattr(value, name)]}
        return data

    def encode_kind(self, value, depth):
        if isinstance(value, torch.Tensor):
            return {"tensor": self.tensor(value, depth)}
        if isinstance(value, (list, tuple)):
            kind = "tuple" if isinstance(value, tuple) else "list"
            if type(value) in (list, tuple) and self.only_scalars(value, depth):
                return {kind: list(value)}
            return {kind: [self.encode(item, depth + 1) for item in value]}
        if isinstance(value, Mapping):
            if (type(value) is dict and self.only_scalars(value, depth)
                    and self.only_scalars(value.values(), depth)):
                return {"dict": list(map(list, value.items()))}
            return {"dict": [[self.encode(key, depth + 1), self.encode(item, depth + 1)]
                             for key, item in value.items()]}
        for name in ("int", "float", "str"):  # a subclass, e.g. NumPy's float64
            if isinstance(value, BASES[name]):
                return {name: BASES[name](value)}
        if isinstance(value, types.GeneratorType):
            return {"generator": True}
        return {"object": value_text(value)[:2000]}

    def only_scalars(self, items, depth):
        """Whether every one of `items` (of a list, tuple or dict that is not a subclass) is a
        scalar that stays as it is; then they are counted at once. (Quick for a vocabulary.)"""
        if items and {type(item) for item in items} <= PLAIN_SCALARS:
            self.spend(len(items), depth + 1)
            return True
        return False

    def tensor(self, value, depth):
        dtype = str(value.dtype).removeprefix("torch.")
        if dtype not in DTYPES or value.layout is not torch.strided:
            raise NotPlain(f"a tensor of dtype {dtype}")
        self.spend(value.numel(), depth)
        return {"dtype": dtype, "shape": list(value.shape),
                "values": value.detach().cpu().reshape(-1).tolist()}


def from_plain(data):
    """The value `data` describes (see the module's docstring); NotPlain if it is malformed."""
    return _Decoder().decode(data, 0)


class _Decoder(_Budget):
    def decode(self, data, depth):
        self.spend(1, depth)
        if data is None or type(data) in SCALARS:
            return data
        if (type(data) is not dict or not 1 <= len(data) <= 2
                or (len(data) == 2 and "type" not in data)):
            raise NotPlain("not a plain value")
        kind = next(key for key in data if key != "type")
        if kind not in DECODERS:
            raise NotPlain(f"unknown kind {kind!r}")
        described = data.get("type")
        value = DECODERS[kind](self, data[kind], depth)
        return value if described is None else _as_described(value, kind, described)

    def items(self, data, depth):
        _require(type(data) is list, "a list of items")
        return [self.decode(item, depth + 1) for item in data]

    def pairs(self, data, depth):
        _require(type(data) is list and all(type(pair) is list and len(pair) == 2 for pair in data),
                 "a list of key-value pairs")
        return {_hashable(self.decode(key, depth + 1)): self.decode(item, depth + 1)
                for key, item in data}

    def tensor(self, data, depth):
        _require(type(data) is dict and set(data) == {"dtype", "shape", "values"}, "a tensor")
        dtype, shape, values = data["dtype"], data["shape"], data["values"]
        _require(dtype in DTYPES and type(shape) is list and type(values) is list
                 and all(type(size) is int and 0 <= size for size in shape), "a tensor")
        self.spend(len(values), depth)
        _require(math.prod(shape) == len(values), "a tensor whose shape fits its values")
        _require(all(type(item) in (bool, int, float) for item in values), "numbers")
        return torch.tensor(values, dtype=DTYPES[dtype]).reshape(shape)


DECODERS = {
    "list": _Decoder.items,
    "tuple": lambda self, data, depth: tuple(self.items(data, depth)),
    "dict": _Decoder.pairs,
    "tensor": _Decoder.tensor,
    "int": lambda self, data, depth: _scalar(data, int),
    "float": lambda self, data, depth: _scalar(data, float),
    "str": lambda self, data, depth: _scalar(data, str),
    "generator": lambda self, data, depth: (item for item in ()),
    "object": lambda self, data, depth: _scalar(data, str),
}


def _require(condition, what):
    if not condition:
        raise NotPlain(f"not {what}")


def _scalar(data, kind):
    _require(type(data) is kind or (kind is float and type(data) is int), f"a {kind.__name__}")
    return kind(data)


def _hashable(key):
    try:
        hash(key)
    except TypeError:
        raise NotPlain("a dict key that cannot be a key") from None
    return key


def _as_described(value, kind, described):
    _require(type(described) is dict and set(described) == {"name", "module", "attributes"}
             and all(type(described[key]) is str and len(described[key]) <= MAX_NAME
                     for key in ("name", "module"))
             and type(described["attributes"]) is list
             and set(described["attributes"]) <= set(PROBED), "a type")
    if kind == "generator":
        return value
    base = torch.Tensor if kind == "tensor" else BASES.get(kind, StandIn)
    cls = _stand_in_type(base, described["name"], described["module"],
                         tuple(sorted(described["attributes"])))
    return value.as_subclass(cls) if kind == "tensor" else cls(value)


class StandIn:
    """A learner's value of a type the grader does not rebuild: its type's name and its text."""

    def __init__(self, text):
        self._text = text

    def __repr__(self):
        return self._text


@functools.lru_cache(maxsize=256)
def _stand_in_type(base, name, module, attributes):
    """A subclass of `base` named like the learner's type, with the probed attributes it had."""
    missing = [attribute for attribute in attributes if not hasattr(base, attribute)]
    return type(name, (base,), {"__module__": module, **dict.fromkeys(missing)})
