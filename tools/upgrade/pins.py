"""The requirements files' pins, and the newest releases of requirements.in's packages.

A package's "major line" is its first version number: transformers 5.x, jupyter-book 1.x,
tokenizers 0.x. PyTorch is taken from its CPU builds only, the versions with the local label
`+cpu` (on GitHub, pip finds them with PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu);
with none on the index the pin stays. The other releases of torch pip may see are multi-GB CUDA
builds, never resolved here. Pins are written without the local label, as tools/upgrade/freeze.sh does,
so pip takes the CPU wheel the index offers.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;#]+)")
PIP = [sys.executable, "-m", "pip"]
TORCH = "torch"
FROZEN_HEADER = "# Generated from requirements.in by tools/upgrade/freeze.sh or make upgrade: the full pinned set, installed by make."
FREEZE_LEAVES_OUT = {"pip", "setuptools", "wheel", "distribute"}


class ResolutionError(Exception):
    """pip could not resolve the upgraded pins (its message says why)."""


def read_pins(path):
    """{canonical name: version} of the `name==version` lines of a requirements file."""
    pins = {}
    for line in Path(path).read_text().splitlines():
        if match := PIN.match(line):
            pins[canonicalize_name(match["name"])] = match["version"]
    return pins


def write_pins(path, versions):
    """Set the pinned versions of the packages in `versions` ({canonical name: version}),
    keeping every other line (comments, order, spelling of names) as it is."""
    lines = Path(path).read_text().splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = PIN.match(line)
        if match and canonicalize_name(match["name"]) in versions:
            version = versions[canonicalize_name(match["name"])]
            lines[index] = line[:match.start("version")] + version + line[match.end("version"):]
    Path(path).write_text("".join(lines))


def public(version):
    """A version without its local label ("2.13.0+cpu" -> "2.13.0")."""
    return version.split("+", 1)[0]


def index_versions(name):
    """Every version of `name` on pip's configured indexes that installs on this Python."""
    result = subprocess.run(PIP + ["index", "versions", name], capture_output=True, text=True)
    line = next((line for line in result.stdout.splitlines() if line.startswith("Available versions:")), "")
    versions = []
    for text in line.partition(":")[2].split(","):
        try:
            versions.append(Version(text.strip()))
        except InvalidVersion:
            continue
    return versions


def newest_in_major_line(versions, current, local=None):
    """The newest of `versions` in `current`'s major line, not older than it, whose local label
    is `local`; None if there is none."""
    floor = Version(public(current))
    fitting = [v for v in versions
               if v.major == floor.major and v.local == local and Version(v.public) >= floor and not v.is_prerelease]
    return str(max(fitting)) if fitting else None


def requirement(name, current, torch_build=None, upgrade=True):
    """What pip is asked for: a range within the major line, or for torch the chosen CPU build;
    with `upgrade` False, the pin itself."""
    if name == TORCH:
        return f"{TORCH}=={torch_build or current}"
    return f"{name}>={current},=={Version(current).major}.*" if upgrade else f"{name}=={current}"


def resolve(pins, upgrade=True):
    """What pip installs in a fresh environment for `pins` ({name: version}), their newest
    releases within their major lines if `upgrade`: ({name: version} of the pinned packages,
    {name: version} of every package), local labels dropped.

    One `pip install --dry-run --report`: the same resolution as tools/upgrade/freeze.sh's
    `pip install -r requirements.in` in a throw-away environment, without the install."""
    newest_torch = newest_in_major_line(index_versions(TORCH), pins[TORCH], local="cpu") if upgrade else None
    requested = [requirement(name, version, newest_torch, upgrade) for name, version in pins.items()]
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(PIP + ["install", "--dry-run", "--ignore-installed", "--quiet",
                                       "--report", str(report), *requested], capture_output=True, text=True)
        if result.returncode != 0:
            raise ResolutionError(result.stderr.strip()[-3000:])
        installed = json.loads(report.read_text())["install"]
    every = {item["metadata"]["name"]: public(item["metadata"]["version"]) for item in installed}
    by_canonical = {canonicalize_name(name): version for name, version in every.items()}
    return {name: by_canonical[name] for name in pins}, every


def write_frozen(path, every):
    """requirements.txt as tools/upgrade/freeze.sh writes it: its header line, then `name==version` for
    every package but pip's own build tools (which `pip freeze` leaves out), sorted by name."""
    lines = [f"{name}=={version}" for name, version in sorted(every.items(), key=lambda item: item[0].lower())
             if canonicalize_name(name) not in FREEZE_LEAVES_OUT]
    Path(path).write_text(FROZEN_HEADER + "\n" + "\n".join(lines) + "\n")


def changed(old, new):
    """[(name, old version, new version)] for every package whose pin differs (added: old None,
    removed: new None), sorted by name."""
    return [(name, old.get(name), new.get(name)) for name in sorted(set(old) | set(new))
            if old.get(name) != new.get(name)]
