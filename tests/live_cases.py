"""Inputs on which the website's live tokenizer must agree with Python, and Python's answers.

`cases()` builds more than 300 encodings per checkpoint to compare: the string literals of the book's
notebooks, and awkward texts (accents, emoji inside words, CJK, control characters, tabs and
newlines, ligatures, very long words, texts over 512 tokens), single and in pairs, under the
playground's padding and truncation choices, for every checkpoint of the offline mirror.
"""

import ast
import itertools
from pathlib import Path

import nbformat

from course import mirror
from course.playground import uses_max_length

ROOT = Path(__file__).resolve().parents[1]
AWKWARD = [
    "Café, naïve façade, résumé, Ångström, Øresund, São Paulo, Dvořák, İstanbul.",
    "ÀÉÎÕÜ àéîõü ÇçÑñ ŠšŽž Łł ß ẞ ﬁnal ﬂow ﬀ ﬃ ﬄ ﬅ ﬆ",
    "I love🤗tokenizers and pi🍕zza, thumbs👍🏽up, fami👨‍👩‍👧ly, flag🇫🇷s.",
    "東京は日本の首都です。我爱自然语言处理。한국어 문장도 있어요.",
    "Mixed 漢字and English, カタカナ words, and ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３.",
    "tab\there, newline\nthere, carriage\rreturn, form\ffeed, vertical\vtab.",
    "control\x00chars\x01in\x07the\x1bmiddle\x7fof\u200bwords\u200dand\ufeffmore\u00ad.",
    "   leading and trailing spaces   ",
    "Supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis.",
    "a" * 120 + " " + "b" * 99 + " " + "antidisestablishmentarianism" * 4,
    "Numbers 3.14159, 1,000,000, -42, 1e-10, 0x1F, 50% off, $9.99, €5, #hashtag @user.",
    "Punctuation!!! ??? ... --- ((nested)) [brackets] {braces} <angle> \"quotes\" 'single'",
    "Special tokens typed in text: [CLS] [SEP] [MASK] [PAD] [UNK] [cls] [mask]",
    "Math ∑∫√∞≠≤≥ and arrows → ← ↔ and Greek αβγΔΩ and Cyrillic Привет мир.",
    "Arabic مرحبا بالعالم and Hebrew שלום עולם and Hindi नमस्ते दुनिया and Thai สวัสดีครับ.",
    "Combining e\u0301 o\u0308 a\u030a vs precomposed é ö å; Hangul jamo \u1100\u1161.",
    "URL https://huggingface.co/docs?x=1&y=2 and e-mail someone@example.com.",
    "CamelCaseWords, snake_case_words, kebab-case-words, and ALLCAPS SHOUTING.",
    "Don't won't can't it's y'all o'clock rock'n'roll.",
    "😀😃😄😁😆😅😂🤣 ✨ ❤️ ☃ ☕",
]


def book_sentences():
    """Every string literal of the chapters' code cells that reads like text (two words or more)."""
    found = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            found += [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
                      and isinstance(node.value, str) and " " in node.value.strip()]
    return list(dict.fromkeys(found))


def single_words(texts):
    """Every distinct whitespace-separated word of the texts, on its own."""
    return list(dict.fromkeys(word for text in texts for word in text.split()))


def long_texts(sentences):
    """Texts of more than 512 tokens: the book's sentences repeated, and a long awkward one."""
    return [" ".join(sentences * 4), " ".join(AWKWARD * 6)]


SETTINGS = [  # (padding, truncation, max_length)
    ("longest", True, 12), ("max_length", True, 8), ("do_not_pad", False, 12),
    ("max_length", False, 16), ("longest", False, 12), ("do_not_pad", True, 512),
    ("longest", True, 512), ("max_length", True, 3), ("longest", True, 2),
]


def cases():
    """(checkpoint, inputs, padding, truncation, max_length) tuples; inputs are texts or pairs."""
    sentences = book_sentences()
    texts = sentences + AWKWARD
    singles = [[text] for text in texts] + [texts[i:i + 3] for i in range(0, len(texts), 3)]
    words = single_words(texts)
    singles += [words[i:i + 4] for i in range(0, len(words), 4)]
    pairs = [[[a, b]] for a, b in zip(texts, texts[1:] + texts[:1])]
    pairs += [[[a, b], [b, a]] for a, b in zip(AWKWARD[::2], AWKWARD[1::2])]
    longs = [[text] for text in long_texts(sentences)]
    longs += [[[long, short]] for long, short in itertools.product(long_texts(sentences), texts[:2])]
    found = []
    for checkpoint in sorted(mirror.CHECKPOINTS):
        settings = itertools.cycle(SETTINGS)
        for inputs in singles + pairs:
            found.append((checkpoint, inputs, *next(settings)))
        found += [(checkpoint, inputs, *setting) for setting in SETTINGS  # every setting for these
                  for inputs in longs + [[texts[0], texts[-1]]]]
    return found


def python_rows(tokenizer, inputs, padding, truncation, max_length):
    """What Python's tokenizer returns, as one dict of lists per input."""
    pairs = isinstance(inputs[0], list)
    args = ([a for a, _ in inputs], [b for _, b in inputs]) if pairs else (list(inputs),)
    options = {"max_length": max_length} if uses_max_length(padding, truncation) else {}
    encoding = tokenizer(*args, padding=padding, truncation=truncation, return_token_type_ids=True,
                         return_special_tokens_mask=True, **options)
    return [{"ids": ids, "tokens": tokenizer.convert_ids_to_tokens(ids), "type": types,
             "mask": mask, "special": special}
            for ids, types, mask, special in zip(encoding["input_ids"], encoding["token_type_ids"],
                                                 encoding["attention_mask"], encoding["special_tokens_mask"])]
