"""Show `make upgrade` at work: a copy of the repository pinned to an older Transformers 5 release
arrives at the newest one, with a green suite and a report that lists the changed outputs.

    python -m tools.upgrade.demo [--work DIR]        (what `make upgrade-check` runs)

The copy is a clone of the committed repository (HEAD) in DIR (default: a temporary folder).
There, transformers, huggingface_hub and tokenizers are pinned to OLDER, requirements.txt and
requirements-colab.txt regenerated, and the notebooks re-executed with those releases
(`make notebooks`), so the stored outputs are theirs; that state is committed in the copy. Then
`make upgrade` runs in the copy, and the check is that it exits 0; that requirements.in and the
copy's environment then hold the newest Transformers 5.x release on the index; and that the
report says the upgrade is ready to merge and lists changed cells. Installs an environment and
runs the whole suite: many minutes, so not part of `make test`.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from . import pins

ROOT = Path(__file__).resolve().parents[2]
# An older Transformers 5 release that runs the notebooks (chapter 2 reads an attribute new in
# 5.23.0), with an older huggingface_hub 2.x (tokenizers 0.23.1 and 0.23.2 require
# huggingface_hub < 2, so tokenizers stays at 0.23.3).
OLDER = {"transformers": "5.23.0", "huggingface-hub": "2.0.0", "tokenizers": "0.23.3"}
GIT_AUTHOR = ["-c", "user.name=Upgrade demonstration", "-c", "user.email=upgrade-demo@localhost"]


def in_copy(copy, *command):
    print(f"\n== {' '.join(command)}", flush=True)
    return subprocess.run(command, cwd=copy).returncode


def prepare(copy):
    """Clone the repository into `copy` and pin it to OLDER, outputs included."""
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(copy)], check=True)
    pins.write_pins(copy / "requirements.in", OLDER)
    _, every = pins.resolve(pins.read_pins(copy / "requirements.in"), upgrade=False)
    pins.write_frozen(copy / "requirements.txt", every)
    pins.write_pins(copy / "requirements-colab.txt", pins.read_pins(copy / "requirements.txt"))
    if in_copy(copy, "make", "--no-print-directory", "notebooks") != 0:
        sys.exit("Preparing the copy failed at `make notebooks`.")
    in_copy(copy, "git", *GIT_AUTHOR, "commit", "--quiet", "-am", f"Pinned to transformers {OLDER['transformers']}")


def problems(copy, status, newest):
    """What the upgraded copy gets wrong, if anything."""
    report = (copy / "upgrade-report.md").read_text() if (copy / "upgrade-report.md").is_file() else ""
    installed = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c",
                                "from importlib.metadata import version; print(version('transformers'))"],
                               capture_output=True, text=True).stdout.strip()
    found = []
    if status != 0:
        found.append(f"`make upgrade` exited with {status}")
    if pins.read_pins(copy / "requirements.in")["transformers"] != newest or installed != newest:
        found.append(f"transformers is not at {newest}: requirements.in pins "
                     f"{pins.read_pins(copy / 'requirements.in')['transformers']}, {installed} is installed")
    if not report.rstrip().splitlines()[-1:] or not report.rstrip().splitlines()[-1].startswith("**Ready to merge**"):
        found.append("the report does not end with '**Ready to merge**'")
    if "  - before: " not in report:
        found.append("the report lists no changed cell")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, help="an empty folder for the copy (default: a temporary one)")
    args = parser.parse_args()
    newest = pins.newest_in_major_line(pins.index_versions("transformers"), OLDER["transformers"])
    with tempfile.TemporaryDirectory(prefix="upgrade-demo-") as scratch:
        copy = (args.work or Path(scratch)) / "copy"
        prepare(copy)
        found = problems(copy, in_copy(copy, "make", "--no-print-directory", "upgrade"), newest)
    print("\n".join(["", f"Upgrade demonstration: transformers {OLDER['transformers']} -> {newest}:"]
                    + ([f"- {problem}" for problem in found] or ["- arrived, suite green, changed cells reported."])))
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
