"""`make test`'s scheduling (conftest.py): each test file runs on one worker, all the files that
use the built website on the one that builds it, and that unit starts first."""

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = ["tests/test_provenance.py", "tests/test_upgrade.py", "tests/test_workflows.py"]  # fast ones


@pytest.fixture(scope="module")
def units(request):
    """The repository's conftest.py (a plugin of this session)."""
    return next(plugin for plugin in request.config.pluginmanager.get_plugins()
                if getattr(plugin, "__file__", None) == str(ROOT / "conftest.py"))


def test_the_website_files_are_one_unit_that_starts_first(units):
    assert {units.unit_of(path) for path in units.WEBSITE_FILES} == {units.WEBSITE}
    assert units.unit_of(FILES[0]) == FILES[0] and units.LONGEST_FIRST[0] == units.WEBSITE
    assert all((ROOT / path).is_file() for path in units.WEBSITE_FILES + units.LONGEST_FIRST[1:])


def test_each_file_runs_on_one_worker():
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-v", *FILES],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    workers = defaultdict(set)
    for worker, file in re.findall(r"^\[(gw\d)\] .*?(?:PASSED|FAILED|SKIPPED) (tests/\S+?\.py)::", result.stdout, re.M):
        workers[file].add(worker)
    assert sorted(workers) == FILES and all(len(ran_on) == 1 for ran_on in workers.values()), dict(workers)
    assert len(set().union(*workers.values())) == 2, "both workers had work"
