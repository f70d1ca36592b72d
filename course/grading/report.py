"""What a check or a hint shows: HTML with inline styles in notebooks, plain text elsewhere."""

import enum
import html
import re
from dataclasses import dataclass

from ..i18n import N_, _, plural

# Text colours with a contrast of at least 4.5:1 on white (WCAG 2.1 AA); a mark (✓ ✗ …) and
# the status in words say the same, so colour is never the only cue.
COLOURS = {"correct": "#237032", "incorrect": "#c92a2a", "not attempted yet": "#3b5bdb",
           "hint": "#9c4f00"}
MARKS = {True: "✓", False: "✗", None: "·"}
BOX = "border-left:4px solid {};padding:6px 12px;margin:6px 0;line-height:1.5"
PRE = "margin:2px 0 6px 0;padding:6px;white-space:pre-wrap;background:rgba(127,127,127,0.1)"


class Status(enum.Enum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not attempted yet"

    def text(self):
        """The status in the current language (its value stays English, for grades.csv)."""
        return _(STATUS_TEXTS[self])


STATUS_TEXTS = {Status.CORRECT: N_("correct"), Status.INCORRECT: N_("incorrect"),
                Status.NOT_ATTEMPTED: N_("not attempted yet")}
# The rows under a failing case, with the name shown for each
DETAIL_NAMES = {"call": N_("call"), "expected": N_("expected"), "got": N_("got"), "printed": N_("printed")}


@dataclass(frozen=True)
class CaseResult:
    """One case: passed (True), failed (False) or not run / not attempted (None), and why."""

    label: str
    passed: bool | None
    problem: str = ""
    call: str = ""
    expected: str = ""
    got: str = ""
    timed_out: bool = False
    not_attempted: bool = False
    printed: str = ""

    def line(self, problem=None):
        problem = self.problem if problem is None else problem
        return f"{MARKS[self.passed]} {self.label}" + (f": {problem}" if problem else "")

    def details(self):
        """(name, text) rows describing a failure: the call, what was expected, what came back."""
        rows = [("call", self.call), ("expected", self.expected), ("got", self.got),
                ("printed", self.printed)]
        return [(_(DETAIL_NAMES[name]), text) for name, text in rows if text]


@dataclass(frozen=True)
class Report:
    """The result of `check(...)`; `passed` is True when every case passed."""

    exercise: str
    status: Status
    results: list
    message: str = ""
    not_run: int = 0

    @property
    def passed(self):
        return self.status is Status.CORRECT

    @property
    def score(self):
        """The share of cases passed (cases not run count as failed)."""
        total = len(self.results) + self.not_run
        return sum(result.passed is True for result in self.results) / total if total else 0.0

    def summary(self):
        if self.message:
            return self.message
        if self.status is Status.NOT_ATTEMPTED:
            return _("{exercise} still raises NotImplementedError: replace that line with your "
                     "code, run its cell, then run this check again. Stuck? Run hint(\"{exercise}\").",
                     ).format(exercise=self.exercise)
        total = len(self.results) + self.not_run
        failed = sum(result.passed is not True for result in self.results)
        if failed == 0:
            return plural(total, N_("The 1 case passes."), N_("All {count} cases pass."))
        if self.not_run:
            return plural(self.not_run, N_("{exercise} was stopped, so the last of the {total} cases was not run."),
                          N_("{exercise} was stopped, so the other {count} of the {total} cases were not run."),
                          exercise=self.exercise, total=total)
        return plural(total, N_("{failed} of 1 case fails. Every case also checks the result's type, "
                                "dtype and shape, and that your function leaves its input unchanged."),
                      N_("{failed} of {count} cases fail. Every case also checks the result's type, "
                         "dtype and shape, and that your function leaves its input unchanged."),
                      failed=failed)

    def first_failure(self):
        return next((result for result in self.results if result.passed is False), None)

    def _listed(self):
        """(result, problem to show) pairs; a problem already shown above reads 'the same problem'."""
        if self.status is Status.NOT_ATTEMPTED:
            return []
        listed, shown = [], set()
        for result in self.results:
            repeated = result.problem in shown and result.passed is False
            listed.append((result, _("the same problem as above") if repeated else result.problem))
            shown.add(result.problem)
        return listed

    def __str__(self):
        lines = [f"{self.exercise}: {self.status.text()}. {self.summary()}"]
        lines += [f"  {result.line(problem)}" for result, problem in self._listed()]
        failure = self.first_failure()
        if failure is not None:
            lines.append(_("First failing case: {label}").format(label=failure.label))
            for name, text in failure.details():
                lines.append(f"  {name + ':':<10}" + text.replace("\n", "\n" + " " * 12))
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self):
        colour = COLOURS[self.status.value]
        mark = {Status.CORRECT: "✓", Status.INCORRECT: "✗", Status.NOT_ATTEMPTED: "…"}[self.status]
        parts = [f'<div style="{BOX.format(colour)}">',
                 f'<div style="font-weight:bold;color:{colour}">{mark} {html.escape(self.exercise)}: '
                 f'{html.escape(self.status.text())}</div>',
                 f"<div>{html.escape(self.summary())}</div>"]
        listed = self._listed()
        if listed:
            parts.append('<ul style="list-style:none;padding-left:0;margin:4px 0">')
            for result, problem in listed:
                mark_colour = {True: COLOURS["correct"], False: COLOURS["incorrect"],
                               None: "inherit"}[result.passed]
                problem = f": {html.escape(problem)}" if problem else ""
                parts.append(f'<li><span style="color:{mark_colour};font-weight:bold">'
                             f"{MARKS[result.passed]}</span> {html.escape(result.label)}{problem}</li>")
            parts.append("</ul>")
        failure = self.first_failure()
        if failure is not None:
            parts.append("<div>" + html.escape(_("First failing case: {label}")).format(
                label=f"<b>{html.escape(failure.label)}</b>") + "</div>")
            for name, text in failure.details():
                parts.append(f'<div style="margin-top:4px">{html.escape(name)}:</div>'
                             f'<pre style="{PRE}">{html.escape(text)}</pre>')
        parts.append("</div>")
        return "".join(parts)


@dataclass(frozen=True)
class Hint:
    """One hint for one exercise, `level` of `count`."""

    exercise: str
    level: int
    count: int
    text: str

    def _next_step(self):
        if self.level < self.count:
            return _("Run hint(\"{exercise}\") again for a stronger hint.").format(exercise=self.exercise)
        return _("That was the last hint: the solutions notebook has a full answer.")

    def _title(self):
        return _("Hint {level} of {count} for {exercise}").format(
            level=self.level, count=self.count, exercise=self.exercise)

    def __str__(self):
        return f"{self._title()}: {self.text}\n{self._next_step()}"

    __repr__ = __str__

    def _repr_html_(self):
        colour = COLOURS["hint"]
        text = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(self.text))
        return (f'<div style="{BOX.format(colour)}">'
                f'<div style="font-weight:bold;color:{colour}">{html.escape(self._title())}</div>'
                f"<div>{text}</div>"
                f"<div style=\"opacity:0.8\">{html.escape(self._next_step())}</div></div>")
