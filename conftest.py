"""Test-suite set-up: build the offline mirror and point every notebook kernel at it.

Kernels start with `tools.portable_outputs.OTHER_PROCESSOR`: PyTorch and MKL then compute as on
another processor than the one that stored the outputs (`make notebooks` runs plainly), and
nbval compares floats with the tolerance that plugin adds.

Set COURSE_HUB=online to run against the real Hugging Face Hub instead (needs network): then
the reference-figure test runs, and notebooks are only required to run top to bottom
(`--nbval-lax`), since their stored outputs are the offline mirror's.
"""

import os

import pytest

from course import mirror
from course.hub import AUTOMATED_RUN

pytest_plugins = ["pytester", "tools.portable_outputs", "tools.translation.nbval_translations"]

ONLINE = os.environ.get("COURSE_HUB") == "online"


def pytest_configure(config):
    from tools.portable_outputs import OTHER_PROCESSOR  # imported as a plugin first (assert rewriting)

    os.environ["PYTHONHASHSEED"] = "0"  # fixed for kernels too: stable set ordering in outputs
    os.environ[AUTOMATED_RUN] = "1"  # kernels never use a Hub account (course.hub), even online
    if ONLINE:
        config.option.nbval_lax = True  # stored outputs come from the mirror's stand-in weights
    else:
        if not hasattr(config, "workerinput"):  # the xdist controller (or a plain run) builds it
            mirror.ensure(log=lambda line: None)
        os.environ.update(mirror.environment(mirror.default_dir()))
    os.environ.update(OTHER_PROCESSOR)  # read by kernels (and tools) started from now on


@pytest.fixture(scope="session")
def mirror_dir():
    """The built mirror's folder (offline runs only)."""
    if ONLINE:
        pytest.skip("COURSE_HUB=online: checkpoints come from the Hugging Face Hub, not the mirror")
    return mirror.default_dir()

