"""The chapters' claims about how Transformers behaves, re-checked against the installed library.

Each test guards sentences of the book that no stored output pins (or that the canary, which
runs the notebooks without comparing outputs, would not notice): what a tokenizer's decoder
cleans up, when `max_length` cuts, which keywords a model ignores, which backends and classes
`AutoTokenizer` chooses, which files `save_pretrained` writes, ... A test is marked with
`@claim(chapter, sentence)`; when it fails, its message starts with the chapter and the
sentence that is no longer true, so a run on a newer Transformers says what to rewrite.

Tokenizers load by checkpoint name (from the offline mirror, or from the Hub under
COURSE_HUB=online); models are tiny ones built from a configuration, so the module runs in a
few seconds.
"""

import ast
import functools
import importlib.util
import inspect
import json
import logging as std_logging
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
import torch
import transformers
from tokenizers.decoders import WordPiece
from transformers import (AutoModel, AutoTokenizer, BertConfig, BertModel, DistilBertConfig,
                          DistilBertForSequenceClassification, PreTrainedTokenizerBase)
from transformers.utils import logging

CASED = "bert-base-cased"
UNCASED = "distilbert-base-uncased-finetuned-sst-2-english"
SENTENCE = "I enjoyed every page of this novel."
TINY_BERT = {"num_hidden_layers": 1, "hidden_size": 32, "num_attention_heads": 2,
             "intermediate_size": 64, "vocab_size": 200}


def claim(chapter, sentence):
    """Mark a test as guarding `sentence` of chapter `chapter`; its failures start with both."""
    def decorate(test):
        @functools.wraps(test)
        def guarded(*args, **kwargs):
            __tracebackhide__ = True  # pytest shows the test's own lines, not this wrapper's
            try:
                return test(*args, **kwargs)
            except AssertionError as error:
                error.args = (f"Chapter {chapter} says: {sentence!r}. This is no longer true of "
                              f"transformers {transformers.__version__}:\n{error}",)
                raise
        return guarded
    return decorate


def saved_json(tokenizer, folder, name):
    """Save `tokenizer` to `folder`; return the path of its file `name` and what that file holds."""
    tokenizer.save_pretrained(folder)
    return folder / name, json.loads((folder / name).read_text())


@pytest.fixture(scope="module")
def cased():
    return AutoTokenizer.from_pretrained(CASED)


@pytest.fixture(scope="module")
def uncased():
    return AutoTokenizer.from_pretrained(UNCASED)


@pytest.fixture(scope="module")
def tiny_distilbert():
    torch.manual_seed(0)
    config = DistilBertConfig(vocab_size=200, dim=32, hidden_dim=64, n_layers=2, n_heads=2)
    return DistilBertForSequenceClassification(config).eval()


@pytest.fixture
def transformers_warnings():
    """The messages Transformers logs while the test runs, with warnings switched on."""
    messages = []
    handler = std_logging.Handler()
    handler.emit = lambda record: messages.append(record.getMessage())
    logger = logging.get_logger("transformers")
    before = logging.get_verbosity()
    logging.set_verbosity_warning()
    logger.addHandler(handler)
    yield messages
    logger.removeHandler(handler)
    logging.set_verbosity(before)


# Chapter 1


@claim(1, "Transformers 5.24 has 48 `AutoModelFor...` classes in all. Besides the text heads above, "
          "they cover images ..., audio and speech ..., video classification, questions about "
          "documents, tables and pictures, models that read images and text together, text "
          "encoding, time-series prediction, and decision-making models")
def test_the_auto_model_classes():
    heads = {name for name in dir(transformers) if name.startswith("AutoModelFor")}
    assert len(heads) == 48, sorted(heads)
    families = ["ImageClassification", "ObjectDetection", "SemanticSegmentation", "DepthEstimation",
                "AudioClassification", "SpeechSeq2Seq", "TextToWaveform", "VideoClassification",
                "DocumentQuestionAnswering", "TableQuestionAnswering", "VisualQuestionAnswering",
                "ImageTextToText", "TextEncoding", "TimeSeriesPrediction", "Decision"]
    assert {f"AutoModelFor{family}" for family in families} <= heads


