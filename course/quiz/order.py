"""The order in which a chapter's quiz shows each question's options.

Each question's options are shuffled with its id as the seed (`MultipleChoice.shuffled`), so
the order is the same on every render. Across a chapter, no place may hold more than
MAX_SHARE of the right answers, or the place would give them away: where the shuffles would go
over, some questions are turned (their shuffled order rotated), the earliest questions and
the smallest turns kept as they are where possible. tests/test_quiz.py checks every chapter.
"""

from collections import Counter

from .model import MultipleChoice

MAX_SHARE = 0.4


def right_places(order):
    """The places (1 = first) of the correct options in an order of choices."""
    return [place for place, choice in enumerate(order, start=1) if choice.correct]


def shown_orders(questions):
    """{question id: its choices as shown} for the multiple-choice questions of a chapter."""
    choice_questions = [question for question in questions if isinstance(question, MultipleChoice)]
    limit = int(MAX_SHARE * sum(len(question.answers) for question in choice_questions))
    orders = _within(choice_questions, limit, Counter()) or [q.shuffled() for q in choice_questions]
    return {question.id: order for question, order in zip(choice_questions, orders)}


def _within(questions, limit, used):
    """The first turns of `questions` (in order) that keep every place within `limit`, or None."""
    if not questions:
        return []
    shuffled = questions[0].shuffled()
    for turn in range(len(shuffled)):
        order = shuffled[turn:] + shuffled[:turn]
        places = right_places(order)
        if all(used[place] < limit for place in places):
            rest = _within(questions[1:], limit, used + Counter(places))
            if rest is not None:
                return [order] + rest
    return None
