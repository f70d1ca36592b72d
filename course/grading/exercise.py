"""An exercise declared once (cases, reference answer, comparison, hints), graded generically.

Each exercise module builds one `Exercise`; `grade` runs a learner's function on its cases and
returns a `Report`. Adding an exercise means adding a declaration, never a new code path.
"""

import contextlib
import copy
import functools
import inspect
import random
from dataclasses import dataclass, field
from typing import Callable

import torch

from ..i18n import N_, _
from . import learner
from .display import call_text, value_text
from .plain import from_plain, python_data, to_plain
from .report import CaseResult, Report, Status

# to read a value and the arguments as plain data (a large vocabulary)
READ_LIMITS = learner.Limits(cpu=10.0, wall=3 * learner.WALL_LIMIT)


@dataclass(frozen=True)
class Case:
    """One hidden test: a label the learner sees, and the arguments of the call. The label is
    the course's (marked N_, shown translated) unless `own_label` (an instructor's, shown as is)."""

    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    own_label: bool = False
    number: int = 0  # an instructor's case without a label of its own: its number

    def shown_label(self):
        return self.label if self.own_label else _(self.label).format(number=self.number)


@dataclass(frozen=True)
class Exercise:
    """What a generic grader needs to know about one exercise.

    `reference` is the model answer (same signature as the learner's function); `compare(got,
    expected)` returns None when `got` is right, else one sentence saying what is wrong;
    `make_cases(rng)` draws the cases; `shared` names arguments that come first in every call,
    loaded once (e.g. ("model", load_classifier)), and that are neither copied nor printed.
    `chapter` is the chapter whose exercise notebook holds it; `points` what it is worth in the
    instructors' batch grader (which gives the share of cases passed).
    """

    name: str
    reference: Callable
    compare: Callable
    make_cases: Callable
    hints: tuple
    shared: tuple = ()
    seed: int = 0
    chapter: int = 0
    points: int = 1

    def cases(self):
        return self.make_cases(random.Random(self.seed))

    def parameter_names(self):
        return list(inspect.signature(self.reference).parameters)


def grade(exercise, function, extra_cases=()):
    """Run `function` on every case of `exercise` (and on `extra_cases`); return the Report.

    Every expected value is computed before the learner's function first runs, and each call runs
    through `learner.call` (time limit, captured output, library state restored afterwards)."""
    if not callable(function):
        shown = learner.call(value_text, (function,), {}).value  # its repr is the learner's code
        if not isinstance(shown, str):
            shown = _("an object of type {kind}").format(kind=type(function).__name__)
        return Report(exercise.name, Status.INCORRECT, [], message=_(
            "check needs your function itself, e.g. check(\"{name}\", {name}), but it got {shown}.",
        ).format(name=exercise.name, shown=shown))
    shared = shared_values(exercise)
    cases = [*exercise.cases(), *extra_cases]
    with one_torch_thread():
        expected = [*reference_values(exercise), *expected_values(exercise, shared, extra_cases)]
        outcomes = list(case_outcomes(exercise, function, shared, cases))
    return report(exercise, cases, expected, outcomes)


def extra_cases(entries):
    """Instructor-only cases, from the entries of an --extra-cases file."""
    return [Case(entry["label"], tuple(entry["args"]), dict(entry.get("kwargs", {})), own_label=True)
            if "label" in entry else
            Case(N_("instructor's case {number}"), tuple(entry["args"]), dict(entry.get("kwargs", {})),
                 number=number)
            for number, entry in enumerate(entries, 1)]


def shared_values(exercise):
    return [load() for _, load in exercise.shared]


@functools.cache
def reference_values(exercise):
    """The expected values of `exercise`'s own cases, computed at its first check only: they
    never change, and a learner checks often."""
    return expected_values(exercise, shared_values(exercise), exercise.cases())


def expected_values(exercise, shared, cases):
    return [exercise.reference(*shared, *copy.deepcopy(case.args), **case.kwargs)
            for case in cases]


def case_outcomes(exercise, function, shared, cases, limits=None):
    """Call `function` on each case in turn, within `limits` (default: `learner.call_limits()`);
    yield what each call gave as plain data (see `judge`), and stop after a call that ran out of
    time."""
    limits = limits or learner.call_limits()
    for case in cases:
        outcome = _call(function, shared, case, limits)
        yield outcome
        if outcome.get("timed_out"):
            return


def _call(function, shared, case, limits):
    given = copy.deepcopy(case.args)
    called = learner.call(function, (*shared, *given), case.kwargs, limits, keep=shared)
    outcome = {"printed": called.printed, "location": str(called.location or "")}
    if called.timed_out:
        outcome["timed_out"] = True
        if called.timed_out == learner.WAITED:
            outcome["waited"] = limits.wall
    elif called.exit:
        outcome["exit"] = called.exit
    elif called.error is not None:
        outcome["error"] = f"{type(called.error).__name__}: {called.error}".rstrip(": ")
        outcome["not_attempted"] = isinstance(called.error, NotImplementedError)
    else:
        # The learner's value may run its own code (a subclass's __iter__ or __repr__): read it,
        # and the arguments after the call if the call changed them (else None), guarded.
        sent = learner.call(lambda: (to_plain(called.value), _changed(given, case.args)), (), {},
                            limits=READ_LIMITS, keep=shared)
        if sent.error is None and not sent.timed_out and not sent.exit:
            outcome["value"], outcome["given"] = sent.value
        else:
            outcome["unreadable"] = type(called.value).__name__
    return outcome


