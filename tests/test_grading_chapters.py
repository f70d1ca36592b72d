"""The exercises of chapters 1, 2, 3 and 5: correct answers in several styles pass, typical
mistakes fail with a clear reason. (Chapter 4's exercises are in test_grading.py.)

The mistaken functions live here, never in the notebooks.
"""

import pytest
import torch
from transformers import BertConfig, BertModel, pipeline

from course.grading import EXERCISES, Status, check
from course.grading.bert_parameter_count import FIELDS, counting_config_class

# ---- chapter 1: predict --------------------------------------------------------------------


def predict_by_hand(texts, tokenizer, model):
    inputs = tokenizer(list(texts), padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        probabilities = torch.softmax(model(**inputs).logits, dim=-1)
    results = []
    for row in probabilities:
        index = row.argmax().item()
        results.append({"label": model.config.id2label[index], "score": row[index].item()})
    return results


def predict_one_by_one(texts, tokenizer, model):
    results = []
    for text in texts:
        with torch.no_grad():
            logits = model(**tokenizer(text, return_tensors="pt")).logits[0]
        score, index = logits.softmax(-1).max(dim=-1)
        results.append({"score": float(score), "label": model.config.id2label[int(index)]})
    return results


def predict_with_the_pipeline(texts, tokenizer, model):
    return pipeline("sentiment-analysis", model=model, tokenizer=tokenizer)(list(texts))


def predict_without_mask(texts, tokenizer, model):
    inputs = tokenizer(list(texts), padding=True, return_tensors="pt")
    logits = model(input_ids=inputs["input_ids"]).logits.detach()
    return _named(logits.softmax(-1), model)


def predict_logits_as_scores(texts, tokenizer, model):
    logits = model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits
    return _named(logits.detach(), model)


def predict_with_sigmoid(texts, tokenizer, model):
    logits = model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits
    return _named(logits.detach().sigmoid(), model)


def predict_label_ids(texts, tokenizer, model):
    return [{"label": item["label"] == "POSITIVE", "score": item["score"]}
            for item in predict_by_hand(texts, tokenizer, model)]


def predict_tensor_scores(texts, tokenizer, model):
    return [{"label": item["label"], "score": torch.tensor(item["score"])}
            for item in predict_by_hand(texts, tokenizer, model)]


def predict_first_text_only(texts, tokenizer, model):
    return predict_by_hand(texts[:1], tokenizer, model)


def predict_softmax_over_the_batch(texts, tokenizer, model):
    logits = model(**tokenizer(list(texts), padding=True, return_tensors="pt")).logits
    return _named(logits.detach().softmax(dim=0), model)


def _named(scores, model):
    return [{"label": model.config.id2label[int(row.argmax())], "score": row.max().item()}
            for row in scores]


# ---- chapter 2: bert_parameter_count ---------------------------------------------------------


def count_by_parts(config):
    h, i = config.hidden_size, config.intermediate_size
    embeddings = (config.vocab_size + config.max_position_embeddings
                  + config.type_vocab_size) * h + 2 * h
    layer = 4 * (h * h + h) + 2 * h + (h * i + i) + (i * h + h) + 2 * h
    return embeddings + config.num_hidden_layers * layer + (h * h + h)


def count_with_a_helper(config):
    def linear(a, b):
        return a * b + b

    h = config.hidden_size
    layer = (4 * linear(h, h) + linear(h, config.intermediate_size)
             + linear(config.intermediate_size, h) + 2 * 2 * h)
    tables = config.vocab_size + config.max_position_embeddings + config.type_vocab_size
    return tables * h + 2 * h + layer * config.num_hidden_layers + linear(h, h)


def count_by_building(config):
    return sum(p.numel() for p in BertModel(config).parameters())


def count_by_building_on_meta(config):
    with torch.device("meta"):
        return BertModel(config).num_parameters()


def count_without_pooler(config):
    h = config.hidden_size
    return count_by_parts(config) - (h * h + h)


def count_without_biases(config):
    h, i = config.hidden_size, config.intermediate_size
    embeddings = (config.vocab_size + config.max_position_embeddings
                  + config.type_vocab_size) * h + 2 * h
    return embeddings + config.num_hidden_layers * (4 * h * h + 2 * h * i + 4 * h) + h * h


def count_without_layer_norms(config):
    h = config.hidden_size
    return count_by_parts(config) - 2 * h - config.num_hidden_layers * 4 * h


def count_without_token_types(config):
    return count_by_parts(config) - config.type_vocab_size * config.hidden_size


def count_as_a_tensor(config):
    return torch.tensor(count_by_parts(config))


def count_as_a_float(config):
    return float(count_by_parts(config))


# ---- chapter 3: wordpiece_tokenize, merge_wordpieces --------------------------------------------


def wordpiece_greedy(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    return _greedy(word, vocab, unk_token, max_input_chars_per_word, whole_word=True)


def _greedy(word, vocab, unk_token, max_input_chars_per_word, whole_word):
    """Longest match first; an unmatched character makes the whole word unknown, or only itself."""
    if len(word) > max_input_chars_per_word:
        return [unk_token]
    pieces, start = [], 0
    while start < len(word):
        for end in range(len(word), start, -1):
            piece = word[start:end] if start == 0 else "##" + word[start:end]
            if piece in vocab:
                pieces.append(piece)
                start = end
                break
        else:
            if whole_word:
                return [unk_token]
            pieces.append(unk_token)
            start += 1
    return pieces


def wordpiece_recursive(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    def split(rest, prefix):
        if not rest:
            return []
        for length in range(len(rest), 0, -1):
            if prefix + rest[:length] in vocab:
                tail = split(rest[length:], "##")
                return None if tail is None else [prefix + rest[:length], *tail]
        return None

    pieces = split(word, "") if len(word) <= max_input_chars_per_word else None
    return pieces if pieces is not None else [unk_token]


def wordpiece_shortest_first(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    pieces, rest = [], word
    while rest:
        prefix = "##" if pieces else ""
        length = next((n for n in range(1, len(rest) + 1) if prefix + rest[:n] in vocab), None)
        if length is None:
            return [unk_token]
        pieces.append(prefix + rest[:length])
        rest = rest[length:]
    return pieces


def wordpiece_without_prefix(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    return [piece.removeprefix("##") for piece in
            wordpiece_greedy(word, vocab, unk_token, max_input_chars_per_word)]


def wordpiece_unknown_piece_only(word, vocab, unk_token="[UNK]",
                                 max_input_chars_per_word=100):
    return _greedy(word, vocab, unk_token, max_input_chars_per_word, whole_word=False)


def wordpiece_limit_inclusive(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    if len(word) >= max_input_chars_per_word:
        return [unk_token]
    return wordpiece_greedy(word, vocab, unk_token)


def wordpiece_no_limit(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    return wordpiece_greedy(word, vocab, unk_token, max_input_chars_per_word=10**9)


def wordpiece_fixed_unknown(word, vocab, unk_token="[UNK]", max_input_chars_per_word=100):
    return wordpiece_greedy(word, vocab, "[UNK]", max_input_chars_per_word)


PUNCTUATION = {".", ",", "?", "!"}


def merge_in_a_loop(tokens):
    text = ""
    for token in tokens:
        if token.startswith("##"):
            text += token[2:]
        elif text and token in PUNCTUATION:
            text += token
        else:
            text += (" " if text else "") + token
    return text


def merge_with_replace(tokens):
    text = " ".join(tokens).replace(" ##", "")
    for mark in PUNCTUATION:
        text = text.replace(" " + mark, mark)
    return text


def merge_with_spaces(tokens):
    return " ".join(tokens)


def merge_removing_hashes_only(tokens):
    return " ".join(tokens).replace(" ##", "")


def merge_every_token_glued(tokens):
    return "".join(token.removeprefix("##") for token in tokens)


def merge_dropping_special_tokens(tokens):
    return merge_in_a_loop([token for token in tokens if token not in ("[CLS]", "[SEP]")])


def merge_gluing_apostrophes(tokens):
    return merge_in_a_loop(tokens).replace(" ' ", "'")


def merge_to_a_list(tokens):
    return merge_in_a_loop(tokens).split()


# ---- chapter 5: encode_pair, encode_batch -------------------------------------------------------


def pair_by_hand(tokenizer, first, second):
    a = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(first))
    b = tokenizer.convert_tokens_to_ids(tokenizer.tokenize(second))
    cls, sep = tokenizer.cls_token_id, tokenizer.sep_token_id
    input_ids = [cls, *a, sep, *b, sep]
    return {"input_ids": input_ids,
            "token_type_ids": [0] * (len(a) + 2) + [1] * (len(b) + 1),
            "attention_mask": [1] * len(input_ids)}


def pair_from_single_encodings(tokenizer, first, second):
    a, b = tokenizer(first)["input_ids"], tokenizer(second)["input_ids"]
    ids = a + b[1:]
    return {"attention_mask": [1] * len(ids), "input_ids": ids,
            "token_type_ids": [0] * len(a) + [1] * (len(b) - 1)}


def pair_with_no_token_types(tokenizer, first, second):
    encoded = pair_by_hand(tokenizer, first, second)
    encoded["token_type_ids"] = [0] * len(encoded["input_ids"])
    return encoded


def pair_with_two_cls(tokenizer, first, second):
    a, b = tokenizer(first)["input_ids"], tokenizer(second)["input_ids"]
    return {"input_ids": a + b, "token_type_ids": [0] * len(a) + [1] * len(b),
            "attention_mask": [1] * (len(a) + len(b))}


def pair_with_one_sep(tokenizer, first, second):
    encoded = pair_by_hand(tokenizer, first, second)
    return {key: values[:-1] for key, values in encoded.items()}


def pair_types_switched_after_sep(tokenizer, first, second):
    encoded = pair_by_hand(tokenizer, first, second)
    types = encoded["token_type_ids"]
    switch = types.index(1)
    encoded["token_type_ids"] = types[:switch - 1] + [1] + types[switch:]
    return encoded


def pair_without_mask(tokenizer, first, second):
    encoded = pair_by_hand(tokenizer, first, second)
    del encoded["attention_mask"]
    return encoded


def pair_as_tensors(tokenizer, first, second):
    return {key: torch.tensor(values)
            for key, values in pair_by_hand(tokenizer, first, second).items()}


def pair_by_calling_the_tokenizer(tokenizer, first, second):
    return {key: list(value) for key, value in tokenizer(first, second).items()}


def pair_with_encode(tokenizer, first, second):
    input_ids = tokenizer.encode(first, second)
    return pair_by_hand(tokenizer, first, second) | {"input_ids": input_ids}


def batch_by_calling_the_tokenizer(tokenizer, sentences, max_length):
    return dict(tokenizer(list(sentences), padding=True, truncation=True,
                          max_length=max_length, return_tensors="pt"))


def batch_padded_by_the_tokenizer(tokenizer, sentences, max_length):
    rows = [_ids(tokenizer, sentence, max_length) for sentence in sentences]
    return dict(tokenizer.pad({"input_ids": rows}, return_tensors="pt"))


def _ids(tokenizer, sentence, max_length):
    ids = tokenizer(sentence)["input_ids"]
    return ids if len(ids) <= max_length else ids[:max_length - 1] + ids[-1:]


def batch_with_lists(tokenizer, sentences, max_length):
    rows = [_ids(tokenizer, sentence, max_length) for sentence in sentences]
    longest = max(map(len, rows))
    pad = tokenizer.pad_token_id
    return {"input_ids": torch.tensor([r + [pad] * (longest - len(r)) for r in rows]),
            "token_type_ids": torch.zeros(len(rows), longest, dtype=torch.long),
            "attention_mask": torch.tensor([[1] * len(r) + [0] * (longest - len(r))
                                            for r in rows])}


def batch_with_pad_sequence(tokenizer, sentences, max_length):
    rows = [torch.tensor(_ids(tokenizer, sentence, max_length)) for sentence in sentences]
    input_ids = torch.nn.utils.rnn.pad_sequence(rows, batch_first=True,
                                                padding_value=tokenizer.pad_token_id)
    lengths = torch.tensor([len(row) for row in rows])
    mask = (torch.arange(input_ids.shape[1]) < lengths[:, None]).long()
    return {"input_ids": input_ids, "token_type_ids": torch.zeros_like(input_ids),
            "attention_mask": mask}


def batch_cutting_sep(tokenizer, sentences, max_length):
    rows = [tokenizer(sentence)["input_ids"][:max_length] for sentence in sentences]
    return _padded(tokenizer, rows)


def batch_to_max_length(tokenizer, sentences, max_length):
    rows = [_ids(tokenizer, sentence, max_length) for sentence in sentences]
    return _padded(tokenizer, rows, width=max_length)


def batch_without_token_types(tokenizer, sentences, max_length):
    encoded = batch_with_lists(tokenizer, sentences, max_length)
    del encoded["token_type_ids"]
    return encoded


def batch_of_lists(tokenizer, sentences, max_length):
    return {key: value.tolist()
            for key, value in batch_with_lists(tokenizer, sentences, max_length).items()}


def batch_without_truncation(tokenizer, sentences, max_length):
    return batch_with_lists(tokenizer, sentences, 10**6)


def batch_mask_as_bools(tokenizer, sentences, max_length):
    encoded = batch_with_lists(tokenizer, sentences, max_length)
    encoded["attention_mask"] = encoded["attention_mask"].bool()
    return encoded


def _padded(tokenizer, rows, width=None):
    width = width or max(map(len, rows))
    padding = [width - len(row) for row in rows]
    return {"input_ids": torch.tensor([row + [tokenizer.pad_token_id] * n
                                       for row, n in zip(rows, padding)]),
            "token_type_ids": torch.zeros(len(rows), width, dtype=torch.long),
            "attention_mask": torch.tensor([[1] * len(row) + [0] * n
                                            for row, n in zip(rows, padding)])}


CHAPTERS = ("predict", "bert_parameter_count", "wordpiece_tokenize", "merge_wordpieces",
            "encode_pair", "encode_batch")

CORRECT = [
    ("predict", predict_by_hand), ("predict", predict_one_by_one),
    ("bert_parameter_count", count_by_parts), ("bert_parameter_count", count_with_a_helper),
    ("wordpiece_tokenize", wordpiece_greedy), ("wordpiece_tokenize", wordpiece_recursive),
    ("merge_wordpieces", merge_in_a_loop), ("merge_wordpieces", merge_with_replace),
    ("encode_pair", pair_by_hand), ("encode_pair", pair_from_single_encodings),
    ("encode_batch", batch_with_lists), ("encode_batch", batch_with_pad_sequence),
] + [(name, EXERCISES[name].reference) for name in CHAPTERS]


@pytest.mark.parametrize("name, function", CORRECT,
                         ids=lambda item: getattr(item, "__name__", item))
def test_correct_answers_pass(name, function):
    report = check(name, function)
    assert report.passed and report.status is Status.CORRECT, str(report)
    assert "correct" in str(report)


MISTAKES = [  # (exercise, function, words the report must contain)
    ("predict", predict_with_the_pipeline, "raised DoneByTheTokenizer: this exercise asks you "
                                           "to run the three stages yourself"),
    ("predict", predict_without_mask, "the pipeline gives"),
    ("predict", predict_logits_as_scores, "softmax probability of the chosen label"),
    ("predict", predict_with_sigmoid, "softmax probability of the chosen label"),
    ("predict", predict_softmax_over_the_batch, "item 0: the score is"),
    ("predict", predict_label_ids, "it should be the label's name (a str)"),
    ("predict", predict_tensor_scores, "the score is a Tensor, but it should be a Python float"),
    ("predict", predict_first_text_only, "the list has 1 item, but there are 2 texts"),
    ("bert_parameter_count", count_by_building, "your function builds a model to count"),
    ("bert_parameter_count", count_by_building_on_meta, "your function builds a model"),
    ("bert_parameter_count", count_without_pooler, "(-590,592)"),
    ("bert_parameter_count", count_without_biases, "but the model has 109,482,240"),
    ("bert_parameter_count", count_without_layer_norms, "but the model has"),
    ("bert_parameter_count", count_without_token_types, "(-1,536)"),
    ("bert_parameter_count", count_as_a_tensor, "turn it into an int"),
    ("bert_parameter_count", count_as_a_float, "returned a float"),
    ("wordpiece_tokenize", wordpiece_shortest_first, "two pieces: the list has"),
    ("wordpiece_tokenize", wordpiece_without_prefix, "but it should be ['token', '##ization']"),
    ("wordpiece_tokenize", wordpiece_unknown_piece_only, "unknown character at the end"),
    ("wordpiece_tokenize", wordpiece_limit_inclusive, "100 characters, the limit: the list"),
    ("wordpiece_tokenize", wordpiece_no_limit, "101 characters, over the limit"),
    ("wordpiece_tokenize", wordpiece_fixed_unknown, "another unknown token, unknown word"),
    ("merge_wordpieces", merge_with_spaces, "a word in two pieces: your text differs"),
    ("merge_wordpieces", merge_removing_hashes_only, "a comma and a full stop"),
    ("merge_wordpieces", merge_every_token_glued, "whole words"),
    ("merge_wordpieces", merge_dropping_special_tokens, "special tokens"),
    ("merge_wordpieces", merge_gluing_apostrophes, "an apostrophe stays spaced"),
    ("merge_wordpieces", merge_to_a_list, "but it should return a str"),
    ("encode_pair", pair_with_no_token_types, "'token_type_ids': the length is right"),
    ("encode_pair", pair_with_two_cls, "'input_ids': the list has"),
    ("encode_pair", pair_with_one_sep, "'input_ids': the list has"),
    ("encode_pair", pair_types_switched_after_sep, "'token_type_ids': the length is right"),
    ("encode_pair", pair_without_mask, "but it should have exactly"),
    ("encode_pair", pair_as_tensors, "'input_ids': your function returned a Tensor"),
    ("encode_pair", pair_by_calling_the_tokenizer, "calls the tokenizer on the pair"),
    ("encode_pair", pair_with_encode, "raised DoneByTheTokenizer: this exercise asks you to lay"),
    ("encode_batch", batch_by_calling_the_tokenizer, "asks the tokenizer to pad or truncate"),
    ("encode_batch", batch_padded_by_the_tokenizer, "asks the tokenizer to pad or truncate"),
    ("encode_batch", batch_cutting_sep, "the longer one truncated: 'input_ids': the shape"),
    ("encode_batch", batch_to_max_length, "'input_ids': the tensor has shape"),
    ("encode_batch", batch_without_token_types, "but it should have exactly"),
    ("encode_batch", batch_of_lists, "'input_ids': your function returned a list"),
    ("encode_batch", batch_without_truncation, "the longer one truncated"),
    ("encode_batch", batch_mask_as_bools, "'attention_mask': the tensor holds True/False"),
]


@pytest.mark.parametrize("name, function, words", MISTAKES,
                         ids=lambda item: getattr(item, "__name__", None))
def test_typical_mistakes_fail_with_a_specific_reason(name, function, words):
    report = check(name, function)
    assert report.status is Status.INCORRECT
    text = str(report)
    assert words in text, text
    assert "First failing case" in text and "Traceback" not in text


def test_building_a_model_is_reported_at_the_learners_line():
    text = str(check("bert_parameter_count", count_by_building))
    line = count_by_building.__code__.co_firstlineno + 1
    assert "raised ModelBuilt: this exercise asks for the count from the config's" in text
    assert f"test_grading_chapters.py, line {line}: return sum(" in text


def test_the_counting_config_is_a_bert_config_for_the_learner():
    config = counting_config_class()(vocab_size=1000, hidden_size=64)
    assert isinstance(config, BertConfig) and type(config).__name__ == "BertConfig"
    assert repr(config) == "BertConfig(vocab_size=1000, hidden_size=64)"
    assert all(getattr(config, name) == getattr(BertConfig(), name) for name in FIELDS[2:])
    assert count_by_parts(BertConfig()) == 109_482_240


def test_bert_base_cased_has_its_published_size():
    from transformers import AutoConfig

    assert count_by_parts(AutoConfig.from_pretrained("bert-base-cased")) == 108_310_272


def test_merging_keeps_what_bert_vocabularies_lack():
    """The punctuation rule of the hint is enough: no multi-character cleanup token exists."""
    from course.grading.checkpoints import CASED, CLASSIFIER, load_tokenizer

    for checkpoint in (CASED, CLASSIFIER):
        vocab = load_tokenizer(checkpoint).get_vocab()
        assert not {"'s", "n't", "'m", "'re", "'ve"} & set(vocab)


def test_a_failing_call_shows_models_and_tokenizers_by_name():
    text = str(check("predict", predict_logits_as_scores))
    assert ("tokenizer=<BertTokenizer 'distilbert-base-uncased-finetuned-sst-2-english'>, "
            "model=<DistilBertForSequenceClassification") in text


def test_the_reference_wordpiece_agrees_with_the_tokenizers_on_their_words():
    from course.grading.checkpoints import CASED, CLASSIFIER, load_tokenizer

    for checkpoint in (CASED, CLASSIFIER):
        tokenizer = load_tokenizer(checkpoint)
        words = ["tokenization", "Hugging", "naïve", "hug🤗", "antidisestablishmentarianism"]
        for word in words:
            expected = [t.value for t in tokenizer.backend_tokenizer.model.tokenize(word)]
            assert wordpiece_greedy(word, tokenizer.get_vocab()) == expected, word