# Chapter 2


@claim(2, "Dropout is switched off when the model is used (`model.eval()`, which `from_pretrained` "
          "sets for us).")
def test_from_pretrained_returns_a_model_in_eval_mode(tmp_path):
    BertModel(BertConfig(**TINY_BERT)).save_pretrained(tmp_path)
    assert AutoModel.from_pretrained(tmp_path).training is False


@claim(2, "`pad_token_id: 0`: the id of the padding token. A new model starts that token's embedding "
          "at zero, and training leaves it alone.")
def test_the_padding_embedding_starts_at_zero_and_gets_no_gradient():
    model = BertModel(BertConfig(**TINY_BERT))
    table = model.embeddings.word_embeddings
    assert table.padding_idx == model.config.pad_token_id == 0
    assert torch.equal(table.weight[0], torch.zeros(32))
    table(torch.tensor([[0, 5, 7]])).sum().backward()
    assert torch.equal(table.weight.grad[0], torch.zeros(32)) and table.weight.grad[5].any()


@claim(2, "`gradient_checkpointing` ... The old key is read only once: `true` turns the option on "
          "while the model is built and is then deleted from the configuration, and `false`, as "
          "in `bert-base-cased`, does nothing")
def test_the_old_gradient_checkpointing_key():
    off = BertModel(BertConfig(gradient_checkpointing=False, **TINY_BERT))
    assert not off.is_activation_checkpointing
    assert BertModel(BertConfig(gradient_checkpointing=True, **TINY_BERT)).is_activation_checkpointing


@claim(2, "On first use it downloads the checkpoint from the Hugging Face Hub into a cache folder "
          "(`~/.cache/huggingface/hub` by default)")
def test_the_default_cache_folder():
    environment = {key: value for key, value in os.environ.items()
                   if key not in ("HF_HOME", "HF_HUB_CACHE", "XDG_CACHE_HOME")}
    script = "import huggingface_hub.constants as c; print(c.HF_HUB_CACHE)"
    printed = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True,
                             text=True, check=True).stdout.strip()
    assert printed == os.path.expanduser(os.path.join("~", ".cache", "huggingface", "hub"))


@claim(2, "`save_pretrained` writes a model to a folder ... Two files: `config.json` ... "
          "`model.safetensors`")
