"""Where the mirror lives and how to tell whether it is up to date (no torch import here)."""

import hashlib
import json
import os
from importlib import metadata
from pathlib import Path

from .checkpoints import CHECKPOINTS

STAMP_FILE = "course-mirror.json"
_SOURCES = ("build.py", "checkpoints.py", "random_init.py", "sentiment_data.py", "sentiment_head.json",
            "vocab.py", "weights.py")
_LIBRARIES = ("torch", "transformers", "tokenizers", "blingfire", "numpy")
# The variables that put huggingface_hub, and so Transformers, in offline mode: its
# `constants.HF_HUB_OFFLINE` reads both (Transformers 5 reads none of its own).
OFFLINE_VARIABLES = ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")


def default_dir():
    """The repository's git-ignored `.mirror` folder, or a user cache folder outside a checkout."""
    repo = Path(__file__).resolve().parents[2]
    if (repo / "_config.yml").exists():
        return repo / ".mirror"
    return Path.home() / ".cache" / "transformers-course-mirror"


def environment(mirror_dir):
    """Environment variables under which unchanged notebook code loads from the mirror."""
    return {"HF_HOME": str(Path(mirror_dir).resolve()), "HF_HUB_OFFLINE": "1"}


def repo_folder(mirror_dir, name):
    return Path(mirror_dir) / "hub" / ("models--" + name.replace("/", "--"))


def expected_stamp():
    """What the mirror's stamp must say: a hash of the builder's code and library versions."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for source in _SOURCES:
        digest.update((here / source).read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library}=={metadata.version(library)}".encode())
    return {"revision": digest.hexdigest()[:40], "checkpoints": sorted(CHECKPOINTS)}


def read_stamp(mirror_dir):
    try:
        return json.loads((Path(mirror_dir) / STAMP_FILE).read_text())
    except (OSError, ValueError):
        return None


def write_stamp(mirror_dir, stamp):
    (Path(mirror_dir) / STAMP_FILE).write_text(json.dumps(stamp, indent=2) + "\n")


def is_up_to_date(mirror_dir):
    stamp = read_stamp(mirror_dir)
    expected = expected_stamp()
    if not stamp or any(stamp.get(key) != value for key, value in expected.items()):
        return False
    return all((repo_folder(mirror_dir, name) / "refs" / "main").is_file() for name in CHECKPOINTS)


def mirror_dir_from_environment():
    """The mirror this process loads from, if HF_HOME points at one; else None."""
    home = os.environ.get("HF_HOME")
    if home and read_stamp(home):
        return Path(home)
    return None
