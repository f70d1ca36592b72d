"""The website's live tokenizer data: each mirror checkpoint's tokenizer files, and a manifest.

`tools/website/web_assets.py` calls `update(folder)`, which writes, for the pages' JavaScript
(`book/_static/live/`), unless they are up to date:

    live/tokenizers/<checkpoint>/tokenizer.json, tokenizer_config.json
    live/manifest.json   checkpoints with labels and file paths, and the colours and choices of
                         `course.pieces` and `course.playground`, so the page draws what they draw
    live/stamp.json      the mirror revision and styles they were written from

The files are what `AutoTokenizer.from_pretrained(checkpoint).save_pretrained(...)` writes when
the checkpoint loads from the offline mirror (which is built first if needed).
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

from course import mirror, pieces, playground

FILES = ("tokenizer.json", "tokenizer_config.json")


def styles():
    """The notebooks' colours and choices, which the live pages reuse."""
    return {"palette": list(pieces.PALETTE), "special_colour": pieces.SPECIAL_COLOUR,
            "kind_styles": playground.KIND_STYLES, "padding_choices": list(playground.PADDING_CHOICES)}


def stamp():
    """What the written files depend on: the mirror's revision and the notebooks' styles."""
    built = mirror.layout.read_stamp(mirror.default_dir()) or {}
    return {"mirror": built.get("revision"), "styles": styles()}


def update(folder):
    """Write the files into `folder`/live unless they are up to date; build the mirror if needed."""
    os.environ.update(mirror.environment(mirror.ensure(log=lambda line: None)))
    stamp_file = Path(folder) / "live" / "stamp.json"
    try:
        if json.loads(stamp_file.read_text()) == stamp():
            print("Live tokenizer files are up to date.")
            return
    except (OSError, ValueError):
        pass
    for name in write(Path(folder) / "live"):
        print(f"tokenizer files of {name}")
    stamp_file.write_text(json.dumps(stamp(), indent=2) + "\n")


def write(live):
    """Write the tokenizer files of every mirror checkpoint and the manifest into `live`."""
    from transformers import AutoTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    checkpoints = []
    for name in sorted(mirror.CHECKPOINTS):
        tokenizer = AutoTokenizer.from_pretrained(name)
        target = live / "tokenizers" / name
        target.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as scratch:
            tokenizer.save_pretrained(scratch)
            for file in FILES:
                shutil.copy2(Path(scratch) / file, target / file)
        case = "uncased" if tokenizer.do_lower_case else "cased"
        checkpoints.append({"name": name, "label": f"{name} ({case})",
                            **{file.removesuffix(".json"): f"tokenizers/{name}/{file}" for file in FILES}})
    manifest = {"checkpoints": checkpoints, **styles()}
    (live / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return [entry["name"] for entry in checkpoints]
