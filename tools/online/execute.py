"""Execute notebooks against the Hugging Face Hub (the real checkpoints), rewrite them in place,
and check that every output that does not depend on weight values equals the stored one.

    python tools/online/execute.py                      # every notebook, translations' too
    python tools/online/execute.py chapters/01-behind-the-pipeline.ipynb

The Pages workflow runs it before `make book`, so the published pages show the real numbers, in
every language: the translated notebooks (`ko/chapters/...`) run online with the English ones,
all or none rewritten, so no translated page keeps the mirror's outputs while the English page
shows the hub's (`make translations` afterwards would run them against the mirror again).
Kernels get a fresh HF_HOME and none of Hugging Face's offline variables (a learner may have
exported them), so the set-up cell takes its online branch and prints so (the website then shows
no stand-in markers); HF_ENDPOINT, if set, names the hub.

Outcome, also written to the GitHub step summary when there is one:
- every notebook ran online and the check passed: the notebooks are rewritten, exit 0;
- the hub was unreachable or a notebook failed (a failed download does that): nothing is
  rewritten, the site keeps the mirror's outputs and their markers, exit 0;
- an output of a cell not tagged `stand-in` (ids, tokens, shapes, masks, configs, decoded text)
  differs from the stored one: the mirror is not faithful to the real checkpoint, a bug to fix;
  nothing is rewritten, exit 1.
"""

import argparse
import copy
import os
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbval.plugin import coalesce_streams

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from course.hub import AUTOMATED_RUN  # noqa: E402
from course.mirror.layout import OFFLINE_VARIABLES  # noqa: E402
from course.i18n import in_every_language  # noqa: E402
from course.provenance import HUB, HUB_LINE, MIRROR_LINE, checkpoint_source, record_versions  # noqa: E402
from tools.notebooks.header import notebooks  # noqa: E402
from tools.translation.catalog import languages  # noqa: E402

NOT_COMPARED_TAGS = {"stand-in", "nbval-ignore-output", "nbval-skip"}
NOT_COMPARED_MARKERS = ("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"  # its model id changes on every run
# The set-up line in each language: (mirror's, hub's)
SET_UP_LINES = list(zip(in_every_language(MIRROR_LINE).values(), in_every_language(HUB_LINE).values()))


def book_notebooks():
    """Every English notebook, then every translated one."""
    english = notebooks()
    translated = [ROOT / language / path.relative_to(ROOT) for language in languages() for path in english]
    return english + [path for path in translated if path.exists()]


def online_line(text):
    """`text` with the set-up line of the mirror read as the hub's, in every language."""
    for mirror, hub in SET_UP_LINES:
        text = text.replace(mirror, hub)
    return text


def online_environment(hf_home):
    """The kernels' environment: a fresh cache, the hub allowed, set ordering fixed, no account used."""
    env = {key: value for key, value in os.environ.items() if key not in OFFLINE_VARIABLES}
    return {**env, "HF_HOME": str(hf_home), "PYTHONHASHSEED": "0", AUTOMATED_RUN: "1"}


def execute(path, env):
    """The notebook at `path` executed in its own folder (not written back)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3", store_widget_state=True,
                            record_timing=False, resources={"metadata": {"path": str(Path(path).parent)}})
    client.execute(env=env)
    record_versions(notebook)
    return notebook


def compared(cell):
    """Whether a cell's outputs must not depend on weights (and nbval compares them)."""
    return (cell.cell_type == "code" and not NOT_COMPARED_TAGS & set(cell.metadata.get("tags", []))
            and not cell.source.lstrip().startswith(NOT_COMPARED_MARKERS))


def comparable(outputs):
    """Outputs without what changes on every run; the set-up line read as the online one."""
    kept = []
    for output in coalesce_streams(copy.deepcopy(outputs)):  # as nbval reads them
        if output.output_type == "stream":
            kept.append(("stream", output.name, online_line(output.text)))
        elif output.output_type == "error":
            kept.append(("error", output.ename, output.evalue))
        else:
            kept.append(("data", {mime: value for mime, value in output.data.items() if mime != WIDGET_VIEW}))
    return kept


def differences(stored, executed):
    """(number of cells compared, descriptions of the weight-independent outputs that differ)."""
    pairs = [(index, old, new) for index, (old, new) in enumerate(zip(stored.cells, executed.cells))
             if compared(old)]
    found = [f"cell {index}: stored {comparable(old.outputs)!r:.300}, now {comparable(new.outputs)!r:.300}"
             for index, old, new in pairs if comparable(old.outputs) != comparable(new.outputs)]
    return len(pairs), found


def report(line):
    print(line, flush=True)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a") as file:
            file.write(line + "\n")


def run(paths):
    """Execute `paths` online and check them; return the exit status (see the module's doc)."""
    executed = {}
    with tempfile.TemporaryDirectory(prefix="hf-home-") as hf_home:
        env = online_environment(hf_home)
        for path in paths:
            try:
                executed[path] = execute(path, env)
            except (CellExecutionError, RuntimeError, TimeoutError) as error:
                reason = str(error).strip().splitlines()[-1][:300]
                report(f"Online execution failed at {path} ({reason}): the website keeps the "
                       "offline mirror's outputs, with their stand-in markers.")
                return 0
            if checkpoint_source(executed[path]) != HUB:
                report(f"The hub was not reachable from {path}'s set-up cell: the website keeps the "
                       "offline mirror's outputs, with their stand-in markers.")
                return 0
    compared_cells, problems = 0, []
    for path, notebook in executed.items():
        count, found = differences(nbformat.read(path, as_version=4), notebook)
        compared_cells += count
        problems += [f"{path}, {difference}" for difference in found]
    if problems:
        report("Weight-independent outputs differ between the real checkpoints and the mirror:\n"
               + "\n".join(problems))
        return 1
    for path, notebook in executed.items():
        nbformat.write(notebook, path)
    hub = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    report(f"Executed {len(executed)} notebook(s) against the checkpoints of {hub}; the outputs "
           f"of {compared_cells} weight-independent cells equal the stored ones.")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: all)")
    args = parser.parse_args()
    sys.exit(run(args.paths or book_notebooks()))


if __name__ == "__main__":
    main()
