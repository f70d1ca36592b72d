"""What a learner's call may not leave behind: its printed output, an exit, changed library state.

`captured_output` keeps what the call prints (a short head of it, and a count of the rest);
`exit_trapped` turns `os._exit` into an exception during the call; `library_restored` puts back
the library functions, torch settings and random states that the call changed.
"""

import builtins
import contextlib
import copy
import io
import json
import math
import os
import random
import sys
import types

import torch

from ..i18n import N_, plural

KEPT_CHARACTERS = 4000  # of printed output; the rest is only counted
SHOWN_LINES = 5
LINE_WIDTH = 160


class Captured(io.TextIOBase):
    """A text stream that keeps the first characters written to it and counts all lines."""

    def __init__(self):
        super().__init__()
        self.head = []
        self.kept = 0
        self.lines = 0
        self.last = "\n"

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        if self.kept < KEPT_CHARACTERS:
            self.head.append(text[:KEPT_CHARACTERS - self.kept])
            self.kept += len(self.head[-1])
        self.lines += text.count("\n")
        if text:
            self.last = text[-1]
        return len(text)

    def summary(self):
        """A few lines of what was printed and how many more were cut; '' when nothing was."""
        total = self.lines + (self.last != "\n")
        if not total:
            return ""
        shown = "".join(self.head).split("\n")[:min(SHOWN_LINES, total)]
        shown = [line if len(line) <= LINE_WIDTH else line[:LINE_WIDTH] + " …" for line in shown]
        cut = total - len(shown)
        if cut:
            shown.append(plural(cut, N_("… 1 more line cut"), N_("… {count:,} more lines cut")))
        return "\n".join(shown)


@contextlib.contextmanager
def captured_output():
    """Send everything printed to stdout and stderr into one `Captured` stream."""
    stream = Captured()
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        yield stream


class ProcessExit(SystemExit):
    """Raised instead of ending the process when the learner's code calls os._exit."""


def exit_instead(status=0):
    """What os._exit does while trapped: raise ProcessExit."""
    raise ProcessExit(status)


@contextlib.contextmanager
def exit_trapped():
    """Make os._exit raise ProcessExit (a SystemExit) while the block runs."""
    original = os._exit
    os._exit = exit_instead
    try:
        yield
    finally:
        os._exit = original


def _watched():
    """Modules and classes whose attributes a learner's call might replace."""
    objects = [builtins, copy, json, math, os, random, torch, torch.Tensor, torch.nn.Module,
               torch.nn.functional, torch.nn.utils.rnn]
    objects += [module for name, module in list(sys.modules.items())
                if name == "numpy" or name.startswith("course.grading")]
    return objects


def _restore_attributes(target, saved):
    current = dict(vars(target))
    for name in current.keys() - saved.keys():
        if not isinstance(current[name], types.ModuleType):  # a submodule imported meanwhile
            delattr(target, name)
    for name, value in saved.items():
        if current.get(name, _MISSING) is not value:
            setattr(target, name, value)


_MISSING = object()


def _random_states():
    states = {"random": random.getstate(), "torch": torch.get_rng_state()}
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        states["numpy"] = numpy.random.get_state()
    return states


def _set_random_states(states):
    random.setstate(states["random"])
    torch.set_rng_state(states["torch"])
    if "numpy" in states:
        sys.modules["numpy"].random.set_state(states["numpy"])


class LibraryState:
    """The watched attributes, torch's default dtype and device, thread count, grad mode, the
    random states, and the training mode of each torch module of `modules`; `restore()` puts
    them back."""

    def __init__(self, modules=()):
        self.attributes = [(target, dict(vars(target))) for target in _watched()]
        self.settings = (torch.get_default_dtype(), torch.get_default_device(),
                         torch.get_num_threads(), torch.is_grad_enabled())
        self.randoms = _random_states()
        self.modes = [(module, [layer.training for layer in module.modules()])
                      for module in modules if isinstance(module, torch.nn.Module)]

    def restore(self):
        for target, saved in self.attributes:
            _restore_attributes(target, saved)
        dtype, device, threads, grad = self.settings
        torch.set_default_dtype(dtype)
        if torch.get_default_device() != device:
            torch.set_default_device(None if device.type == "cpu" else device)
        if torch.get_num_threads() != threads:
            torch.set_num_threads(threads)
        torch.set_grad_enabled(grad)
        _set_random_states(self.randoms)
        for module, flags in self.modes:
            for layer, flag in zip(module.modules(), flags):
                layer.training = flag


@contextlib.contextmanager
def library_restored(modules=()):
    """Restore the `LibraryState` after the block."""
    state = LibraryState(modules)
    try:
        yield
    finally:
        state.restore()
