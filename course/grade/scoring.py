"""What the grader makes of a notebook's sandbox: its problems, and each exercise's result.

A sandbox's events are the notebook's account of itself, so every field is checked before use.
The exercises are judged here, outside the sandbox, with their own declarations: the expected
values (`Expectation`, computed once per batch, before any outcome is read) and the comparisons
of `course.grading`.
"""

import re
from dataclasses import dataclass

from course.grading import EXERCISES, exercise
from course.i18n import _

from .runner import graded_cells
from .sandbox import MAX_EVENTS, SILENCE

LARGE_OUTPUT = 1_000_000  # characters printed by the whole notebook


@dataclass(frozen=True)
class Problem:
    """Something that went wrong in a submission: a status for the CSV and a sentence."""

    status: str
    sentence: str


@dataclass
class Expectation:
    """One exercise's cases (its own and the instructor's) and their expected values."""

    name: str
    cases: list
    expected: list

    @classmethod
    def compute(cls, name, extra_entries):
        definition = EXERCISES[name]
        shared = exercise.shared_values(definition)
        cases = [*definition.cases(), *exercise.extra_cases(extra_entries)]
        with exercise.one_torch_thread():
            return cls(name, cases, exercise.expected_values(definition, shared, cases))

    def result(self, events):
        """The exercise's result from its events (None when none came: not graded)."""
        first = events[0] if events else None
        if first is None:
            return None
        if first.get("missing") is True:
            return {"status": "missing", "score": 0.0, "cases": 0, "passed": 0, "text": _(
                "The notebook defines no function {name}: was it renamed or deleted?").format(name=self.name),
                "html": ""}
        if isinstance(first.get("error"), str):
            return {"status": "grader error", "score": 0.0, "cases": 0, "passed": 0,
                    "text": _("The grader could not grade {name}: {error}").format(
                        name=self.name, error=first["error"][:500]),
                    "html": ""}
        outcomes = [event["outcome"] for event in events if isinstance(event.get("outcome"), dict)]
        report = exercise.report(EXERCISES[self.name], self.cases, self.expected,
                                 outcomes[:len(self.cases)])
        return {"status": report.status.value, "score": report.score, "cases": len(self.cases),
                "passed": sum(result.passed is True for result in report.results),
                "text": str(report), "html": report._repr_html_()}


def expectations(names, extra):
    """{exercise: Expectation} for the exercises `names`; a clear message if one fails here."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    try:
        return {name: Expectation.compute(name, extra.get(name, [])) for name in names}
    except Exception as error:  # noqa: BLE001 - e.g. a mirror that cannot load
        raise SystemExit(f"The grader could not compute the expected answers: "
                         f"{type(error).__name__}: {error}") from None


def results(finished, expectations):
    """{exercise: result} from a sandbox's events (see `Expectation.result`)."""
    by_name = {name: [] for name in expectations}
    for event in finished.events:
        if event["event"] == "exercise" and event.get("name") in by_name:
            by_name[event["name"]].append(event)
    return {name: expectation.result(by_name[name]) for name, expectation in expectations.items()
            if by_name[name]}


