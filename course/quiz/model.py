"""The kinds of quiz question: multiple choice (an explanation per option) and numeric."""

import random
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
    """A question with several options, one or more of them correct.

    With more than one correct option the reader must choose all of them and no other; the
    question says so on the page. The order of `choices` is only the order of declaration:
    the page shows them shuffled (see `shuffled`)."""

    id: str
    prompt: str
    choices: tuple

    def __post_init__(self):
        right = sum(choice.correct for choice in self.choices)
        if not 0 < right < len(self.choices):
            raise QuizError(f"question {self.id!r} needs at least one correct and one wrong option")
        if any(not choice.why.strip() for choice in self.choices):
            raise QuizError(f"question {self.id!r}: every option needs an explanation")

    @property
    def answers(self):
        """The correct Choices, in order of declaration."""
        return tuple(choice for choice in self.choices if choice.correct)

    @property
    def several(self):
        """Whether the reader has to choose more than one option."""
        return len(self.answers) > 1

    def shuffled(self):
        """The choices in an order drawn with the question's id as the seed: the same on every
        render and every platform (`Random.random` with a str seed is stable across Python
        versions and hash seeds), unrelated to the order of declaration."""
        draw = random.Random(self.id)
        keys = [draw.random() for _ in self.choices]
        return tuple(choice for _, choice in sorted(zip(keys, self.choices), key=lambda pair: pair[0]))


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
