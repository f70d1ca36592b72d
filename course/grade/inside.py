"""Code that runs inside a submission's kernel, in its sandbox: before the cells, and after them.

`prepare()` runs first (hidden, outside the notebook's history): it makes os._exit raise instead
of killing the kernel. `stopped_in()` runs after a cell was interrupted: it names the functions
that cell was running. `call_exercise(name, extra, wall_limit)` runs after the cells: it calls
the notebook's function `name` on the exercise's cases and shows each outcome as plain data (MIME
type `OUTCOME`), which the runner passes on to the grader. Nothing here judges anything: the expected
values and the comparisons stay with the grader, outside the sandbox.
"""

import json
import os
import sys

OUTCOME = "application/x-course-outcome+json"


def prepare():
    from course.grading import guard

    os._exit = guard.exit_instead


def stopped_in():
    """Print, as JSON, the names of the functions the last interrupted cell was running (the
    innermost last)."""
    names, traceback = [], getattr(sys, "last_traceback", None)
    while traceback is not None:
        names.append(traceback.tb_frame.f_code.co_name)
        traceback = traceback.tb_next
    print(json.dumps(names))


STOPPED_IN_CODE = "from course.grade.inside import stopped_in as _stopped_in\n_stopped_in()"


def call_code(name, extra, wall_limit):
    """The source of the hidden cell that calls the notebook's function `name`."""
    return ("from course.grade.inside import call_exercise as _call_exercise\n"
            f"_call_exercise({name!r}, {extra!r}, {wall_limit!r})\ndel _call_exercise")


def call_exercise(name, extra, wall_limit):
    """Call the notebook's `name` on its cases, each call within the limits of `check`, or
    `wall_limit` seconds on the clock if given."""
    from IPython import get_ipython

    from course.grading import EXERCISES, exercise, learner

    definition = EXERCISES[name]
    function = get_ipython().user_ns.get(name)
    if not callable(function):
        return _send({"missing": True})
    try:
        shared = exercise.shared_values(definition)
        cases = [*definition.cases(), *exercise.extra_cases(extra)]
    except Exception as error:  # noqa: BLE001 - e.g. a model that cannot load
        return _send({"error": f"{type(error).__name__}: {error}"})
    with exercise.one_torch_thread():
        limits = wall_limit and learner.Limits(learner.CPU_LIMIT, wall_limit)
        for outcome in exercise.case_outcomes(definition, function, shared, cases, limits):
            _send({"outcome": outcome})


def _send(data):
    from IPython.display import display

    display({OUTCOME: data}, raw=True)
