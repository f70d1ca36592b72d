"""Stored outputs that hold on every processor: nbval's float tolerance, and another CPU to try.

A float32 forward pass gives slightly different last bits on different processors, even with
bit-identical weights, so a logit printed to 4 decimals can change its last digit. Here a
freshly computed text output counts as equal to the stored one when:

- both have the same text around their numbers (the same lines; the spaces just before a
  number may differ, because a number's printed width decides how tensors and tables pad it);
- every number without a decimal point or an exponent (ids, counts, shapes) is the same;
- every number with a decimal point or an exponent is within TOLERANCE.

Then the stored text is put in place of the new one ("snapped"), so nbval compares equal
strings and `tools/notebooks/execute.py` keeps the stored text instead of rewriting its digits.
Any other difference is left alone, and nbval reports it as usual.

Loaded as a pytest plugin by the repository's conftest.py, which also starts the test suite's
notebook kernels with OTHER_PROCESSOR: settings under which PyTorch and MKL take other code paths
than a plain run takes on the machine that stored the outputs, so `make test` sees what another
processor would print.
"""

import copy
import math
import re

# Numbers printed with 4 decimals move by at most one unit of the last digit (1e-4) between
# processors: float32 results there differ around the 6th significant digit. 5e-4 absolute
# leaves room for that; 1e-4 relative covers numbers printed with more digits. Any real change
# (other weights, a bug, another input) moves the values far more than that.
ABSOLUTE_TOLERANCE = 5e-4
RELATIVE_TOLERANCE = 1e-4

NUMBER = re.compile(r"(?<![\w.])-?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?!\w|\.\d)")
SPACES = re.compile(r"[ \t]+")
TEXT_FIELDS = ("text/plain", "text/html", "text/markdown", "text/latex", "image/svg+xml")  # SVG: course.figures

# Seen to change float32 results on an AVX2 machine: PyTorch's kernels and random fill without
# vector instructions, MKL's matrix products in their processor-independent mode; and one thread.
OTHER_PROCESSOR = {"ATEN_CPU_CAPABILITY": "default", "MKL_CBWR": "COMPATIBLE", "OMP_NUM_THREADS": "1"}


def is_float(token):
    return any(mark in token for mark in ".eE")


def numbers_agree(stored, new):
    """Whether two printed numbers are the same value for the book's purposes."""
    if not (is_float(stored) and is_float(new)):
        return stored == new
    return math.isclose(float(stored), float(new), rel_tol=RELATIVE_TOLERANCE,
                        abs_tol=ABSOLUTE_TOLERANCE)


def texts_agree(stored, new):
    """Whether `new` equals `stored` up to float noise (see the module docstring)."""
    if stored == new:
        return True
    stored_numbers, new_numbers = NUMBER.findall(stored), NUMBER.findall(new)
    if len(stored_numbers) != len(new_numbers):
        return False
    return (_layout(stored) == _layout(new)
            and all(map(numbers_agree, stored_numbers, new_numbers)))


def _layout(text):
    """The text around the numbers, with the spaces that pad numbers to a width left out."""
    parts = [SPACES.sub(" ", part) for part in NUMBER.split(text)]
    return [part.rstrip(" ") if index < len(parts) - 1 else part for index, part in enumerate(parts)]


def _kind(output):
    return (output.get("output_type"), output.get("name"))


def merged_streams(outputs):
    """A copy of `outputs` with consecutive chunks of one stream (how a kernel happened to flush
    its prints) merged into one output, so that the same prints are always stored the same way."""
    merged = []
    for output in copy.deepcopy(outputs):
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def snap_outputs(stored_outputs, new_outputs):
    """A copy of `new_outputs` (stream chunks merged) in which texts that agree with the stored
    ones are the stored ones.

    Outputs are paired as nbval pairs them: in order, among outputs of the same kind.
    """
    snapped = merged_streams(new_outputs)
    stored_by_kind = {}
    for output in merged_streams(stored_outputs):
        stored_by_kind.setdefault(_kind(output), []).append(output)
    seen = {}
    for output in snapped:
        kind = _kind(output)
        index = seen[kind] = seen.get(kind, -1) + 1
        candidates = stored_by_kind.get(kind, [])
        if index >= len(candidates):
            continue
        stored = candidates[index]
        if "text" in output and texts_agree(stored.get("text", ""), output["text"]):
            output["text"] = stored["text"]
        for field in TEXT_FIELDS:
            new_text = output.get("data", {}).get(field)
            stored_text = stored.get("data", {}).get(field)
            if isinstance(new_text, str) and isinstance(stored_text, str) and texts_agree(stored_text, new_text):
                output["data"][field] = stored_text
    return snapped


def pytest_configure(config):
    """Make nbval compare text outputs with the float tolerance above."""
    from nbval.plugin import IPyNbCell

    if getattr(IPyNbCell.compare_outputs, "float_tolerant", False):
        return
    exact = IPyNbCell.compare_outputs

    def compare_outputs(self, test, ref, skip_compare=None):
        return exact(self, snap_outputs(ref, test), ref, skip_compare)

    compare_outputs.float_tolerant = True
    IPyNbCell.compare_outputs = compare_outputs