def problems(notebook, finished, total_timeout):
    """The problems a sandbox's events and its ending tell of, in the notebook's own words."""
    names = {index: _cell_name(position, cell)
             for position, (index, cell) in enumerate(graded_cells(notebook), 1)}
    found = []
    for event in finished.events:
        index = event.get("index")
        cell = names.get(index) if type(index) is int else None
        kind = event["event"]
        if kind == "cell" and cell:
            found.append(_cell_problem(cell, event, names))
        elif kind == "total-timeout" and cell:
            found.append(Problem("total-timeout", _(
                "The notebook ran longer than {seconds:g} s in all, so it was stopped before {cell}.",
            ).format(seconds=total_timeout, cell=cell)))
        elif kind == "kernel-died":
            found.append(Problem("kernel-died", _(
                "The kernel crashed while running {cell}, so nothing after it could be graded: is "
                "there code that ends or kills the Python process?").format(cell=cell) if cell else _(
                "The kernel crashed while your functions ran on the hidden cases, so the "
                "exercises after that could not be graded: is there code that ends or kills the "
                "Python process?")))
        elif kind == "kernel-stuck":
            found.append(Problem("kernel-stuck", _(
                "{cell} did not stop when the grader interrupted it, and the kernel stopped "
                "answering, so nothing after it was run or graded.").format(cell=cell) if cell else _(
                "The kernel stopped answering while your functions ran on the hidden cases, so "
                "the exercises after that were not graded.")))
        elif kind == "cells-done" and type(event.get("printed")) is int:
            if event["printed"] > LARGE_OUTPUT:
                found.append(Problem("large-output", _(
                    "The notebook printed {millions:.1f} million characters; outputs that large can "
                    "freeze a browser tab.").format(millions=event["printed"] / 1e6)))
    return found + _ending_problems(finished)


def _ending_problems(finished):
    sentences = {
        "silent": ("kernel-stuck", _("The notebook stopped answering the grader for {seconds} s, so it "
                                     "was stopped; what it had not finished was not graded.").format(seconds=SILENCE)),
        "overran": ("total-timeout", _("The notebook ran past all the time it was given, so it was "
                                       "stopped; what it had not finished was not graded.")),
        "flooded": ("not-graded", _("The notebook sent the grader more than {megabytes} MB of results, so "
                                    "it was stopped; what it had not finished was not graded.").format(
                                        megabytes=MAX_EVENTS // 2**20)),
        "ended": ("not-graded", _("The notebook's runner stopped before it had finished (was its "
                                  "memory or time limit reached?), so what it had not finished was not graded.")),
    }
    said = {event["event"] for event in finished.events}
    if finished.ending in sentences and not said & {"kernel-died", "kernel-stuck"}:
        return [Problem(*sentences[finished.ending])]
    return []


def _cell_problem(cell, event, names):
    if event.get("timed_out") is True:
        limit = event.get("limit") if type(event.get("limit")) in (int, float) else 0
        looping, caught = event.get("looping"), names.get(event.get("caught"))
        if isinstance(looping, str) and looping and caught:
            return Problem("cell-timeout", _(
                "{cell} runs {looping}, which was still running when {caught} was stopped, so it was "
                "given only {limit:g} s and was stopped too.").format(
                cell=cell, looping=looping[:100], caught=caught, limit=limit))
        idle = event.get("idle") if type(event.get("idle")) in (int, float) else 0
        if idle > 0:
            return Problem("cell-timeout", _(
                "{cell} waited {idle:g} s without computing anything, so it was interrupted (a loop "
                "that waits for something that never comes?).").format(cell=cell, idle=idle))
        return Problem("cell-timeout", _("{cell} was still running after {limit:g} s, so it was "
                                         "interrupted (a loop that never ends?).").format(cell=cell, limit=limit))
    ename = str(event.get("ename", ""))[:100]
    evalue = str(event.get("evalue", ""))[:1000]
    if ename in ("SystemExit", "ProcessExit"):
        call = "os._exit()" if ename == "ProcessExit" else "sys.exit()"
        return Problem("exit", _("{cell} called {call}, which would stop the notebook; the grader "
                                 "carried on with the next cell.").format(cell=cell, call=call))
    if ename in ("SyntaxError", "IndentationError", "TabError"):
        evalue = re.sub(r"\(\S+\.py, (line \d+)\)$", r"(\1)", evalue)  # not the kernel's file name
        return Problem("syntax-error", _("{cell} has a syntax error ({error}), so nothing in it was "
                                         "defined.").format(cell=cell, error=f"{ename}: {evalue}"))
    return Problem("cell-error", _("{cell} raised {error}.").format(cell=cell, error=f"{ename}: {evalue}".rstrip(": ")))


def _cell_name(position, cell):
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    first = first if len(first) <= 50 else first[:50] + "…"
    return _("code cell {position} (`{first}`)").format(position=position, first=first)
