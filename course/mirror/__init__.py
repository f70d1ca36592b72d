"""Offline mirror of the book's checkpoints: real tokenizers and configs, stand-in weights.

`python -m course.mirror [DIR]` builds it; see `layout.environment` for how notebooks use it.
"""

from .checkpoints import CHECKPOINTS
from .layout import default_dir, environment, is_up_to_date

__all__ = ["CHECKPOINTS", "default_dir", "environment", "ensure", "is_up_to_date"]


def ensure(mirror_dir=None, log=print):
    """Build the mirror into `mirror_dir` unless it is already up to date; return its folder."""
    from pathlib import Path

    from .layout import expected_stamp

    mirror_dir = Path(mirror_dir or default_dir())
    if is_up_to_date(mirror_dir):
        log(f"Mirror in {mirror_dir} is up to date.")
    else:
        from .build import build

        log(f"Building the offline mirror in {mirror_dir} ...")
        build(mirror_dir, expected_stamp(), log=log)
    return mirror_dir
