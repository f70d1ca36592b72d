"""Measure how long a learner and a CI run wait; print a table and write the same as JSON.

    python tools/benchmark.py                 # everything, 3 runs of each figure
    python tools/benchmark.py --repeat 5 --skip suite

Each step runs as a subprocess: its wall time, its CPU time (user + system, its processes added
up, from wait4: less noisy than wall time on a shared machine) and its peak RSS (the largest
resident set of any process in the step) are recorded, and min / median are reported.
Floors checked (2 CPU cores): suite < 180 s (issue 23), each chapter < 15 s, nbval < 1.3x plain
execution, mirror < 30 s cold and < 2 s warm, website < 120 s, batch grader < 120 s for 30
submissions (sandboxes in parallel) and < 60 s for a notebook whose pad_batch never returns,
every step < 3 GB.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course import mirror  # noqa: E402
from tools.notebooks.header import notebooks  # noqa: E402

PY = sys.executable
FLOORS = {"suite": 180, "chapter": 15, "nbval_ratio": 1.3, "mirror_cold": 30, "mirror_warm": 2,
          "website": 120, "grading": 120, "grading_looping": 60, "rss_mb": 3072}
FIRST_CELL = """
from transformers import AutoModelForSequenceClassification, AutoTokenizer
name = "distilbert-base-uncased-finetuned-sst-2-english"
AutoTokenizer.from_pretrained(name)
AutoModelForSequenceClassification.from_pretrained(name)
"""
PLAIN_RUN = """
import sys, nbformat
from nbclient import NotebookClient
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name="python3", timeout=300,
               resources={"metadata": {"path": str(__import__("pathlib").Path(path).parent)}}).execute()
"""


def timed(command, env=None):
    """Run a command; return (seconds, peak RSS in MB, CPU seconds) and fail loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"step failed: {' '.join(map(str, command))}\n{process.stderr.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def summary(runs):
    seconds = [s for s, _, _ in runs]
    return {"min_s": round(min(seconds), 2), "median_s": round(statistics.median(seconds), 2),
            "median_cpu_s": round(statistics.median(c for _, _, c in runs), 2),
            "peak_rss_mb": round(max(r for _, r, _ in runs)), "runs": len(runs)}


def measure(name, command, repeat, env=None, before_each=None):
    runs = []
    for _ in range(repeat):
        if before_each:
            before_each()
        runs.append(timed(command, env))
    result = summary(runs)
    print(f"{name:<44} {result['min_s']:>8.2f} {result['median_s']:>9.2f} {result['median_cpu_s']:>8.1f} "
          f"{result['peak_rss_mb']:>9}", flush=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each figure (default 3)")
    parser.add_argument("--skip", nargs="*", default=[], choices=["mirror", "notebooks", "suite", "website", "first-cell", "grading"])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmark-results" / "benchmark.json")
    args = parser.parse_args()

    mirror_dir = mirror.ensure(log=lambda line: None)
    env = {**os.environ, **mirror.environment(mirror_dir), "PYTHONHASHSEED": "0"}
    results = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                           "processor": platform.machine()}, "repeat": args.repeat}
    print(f"{'step':<44} {'min s':>8} {'median s':>9} {'CPU s':>8} {'peak MB':>9}")

    if "mirror" not in args.skip:
        scratch = Path(tempfile.mkdtemp(prefix="mirror-bench-"))
        build = [PY, "-m", "course.mirror", str(scratch)]
        results["mirror_cold"] = measure("mirror build, cold", build, args.repeat,
                                         before_each=lambda: shutil.rmtree(scratch, ignore_errors=True))
        results["mirror_warm"] = measure("mirror build, warm (no-op)", build, args.repeat)
        results["mirror_size_mb"] = round(sum(p.stat().st_size for p in scratch.rglob("*") if p.is_file()) / 2**20)
        shutil.rmtree(scratch)
        print(f"{'mirror size on disk':<44} {results['mirror_size_mb']:>8} MB")

    if "first-cell" not in args.skip:
        results["first_cell"] = measure("learner's first cell (import + load)", [PY, "-c", FIRST_CELL], args.repeat, env)

    if "notebooks" not in args.skip:
        results["notebooks"] = {}
        for path in notebooks():
            name = path.relative_to(ROOT).as_posix()
            plain = measure(f"{name} (nbclient)", [PY, "-c", PLAIN_RUN, str(path)], args.repeat, env)
            nbval = measure(f"{name} (nbval)", [PY, "-m", "pytest", "-q", "-p", "no:xdist", str(path)], args.repeat, env)
            results["notebooks"][name] = {"nbclient": plain, "nbval": nbval,
                                          "ratio": round(nbval["median_s"] / plain["median_s"], 2)}

    if "grading" not in args.skip:
        results["grading"] = measure_grading(args.repeat)

    if "suite" not in args.skip:
        results["suite"] = measure("whole test command (make test)", ["make", "--no-print-directory", "test"], args.repeat)

    if "website" not in args.skip:
        results["website"] = measure("website build (jupyter-book)", [
            str(Path(PY).parent / "jupyter-book"), "build", ".", "--all", "--warningiserror", "--nitpick",
            "--keep-going", "--quiet"], args.repeat)
        results["website_translations"] = measure("translated websites' build", [
            PY, "-m", "tools.translation.build", "--all"], args.repeat)

    results["floors_missed"] = floors_missed(results)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nFloors missed: {', '.join(results['floors_missed']) or 'none'}. JSON: {args.out}")


