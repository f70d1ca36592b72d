"""WordPiece's greedy longest-match-first rule, one step at a time, as data and as a picture.

    from course.longest_match import draw_longest_match, longest_match_steps
    draw_longest_match(tokenizer, "snowboarder")
    longest_match_steps("giraffe🦒", tokenizer.get_vocab())

Each step looks up the longest start of the remaining text that is in the vocabulary; after the
first piece, the text is looked up with `##` in front. When no start of it is in the vocabulary,
the whole word becomes `[UNK]`. (Teaching material: the tokenizer runs the same rule in Rust.)
"""

from typing import NamedTuple

import matplotlib.pyplot as plt
from matplotlib.patches import Rectangle

from .figures import ThemedFigure, themed

PREFIX = "##"
MATCH_COLOUR = "#a5d8ff"
EDGE_COLOUR = "#343a40"
DPI = 110
CHAR_INCHES = 0.12  # width of one column of the character grid
ROW_INCHES = 0.45
HEADER_CHARS = 0.7  # a header letter (proportional font) is about 0.7 grid columns wide
LEGEND = ("Solid box, filled: the longest start of the text that is in the vocabulary.",
          "Dashed box: the text left for the next step. ## marks a piece inside a word.")


class StepThroughError(ValueError):
    """The step-through needs one word of a WordPiece tokenizer; shown as one line."""

    def _render_traceback_(self):  # IPython shows this instead of a traceback
        return [f"\x1b[31m{self}\x1b[0m"]


class Step(NamedTuple):
    """One lookup: the text left (with `##` after the first piece), the longest start of it
    found in the vocabulary (None: not even one character), and how many longer starts
    were tried first and are not in the vocabulary."""

    remaining: str
    piece: str | None
    rejected: int


def longest_match_steps(word, vocabulary, prefix=PREFIX):
    """The steps WordPiece takes to cut `word`; it stops at the first step that finds nothing."""
    steps, start = [], 0
    while start < len(word):
        head, rest = (prefix if start else ""), word[start:]
        end = next((end for end in range(len(rest), 0, -1)
                    if head + rest[:end] in vocabulary), 0)
        steps.append(Step(head + rest, head + rest[:end] if end else None, len(rest) - end))
        if not end:
            break
        start += end
    return steps


def pieces_of(steps, unk_token="[UNK]"):
    """The word's pieces: one per step, or only `unk_token` if a step found nothing."""
    if any(step.piece is None for step in steps):
        return [unk_token]
    return [step.piece for step in steps]


def one_word(tokenizer, text):
    """`text` as WordPiece sees it (normalised, e.g. lower-cased); StepThroughError if it is
    not exactly one word of a WordPiece tokenizer."""
    backend = getattr(tokenizer, "backend_tokenizer", None)
    if backend is None or type(backend.model).__name__ != "WordPiece":
        raise StepThroughError("The step-through needs a WordPiece tokenizer, such as BERT's.")
    if backend.normalizer is not None:
        text = backend.normalizer.normalize_str(text)
    words = [word for word, _ in backend.pre_tokenizer.pre_tokenize_str(text)]
    if len(words) != 1:
        raise StepThroughError(f"Give one word: this tokenizer splits {text!r} into {words}.")
    return words[0]


@themed
def draw_longest_match(tokenizer, text):
    """Draw WordPiece's steps on one word: one row per lookup; return the Figure."""
    word = one_word(tokenizer, text)
    model = tokenizer.backend_tokenizer.model
    vocabulary = tokenizer.get_vocab()
    steps = longest_match_steps(word, vocabulary, model.continuing_subword_prefix)
    pieces = [_piece_text(step, vocabulary, model.unk_token) for step in steps]
    width = len(PREFIX) + len(word)
    headers = ("Step", "Text left\nto cut", "Longest match\n= next piece",
               "Longer starts not\nin the vocabulary")
    contents = (2, width, max(map(len, pieces)), 3)
    columns = [max(HEADER_CHARS * max(map(len, header.split("\n"))), content) + 3
               for header, content in zip(headers, contents)]
    starts = [sum(columns[:index]) for index in range(len(columns))]
    n_rows = len(steps) + 4.3  # header (two lines), steps, result, two legend lines
    figure, axes = plt.subplots(figsize=(sum(columns) * CHAR_INCHES, n_rows * ROW_INCHES),
                                dpi=DPI, facecolor="white", FigureClass=ThemedFigure)
    axes.set_xlim(-0.5, sum(columns))
    axes.set_ylim(n_rows - 0.5, -0.9)
    axes.axis("off")
    for start, header in zip(starts, headers):
        axes.text(start, -0.15, header, ha="left", va="center", fontsize=10.5, fontweight="bold",
                  color="#1a1a1a", linespacing=1.2)
    for number, (step, piece) in enumerate(zip(steps, pieces), start=1):
        axes.text(starts[0] + 1, number, str(number), ha="center", va="center", fontsize=11)
        _draw_lookup(axes, starts[1] + width, number, step)
        axes.text(starts[2], number, piece, ha="left", va="center", fontsize=11.5,
                  family="monospace", fontweight="bold" if step.piece else "normal")
        axes.text(starts[3] + 1, number, str(step.rejected), ha="left", va="center",
                  fontsize=11)
    result = " ".join(pieces_of(steps, model.unk_token))
    axes.text(starts[0], len(steps) + 1, f"Pieces of {word!r}:  {result}", ha="left",
              va="center", fontsize=11, family="monospace", fontweight="bold")
    for line, legend in enumerate(LEGEND, start=len(steps) + 2):
        axes.text(starts[0], line, legend, ha="left", va="center", fontsize=10,
                  color="#343a40")
    axes.set_title(f"WordPiece cuts {word!r}: longest match first", fontsize=12,
                   fontweight="bold")
    figure.tight_layout()
    plt.close(figure)  # shown once, as the cell's value
    return figure


def _piece_text(step, vocabulary, unk_token):
    if step.piece is None:
        return f"none: the word becomes {unk_token}"
    return f"{step.piece}  (id {vocabulary[step.piece]})"


def _draw_lookup(axes, right, row, step):
    """The text left, ending at x = `right` (where the word ends, so the rows line up):
    the match boxed solid and filled, the rest dashed."""
    first = right - len(step.remaining)
    for offset, character in enumerate(step.remaining):
        axes.text(first + offset + 0.5, row, character, ha="center", va="center", fontsize=12,
                  family="monospace", color="#1a1a1a")
    matched = len(step.piece or "")
    boxes = [(first, matched, "solid", MATCH_COLOUR),
             (first + matched, len(step.remaining) - matched, "dashed", "none")]
    for x, length, style, fill in boxes:
        if length:
            axes.add_patch(Rectangle((x, row - 0.32), length, 0.64, facecolor=fill,
                                     edgecolor=EDGE_COLOUR, linestyle=style,
                                     linewidth=1.6 if style == "solid" else 1.1, zorder=0))
