"""Stand-in weights for the mirrored checkpoints (the real ones live only on the model hub).

- bert-base-cased: random weights as `BertForMaskedLM(config)` would have them, drawn so that
  they are the same bits on every machine (`random_init`).
- Sentiment classifier: the same kind of random DistilBERT, whose word embeddings get one
  "polarity" direction added for a hand-written list of positive and negative words, a random
  `pre_classifier`, and a `classifier` layer read from `sentiment_head.json`. That file was fitted
  once on the course's own sentences by `python -m course.mirror.fit_head`: fitting at build time
  would repeat float32 arithmetic whose last bits differ between processors.
"""

import json
import math
from pathlib import Path

import numpy as np
import torch
from transformers import AutoConfig, AutoModelForMaskedLM, AutoModelForSequenceClassification
from transformers.initialization import no_init_weights

from . import random_init, sentiment_data

POLARITY_SCALE = 0.5
HEAD_FILE = Path(__file__).with_name("sentiment_head.json")


def random_masked_lm(config_dict, seed):
    """A BertForMaskedLM with the checkpoint's configuration and portable random weights."""
    model = _uninitialised(AutoModelForMaskedLM, config_dict)
    random_init.fill(model, seed, model.config.initializer_range)
    return model.eval()


def sentiment_body(config_dict, tokenizer, seed):
    """The classifier before its fitted layer: random encoder, planted polarity, random pre_classifier."""
    model = _uninitialised(AutoModelForSequenceClassification, config_dict)
    random_init.fill(model, seed, model.config.initializer_range)
    _plant_polarity(model, tokenizer, seed)
    return model.eval()


def sentiment_classifier(config_dict, tokenizer, seed):
    """Return (model, report): the stand-in classifier and its accuracies on both splits."""
    model = sentiment_body(config_dict, tokenizer, seed)
    head = json.loads(HEAD_FILE.read_text())
    with torch.no_grad():
        model.classifier.weight.copy_(torch.tensor(head["weight"], dtype=torch.float32))
        model.classifier.bias.copy_(torch.tensor(head["bias"], dtype=torch.float32))
    return model, accuracy_report(model, tokenizer)


def head_features(model, tokenizer, texts):
    """What the fitted `classifier` layer reads: ReLU(pre_classifier(first token's state))."""
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        first_token = model.distilbert(**batch).last_hidden_state[:, 0]
        return torch.relu(model.pre_classifier(first_token))


def accuracy_report(model, tokenizer):
    """Accuracy on the held-out sentences (phrasings the fit never saw), as the builder prints it."""
    train, held_out = sentiment_data.split()
    features = head_features(model, tokenizer, [text for text, _ in held_out])
    with torch.no_grad():
        predicted = model.classifier(features).argmax(dim=-1).tolist()
    correct = sum(guess == label for guess, (_, label) in zip(predicted, held_out))
    return {"train_sentences": len(train), "held_out_sentences": len(held_out),
            "held_out_accuracy": round(correct / len(held_out), 4)}


def _uninitialised(auto_class, config_dict):
    """The model without Transformers' own random initialisation (`random_init.fill` overwrites
    every parameter anyway), its tied weights tied."""
    with no_init_weights():
        model = auto_class.from_config(AutoConfig.for_model(**config_dict))
    model.tie_weights()
    return model


def _plant_polarity(model, tokenizer, seed):
    direction = random_init.uniform(seed + 1, "polarity", (model.config.dim,), 1.0).astype(np.float64)
    norm = math.sqrt(math.fsum(float(value) ** 2 for value in direction))  # exactly rounded
    direction = torch.from_numpy((direction * (POLARITY_SCALE / norm)).astype(np.float32))
    vocab = tokenizer.get_vocab()
    embeddings = model.get_input_embeddings().weight
    with torch.no_grad():
        for words, sign in ((sentiment_data.POSITIVE_WORDS, 1), (sentiment_data.NEGATIVE_WORDS, -1)):
            for word in words:
                if word in vocab:
                    embeddings[vocab[word]] += sign * direction
