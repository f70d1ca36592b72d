"""Generate each exercise notebook from its solutions notebook, then execute it.

    python tools/notebooks/make_exercises.py                # solutions/*.ipynb -> exercises/*.ipynb, executed
    python tools/notebooks/make_exercises.py --no-execute   # only write the cells

The solutions notebook is the one source. In its code cells, the lines from `# BEGIN SOLUTION`
to `# END SOLUTION` become `raise NotImplementedError("Write your code here")` at the markers'
indentation. In its markdown cells, the lines from `<!-- BEGIN SOLUTION -->` to
`<!-- END SOLUTION -->` are dropped, and a line `<!-- EXERCISE: text -->` (an HTML comment, so
invisible in the solutions) replaces the line above it by `text`, e.g. the title. Cells
tagged `solution-only` (worked answers) are left out. The Colab header cells are rebuilt for
the exercise notebook's own path; outputs come from executing it. The notebook's metadata
`{"course": {"chapter": N, "exercises": [...]}}` names its chapter (the number its file name
starts with) and the exercises its `check("name", ...)` cells grade, in order.
"""

import argparse
import os
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # run as a script: the `tools` package is found from the repository

from tools.notebooks.header import header_cells  # noqa: E402

STUB = 'raise NotImplementedError("Write your code here")'
CODE_MARKERS = ("# BEGIN SOLUTION", "# END SOLUTION")
MARKDOWN_SOLUTION = ("<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->")
EXERCISE_LINE = re.compile(r"^<!-- EXERCISE: (.*) -->$")
HEADER_TAGS = {"colab-badge", "colab-install"}
LEFT_OUT_TAGS = HEADER_TAGS | {"solution-only"}
CHECK_CALL = re.compile(r'^check\("(\w+)", ', re.M)


def pairs():
    """(solutions notebook, exercise notebook) for every solutions notebook."""
    return [(path, ROOT / "exercises" / path.name)
            for path in sorted((ROOT / "solutions").glob("*.ipynb"))]


def _regions(lines, begin, end, where):
    """Yield (kind, lines) chunks: 'outside' text and 'inside' marked regions (markers excluded)."""
    chunk, inside = [], False
    for line in lines:
        marker = line.strip()
        if marker == begin and not inside:
            yield "outside", chunk
            chunk, inside = [line], True
        elif marker == end and inside:
            yield "inside", chunk + [line]
            chunk, inside = [], False
        elif marker in (begin, end):
            raise ValueError(f"unbalanced {marker!r} in {where}")
        else:
            chunk.append(line)
    if inside:
        raise ValueError(f"{begin!r} without {end!r} in {where}")
    yield "outside", chunk


def strip_code(source, where="a code cell"):
    """A code cell's source with every solution region replaced by the stub."""
    lines = []
    for kind, chunk in _regions(source.split("\n"), *CODE_MARKERS, where):
        if kind == "inside":
            indent = re.match(r"\s*", chunk[0]).group()
            lines.append(indent + STUB)
        else:
            lines += chunk
    return "\n".join(lines)


def strip_markdown(source, where="a markdown cell"):
    """A markdown cell's source without its solution regions, its exercise lines in place."""
    lines = []
    for kind, chunk in _regions(source.split("\n"), *MARKDOWN_SOLUTION, where):
        for line in chunk if kind == "outside" else []:
            replacement = EXERCISE_LINE.match(line.strip())
            if replacement and not lines:
                raise ValueError(f"{line.strip()!r} has no line above it in {where}")
            if replacement:
                lines[-1] = replacement.group(1)
            else:
                lines.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def exercise_notebook(solutions_path, exercise_path):
    """The exercise notebook's cells (no outputs) generated from the solutions notebook."""
    solutions = nbformat.read(solutions_path, as_version=4)
    cells = header_cells(exercise_path)
    for cell, tag in zip(cells, ("colab-badge", "colab-install")):
        cell.id = tag  # stable ids: regenerating leaves the file unchanged
    for index, cell in enumerate(solutions.cells):
        if LEFT_OUT_TAGS & set(cell.metadata.get("tags", [])):
            continue
        where = f"{solutions_path.name}, cell {index}"
        if cell.cell_type == "code":
            new = nbformat.v4.new_code_cell(strip_code(cell.source, where))
        else:
            new = nbformat.v4.new_markdown_cell(strip_markdown(cell.source, where))
        if not new.source.strip():
            continue
        new.id = cell.id
        if cell.metadata.get("tags"):
            new.metadata["tags"] = list(cell.metadata["tags"])
        cells.append(new)
    metadata = {key: solutions.metadata[key] for key in ("kernelspec", "language_info")
                if key in solutions.metadata}
    metadata["course"] = course_metadata(exercise_path, cells)
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata)


def course_metadata(path, cells):
    """The chapter a notebook belongs to and the exercises it checks, for batch grading."""
    names = [name for cell in cells if cell.cell_type == "code"
             for name in CHECK_CALL.findall(cell.source)]
    return {"chapter": int(Path(path).name.split("-")[0]), "exercises": names}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-execute", action="store_true", help="write the cells only")
    args = parser.parse_args()
    if not args.no_execute:
        from execute_notebooks import execute, kernel_environment

        os.environ.update(kernel_environment())
    for solutions_path, exercise_path in pairs():
        nbformat.write(exercise_notebook(solutions_path, exercise_path), exercise_path)
        message = "written"
        if not args.no_execute:
            message = f"written and executed in {execute(exercise_path):.1f} s"
        print(f"{exercise_path.relative_to(ROOT)}: {message}", flush=True)


if __name__ == "__main__":
    main()