def _changed(given, original):
    """The arguments after the call as plain data, or None if they still equal the original
    (quick for a vocabulary; arguments holding tensors are always sent)."""
    if python_data(original) and given == original:
        return None
    return to_plain(given)


def report(exercise, cases, expected, outcomes):
    """The Report of `exercise` from the outcomes of its first cases (the others were not run)."""
    results = [judge(exercise, case, wanted, outcome)
               for case, wanted, outcome in zip(cases, expected, outcomes)]
    not_run = len(cases) - len(results)
    if not_run:
        status = Status.INCORRECT
    elif all(result.not_attempted for result in results):
        status = Status.NOT_ATTEMPTED
    elif all(result.passed for result in results):
        status = Status.CORRECT
    else:
        status = Status.INCORRECT
    return Report(exercise.name, status, results, not_run=not_run)


def judge(exercise, case, expected, outcome):
    """The CaseResult of one call, from its outcome as plain data: a learner's kernel may have
    sent anything, so every field is checked and a malformed outcome fails the case."""
    if outcome.get("not_attempted") is True:
        return CaseResult(case.shown_label(), None, Status.NOT_ATTEMPTED.text(), not_attempted=True)
    names, shared_names = exercise.parameter_names(), [name for name, _ in exercise.shared]
    failed = dict(label=case.shown_label(), passed=False, expected=value_text(expected),
                  printed=_text(outcome, "printed", 6000),
                  call=call_text(exercise.name, names, shared_names, case.args, case.kwargs))
    location = _text(outcome, "location", 400)
    waited = outcome.get("waited")
    if outcome.get("timed_out") is True and type(waited) in (int, float) and 0 < waited < 1e6:
        problem = (_("your function was still running after {seconds:g} seconds on the clock, without "
                     "computing most of that time, so it was stopped: is it waiting for something that "
                     "never comes (a sleep in a loop, an input)? It was stopped in {location}") if location else
                   _("your function was still running after {seconds:g} seconds on the clock, without "
                     "computing most of that time, so it was stopped: is it waiting for something that "
                     "never comes (a sleep in a loop, an input)?"))
        return CaseResult(**failed, timed_out=True, problem=problem.format(seconds=waited, location=location))
    if outcome.get("timed_out") is True:
        problem = (_("your function was still running after {seconds:g} seconds of computing, so it was "
                     "stopped: is there a loop that never ends? It was stopped in {location}") if location else
                   _("your function was still running after {seconds:g} seconds of computing, so it was "
                     "stopped: is there a loop that never ends?"))
        return CaseResult(**failed, timed_out=True,
                          problem=problem.format(seconds=learner.CPU_LIMIT, location=location))
    if outcome.get("exit"):
        problem = (_("your function called {call} in {location}, which would end the whole program: "
                     "return the result instead.") if location else
                   _("your function called {call}, which would end the whole program: "
                     "return the result instead."))
        return CaseResult(**failed, problem=problem.format(call=_text(outcome, "exit", 100), location=location))
    if outcome.get("error"):
        problem = (_("your function raised {error} in {location}") if location else
                   _("your function raised {error}"))
        return CaseResult(**failed, problem=problem.format(error=_text(outcome, "error", 1000), location=location))
    try:
        value = from_plain(outcome["value"])
        problem = exercise.compare(value, expected)
        given = outcome["given"]  # None when unchanged
        if problem is None and given is not None and given != to_plain(case.args):  # plain data
            given = from_plain(given)
            changed = call_text(exercise.name, names, shared_names, given, case.kwargs)
            problem = _("your function changed its input: after the call, the arguments read "
                        "{changed}. Build new lists instead of changing the ones you are given.",
                        ).format(changed=changed)
        got = "" if problem is None else value_text(value)
    except Exception:  # noqa: BLE001 - whatever was sent, the case fails with a sentence
        kind = _text(outcome, "unreadable", 100) or "value"
        return CaseResult(**failed, problem=_(
            "your function returned a {kind} that the grader could not look at without it "
            "running code of its own: return a plain value.").format(kind=kind))
    if problem is None:
        return CaseResult(case.shown_label(), True)
    return CaseResult(**failed, got=got, problem=problem)


def _text(outcome, key, limit):
    value = outcome.get(key, "")
    return value[:limit] if isinstance(value, str) else ""


@contextlib.contextmanager
def one_torch_thread():
    """The cases' tensors are tiny: one thread is as fast as several, and stays fast when other
    programs keep the cores busy (where waiting for a second thread costs up to 0.5 s a pass)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
