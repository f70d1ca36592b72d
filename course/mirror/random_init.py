"""Random weights that are the same bits on every machine.

PyTorch's own random fill and its float32 kernels take different code paths on different
processors, so `torch.manual_seed` alone does not give the same weights everywhere. Here every
parameter is drawn from NumPy's PCG64 generator (its stream is fixed by NumPy's compatibility
policy and made of integer arithmetic) and turned into floats by exactly rounded steps:
a uniform draw in [0, 1), scaled to [-a, a), rounded once to float32. The uniform distribution
has the standard deviation that the real initialisation uses (`initializer_range`); normal
draws would go through the platform's exp/log, which are not exactly rounded everywhere.
"""

import math
import zlib

import numpy as np
import torch


def generator(seed, name):
    """A PCG64 generator of its own for `name`, so each tensor's values depend on nothing else."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(name.encode())])))


def uniform(seed, name, shape, std):
    """float32 array of `shape`, uniform with standard deviation `std`, the same bits everywhere."""
    half_width = std * math.sqrt(3.0)
    draws = generator(seed, name).random(shape)  # exact: 53 random bits times 2**-53
    return ((draws * 2.0 - 1.0) * half_width).astype(np.float32)


def fill(model, seed, std):
    """Overwrite every parameter of `model` as Transformers initialises BERT-like models:
    weights and embeddings random with standard deviation `std` (an embedding's padding row
    zero), biases zero, layer norms one and zero. Tied parameters are filled once."""
    filled = set()
    with torch.no_grad():
        for module_name, module in model.named_modules():
            for name, parameter in module.named_parameters(recurse=False):
                if id(parameter) in filled:
                    continue
                filled.add(id(parameter))
                full_name = f"{module_name}.{name}"
                if isinstance(module, torch.nn.LayerNorm) and name == "weight":
                    parameter.fill_(1.0)
                elif name == "bias":
                    parameter.zero_()
                else:
                    values = uniform(seed, full_name, tuple(parameter.shape), std)
                    if isinstance(module, torch.nn.Embedding) and module.padding_idx is not None:
                        values[module.padding_idx] = 0.0
                    parameter.copy_(torch.from_numpy(values))
