"""Chapter 1: `predict(texts, tokenizer, model)`, the sentiment pipeline rebuilt by hand."""

from collections.abc import Mapping

from ..i18n import N_, _, plural
from .checkpoints import CLASSIFIER
from .checks import return_type_problem
from .classify_batch import load_classifier
from .display import value_text
from .exercise import Case, Exercise
from .guarded_tokenizer import inside_a_pipeline, plain, refusing_tokenizer

TOLERANCE = 1e-4
TEXTS = (
    "I've been waiting for a HuggingFace course my whole life.",
    "I hate this so much!",
    "What a lovely surprise!",
    "The bus was late again and again.",
    "Wonderful.",
    "The plot was thin, the acting was wooden and the ending made no sense at all.",
    "Not bad.",
    "This is the best pizza I have eaten in years, and the staff were kind too.",
    "Meh.",
    "I would not recommend this hotel to anyone.",
    "The update fixed every bug I reported.",
    "Two hours of my life that I will never get back.",
)


REFUSAL = N_("this exercise asks you to run the three stages yourself, but your function uses a "
              "pipeline")


def predict(texts, tokenizer, model):
    """The pipeline's answer, text by text (so with no padding at all)."""
    from transformers import pipeline

    classifier = pipeline("sentiment-analysis", model=model, tokenizer=plain(tokenizer))
    return [dict(result) for result in classifier(list(texts))]


def same_predictions(got, expected):
    """One {"label", "score"} dict per text: label exactly, score within TOLERANCE."""
    problem = return_type_problem(got, list, N_("a list"), N_('Return one {"label": ..., "score": ...} per text.'))
    if problem:
        return problem
    if len(got) != len(expected):
        return plural(len(got), N_("the list has 1 item, but there are {texts} texts: return one dict per text."),
                      N_("the list has {count} items, but there are {texts} texts: return one dict per text."),
                      texts=len(expected))
    for index, (item, wanted) in enumerate(zip(got, expected)):
        problem = _prediction_problem(item, wanted)
        if problem:
            return _("item {index}: {problem}").format(index=index, problem=problem)
    return None


def _prediction_problem(item, wanted):
    if not isinstance(item, Mapping) or set(item) != {"label", "score"}:
        return _("{item} should be a dict with exactly the keys 'label' and 'score'.").format(
            item=value_text(item))
    label, score = item["label"], item["score"]
    if not isinstance(label, str):
        return _("the label is {label}, but it should be the label's name (a str), from "
                 "model.config.id2label.").format(label=value_text(label))
    if label != wanted["label"]:
        return _("the label is {label!r}, but the pipeline says {wanted!r}.").format(
            label=label, wanted=wanted["label"])
    if not isinstance(score, float):
        return _("the score is a {kind}, but it should be a Python float (use .item() or float(...)).",
                 ).format(kind=type(score).__name__)
    if abs(score - wanted["score"]) > TOLERANCE:
        return _("the score is {score:.4f}, but the pipeline gives {wanted:.4f}: it is the softmax "
                 "probability of the chosen label.").format(score=score, wanted=wanted["score"])
    return None


def make_cases(rng):
    loaded = {"tokenizer": refusing_tokenizer(CLASSIFIER, inside_a_pipeline, REFUSAL),
              "model": load_classifier()}

    def texts(count):
        return rng.sample(TEXTS, count)

    short, long = sorted(texts(2), key=len)
    return [
        Case(label, (chosen,), loaded) for label, chosen in (
            (N_("a single text"), texts(1)),
            (N_("a single one-word text"), ["Wonderful."]),
            (N_("two texts of different lengths"), [long, short]),
            (N_("a short text, then a long one"), [short, long]),
            (N_("the same text twice"), texts(1) * 2),
            (N_("three texts"), texts(3)),
            (N_("a batch of six texts"), texts(6)),
            (N_("a tuple of texts"), tuple(texts(2))),
        )]


EXERCISE = Exercise(
    name="predict",
    chapter=1,
    reference=predict,
    compare=same_predictions,
    make_cases=make_cases,
    seed=201,
    hints=(
        N_("Three stages, as in the chapter: `tokenizer(texts, padding=True, truncation=True, "
           "return_tensors=\"pt\")`, then `model(**inputs).logits`, then "
           "`torch.softmax(logits, dim=-1)`. Each row holds one text's probabilities."),
        N_("For each row of probabilities, `index = row.argmax().item()` picks the label: its "
           "name is `model.config.id2label[index]` and its score `row[index].item()`. Pass the "
           "attention mask to the model (`**inputs` does), or padded texts change."),
    ),
)