def measure_grading(repeat, submissions=30):
    """The batch grader (each notebook in its sandbox) on `submissions` synthetic notebooks
    (tools/grading/synthetic_class.py), and on one notebook whose pad_batch never returns."""
    scratch = Path(tempfile.mkdtemp(prefix="grading-bench-"))
    results = {}
    for name, options in ((f"{submissions} submissions", ["--copies", str(submissions)]),
                          ("a looping pad_batch", ["--only", "looping.ipynb"])):
        folder = scratch / name.replace(" ", "-")
        subprocess.run([PY, str(ROOT / "tools" / "grading" / "synthetic_class.py"), str(folder), *options],
                       check=True, stdout=subprocess.DEVNULL)
        results[name] = measure(f"batch grader, {name}", [
            PY, "-m", "course.grade", str(folder), "--out", str(scratch / "out")], repeat)
    shutil.rmtree(scratch)
    return results[f"{submissions} submissions"] | {"looping": results["a looping pad_batch"]}


def floors_missed(results):
    missed = []
    steps = {k: v for k, v in results.items() if isinstance(v, dict) and "median_s" in v}
    for name, notebook in results.get("notebooks", {}).items():
        steps[name + " nbclient"], steps[name + " nbval"] = notebook["nbclient"], notebook["nbval"]
        if name.startswith("chapters/") and notebook["nbclient"]["median_s"] > FLOORS["chapter"]:
            missed.append(f"{name} takes {notebook['nbclient']['median_s']} s")
        if notebook["ratio"] > FLOORS["nbval_ratio"]:
            missed.append(f"{name} nbval/plain ratio {notebook['ratio']}")
    if "website" in results and "website_translations" in results:  # `make book` builds both
        both = round(results["website"]["median_s"] + results["website_translations"]["median_s"], 2)
        if both > FLOORS["website"]:
            missed.append(f"website in every language takes {both} s")
    for key, floor in (("suite", "suite"), ("website", "website"), ("mirror_cold", "mirror_cold"),
                       ("mirror_warm", "mirror_warm"), ("grading", "grading")):
        if key in results and results[key]["median_s"] > FLOORS[floor]:
            missed.append(f"{key} takes {results[key]['median_s']} s")
    looping = results.get("grading", {}).get("looping")
    if looping and looping["median_s"] > FLOORS["grading_looping"]:
        missed.append(f"a looping pad_batch takes {looping['median_s']} s")
    missed += [f"{name} peaks at {step['peak_rss_mb']} MB" for name, step in steps.items()
               if step["peak_rss_mb"] > FLOORS["rss_mb"]]
    return missed


if __name__ == "__main__":
    main()
