"""Write a synthetic class of chapter-4 exercise submissions, for the batch grader's test and
benchmark: a fully correct one, partly correct ones, and every kind of bad submission.

    python tools/synthetic_class.py DIR            # the test's class (one of each kind)
    python tools/synthetic_class.py DIR --copies 30  # 30 ordinary submissions (benchmark)

Every submission is derived from the book's chapter-4 solutions and exercises notebooks.
"""

import argparse
import copy
import json
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
WRONG_PAD = '''def pad_batch(sequences, pad_token_id, padding_side="right"):
    longest = max(len(sequence) for sequence in sequences)
    rows = [list(s) + [pad_token_id] * (longest - len(s)) for s in sequences]
    return torch.tensor(rows, dtype=torch.long)  # always on the right'''


def _book_notebook(folder):
    """The chapter-4 notebook of `folder` (solutions or exercises): the one defining pad_batch."""
    for path in sorted((ROOT / folder).glob("*.ipynb")):
        if "def pad_batch(" in path.read_text(encoding="utf-8"):
            return nbformat.read(path, as_version=4)
    raise SystemExit(f"No chapter-4 notebook in {folder}/.")


def _function_cell(notebook, name):
    return next(cell for cell in notebook.cells
                if cell.cell_type == "code" and cell.source.startswith(f"def {name}("))


def _with_function(notebook, name, source):
    notebook = copy.deepcopy(notebook)
    _function_cell(notebook, name).source = source
    return notebook


def _with_cell(notebook, source, after="import torch"):
    """The notebook with one more code cell after the first cell starting with `after`, as if
    run in order with the others."""
    notebook = copy.deepcopy(notebook)
    index = next(i for i, cell in enumerate(notebook.cells) if cell.source.startswith(after))
    notebook.cells.insert(index + 1, nbformat.v4.new_code_cell(source, id=f"extra{len(notebook.cells)}"))
    return _counts(notebook, lambda n: range(1, n + 1))


def _counts(notebook, counts):
    notebook = copy.deepcopy(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    for cell, count in zip(code, counts(len(code))):
        cell.execution_count = count
    return notebook


def _without_metadata(notebook):
    notebook = copy.deepcopy(notebook)
    notebook.metadata.pop("course", None)
    return notebook


def notebooks():
    """{relative file name: notebook or raw text} for one submission of each kind."""
    solved, blank = _book_notebook("solutions"), _book_notebook("exercises")
    author = copy.deepcopy(solved)
    author.metadata["authors"] = [{"name": "Ada Lovelace"}]
    renamed = _with_function(solved, "pad_batch", _function_cell(solved, "pad_batch").source
                             .replace("def pad_batch(", "def pad(", 1))
    other_chapter = copy.deepcopy(solved)
    other_chapter.metadata["course"] = {"chapter": 3, "exercises": []}
    cheater = _with_cell(_with_function(solved, "pad_batch", WRONG_PAD), (
        "torch.equal = lambda first, second: True\n"
        "def check(name, function):\n    print(name, 'correct')"))
    solved_truncate = _function_cell(solved, "truncate_ids").source
    only_truncate = _with_function(blank, "truncate_ids", solved_truncate)
    return {
        "correct.ipynb": author,
        "partly-right-padding-only.ipynb": _with_function(solved, "pad_batch", WRONG_PAD),
        "partly-truncate-only.ipynb": only_truncate,
        "not-json.ipynb": "this is not a notebook\n",
        "not-a-notebook.ipynb": json.dumps({"cells": "none"}),
        "chapter-3.ipynb": other_chapter,
        "renamed-function.ipynb": renamed,
        "syntax-error.ipynb": _with_function(solved, "truncate_ids",
                                             "def truncate_ids(input_ids, max_length)\n    pass"),
        "cell-raises.ipynb": _with_cell(solved, "print(1 / 0)"),
        "endless-loop.ipynb": _with_cell(solved, "while True:\n    pass"),
        "exits.ipynb": _with_cell(_with_cell(solved, "import os\nos._exit(0)"),
                                  "import sys\nsys.exit()"),
        "kernel-crash.ipynb": _with_cell(solved, "import os, signal\n"
                                                 "os.kill(os.getpid(), signal.SIGKILL)"),
        "megabytes-printed.ipynb": _with_cell(solved, 'print("x" * 2_000_000)'),
        "out-of-order-and-unexecuted.ipynb": _counts(
            solved, lambda n: [None, None, *range(n - 2, 0, -1)]),
        "redefines-check.ipynb": cheater,
        "no-metadata.ipynb": _without_metadata(solved),
        "late/correct.ipynb": solved,
    }


def write(folder, copies=0):
    """Write the class into `folder`; with `copies`, that many correct or partly right ones."""
    folder = Path(folder)
    kinds = notebooks()
    if copies:
        pool = [kinds["correct.ipynb"], kinds["partly-right-padding-only.ipynb"],
                kinds["partly-truncate-only.ipynb"]]
        kinds = {f"learner-{n:02d}.ipynb": pool[n % len(pool)] for n in range(1, copies + 1)}
    for name, content in kinds.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            nbformat.write(content, path)
    return folder


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--copies", type=int, default=0)
    args = parser.parse_args()
    print(f"Wrote {len(list(write(args.folder, args.copies).rglob('*.ipynb')))} submissions.")


if __name__ == "__main__":
    main()
