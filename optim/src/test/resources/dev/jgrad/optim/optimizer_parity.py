"""Runs the optimizer cases of OptimizerParityTest with torch.optim in float64.

Usage: optimizer_parity.py SPEC.json OUT.json. The spec holds the initial parameters, the
gradients of each step (null: the parameter has no gradient) and the cases (optimizer, defaults,
the second group's overrides); the script writes, per case, every parameter after every step, as
float.hex strings."""
import json
import sys

import torch

OPTIMIZERS = {
    "SGD": torch.optim.SGD,
    "RMSprop": torch.optim.RMSprop,
    "Adam": torch.optim.Adam,
    "AdamW": torch.optim.AdamW,
    "Adagrad": torch.optim.Adagrad,
}


def tensor(spec):
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def hexes(t):
    return [float.hex(v) for v in t.detach().reshape(-1).tolist()]


def options(spec):
    return {k: tuple(v) if isinstance(v, list) else v for k, v in spec.items()}


with open(sys.argv[1]) as f:
    spec = json.load(f)
results = {}
for case in spec["cases"]:
    params = [tensor(p).requires_grad_() for p in spec["params"]]
    groups = [{"params": [params[0]]}, {"params": [params[1]], **options(case["group1"])}]
    optimizer = OPTIMIZERS[case["optimizer"]](groups, **options(case["defaults"]))
    history = []
    for grads in spec["grads"]:
        for p, g in zip(params, grads):
            p.grad = None if g is None else tensor(g)
        optimizer.step()
        history.append([hexes(p) for p in params])
    results[case["name"]] = history
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
