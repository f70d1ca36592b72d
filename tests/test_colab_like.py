"""Colab has the install cell, not this repository: the package must work on its own.

The helper package is built as a wheel and installed, with `requirements-colab.txt` and the
pinned torch (which Colab brings), into a virtual environment outside the repository. One
chapter notebook and one exercise notebook are copied alone into an empty folder and checked
there by nbval in that environment's kernel: the set-up cell finds the offline mirror by itself
(at the user cache folder a wheel install looks in; here a link to the session's mirror), the
checkpoints load, and every `check` gives the stored feedback.

The environment's dependencies are installed once per content of `requirements-colab.txt` and
kept in ~/.cache/transformers-course/ (the first run takes minutes, the install is I/O-bound);
the wheel is built and force-reinstalled on every run.
"""

import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What Colab brings, the pinned release; requirements-colab.txt leaves it out on purpose.
TORCH = next(line for line in (ROOT / "requirements.in").read_text().splitlines() if line.startswith("torch=="))
CACHE = Path.home() / ".cache" / "transformers-course"
KERNEL = "colab-like"
CHAPTER = "chapters/01-behind-the-pipeline.ipynb"  # loads a pipeline, a tokenizer and a model
EXERCISE = "exercises/04-multiple-sequences.ipynb"  # the most checks: padding, masks, batches


def run(command, **kwargs):
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        shown = " ".join(map(str, command))
        pytest.fail(f"`{shown}` failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return result


def colab_environment():
    """The cached environment with Colab's packages (created on first use); its python."""
    requirements = (ROOT / "requirements-colab.txt").read_text()
    key = hashlib.sha256((requirements + TORCH + platform.python_version()).encode()).hexdigest()[:12]
    venv = CACHE / f"colab-like-{key}"
    python = venv / "bin" / "python"
    if not (venv / "complete").exists():
        shutil.rmtree(venv, ignore_errors=True)
        run([sys.executable, "-m", "venv", venv])
        run([python, "-m", "pip", "install", "--quiet", "--no-compile", "-r", ROOT / "requirements-colab.txt", TORCH,
             "ipykernel"])
        (venv / "complete").touch()
    return python


def install_wheel(python, work):
    """Build the package's wheel from a copy of its sources and install it into `python`."""
    source = work / "source"
    shutil.copytree(ROOT / "course", source / "course", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source)
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", work / "dist", source])
    (wheel,) = (work / "dist").glob("*.whl")
    run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall", wheel])
    run([python, "-m", "pip", "install", "--quiet", wheel])  # its dependencies must be satisfied
    run([python, "-m", "pip", "check"])


def kernel_spec(python, work):
    """A Jupyter data folder with a kernel running `python`."""
    folder = work / "jupyter" / "kernels" / KERNEL
    folder.mkdir(parents=True)
    spec = {"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Colab-like", "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec))
    return work / "jupyter"


def test_a_chapter_and_an_exercise_run_alone_from_the_wheel(tmp_path, mirror_dir):
    python = colab_environment()
    install_wheel(python, tmp_path)
    home = tmp_path / "home"
    (home / ".cache").mkdir(parents=True)
    (home / ".cache" / "transformers-course-mirror").symlink_to(mirror_dir)
    folder = tmp_path / "notebooks"
    folder.mkdir()
    notebooks = [ROOT / CHAPTER, ROOT / EXERCISE]
    for notebook in notebooks:
        shutil.copy(notebook, folder)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("HF_", "TRANSFORMERS_", "PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
    env.update(HOME=str(home), PYTHONHASHSEED="0", JUPYTER_PATH=str(kernel_spec(python, tmp_path)))
    # nbval with the suite's float tolerance (tools/notebooks/portable_outputs.py), importable by this
    # pytest process alone: the kernel's sys.path holds nothing of the repository.
    runner = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); import pytest; "
              "sys.exit(pytest.main(sys.argv[1:]))")
    result = subprocess.run(
        [sys.executable, "-c", runner, "--nbval", "--nbval-kernel-name", KERNEL, "--nbval-cell-timeout=120",
         "-p", "tools.notebooks.portable_outputs", "-p", "no:cacheprovider", "-q",
         *[notebook.name for notebook in notebooks]],
        cwd=folder, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert not (folder / "course").exists() and sorted(p.name for p in folder.iterdir()) == sorted(
        notebook.name for notebook in notebooks), "the folder must hold the notebooks alone"
