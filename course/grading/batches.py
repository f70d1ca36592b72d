"""Random token ids for the hidden cases of the batching exercises."""


def random_ids(rng, length, low=1000, high=3000):
    """`length` ids drawn from [low, high)."""
    return [rng.randrange(low, high) for _ in range(length)]


def random_batch(rng, lengths, **id_range):
    """One list of random ids per length."""
    return [random_ids(rng, length, **id_range) for length in lengths]


def long_lengths(rng, count=16, longest=30):
    """`count` lengths from 0 to `longest`, including both ends."""
    return [0, longest] + [rng.randint(0, longest) for _ in range(count - 2)]
