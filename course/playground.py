"""An interactive tokenizer playground: type sentences, choose padding and truncation, see the batch.

    from course.playground import Playground
    Playground(tokenizer, ["A first sentence.", "A second, longer sentence."])

It shows input fields and controls (ipywidgets) above a table of what
`tokenizer(sentences, padding=..., truncation=..., max_length=...)` returns: tokens, ids and the
attention mask, with special tokens and padding marked, and above each row that truncation cut,
how many of its tokens it kept. The table is an ordinary HTML output that
the controls update in place, so a page without a running kernel (such as the website) still shows
the table of the initial settings.
"""

import html
from typing import NamedTuple

import ipywidgets as widgets
from IPython.display import display

from .i18n import N_, _, plural

PADDING_CHOICES = ("longest", "max_length", "do_not_pad")
# Appended to each cell's style, so these override its default text colour and border. Each
# kind differs by more than its colour (bold text, dashed border), and the legend says how.
KIND_STYLES = {
    "text": "background:#b2f2bb",
    "special": "background:#a5d8ff;font-weight:bold",
    "padding": "background:#dee2e6;color:#495057;border-style:dashed",
}
CUT_STYLE = "font-style:italic;border-bottom:2px dashed #495057"  # a row's heading, when truncation cut it
LEGEND = {
    "text": N_("text token"),
    "special": N_("special token (bold)"),
    "padding": N_("padding (dashed, attention_mask 0)"),
}
# The words of the summary line, in the notebook's language (the website's live playground,
# book/_static/live/page.js, says the same with the same messages)
NOUNS = {"sentence": (N_("1 sentence"), N_("{count} sentences")), "token": (N_("1 token"), N_("{count} tokens"))}


class Cell(NamedTuple):
    """One position of one encoded sentence."""

    token: str
    token_id: int
    kind: str  # "text", "special" ([CLS], [SEP], ...) or "padding"
    attention: int


def counted(number, noun):
    """'1 token', '2 tokens': a number and its noun ("sentence" or "token"), in the notebook's language."""
    return plural(number, *NOUNS[noun])


def row_heading(name, kept, full):
    """A row's heading: its name, and how many tokens it kept if truncation cut it."""
    if kept < full:
        return _("{name} (cut by truncation: {kept} of its {full} tokens kept)").format(name=name, kept=kept, full=full)
    return name


def call_text(padding, truncation, max_length):
    """The tokenizer call the table shows, as a learner would type it."""
    options = [f"padding={padding!r}", f"truncation={truncation}"]
    if uses_max_length(padding, truncation):
        options.append(f"max_length={max_length}")
    return "tokenizer(sentences, " + ", ".join(options) + ")"


def uses_max_length(padding, truncation):
    """Whether the tokenizer looks at max_length with these settings."""
    return padding == "max_length" or truncation


def kind_of(attends, is_special):
    """'padding' for a masked position, else 'special' or 'text'."""
    if not attends:
        return "padding"
    return "special" if is_special else "text"


def encode(tokenizer, sentences, max_length=12, padding="longest", truncation=True):
    """Encode `sentences` as one batch and return one list of `Cell`s per sentence."""
    if padding not in PADDING_CHOICES:
        raise ValueError(f"padding must be one of {PADDING_CHOICES}, got {padding!r}")
    options = {"max_length": max_length} if uses_max_length(padding, truncation) else {}
    encoding = tokenizer(list(sentences), padding=padding, truncation=truncation,
                         return_special_tokens_mask=True, **options)
    rows = []
    for ids, attention, special in zip(encoding["input_ids"], encoding["attention_mask"],
                                       encoding["special_tokens_mask"]):
        tokens = tokenizer.convert_ids_to_tokens(ids)
        rows.append([Cell(token, token_id, kind_of(attends, is_special), attends)
                     for token, token_id, attends, is_special in zip(tokens, ids, attention, special)])
    return rows


def untruncated_lengths(tokenizer, sentences):
    """How many tokens each sentence has before any truncation, special tokens included."""
    return [len(ids) for ids in tokenizer(list(sentences), truncation=False)["input_ids"]]


