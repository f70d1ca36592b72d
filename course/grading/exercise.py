"""An exercise declared once (cases, reference answer, comparison, hints), graded generically.

Each exercise module builds one `Exercise`; `grade` runs a learner's function on its cases and
returns a `Report`. Adding an exercise means adding a declaration, never a new code path.
"""

import contextlib
import copy
import inspect
import random
from dataclasses import dataclass, field
from typing import Callable

import torch

from . import learner
from .display import call_text, value_text
from .report import CaseResult, Report, Status


@dataclass(frozen=True)
class Case:
    """One hidden test: a label the learner sees, and the arguments of the call."""

    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)


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
            shown = f"an object of type {type(function).__name__}"
        return Report(exercise.name, Status.INCORRECT, [], message=(
            f"check needs your function itself, e.g. check(\"{exercise.name}\", {exercise.name}), "
            f"but it got {shown}."))
    shared = [load() for _, load in exercise.shared]
    results = []
    cases = [*exercise.cases(), *extra_cases]
    with _one_torch_thread():
        expected = [exercise.reference(*shared, *copy.deepcopy(case.args), **case.kwargs)
                    for case in cases]
        for index, case in enumerate(cases):
            result = _run_case(exercise, function, shared, case, expected[index])
            results.append(result)
            if result.timed_out:
                return Report(exercise.name, Status.INCORRECT, results, not_run=len(cases) - index - 1)
    if all(result.not_attempted for result in results):
        status = Status.NOT_ATTEMPTED
    elif all(result.passed for result in results):
        status = Status.CORRECT
    else:
        status = Status.INCORRECT
    return Report(exercise.name, status, results)


@contextlib.contextmanager
def _one_torch_thread():
    """The cases' tensors are tiny: one thread is as fast as several, and stays fast when other
    programs keep the cores busy (where waiting for a second thread costs up to 0.5 s a pass)."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _run_case(exercise, function, shared, case, expected):
    names = exercise.parameter_names()
    shared_names = [name for name, _ in exercise.shared]
    given = copy.deepcopy(case.args)
    outcome = learner.call(function, (*shared, *given), case.kwargs, keep=shared)
    if isinstance(outcome.error, NotImplementedError):
        return CaseResult(case.label, None, "not attempted yet", not_attempted=True)
    call = call_text(exercise.name, names, shared_names, case.args, case.kwargs)
    failed = dict(label=case.label, passed=False, expected=value_text(expected),
                  printed=outcome.printed, call=call)
    where = f" in {outcome.location}" if outcome.location else ""
    if outcome.timed_out:
        return CaseResult(**failed, timed_out=True, problem=(
            f"your function was still running after {learner.TIME_LIMIT:g} seconds, so it was "
            f"stopped: is there a loop that never ends? It was stopped{where}"))
    if outcome.exit:
        return CaseResult(**failed, problem=(
            f"your function called {outcome.exit}{where}, which would end the whole program: "
            "return the result instead."))
    if outcome.error is not None:
        error = f"{type(outcome.error).__name__}: {outcome.error}".rstrip(": ")
        return CaseResult(**failed, problem=f"your function raised {error}{where}")
    # The learner's value may run its own code (a subclass's __eq__ or __repr__): judge it guarded.
    judged = learner.call(_judge, (exercise, outcome.value, expected, case, given), {}, keep=shared)
    if judged.error is not None or judged.timed_out or judged.exit:
        return CaseResult(**failed, problem=(
            f"your function returned a {type(outcome.value).__name__} that the grader could not "
            "look at without it running code of its own: return a plain value."))
    problem, got = judged.value
    if problem is None:
        return CaseResult(case.label, True)
    return CaseResult(**failed, got=got, problem=problem)


def _judge(exercise, value, expected, case, given):
    """(None, "") when `value` is right and the input unchanged, else (a sentence, value's text)."""
    problem = exercise.compare(value, expected)
    if problem is None and given != case.args:
        names, shared_names = exercise.parameter_names(), [name for name, _ in exercise.shared]
        changed = call_text(exercise.name, names, shared_names, given, case.kwargs)
        problem = (f"your function changed its input: after the call, the arguments read "
                   f"{changed}. Build new lists instead of changing the ones you are given.")
    return problem, ("" if problem is None else value_text(value))
