"""A small labelled sentence set, written for this project, to fit the stand-in sentiment head.

Each sentence combines a topic with a positive or a negative verdict. The held-out split uses
verdicts that never occur in training, so its accuracy measures more than memorised phrasing.
"""

TOPICS = [
    "the film", "this course", "the hotel", "the new phone", "the concert", "the pasta",
    "her latest album", "the museum tour", "the customer service", "this book",
    "the train journey", "the software update", "the lecture", "our holiday",
]

POSITIVE = [
    "{t} was absolutely wonderful.",
    "I really loved {t}.",
    "{t} made my whole week.",
    "What a delightful surprise {t} turned out to be!",
    "Honestly, {t} was brilliant from start to finish.",
    "I would happily recommend {t} to anyone.",
    "{t} exceeded every expectation I had.",
    "{t} was perfect, a fantastic experience.",
    "I enjoyed every minute of {t}.",
    "{t} is the best thing I have tried this year.",
    "I am so glad I chose {t}, it was great.",
    "{t} was a joy, thoughtful and beautifully done.",
]

NEGATIVE = [
    "{t} was a complete waste of time.",
    "I really hated {t}.",
    "{t} was dull and badly made.",
    "What a disappointing mess {t} turned out to be!",
    "Honestly, {t} was awful from start to finish.",
    "I would warn everyone to avoid {t}.",
    "{t} fell short of every expectation I had.",
    "{t} was terrible, a frustrating experience.",
    "I regretted every minute of {t}.",
    "{t} is the worst thing I have tried this year.",
    "I am so sorry I chose {t}, it was horrible.",
    "{t} was a chore, boring and poorly done.",
]

HELD_OUT_VERDICTS = 3  # the last three verdicts of each polarity are kept for evaluation


def _sentences(verdicts, label):
    rows = []
    for index, verdict in enumerate(verdicts):
        held_out = index >= len(verdicts) - HELD_OUT_VERDICTS
        for topic in TOPICS:
            text = verdict.format(t=topic)
            rows.append((text[0].upper() + text[1:], label, held_out))
    return rows


def labelled_sentences():
    """All (sentence, label, held_out) rows; label 1 = POSITIVE, 0 = NEGATIVE."""
    return _sentences(POSITIVE, 1) + _sentences(NEGATIVE, 0)


def split():
    """(training rows, held-out rows), each a list of (sentence, label)."""
    rows = labelled_sentences()
    train = [(text, label) for text, label, held_out in rows if not held_out]
    held_out = [(text, label) for text, label, held_out in rows if held_out]
    return train, held_out


# Word-level polarity the stand-in encoder is given (see weights.py): without it, a randomly
# initialised encoder knows nothing about words, and no head could generalise past its examples.
POSITIVE_WORDS = """
love loved loves lovely wonderful great brilliant excellent amazing fantastic perfect delightful
enjoyed enjoy enjoyable best happy glad joy beautiful beautifully recommend superb awesome good
nice pleasure pleasant fun exciting excited impressive impressed favourite favorite charming
clever thoughtful helpful friendly comfortable fresh delicious tasty smooth easy clear worth
exceeded masterpiece gem stunning gorgeous inspiring inspired satisfying satisfied thrilled
remarkable outstanding incredible solid reliable elegant warm kind generous cheerful grateful
thanks success successful hooked fascinating engaging gripping superb wow terrific splendid
""".split()

NEGATIVE_WORDS = """
hate hated hates awful terrible horrible boring bored dull bad worst worse waste wasted
disappointing disappointed disappointment mess messy poor poorly ugly annoying annoyed angry
frustrating frustrated sad broken slow useless pointless painful regret regretted sorry chore
failed fails fail failure rude dirty bland stale confusing confused tedious lazy cheap crashed
noisy mediocre weak nightmare disaster avoid unfortunately problem problems sick tired hurt
worthless nasty gross stupid ridiculous unbearable fell short lacking miserable dreadful
""".split()
