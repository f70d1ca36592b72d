"""A picture of how a tokenizer cuts a sentence: one coloured box per piece, ids underneath.

    from course.pieces import show_pieces
    show_pieces(tokenizer, "Tokenizers cut words into pieces.")

The pieces of one word share a colour and sit in one solid frame (WordPiece's `##` pieces
visibly attached to the word they continue, behind a dotted line); neighbouring words get
different colours. Special tokens ([CLS], [SEP], ...) are grey in a dashed frame. So the frames
and lines, not the colours alone, show the grouping. Jupyter, Colab and the website show it as
HTML with inline styles only; elsewhere it prints as two text rows.
"""

import html
from typing import NamedTuple

# Light backgrounds with dark text: readable in light and dark page themes alike.
PALETTE = ("#ffd8a8", "#b2f2bb", "#a5d8ff", "#fcc2d7", "#ffec99", "#d0bfff", "#99e9f2", "#ffc9c9")
SPECIAL_COLOUR = "#dee2e6"
TEXT_WIDTH = 80


def show_pieces(tokenizer, text, add_special_tokens=False):
    """Tokenize `text` and return its pieces grouped into words, ready to display."""
    encoding = tokenizer(text, add_special_tokens=add_special_tokens)
    pieces = zip(encoding.tokens(), encoding["input_ids"], encoding.word_ids())
    return Pieces(group_into_words(pieces))


class Word(NamedTuple):
    """The pieces of one word as (token, id) pairs; `special` for [CLS], [SEP] and the like."""

    pieces: list
    special: bool


def group_into_words(pieces):
    """Group (token, id, word index) triples into `Word`s.

    Consecutive pieces with the same word index form one word; a special token (word index
    None, as the tokenizer's `word_ids()` reports it) forms a word of its own.
    """
    words, previous = [], None
    for token, token_id, word in pieces:
        if word is None or word != previous:
            words.append(Word([], special=word is None))
        words[-1].pieces.append((token, token_id))
        previous = word
    return words


def colour_of(word_number):
    """The background colour of the `word_number`-th word (0-based, special tokens not counted)."""
    return PALETTE[word_number % len(PALETTE)]


class Pieces:
    """A tokenized sentence as a list of `Word`s, shown as coloured boxes or as text."""

    def __init__(self, words):
        self.words = words

    def colours(self):
        """One background colour per word; special tokens ([CLS], [SEP], ...) are grey."""
        colours, number = [], 0
        for word in self.words:
            if word.special:
                colours.append(SPECIAL_COLOUR)
            else:
                colours.append(colour_of(number))
                number += 1
        return colours

    def _repr_html_(self):
        frames = "".join(_html_word(word, colour, "dashed" if word.special else "solid")
                         for word, colour in zip(self.words, self.colours()))
        return ('<div style="display:flex;flex-wrap:wrap;gap:8px 10px;align-items:flex-start;'
                'font-family:monospace;font-size:14px;line-height:1.3;padding:4px 0">'
                f"{frames}</div>")

    def __repr__(self):
        """Tokens on one row and their ids right under them, wrapped at whole words."""
        lines, tokens, ids = [], "", ""
        for word in self.words:
            cells = [(token, str(token_id), max(len(token), len(str(token_id))))
                     for token, token_id in word.pieces]
            word_tokens = " ".join(token.ljust(width) for token, _, width in cells)
            word_ids = " ".join(token_id.ljust(width) for _, token_id, width in cells)
            if tokens and len(tokens) + 3 + len(word_tokens) > TEXT_WIDTH:
                lines += [tokens.rstrip(), ids.rstrip(), ""]
                tokens, ids = "", ""
            separator = "   " if tokens else ""
            tokens, ids = tokens + separator + word_tokens, ids + separator + word_ids
        return "\n".join(lines + [tokens.rstrip(), ids.rstrip()])


def _html_word(word, colour, frame):
    boxes = "".join(
        f'<span style="display:inline-block;padding:3px 6px;text-align:center;background:{colour};'
        f'color:#1a1a1a{";border-left:1px dotted #495057" if position else ""}">'
        f'{html.escape(token)}<br><span style="font-size:11px;color:#495057">{token_id}</span></span>'
        for position, (token, token_id) in enumerate(word.pieces)
    )
    return (f'<span style="display:inline-flex;border:1px {frame} #495057;border-radius:5px;'
            f'overflow:hidden">{boxes}</span>')
