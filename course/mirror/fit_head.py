"""python -m course.mirror.fit_head: refit the stand-in classifier's last layer.

Writes `sentiment_head.json`, which the mirror builder reads (see weights.py). Run it only when
the stand-in's body or the sentences change; the file is committed, and a test pins its hash,
because the fit repeats float32 arithmetic whose last bits differ between processors.
"""

import json
import tempfile
from pathlib import Path

import torch

from . import build, checkpoints, sentiment_data, weights

STEPS = 500
LEARNING_RATE = 1e-2
WEIGHT_DECAY = 0.0


def fit(model, tokenizer):
    """Fit `model.classifier` on the training sentences (logistic regression on fixed features)."""
    train, _ = sentiment_data.split()
    features = weights.head_features(model, tokenizer, [text for text, _ in train])
    labels = torch.tensor([label for _, label in train])
    layer = model.classifier
    optimizer = torch.optim.Adam(layer.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    for _ in range(STEPS):
        optimizer.zero_grad()
        torch.nn.functional.cross_entropy(layer(features), labels).backward()
        optimizer.step()


def main():
    spec = checkpoints.CHECKPOINTS[checkpoints.SENTIMENT]
    with tempfile.TemporaryDirectory() as folder:
        tokenizer = build.write_tokenizer(spec, Path(folder))
    model = weights.sentiment_body(spec["config"], tokenizer, build.SEED)
    fit(model, tokenizer)
    head = {name: parameter.tolist() for name, parameter in model.classifier.named_parameters()}
    weights.HEAD_FILE.write_text(json.dumps(head) + "\n")
    print(f"Wrote {weights.HEAD_FILE}: {weights.accuracy_report(model, tokenizer)}")


if __name__ == "__main__":
    main()