def test_a_model_saves_two_files(tmp_path):
    BertModel(BertConfig(**TINY_BERT)).save_pretrained(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["config.json", "model.safetensors"]


@claim(2, "`push_to_hub(name)` does what `save_pretrained` does, into a temporary folder, and "
          "uploads the files to the repository `name` of your account, creating it if needed. "
          "... `private=True` makes a new repository visible to you only ... a `README.md`, the "
          "*model card* that `push_to_hub` wrote")
def test_push_to_hub_saves_creates_and_writes_a_model_card():
    source = inspect.getsource(transformers.utils.hub.PushToHubMixin.push_to_hub)
    assert "create_repo(repo_id, private=private" in source and "exist_ok=True" in source
    assert "self.save_pretrained(tmp_dir" in source
    assert '"README.md"' in source
    assert "ignored if the repo already exists" in source  # about `private`
    assert issubclass(PreTrainedTokenizerBase, transformers.utils.hub.PushToHubMixin)


@claim(2, "`notebook_login()` shows a link and a short code: open the link, sign in, enter the code, "
          "and the cell stores an access token ... (In Colab you can instead save a token as the "
          "notebook secret `HF_TOKEN`; `huggingface_hub` finds it there.)")
def test_notebook_login_and_the_colab_secret():
    import huggingface_hub
    from huggingface_hub.utils import _auth

    login = inspect.getsource(huggingface_hub.notebook_login)
    assert "request_device_code()" in login and "user_code" in login and "_save_oauth_token" in login
    assert "_get_token_from_google_colab" in inspect.getsource(_auth.get_token)
    assert 'userdata.get("HF_TOKEN")' in inspect.getsource(_auth._get_token_from_google_colab)


@claim(2, "In Colab, after logging in, this prints your repository's full name, "
          "`BertModel BertTokenizer` and `True`: the weights came back unchanged.")
def test_a_pushed_model_and_tokenizer_load_back_as_the_same_classes(tmp_path, cased):
    model = BertModel(BertConfig(**{**TINY_BERT, "vocab_size": cased.vocab_size}))
    model.save_pretrained(tmp_path)
    cased.save_pretrained(tmp_path)
    shared, shared_tokenizer = AutoModel.from_pretrained(tmp_path), AutoTokenizer.from_pretrained(tmp_path)
    assert (type(shared).__name__, type(shared_tokenizer).__name__) == ("BertModel", "BertTokenizer")
    assert torch.equal(shared.embeddings.word_embeddings.weight, model.embeddings.word_embeddings.weight)


# Chapter 3


@claim(3, "A `WordPiece` decoder removes the `##` from continuation pieces and puts a space in front "
          "of every other piece. With `cleanup` on, it then tidies each piece together with that "
          "space: the tokens `.`, `,`, `?` and `!` lose the space in front of them. (Its other "
          "rules, such as ` 's` becoming `'s`, look for tokens that BERT's vocabulary does not "
          "have, so they never apply here.)")
def test_the_wordpiece_decoder_cleanup(cased, uncased):
    for tokenizer in (cased, uncased):
        assert json.loads(tokenizer.backend_tokenizer.to_str())["decoder"] == {
            "type": "WordPiece", "prefix": "##", "cleanup": True}
    pieces = ["Is", "it", "rain", "##ing", "?", "Yes", ",", "it", "'", "s", "wet", "!", "Take", "a", "coat", "."]
    assert cased.backend_tokenizer.decoder.decode(pieces) == "Is it raining? Yes, it ' s wet! Take a coat."
    assert WordPiece(prefix="##", cleanup=False).decode(pieces) == "Is it raining ? Yes , it ' s wet ! Take a coat ."
    assert WordPiece(prefix="##", cleanup=True).decode(["it", "'s"]) == "it's"  # a rule that exists ...
    for tokenizer in (cased, uncased):  # ... for tokens these vocabularies lack
        assert not {"'s", "n't", "'m", "'re", "'ve"} & set(tokenizer.get_vocab())


@claim(3, "The second layer belongs to Transformers: `decode` takes an option "
          "`clean_up_tokenization_spaces`, which Transformers 5 leaves off unless you ask for it "
          "... a plain search-and-replace on the decoded text (` 's` becomes `'s`, ` ' ` becomes "
          "`'`, ` n't` becomes `n't`, ` .` becomes `.`, and a few more like them) ... Older "
          "tutorials ... print `I'm` where Transformers 5 prints `I ' m`.")
def test_transformers_clean_up_of_spaces(cased):
    assert cased.clean_up_tokenization_spaces is False
    assert cased.clean_up_tokenization("it 's a do n't , is n't it ' ok .") == "it's a don't, isn't it'ok."
    ids = cased("I'm")["input_ids"]
    assert cased.decode(ids, skip_special_tokens=True) == "I ' m"
    assert cased.decode(ids, skip_special_tokens=True, clean_up_tokenization_spaces=True) == "I'm"


@claim(3, "Transformers 5 has three more backends: `SentencePieceBackend` ...; `PythonBackend` ... "
          "(`SentencePieceBackend` builds on it); and `MistralCommonBackend`, which runs Mistral's "
          "own `mistral-common` library: `AutoTokenizer` chooses it for Mistral models when that "
          "package is installed and the checkpoint has Mistral's `tekken.json` file.")
def test_the_four_tokenizer_backends():
    from transformers.integrations.mistral import tokenizer as mistral
    from transformers.models.auto import tokenization_auto

    backends = {"TokenizersBackend", "SentencePieceBackend", "PythonBackend", "MistralCommonBackend"}
    assert {name for name in dir(transformers) if name.endswith("Backend")} - {"PilBackend",
                                                                               "TorchvisionBackend"} == backends
    assert issubclass(transformers.TokenizersBackend, PreTrainedTokenizerBase)
    assert issubclass(transformers.SentencePieceBackend, transformers.PythonBackend)
    assert issubclass(transformers.PythonBackend, PreTrainedTokenizerBase)
    # The real class needs mistral-common to import; its source says what it builds on.
    source = Path(importlib.util.find_spec("transformers.tokenization_mistral_common").origin).read_text()
    bases = {node.name: [ast.unparse(base) for base in node.bases]
             for node in ast.parse(source).body if isinstance(node, ast.ClassDef)}
    assert bases["MistralCommonBackend"] == ["PreTrainedTokenizerBase"]
    auto = inspect.getsource(tokenization_auto)
    assert re.search(r'"mistral",\s*"MistralCommonBackend"\s*if is_mistral_common_available\(\)', auto)
    assert "tekken.json" in inspect.getsource(mistral.resolve_mistral_format)


@claim(3, "How did `AutoTokenizer` know which class to create? It reads the checkpoint's "
          "`tokenizer_config.json` first: if that file names a class in its field "
          "`tokenizer_class`, that class is created. If not, the model type in `config.json` "
          "decides ... `bert-base-cased`'s file names no class, and the table maps `bert` to "
          "`BertTokenizer`. ... the DistilBERT checkpoint ... names no class either, and the "
          "table maps `distilbert` to `BertTokenizer` too")
def test_auto_tokenizer_follows_the_config_or_the_model_type(cased, uncased):
    from huggingface_hub import hf_hub_download
    from transformers.models.auto.tokenization_auto import TOKENIZER_MAPPING_NAMES

    for checkpoint in (CASED, UNCASED):
        with open(hf_hub_download(checkpoint, "tokenizer_config.json")) as file:
            assert "tokenizer_class" not in json.load(file), checkpoint
    assert TOKENIZER_MAPPING_NAMES["bert"] == TOKENIZER_MAPPING_NAMES["distilbert"] == "BertTokenizer"
    assert type(cased).__name__ == type(uncased).__name__ == "BertTokenizer"


@claim(3, "Many DistilBERT fine-tunes on the Hub were saved by Transformers 4, whose DistilBERT "
          "tokenizers wrote `DistilBertTokenizer` (older releases `DistilBertTokenizerFast`) into "
          "this field. ... `AutoTokenizer` created a `DistilBertTokenizer`, without "
          "`token_type_ids`.")
def test_auto_tokenizer_creates_the_class_the_saved_config_names(tmp_path, uncased):
    path, saved = saved_json(uncased, tmp_path, "tokenizer_config.json")
    assert saved["tokenizer_class"] == "BertTokenizer"
    for name in ("DistilBertTokenizer", "DistilBertTokenizerFast"):
        path.write_text(json.dumps({**saved, "tokenizer_class": name}))
        edited = AutoTokenizer.from_pretrained(tmp_path)
        assert type(edited).__name__ == "DistilBertTokenizer", name
        assert list(edited("Hello!")) == ["input_ids", "attention_mask"]


@claim(3, "`save_pretrained` writes a tokenizer to a folder ... Transformers 5 writes two files")
def test_a_tokenizer_saves_two_files(tmp_path, cased):
    cased.save_pretrained(tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["tokenizer.json", "tokenizer_config.json"]


@claim(3, "`truncation` and `padding` are `None` (`null` in the file). They are settings of the "
          "🤗 Tokenizers library itself; Transformers does not use them as defaults, but sets both "
          "anew from the arguments of every call")
def test_the_files_truncation_and_padding_are_not_defaults(tmp_path, uncased):
    path, saved = saved_json(uncased, tmp_path, "tokenizer.json")
    assert saved["truncation"] is None and saved["padding"] is None
    saved["truncation"] = {"direction": "Right", "max_length": 5, "strategy": "LongestFirst", "stride": 0}
    path.write_text(json.dumps(saved))
    reloaded = AutoTokenizer.from_pretrained(tmp_path)
    assert len(reloaded(SENTENCE)["input_ids"]) == 10
    assert len(reloaded(SENTENCE, truncation=True, max_length=8)["input_ids"]) == 8


@claim(3, "Some characters are [dropped]: the normaliser removes zero-width spaces and soft hyphens, "
          "and the uncased tokenizer strips accents. An emoji is kept (quiz, `giraffe`)")
def test_what_the_normaliser_drops(cased, uncased):
    for text in ("gi\u200braffe", "gi\u00adraffe"):
        assert cased.tokenize(text) == cased.tokenize("giraffe")
    assert uncased.tokenize("café") == ["cafe"] and cased.tokenize("café") == ["café"]
    assert cased.tokenize("giraffe🦒") == ["[UNK]"]


# Chapter 4


@claim(4, "Transformers 4 models printed 'We strongly recommend passing in an `attention_mask` ...'; "
          "in Transformers 5, DistilBERT and BERT no longer run that check.")
def test_a_padded_batch_without_mask_gives_no_warning(tiny_distilbert, transformers_warnings):
    bert = BertModel(BertConfig(**TINY_BERT)).eval()
    padded = torch.tensor([[101, 5, 6, 102], [101, 7, 102, 0]])
    with torch.no_grad():
        tiny_distilbert(padded)
        bert(padded)
    assert transformers_warnings == []
    tiny_distilbert.warn_if_padding_and_no_attention_mask(padded, attention_mask=None)
    assert any("attention_mask" in message for message in transformers_warnings)


@claim(4, "A misspelt keyword such as `attention_masks=` lands in the model's `**kwargs` and is "
          "ignored without a warning, like the `token_type_ids` DistilBERT has no use for.")
def test_unknown_keywords_are_ignored_silently(tiny_distilbert, transformers_warnings):
    ids = torch.tensor([[101, 5, 6, 102], [101, 7, 102, 0]])
    mask = torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    with warnings.catch_warnings(record=True) as python_warnings, torch.no_grad():
        warnings.simplefilter("always")
        unmasked = tiny_distilbert(ids).logits
        masked = tiny_distilbert(ids, attention_mask=mask).logits
        misspelt = tiny_distilbert(ids, attention_masks=mask).logits
        with_types = tiny_distilbert(ids, attention_mask=mask, token_type_ids=torch.ones_like(ids)).logits
    assert torch.equal(misspelt, unmasked) and not torch.equal(masked, unmasked)
    assert torch.equal(with_types, masked)
    assert transformers_warnings == [] and python_warnings == []
    parameters = inspect.signature(tiny_distilbert.forward).parameters
    assert "token_type_ids" not in parameters and parameters["kwargs"].kind is inspect.Parameter.VAR_KEYWORD


@claim(4, "Under the set-up's silence this warning never appears, and a tokenizer gives it only "
          "once anyway: it notes that it has warned even while warnings are silenced.")
def test_the_too_long_warning_comes_once_even_when_silenced(transformers_warnings):
    tokenizer = AutoTokenizer.from_pretrained(UNCASED)  # a fresh one: it has not warned yet
    logging.set_verbosity_error()
    tokenizer("word " * 600)
    logging.set_verbosity_warning()
    tokenizer("word " * 600)
    assert transformers_warnings == []
    AutoTokenizer.from_pretrained(UNCASED)("word " * 600)
    assert any("longer than the specified maximum" in message for message in transformers_warnings)


@claim(4, "Padding at the end, as here, is called *right padding*; it is what this tokenizer does "
          "(`tokenizer.padding_side` is `\"right\"`).")
def test_the_tokenizer_pads_on_the_right(uncased):
    assert uncased.padding_side == "right"


@claim(4, "`[unused195]`: one of the placeholder tokens that BERT's vocabulary reserves for later "
          "use (`[unused0]` to `[unused993]`, ids 1 to 998 apart from the special tokens 100 to 103)")
def test_the_unused_tokens(uncased):
    tokens = uncased.convert_ids_to_tokens(list(range(1, 999)))
    special = uncased.convert_ids_to_tokens([100, 101, 102, 103])
    assert special == ["[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    assert [token for token in tokens if token not in special] == [f"[unused{n}]" for n in range(994)]


@claim(4, "The default attention implementation (PyTorch's fast `sdpa` kernel) does not return "
          "them [the attention weights] ... Before the softmax, the model adds a huge negative "
          "number to the scores of masked positions")
def test_attention_weights_come_from_the_eager_implementation(tiny_distilbert):
    from transformers.masking_utils import create_bidirectional_mask

    model = DistilBertForSequenceClassification(tiny_distilbert.config).eval()
    assert model.config._attn_implementation == "sdpa"
    ids, mask = torch.tensor([[101, 5, 6, 102], [101, 7, 102, 0]]), torch.tensor([[1, 1, 1, 1], [1, 1, 1, 0]])
    with torch.no_grad():
        assert not model(ids, attention_mask=mask, output_attentions=True).attentions
        model.set_attn_implementation("eager")
        assert len(model(ids, attention_mask=mask, output_attentions=True).attentions) == 2
    added = create_bidirectional_mask(config=model.config, inputs_embeds=torch.zeros(2, 4, 32),
                                      attention_mask=mask)
    assert added[1, 0, 0, 3] == torch.finfo(torch.float32).min and added[1, 0, 0, 2] == 0


# Chapter 5


@claim(5, "One combination is a trap: `max_length` alone, with neither `truncation` nor `padding`, "
          "cuts too. For backward compatibility the tokenizer then switches truncation on by "
          "itself, and in Transformers 5 it does so without a warning ... (With `padding=True`, "
          "`max_length` is ignored, and Transformers warns about that.)")
def test_max_length_alone_truncates_silently(uncased, transformers_warnings):
    with warnings.catch_warnings(record=True) as python_warnings:
        warnings.simplefilter("always")
        assert len(uncased(SENTENCE, max_length=5)["input_ids"]) == 5
        assert len(uncased(SENTENCE, max_length=5, truncation=False)["input_ids"]) == 10
        assert len(uncased(SENTENCE, max_length=5, padding="max_length")["input_ids"]) == 10
        assert transformers_warnings == [] and python_warnings == []
        assert len(uncased(SENTENCE, max_length=5, padding=True)["input_ids"]) == 10
    assert [str(warning.message) for warning in python_warnings] == [
        "`max_length` is ignored when `padding`=`True` and there is no truncation strategy. "
        "To pad to max length, use `padding='max_length'`."]


@claim(5, "`padding=\"longest\"` (the same as `padding=True`) pads to the longest sentence of the batch")
def test_padding_true_is_longest(uncased):
    batch = [SENTENCE, "Truly awful."]
    assert uncased(batch, padding=True) == uncased(batch, padding="longest")


@claim(5, "`\"mlx\"` for Apple's MLX framework (only if the `mlx` package is installed; this book does "
          "not use it)")
def test_mlx_tensors_need_the_mlx_package(uncased):
    from transformers.utils import is_mlx_available

    if is_mlx_available():
        pytest.skip("mlx is installed here")
    with pytest.raises(ImportError, match="MLX is not installed"):
        uncased(SENTENCE, return_tensors="mlx")
