"""Autograded exercises: `check(name, function)` runs hidden cases, `hint(name)` gives a nudge.

    from course.grading import check, hint
    check("pad_batch", pad_batch)   # correct / incorrect / not attempted yet, case by case
    hint("pad_batch")               # a first hint; call again for a stronger one

Each exercise is one declaration (an `Exercise` in its own module) listed in EXERCISES.
"""

from ..i18n import _
from . import (attention_mask, bert_parameter_count, classify_batch, encode_batch, encode_pair,
               merge_wordpieces, pad_batch, predict, truncate_ids, wordpiece_tokenize)
from .exercise import Exercise, grade
from .report import Hint, Report, Status

EXERCISES = {exercise.name: exercise for exercise in (
    pad_batch.EXERCISE, attention_mask.EXERCISE, truncate_ids.EXERCISE, classify_batch.EXERCISE,
    predict.EXERCISE, bert_parameter_count.EXERCISE, wordpiece_tokenize.EXERCISE,
    merge_wordpieces.EXERCISE, encode_pair.EXERCISE, encode_batch.EXERCISE)}

_hints_seen = {}


class UnknownExercise(KeyError):
    """An exercise name that does not exist, shown as its message alone (no traceback)."""

    def __str__(self):
        return self.args[0]

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"\x1b[31m{self}\x1b[0m"]


def _exercise(name):
    if name not in EXERCISES:
        raise UnknownExercise(_("There is no exercise called {name!r}. The exercises are: {names}.").format(
            name=name, names=", ".join(EXERCISES)))
    return EXERCISES[name]


def check(name, function):
    """Grade `function` against exercise `name`'s hidden cases; return the Report."""
    return grade(_exercise(name), function)


def hint(name, level=None):
    """The next hint for exercise `name` (or hint number `level`), stronger each time."""
    hints = _exercise(name).hints
    if level is None:
        level = min(_hints_seen.get(name, 0) + 1, len(hints))
    if not 1 <= level <= len(hints):
        raise UnknownExercise(_("{name} has hints 1 to {count}, not {level}.").format(
            name=name, count=len(hints), level=level))
    _hints_seen[name] = max(level, _hints_seen.get(name, 0))
    return Hint(name, level, len(hints), _(hints[level - 1]))


__all__ = ["EXERCISES", "Exercise", "Hint", "Report", "Status", "check", "hint"]
