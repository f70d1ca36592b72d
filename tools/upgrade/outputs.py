"""Stored notebook outputs before and after re-execution: which cells changed, and how."""

import difflib
from dataclasses import dataclass
from pathlib import Path

import nbformat

EXCERPT_CHARS = 100
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"  # its model id changes on every run


@dataclass
class Change:
    notebook: str
    cell: int  # the cell's position in the notebook, counted from 1
    source: str  # the cell's first line of code
    before: str
    after: str
    more_lines: int  # changed lines beyond the excerpt


def output_text(output):
    """The text a reader sees of one output: the stream, the plain-text data, or the error."""
    if output.get("output_type") == "stream":
        return output.get("text", "")
    if output.get("output_type") == "error":
        return f"{output.get('ename')}: {output.get('evalue')}\n"
    data = {mime: value for mime, value in output.get("data", {}).items() if mime != WIDGET_VIEW}
    text = data.get("text/plain") or next((value for value in data.values() if isinstance(value, str)), "")
    return text if text.endswith("\n") else text + "\n"


def snapshot(path):
    """[(cell position from 1, first line of code, text of its outputs)] for each code cell."""
    notebook = nbformat.read(path, as_version=4)
    return [(position, (cell.source.strip().splitlines() or [""])[0],
             "".join(output_text(output) for output in cell.get("outputs", [])))
            for position, cell in enumerate(notebook.cells, start=1) if cell.cell_type == "code"]


def _clip(text):
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS - 3] + "..."


def changes(name, before, after):
    """The cells of notebook `name` whose output text differs between two snapshots; each with
    the first changed line before and after."""
    found = []
    old_cells = {position: text for position, _, text in before}
    for position, source, text in after:
        old = old_cells.get(position, "")
        if old == text:
            continue
        removed, added = [], []
        for line in difflib.ndiff(old.splitlines(), text.splitlines()):
            (removed if line.startswith("- ") else added if line.startswith("+ ") else []).append(line[2:])
        found.append(Change(str(name), position, _clip(source), _clip(removed[0] if removed else ""),
                            _clip(added[0] if added else ""), max(len(removed), len(added)) - 1))
    return found


def notebook_name(path, root):
    return Path(path).resolve().relative_to(root).as_posix()
