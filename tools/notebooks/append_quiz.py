"""Append the "Check yourself" quiz cells to the end of each chapter notebook, with outputs.

    python tools/notebooks/append_quiz.py                  # every chapter
    python tools/notebooks/append_quiz.py chapters/04-multiple-sequences.ipynb

A chapter that already ends with its quiz cells is left alone. Only the two new cells are
executed (in a kernel of their own, as tools/notebooks/execute.py would run them): the rest of
the notebook and its stored outputs stay untouched.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
HEADING = "## Check yourself"


def quiz_cells(chapter):
    intro = nbformat.v4.new_markdown_cell(
        f"{HEADING}\n\nA few questions on this chapter. Several ask you to predict a shape "
        "or a number of\nids: decide first, then check your answer, and run code to see why.")
    show = nbformat.v4.new_code_cell(f"from course.quiz import show_quiz\nshow_quiz({chapter})")
    return [intro, show]


def chapter_number(path):
    match = re.match(r"(\d+)-", Path(path).name)
    if not match:
        sys.exit(f"{path}: expected a chapter notebook named like 04-multiple-sequences.ipynb")
    return int(match.group(1))


def append(path):
    """Append and execute the quiz cells; return False if the notebook already has them."""
    notebook = nbformat.read(path, as_version=4)
    if any(cell.cell_type == "markdown" and cell.source.startswith(HEADING)
           for cell in notebook.cells):
        return False
    cells = quiz_cells(chapter_number(path))
    scratch = nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)
    NotebookClient(scratch, timeout=120, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    counts = [cell.execution_count or 0 for cell in notebook.cells if cell.cell_type == "code"]
    cells[1].execution_count = max(counts, default=0) + 1
    notebook.cells += cells
    nbformat.write(notebook, path)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="chapter notebooks (default: all)")
    args = parser.parse_args()
    for path in args.paths or sorted((ROOT / "chapters").glob("*.ipynb")):
        print(f"{path}: {'quiz appended' if append(path) else 'already has its quiz'}")


if __name__ == "__main__":
    main()
