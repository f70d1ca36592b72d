"""Write the mirror: a Hugging Face cache (`hub/models--NAME/refs/main`, `snapshots/REV/`)."""

import json
import shutil
import tempfile
from pathlib import Path

from transformers import BertTokenizer
from transformers.utils import logging as transformers_logging

from . import checkpoints, vocab, weights
from .layout import repo_folder, write_stamp

SEED = 0
STAND_IN_NOTE = """# Stand-in for {name}

Built offline by `python -m course.mirror` for the course book. The configuration and the
tokenizer files are the real ones; the weights in `model.safetensors` are stand-ins
({how}). Outputs that depend on weights differ from the real checkpoint's.
"""


def build(mirror_dir, stamp, log=print):
    """Build every checkpoint into `mirror_dir`; return the build report."""
    mirror_dir = Path(mirror_dir)
    mirror_dir.mkdir(parents=True, exist_ok=True)
    transformers_logging.disable_progress_bar()
    report = {}
    for name, spec in checkpoints.CHECKPOINTS.items():
        with tempfile.TemporaryDirectory(dir=mirror_dir) as scratch:
            files = Path(scratch)
            tokenizer = write_tokenizer(spec, files)
            if spec["config"]["architectures"][0].endswith("ForSequenceClassification"):
                model, report[name] = weights.sentiment_classifier(spec["config"], tokenizer, SEED)
                how = "a seeded encoder and a last layer fitted on the course's own sentences"
                log(f"{name}: stand-in head, held-out accuracy "
                    f"{report[name]['held_out_accuracy']:.1%} on {report[name]['held_out_sentences']} sentences")
            else:
                model = weights.random_masked_lm(spec["config"], SEED)
                how = "portable seeded random initialisation"
                log(f"{name}: seeded random weights")
            model.save_pretrained(files / "weights")
            (files / "weights" / "model.safetensors").rename(files / "model.safetensors")
            shutil.rmtree(files / "weights")
            (files / "config.json").write_text(json.dumps(spec["config"], indent=2) + "\n")
            (files / "README.md").write_text(STAND_IN_NOTE.format(name=name, how=how))
            _install_snapshot(mirror_dir, name, files, stamp["revision"])
    write_stamp(mirror_dir, dict(stamp, report=report))
    return report


def write_tokenizer(spec, folder):
    """Write the checkpoint's real tokenizer files into `folder`; return the tokenizer."""
    vocab_file = folder / "vocab.txt"
    vocab.write_vocab_file(vocab.rebuild_vocabulary(spec["vocabulary"]), vocab_file)
    settings = spec["tokenizer_config"]
    (folder / "tokenizer_config.json").write_text(json.dumps(settings, indent=2) + "\n")
    tokenizer = BertTokenizer(str(vocab_file), do_lower_case=settings["do_lower_case"])
    if spec["tokenizer_json"]:
        tokenizer.backend_tokenizer.save(str(folder / "tokenizer.json"))
    return tokenizer


def _install_snapshot(mirror_dir, name, files, revision):
    repo = repo_folder(mirror_dir, name)
    if repo.exists():
        shutil.rmtree(repo)
    snapshot = repo / "snapshots" / revision
    snapshot.parent.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(revision)
    for path in [files, *files.iterdir()]:  # readable by all, as a cache is (mkdtemp's are not)
        path.chmod(0o755 if path.is_dir() else 0o644)
    files.rename(snapshot)
    files.mkdir()  # the temporary directory removes itself