class Table:
    """Encoded sentences as a table: HTML in notebooks and on the website, aligned text elsewhere."""

    def __init__(self, rows, call, full_lengths):
        """`full_lengths`: each sentence's number of tokens before truncation."""
        self.rows, self.call, self.full_lengths = rows, call, full_lengths

    def summary(self):
        if not self.rows:
            return _("{call}  ->  nothing to show: type a sentence").format(call=self.call)
        lengths = [len(row) for row in self.rows]
        counts = (counted(lengths[0], "token") if len(set(lengths)) == 1
                  else _("{lengths} tokens").format(lengths=", ".join(map(str, lengths))))
        return _("{call}  ->  {what} of {counts}").format(call=self.call, what=counted(len(lengths), "sentence"),
                                                       counts=counts)

    def headings(self):
        """(heading, cut) per row: 'sentence N', with how many tokens it kept if truncation cut it."""
        kept = [sum(cell.kind != "padding" for cell in row) for row in self.rows]
        return [(row_heading(_("sentence {number}").format(number=number), count, full), count < full)
                for number, (count, full) in enumerate(zip(kept, self.full_lengths))]

    def __repr__(self):
        lines = [self.summary()]
        for row, (heading, _) in zip(self.rows, self.headings()):
            widths = [max(len(cell.token), len(str(cell.token_id))) for cell in row]
            lines += ["", f"{heading}:"]
            for name, values in (("tokens", [cell.token for cell in row]),
                                 ("input_ids", [cell.token_id for cell in row]),
                                 ("attention_mask", [cell.attention for cell in row])):
                lines.append(f"{name:>15}  " + " ".join(str(value).ljust(width)
                                                         for value, width in zip(values, widths)).rstrip())
        return "\n".join(lines)

    def _repr_html_(self):
        cell = "padding:2px 5px;border:1px solid #868e96;text-align:center;color:#1a1a1a"
        head = 'style="padding:2px 6px;text-align:right;font-weight:normal;color:#495057"'
        parts = [f'<div style="font-family:monospace;font-size:13px;overflow-x:auto">'
                 f'<div style="margin:4px 0">{html.escape(self.summary())}</div>'
                 '<table style="border-collapse:collapse;margin:0">']
        for row, (heading, cut) in zip(self.rows, self.headings()):
            style = "text-align:left;padding:8px 0 2px" + (f";{CUT_STYLE}" if cut else "")
            parts.append(f'<tr><th colspan="{len(row) + 1}" style="{style}">{html.escape(heading)}</th></tr>')
            for name, value in (("tokens", lambda c: html.escape(c.token)),
                                ("input_ids", lambda c: c.token_id),
                                ("attention_mask", lambda c: c.attention)):
                cells = "".join(f'<td style="{cell};{KIND_STYLES[c.kind]}">{value(c)}</td>' for c in row)
                parts.append(f"<tr><th {head}>{name}</th>{cells}</tr>")
        parts.append("</table>")
        legend = "".join(f'<span style="{cell};{style};margin-right:6px">{html.escape(_(LEGEND[kind]))}</span>'
                         for kind, style in KIND_STYLES.items())
        parts.append(f'<div style="margin:6px 0">{legend}</div></div>')
        return "".join(parts)


def table(tokenizer, sentences, max_length=12, padding="longest", truncation=True):
    """The `Table` for these sentences and settings (empty sentences are left out)."""
    sentences = [sentence for sentence in sentences if sentence.strip()]
    if not sentences:
        return Table([], call_text(padding, truncation, max_length), [])
    return Table(encode(tokenizer, sentences, max_length, padding, truncation),
                 call_text(padding, truncation, max_length), untruncated_lengths(tokenizer, sentences))


class Playground:
    """A field per sentence, a max_length slider, a padding menu and a truncation box over a live table."""

    def __init__(self, tokenizer, sentences=("", ""), max_length=12, padding="longest", truncation=True):
        self.tokenizer = tokenizer
        self.texts = [widgets.Text(value=sentence, description=_("sentence {number}").format(number=number),
                                   layout=widgets.Layout(width="95%"))
                      for number, sentence in enumerate(sentences)]
        self.max_length = widgets.IntSlider(value=max_length, min=2, max=32, description="max_length")
        self.padding = widgets.Dropdown(options=PADDING_CHOICES, value=padding, description=_("padding"))
        self.truncation = widgets.Checkbox(value=truncation, description=_("truncation"))
        options = [self.max_length, self.padding, self.truncation]
        self.controls = widgets.VBox(self.texts + [widgets.HBox(options)])
        self.current = self.compute()
        self._handle = None
        for control in self.texts + options:
            control.observe(self.refresh, names="value")

    def compute(self):
        """The table for the controls' current values."""
        return table(self.tokenizer, [text.value for text in self.texts], self.max_length.value,
                     self.padding.value, self.truncation.value)

    def refresh(self, change=None):
        """Recompute the table and redraw it where it is displayed."""
        self.current = self.compute()
        if self._handle is not None:
            self._handle.update(self.current)

    def _ipython_display_(self):
        display(self.controls)
        self._handle = display(self.current, display_id=True)
