"""HTML for a chapter's quiz: works in Jupyter and Colab and on the static website.

The page needs no kernel: answers and explanations travel in the HTML, and a small script
(`quiz.js`) checks them in the browser, scores the first tries, and keeps the reader's answers
in the browser's local storage. Without scripts (an untrusted notebook, a notebook viewer) each
question's folded "Answer and explanations" still works. The output depends on the questions
only (no random ids; options in the order of `order.shown_orders`), so nbval can compare it.

(PyPI's `jupyterquiz`, MIT-licensed, was considered: its outputs carry random element ids and
shuffled options, which nbval cannot compare; its options are mouse-only without ARIA roles,
its feedback is colour-coded, and it may load MathJax from a CDN, which offline pages cannot.)
"""

import html
import json
import re
from importlib import resources

from ..i18n import N_, _, current_language, ENGLISH
from .model import MultipleChoice
from .order import shown_orders

ASSETS = resources.files(__package__)
SEVERAL = N_("Choose every right answer: there is more than one.")
# The script's own texts, t("...") in quiz.js: a translated quiz carries them (data-messages)
SCRIPT_TEXT = re.compile(r'\bt\("([^"\\]*)"')


def inline(text):
    """The message `text` in the notebook's language, escaped for HTML, `code` spans as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(_(text)))


def script_messages(script):
    """{English: translated} of the script's texts; none in English (the script's own)."""
    if current_language() == ENGLISH:
        return {}
    return {text: _(text) for text in SCRIPT_TEXT.findall(script)}


def number(value):
    """A number as a learner would type it: 12, not 12.0."""
    return f"{value:g}"


def choice_html(question, key, order):
    kind = "checkbox" if question.several else "radio"
    options = "".join(
        f'<div class="cq-option"><input type="{kind}" name="{key}" id="{key}-{index}" '
        f'value="{index}" data-correct="{int(choice.correct)}" '
        f'data-why="{html.escape(inline(choice.why))}"><label for="{key}-{index}">{inline(choice.text)}'
        "</label></div>"
        for index, choice in enumerate(order, start=1))
    verdicts = {True: html.escape(_("Right:")), False: html.escape(_("Wrong:"))}
    reasons = "".join(
        f"<li><strong>{verdicts[choice.correct]}</strong> {inline(choice.text)} &mdash; "
        f"{inline(choice.why)}</li>" for choice in order)
    return options, f"<ul>{reasons}</ul>"


def numeric_html(question, key):
    mistakes = {number(wrong): inline(why) for wrong, why in question.mistakes.items()}
    label = html.escape(_("Your answer:"))
    field = (f'<div class="cq-number"><label for="{key}-value">{label}</label> '
             f'<input type="text" inputmode="decimal" id="{key}-value" autocomplete="off" '
             f'data-answer="{number(question.answer)}" data-tolerance="{number(question.tolerance)}" '
             f"data-why=\"{html.escape(inline(question.why))}\" "
             f"data-mistakes=\"{html.escape(json.dumps(mistakes, sort_keys=True))}\"></div>")
    return field, f"<p><strong>{number(question.answer)}</strong>. {inline(question.why)}</p>"


def question_html(question, key, position, total, order):
    several = ""
    if isinstance(question, MultipleChoice):
        body, answer = choice_html(question, key, order)
        several = f' <span class="cq-several">{html.escape(_(SEVERAL))}</span>' if question.several else ""
    else:
        body, answer = numeric_html(question, key)
    # Translated texts are fetched outside the f-strings: Babel's extractor does not look inside them.
    count = html.escape(_("Question {position} of {total}.").format(position=position, total=total))
    check, explained = html.escape(_("Check")), html.escape(_("Answer and explanations"))
    return (f'<form class="cq-question" id="{key}" data-question="{html.escape(question.id)}" novalidate>'
            f'<fieldset><legend><span class="cq-count">{count}</span> {inline(question.prompt)}{several}'
            f"</legend>{body}</fieldset>"
            f'<button type="submit">{check}</button>'
            '<p class="cq-feedback" role="status" aria-live="polite"></p>'
            f"<details><summary>{explained}</summary>{answer}</details></form>")


def quiz_html(chapter, questions):
    """The quiz as one self-contained HTML fragment (style, questions, script)."""
    root = f"course-quiz-{chapter}"
    style = (ASSETS / "quiz.css").read_text()
    script = (ASSETS / "quiz.js").read_text()
    orders = shown_orders(questions)
    body = "".join(question_html(question, f"{root}-q{position}", position, len(questions),
                                 orders.get(question.id))
                   for position, question in enumerate(questions, start=1))
    messages = script_messages(script)
    messages = f' data-messages="{html.escape(json.dumps(messages, ensure_ascii=False))}"' if messages else ""
    intro = _("{count} questions. Choose or type an answer and press Check (or Enter); every answer "
              "comes with its explanation.").format(count=len(questions))
    restart = html.escape(_("Start again"))
    return (f'<div class="course-quiz" id="{root}" data-chapter="{chapter}" '
            f'data-total="{len(questions)}"{messages} '
            'data-lm-suppress-shortcuts="true">'  # JupyterLab: keys go to the quiz
            f"<style>{style}</style>"
            f'<p class="cq-intro">{html.escape(intro)}</p>'
            f'{body}<div class="cq-summary"><p class="cq-score" role="status" aria-live="polite"></p>'
            f'<button type="button" class="cq-restart" hidden>{restart}</button></div>'
            f"<script>{script}</script></div>")


def quiz_text(chapter, questions):
    """A plain-text version for terminals and text-only outputs (no answers)."""
    lines = [_("Check yourself: chapter {chapter}, {count} questions (open the notebook in Jupyter or "
               "the website to answer them).").format(chapter=chapter, count=len(questions))]
    orders = shown_orders(questions)
    for position, question in enumerate(questions, start=1):
        lines.append(f"{position}. {_(question.prompt)}")
        if isinstance(question, MultipleChoice):
            lines[-1] += f" ({_(SEVERAL)})" if question.several else ""
            lines += [f"   {letter}) {_(choice.text)}"
                      for letter, choice in zip("abcdefgh", orders[question.id])]
    return "\n".join(lines)
