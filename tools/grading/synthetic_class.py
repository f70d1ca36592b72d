"""Write a synthetic class of chapter-4 exercise submissions, for the batch grader's test and
benchmark: a fully correct one, partly correct ones, and every kind of bad submission.

    python tools/grading/synthetic_class.py DIR            # the test's class (every kind, few kernels)
    python tools/grading/synthetic_class.py DIR --copies 30  # 30 ordinary submissions (benchmark)
    python tools/grading/synthetic_class.py DIR --only looping.ipynb  # one of the class's notebooks

Every submission is derived from the book's chapter-4 solutions and exercises notebooks.
"""

import argparse
import copy
import json
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
WRONG_PAD = '''def pad_batch(sequences, pad_token_id, padding_side="right"):
    longest = max(len(sequence) for sequence in sequences)
    rows = [list(s) + [pad_token_id] * (longest - len(s)) for s in sequences]
    return torch.tensor(rows, dtype=torch.long)  # always on the right'''
LOOPING_PAD = '''def pad_batch(sequences, pad_token_id, padding_side="right"):
    import time
    while True:  # waits for something that never comes
        time.sleep(0.05)'''


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


def minimal(*sources):
    """A short chapter-4 notebook: `import torch`, then `sources`, as if run in order. (It loads
    neither Transformers nor a model: quick to grade.)"""
    notebook = copy.deepcopy(_book_notebook("exercises"))
    notebook.cells = [nbformat.v4.new_code_cell(source, id=f"cell{number}")
                      for number, source in enumerate(["import torch", *sources])]
    return _counts(notebook, lambda n: range(1, n + 1))


def solved_source(name):
    """The solutions notebook's cell defining `name`."""
    return _function_cell(_book_notebook("solutions"), name).source


def ordinary():
    """Correct and partly correct submissions, as most of a class hands in."""
    solved, blank = _book_notebook("solutions"), _book_notebook("exercises")
    return [solved, _with_function(solved, "pad_batch", WRONG_PAD),
            _with_function(blank, "truncate_ids", solved_source("truncate_ids"))]


def notebooks():
    """{relative file name: notebook or raw text} for the test's class: every kind of submission,
    several problems sharing a notebook where they can, so that few kernels run, and only one
    that loads a model."""
    solved = _book_notebook("solutions")
    author = copy.deepcopy(solved)
    author.metadata["authors"] = [{"name": "Ada Lovelace"}]
    other_chapter = copy.deepcopy(solved)
    other_chapter.metadata["course"] = {"chapter": 3, "exercises": []}
    blank_mask = _function_cell(_book_notebook("exercises"), "make_attention_mask").source
    troubled = minimal(solved_source("pad_batch"), "print(1 / 0)", 'print("x" * 2_000_000)',
                       "import os\nos._exit(0)", "import sys\nsys.exit()",
                       solved_source("make_attention_mask"),
                       "def truncate_ids(input_ids, max_length)\n    pass")
    troubled = _without_metadata(_counts(troubled, lambda n: [None, None, *range(n - 2, 0, -1)]))
    return {
        "correct.ipynb": author,
        "partly-truncate-only.ipynb": minimal(
            solved_source("pad_batch").replace("def pad_batch(", "def pad(", 1), blank_mask,
            solved_source("truncate_ids")),
        "troubled.ipynb": troubled,
        "looping.ipynb": minimal(LOOPING_PAD, solved_source("make_attention_mask"),
                                 "pad_batch([[7, 8], [9]], 0)",
                                 "make_attention_mask([[7], [8, 9]])",
                                 'pad_batch([[7]], 0, padding_side="left")'),
        "kernel-crash.ipynb": minimal("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
                                      solved_source("truncate_ids")),
        "chapter-3.ipynb": other_chapter,
        "not-a-notebook.ipynb": json.dumps({"cells": "none"}),
        "late/correct.ipynb": "this is not a notebook\n",
    }


def write(folder, copies=0, only=None):
    """Write the class into `folder`; with `copies`, that many correct or partly right ones;
    with `only`, that one of the class's notebooks alone."""
    folder = Path(folder)
    kinds = notebooks()
    if only:
        kinds = {only: kinds[only]}
    if copies:
        pool = ordinary()
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
    parser.add_argument("--only", help="one notebook of the class, e.g. looping.ipynb")
    args = parser.parse_args()
    written = write(args.folder, args.copies, args.only)
    print(f"Wrote {len(list(written.rglob('*.ipynb')))} submissions.")


if __name__ == "__main__":
    main()
