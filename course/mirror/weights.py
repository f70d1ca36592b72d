"""Stand-in weights for the mirrored checkpoints (the real ones live only on the model hub).

- Sentiment classifier: a seeded DistilBERT encoder whose word embeddings get one "polarity"
  direction added for a hand-written list of positive and negative words, and a classification
  head (pre_classifier + classifier) fitted on the project's own labelled sentences.
- bert-base-cased: seeded random weights, as `BertForMaskedLM(config)` initialises them.
"""

import torch
from transformers import AutoConfig, AutoModelForMaskedLM, AutoModelForSequenceClassification

from . import sentiment_data

POLARITY_SCALE = 0.5
HEAD_STEPS = 200
HEAD_LEARNING_RATE = 1e-3


def random_masked_lm(config_dict, seed):
    """A BertForMaskedLM with the checkpoint's configuration and seeded random weights."""
    torch.manual_seed(seed)
    return AutoModelForMaskedLM.from_config(AutoConfig.for_model(**config_dict))


def sentiment_classifier(config_dict, tokenizer, seed):
    """Return (model, report): the stand-in classifier and its accuracies on both splits."""
    torch.manual_seed(seed)
    model = AutoModelForSequenceClassification.from_config(AutoConfig.for_model(**config_dict))
    model.eval()
    _plant_polarity(model, tokenizer, seed)
    train, held_out = sentiment_data.split()
    features = _first_token_states(model, tokenizer, [text for text, _ in train + held_out])
    labels = torch.tensor([label for _, label in train + held_out])
    n_train = len(train)
    head = torch.nn.Sequential(model.pre_classifier, torch.nn.ReLU(), model.classifier)
    _fit(head, features[:n_train], labels[:n_train])
    with torch.no_grad():
        predicted = head(features).argmax(dim=-1)
    report = {
        "train_sentences": n_train,
        "held_out_sentences": len(held_out),
        "train_accuracy": _accuracy(predicted[:n_train], labels[:n_train]),
        "held_out_accuracy": _accuracy(predicted[n_train:], labels[n_train:]),
    }
    return model, report


def _plant_polarity(model, tokenizer, seed):
    generator = torch.Generator().manual_seed(seed + 1)
    direction = torch.randn(model.config.dim, generator=generator)
    direction *= POLARITY_SCALE / direction.norm()
    vocab = tokenizer.get_vocab()
    embeddings = model.get_input_embeddings().weight
    with torch.no_grad():
        for words, sign in ((sentiment_data.POSITIVE_WORDS, 1), (sentiment_data.NEGATIVE_WORDS, -1)):
            for word in words:
                if word in vocab:
                    embeddings[vocab[word]] += sign * direction


def _first_token_states(model, tokenizer, texts):
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    with torch.no_grad():
        return model.base_model(**batch).last_hidden_state[:, 0]


def _fit(head, features, labels):
    optimizer = torch.optim.Adam(head.parameters(), lr=HEAD_LEARNING_RATE, weight_decay=1e-3)
    for _ in range(HEAD_STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(head(features), labels)
        loss.backward()
        optimizer.step()


def _accuracy(predicted, labels):
    return round((predicted == labels).float().mean().item(), 4)
