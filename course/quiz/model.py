"""The kinds of quiz question: multiple choice (an explanation per option) and numeric."""

from dataclasses import dataclass, field


class QuizError(ValueError):
    """A quiz that cannot be shown, reported as its one-sentence message (no traceback)."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"\x1b[31m{self}\x1b[0m"]


@dataclass(frozen=True)
class Choice:
    """One option of a multiple-choice question, and why it is right or wrong."""

    text: str
    why: str
    correct: bool = False


@dataclass(frozen=True)
class MultipleChoice:
    """A question with several options, exactly one of them correct."""

    id: str
    prompt: str
    choices: tuple

    def __post_init__(self):
        right = [choice for choice in self.choices if choice.correct]
        if len(self.choices) < 2 or len(right) != 1:
            raise QuizError(f"question {self.id!r} needs two or more options, exactly one correct")
        if any(not choice.why.strip() for choice in self.choices):
            raise QuizError(f"question {self.id!r}: every option needs an explanation")

    @property
    def answer(self):
        """The correct Choice."""
        return next(choice for choice in self.choices if choice.correct)


@dataclass(frozen=True)
class Numeric:
    """A question answered by a number, with the explanation and typical wrong answers."""

    id: str
    prompt: str
    answer: float
    why: str
    mistakes: dict = field(default_factory=dict)  # a typical wrong number -> what it means
    tolerance: float = 0

    def __post_init__(self):
        if not self.why.strip():
            raise QuizError(f"question {self.id!r} needs an explanation")
        if any(abs(wrong - self.answer) <= self.tolerance for wrong in self.mistakes):
            raise QuizError(f"question {self.id!r}: a listed mistake equals the answer")

    def is_right(self, value):
        return abs(value - self.answer) <= self.tolerance
