"""Code that runs inside a submission's kernel: before the learner's cells, and to grade after.

`prepare()` runs first (hidden, outside the notebook's history): it remembers the library state
and the import path, and makes os._exit raise instead of killing the kernel.
`grade_here(request)` runs last, from a freshly imported `course` package: it puts the remembered state back (builtins, torch, json,
the import path, ...),
grades every exercise of the request with the package's own declarations and hidden cases
(whatever the learner did to `check`), and writes the results as JSON to request["out"].
"""

import json
import os
import sys

STATE_KEY = "_course_grade_state"  # where prepare() leaves the remembered state: sys.modules


class Remembered:
    """The library state and where `course` is imported from, as the kernel started."""

    def __init__(self):
        import course
        from course.grading import guard

        self.library = guard.LibraryState()
        self.path = [os.path.dirname(os.path.dirname(course.__file__)), *sys.path]
        self.meta_path = list(sys.meta_path)

    def restore(self):
        """Put the state back, so that `import course` finds the real package again."""
        self.library.restore()
        sys.path[:] = self.path
        sys.meta_path[:] = self.meta_path


def prepare():
    from course.grading import guard

    sys.modules[STATE_KEY] = Remembered()
    os._exit = guard.exit_instead


GRADE_CODE = """\
import sys as _sys
_sys.modules[{key!r}].restore()
for _name in [_n for _n in _sys.modules if _n == "course" or _n.startswith("course.")]:
    del _sys.modules[_name]
from course.grade.inside import grade_here as _grade_here
_grade_here({request!r})
"""


def grade_code(request):
    """The source of the hidden cell that grades the kernel's functions."""
    return GRADE_CODE.format(key=STATE_KEY, request=json.dumps(request))


def _cases(entries):
    from course.grading.exercise import Case

    return [Case(entry.get("label", f"instructor's case {number}"), tuple(entry["args"]),
                 dict(entry.get("kwargs", {})))
            for number, entry in enumerate(entries, 1)]


def _result(exercise, function, extra):
    from course.grading.exercise import grade

    if not callable(function):
        return {"status": "missing", "score": 0.0, "cases": 0, "passed": 0, "text": (
            f"The notebook defines no function {exercise.name}: was it renamed or deleted?"),
            "html": ""}
    report = grade(exercise, function, _cases(extra))
    total = len(report.results) + report.not_run
    return {"status": report.status.value, "score": report.score, "cases": total,
            "passed": sum(result.passed is True for result in report.results),
            "text": str(report), "html": report._repr_html_()}


def grade_here(request_text):
    from IPython import get_ipython

    from course.grading import EXERCISES

    request = json.loads(request_text)
    namespace = get_ipython().user_ns
    results = {}
    for name in request["exercises"]:
        try:
            results[name] = _result(EXERCISES[name], namespace.get(name),
                                    request.get("extra", {}).get(name, []))
        except Exception as error:  # noqa: BLE001 - e.g. a model that cannot load
            results[name] = {"status": "grader error", "score": 0.0, "cases": 0, "passed": 0,
                             "text": f"The grader could not grade {name}: "
                                     f"{type(error).__name__}: {error}", "html": ""}
    with open(request["out"], "w", encoding="utf-8") as file:
        json.dump(results, file)
