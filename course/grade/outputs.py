"""What a batch run writes: grades.csv, feedback/<submission>.html and results.json.

Each exercise gives `points × (hidden cases passed / hidden cases)`, rounded to 2 decimals (an
exercise stopped by its time limit counts its cases not run as failed); the total is the sum.
"""

import csv
import html
import io
import json
import os

from course.i18n import N_, _, speaking

from .scoring import Problem

RULE = N_("Each exercise gives its points times the share of its hidden cases that pass; "
          "the total is the sum over the exercises.")
# The submission's status is its most serious problem, in this order; "graded" when none.
SEVERITY = ("not-json", "not-notebook", "other-chapter", "no-exercises", "kernel-died",
            "kernel-stuck",
            "not-graded", "total-timeout", "syntax-error", "missing-exercise", "cell-timeout",
            "exit", "cell-error", "large-output", "duplicate-name", "out-of-order",
            "unexecuted", "no-metadata")
PAGE = ('<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>'
        "</head>\n<body style=\"font-family:sans-serif;max-width:60em;margin:2em auto;"
        'padding:0 1em">\n{body}\n</body></html>\n')


class Graded:
    """One submission's outcome: its problems and each exercise's result from the kernel."""

    def __init__(self, submission, exercises, problems, results):
        self.submission = submission
        self.exercises = exercises  # {name: points}
        self.problems = problems
        self.results = results or {}
        missing = [name for name, result in self.results.items() if result["status"] == "missing"]
        if missing:
            with speaking(submission.language):
                self.problems.append(Problem("missing-exercise", _(
                    "No function {names} in the notebook: was it renamed or deleted?").format(
                    names=", ".join(missing))))

    @property
    def status(self):
        statuses = {problem.status for problem in self.problems}
        return next((status for status in SEVERITY if status in statuses), "graded")

    def points(self, name):
        result = self.results.get(name)
        return round(self.exercises[name] * result["score"], 2) if result else 0.0

    def exercise_status(self, name):
        return self.results[name]["status"] if name in self.results else "not graded"

    @property
    def total(self):
        return round(sum(self.points(name) for name in self.exercises), 2)


def write_all(out, graded, exercises):
    """Write grades.csv, every feedback page and results.json into `out`: each file is written
    whole under a temporary name first, then all of them are renamed into place."""
    files = {out / "grades.csv": csv_text(graded, exercises),
             out / "results.json": results_json(graded)}
    files.update({out / "feedback" / f"{item.submission.name}.html": feedback_page(item)
                  for item in graded})
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for path, text in files.items():
            temporary = path.with_name(f".{path.name}.part")
            written.append(temporary)
            temporary.write_text(text, encoding="utf-8", newline="")
        for path in files:
            os.replace(path.with_name(f".{path.name}.part"), path)
    finally:
        for temporary in written:
            temporary.unlink(missing_ok=True)


def csv_text(graded, exercises):
    with io.StringIO(newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["submission", "file", "learner", "status",
                         *[column for name in exercises for column in (name, f"{name} status")],
                         "total"])
        for item in graded:
            writer.writerow([item.submission.name, item.submission.path.as_posix(),
                             item.submission.learner, item.status,
                             *[value for name in exercises
                               for value in (f"{item.points(name):g}", item.exercise_status(name))],
                             f"{item.total:g}"])
        return file.getvalue()


def feedback_page(item):
    """The HTML page of one submission, in its notebook's language: its problems, then every
    exercise's report."""
    with speaking(item.submission.language):
        return _feedback_page(item)


def _feedback_page(item):
    possible = sum(item.exercises.values())
    file = html.escape(item.submission.path.name)
    title = (_("Feedback on {file} ({learner})").format(file=file, learner=html.escape(item.submission.learner))
             if item.submission.learner else _("Feedback on {file}").format(file=file))
    body = [f"<h1>{title}</h1>",
            "<p><b>" + html.escape(_("{total:g} of {possible:g} points").format(total=item.total, possible=possible))
            + "</b>. " + html.escape(_("Status: {status}.").format(status=item.status)) + f" {html.escape(_(RULE))}</p>"]
    if item.problems:
        body.append("<h2>" + html.escape(_("What stopped or troubled the notebook")) + "</h2><ul>")
        body += [f"<li>{html.escape(problem.sentence)}</li>" for problem in item.problems]
        body.append("</ul>")
    for name, points in item.exercises.items():
        body.append(f"<h2>{html.escape(name)}: " + html.escape(_("{total:g} of {possible:g} points").format(
            total=item.points(name), possible=points)) + "</h2>")
        result = item.results.get(name)
        if result is None:
            body.append("<p>" + html.escape(_("Not graded: the notebook could not be run to the end.")) + "</p>")
        elif result["html"]:
            body.append(result["html"])
        else:
            body.append(f"<p>{html.escape(result['text'])}</p>")
    return PAGE.format(language=item.submission.language, body="\n".join(body),
                       title=html.escape(_("Feedback: {name}").format(name=item.submission.name)))


def gradescope_results(item):
    """One submission in Gradescope's autograder results format (results.json), in its language."""
    with speaking(item.submission.language):
        return _gradescope_results(item)


def _gradescope_results(item):
    tests = []
    for number, (name, points) in enumerate(item.exercises.items(), 1):
        result = item.results.get(name)
        tests.append({"name": name, "number": str(number), "score": item.points(name),
                      "max_score": points,
                      "status": "passed" if result and result["status"] == "correct" else "failed",
                      "output": result["text"] if result else _("Not graded."),
                      "visibility": "visible"})
    output = "\n".join([_(RULE), *[problem.sentence for problem in item.problems]])
    return {"score": item.total, "output": output, "tests": tests}


def results_json(graded):
    """Gradescope's file for one submission; for several, one such object per submission name."""
    results = {item.submission.name: gradescope_results(item) for item in graded}
    content = next(iter(results.values())) if len(results) == 1 else results
    return json.dumps(content, indent=2) + "\n"
