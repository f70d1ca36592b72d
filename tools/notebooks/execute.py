"""Execute notebooks against the offline mirror and store their outputs (what nbval then checks).

    python tools/notebooks/execute.py                       # every notebook of the book
    python tools/notebooks/execute.py chapters/03-tokenizers.ipynb

Kernels get the same environment as under the test suite (conftest.py): the mirror's HF_HOME
and HF_HUB_OFFLINE=1, PYTHONHASHSEED=0, and COURSE_AUTOMATED_RUN=1 (no Hub account is used).
Widget state is saved so the website can render it.
A new text output that agrees with the stored one up to float noise keeps the stored text
(`portable_outputs`), so re-executing on another processor rewrites no digits.
"""

import argparse
import copy
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from course import mirror  # noqa: E402
from course.hub import AUTOMATED_RUN  # noqa: E402
from course.provenance import record_versions  # noqa: E402
from tools.notebooks.header import notebooks, update  # noqa: E402
from tools.notebooks.portable_outputs import snap_outputs  # noqa: E402


def kernel_environment():
    mirror_dir = mirror.ensure(log=lambda line: None)
    return {**mirror.environment(mirror_dir), "PYTHONHASHSEED": "0", AUTOMATED_RUN: "1"}


def execute(path):
    """Run one notebook top to bottom in its own folder and write it back with outputs."""
    update(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(Path(path).parent)}},
        store_widget_state=True,
        record_timing=False,  # keep re-runs with unchanged outputs byte-identical
    )
    stored = {cell.get("id"): copy.deepcopy(cell.get("outputs", [])) for cell in notebook.cells}
    started = time.perf_counter()
    client.execute()
    record_versions(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.get("id") in stored:
            cell.outputs = snap_outputs(stored[cell.get("id")], cell.outputs)
    nbformat.write(notebook, path)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    args = parser.parse_args()
    os.environ.update(kernel_environment())
    for path in args.paths or notebooks():
        print(f"{path}: executed in {execute(path):.1f} s", flush=True)


if __name__ == "__main__":
    main()
