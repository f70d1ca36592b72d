"""Self-check quizzes, one per chapter, declared in `chapter1` ... `chapter5`.

    from course.quiz import show_quiz
    show_quiz(4)

shows chapter 4's questions, answerable in Jupyter, Colab and on the website (no kernel needed).
"""

from importlib import import_module

from .model import Choice, MultipleChoice, Numeric, QuizError
from .render import quiz_html, quiz_text

CHAPTERS = (1, 2, 3, 4, 5)

__all__ = ["Choice", "MultipleChoice", "Numeric", "Quiz", "QuizError", "questions", "show_quiz"]


def questions(chapter):
    """The questions of one chapter, in order."""
    if chapter not in CHAPTERS:
        raise QuizError(f"There is no quiz for chapter {chapter!r}: choose one of "
                        f"{', '.join(map(str, CHAPTERS))}.")
    return import_module(f"{__name__}.chapter{chapter}").QUESTIONS


class Quiz:
    """A chapter's quiz as a notebook output: interactive HTML, or plain text."""

    def __init__(self, chapter):
        self.chapter, self.questions = chapter, questions(chapter)

    def _repr_html_(self):
        return quiz_html(self.chapter, self.questions)

    def __repr__(self):
        return quiz_text(self.chapter, self.questions)


def show_quiz(chapter):
    """Display the quiz of `chapter` (1 to 5) below the cell."""
    from IPython.display import display

    display(Quiz(chapter))
