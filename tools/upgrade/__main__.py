"""Move the pinned packages to their newest releases, and report what that changed.

    python -m tools.upgrade [--report upgrade-report.md]        (what `make upgrade` runs)

1. requirements.in: each pin moved to its newest release within its major line (see `pins`);
2. requirements.txt regenerated from the same resolution (what tools/upgrade/freeze.sh writes, without
   its throw-away install), and requirements-colab.txt's pins taken from it (the notebooks'
   install cell installs that file: the notebooks hold no pins of their own); the README's
   sentence on the PyTorch versions tested follows the pin;
3. the virtual environment reinstalled and the mirror rebuilt (`make .venv/installed mirror`);
4. every notebook re-executed against the mirror as `make notebooks` does
   (tools/notebooks/execute.py), its outputs compared with the stored ones, then the translations
   regenerated as `make translations` does (the translated notebooks whose English outputs
   changed are executed again);
5. the test suite (`make test`), then the report, whose last line says whether the upgrade is
   ready to merge. Nothing is committed: the changes are left in the work tree to review.

Exit status: 1 when the upgrade is not ready to merge, else 0 (also when nothing changed).
"""

import argparse
import re
import subprocess
import sys
from pathlib import Path

from . import outputs, pins, report, suite

ROOT = Path(__file__).resolve().parents[2]

from tools.notebooks.header import notebooks  # noqa: E402

REQUIREMENTS_IN, REQUIREMENTS_TXT, REQUIREMENTS_COLAB, README = (
    ROOT / name for name in ("requirements.in", "requirements.txt", "requirements-colab.txt", "README.md"))
JUNIT_XML = ROOT / "test-artifacts" / "upgrade-junit.xml"


def step(title):
    print(f"\n== {title}", flush=True)


class StepFailed(Exception):
    """A command of the upgrade failed; its output went to the terminal."""


def run(command):
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise StepFailed(" ".join(command))


def last_line(text):
    """The last line of an error output, without its terminal colours."""
    lines = [line for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines() if line.strip()]
    return lines[-1][:300] if lines else "(no message)"


def execute_notebooks():
    """Re-execute every notebook; return (changed cells, [(notebook, why it failed)])."""
    changes, failed = [], []
    for path in notebooks():
        name = outputs.notebook_name(path, ROOT)
        print(name, flush=True)
        before = outputs.snapshot(path)
        result = subprocess.run([sys.executable, "tools/notebooks/execute.py", str(path)], cwd=ROOT,
                                capture_output=True, text=True)
        if result.returncode != 0:  # the notebook is left as it was
            failed.append((name, last_line(result.stderr)))
        else:
            changes += outputs.changes(name, before, outputs.snapshot(path))
    return changes, failed


def upgrade():
    """Do the steps above; return (the report's text, whether it is ready to merge)."""
    old_in, old_txt = pins.read_pins(REQUIREMENTS_IN), pins.read_pins(REQUIREMENTS_TXT)
    step("Newest releases of requirements.in's packages (pip's configured indexes)")
    try:
        new_in, every = pins.resolve(old_in)
    except pins.ResolutionError as error:
        return report.render([], [], resolution_error=str(error))
    pins.write_pins(REQUIREMENTS_IN, new_in)
    pins.write_frozen(REQUIREMENTS_TXT, every)
    new_txt = pins.read_pins(REQUIREMENTS_TXT)
    pins.write_pins(REQUIREMENTS_COLAB, new_txt)
    if new_in.get(pins.TORCH) != old_in.get(pins.TORCH):  # "The book is tested with PyTorch x (pinned ..."
        README.write_text(README.read_text().replace(f"PyTorch {old_in[pins.TORCH]} (pinned",
                                                     f"PyTorch {new_in[pins.TORCH]} (pinned"))
    top_level = pins.changed(old_in, new_in)
    others = [change for change in pins.changed(old_txt, new_txt) if change[0] not in new_in]
    if not (top_level or others):
        return report.render([], [])
    step("Reinstall the virtual environment, rebuild the mirror")
    try:
        run(["make", "--no-print-directory", ".venv/installed", "mirror"])
    except StepFailed as failed:
        return report.render(top_level, others, failed_step=str(failed))
    step("Re-execute every notebook against the mirror")
    changes, failed = execute_notebooks()
    step("Regenerate the translations (make translations)")
    try:
        run([sys.executable, "-m", "tools.translation"])
    except StepFailed as failure:
        return report.render(top_level, others, changes, failed, failed_step=str(failure))
    step("Test suite (make test)")
    status, failures = suite.run(ROOT, JUNIT_XML)
    return report.render(top_level, others, changes, failed, status, failures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", type=Path, default=ROOT / "upgrade-report.md", help="where to write it")
    args = parser.parse_args()
    text, ready = upgrade()
    args.report.write_text(text)
    step(f"Report ({args.report})")
    print(text, flush=True)
    sys.exit(0 if ready else 1)


if __name__ == "__main__":
    main()
