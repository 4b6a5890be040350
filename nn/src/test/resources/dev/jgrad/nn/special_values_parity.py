"""Runs the rows of SpecialValuesParityTest with PyTorch in float64.

Usage: special_values_parity.py SPEC.json OUT.json. Each row of the spec holds a Python lambda over
the list of input tensors and its samples: the inputs and the upstream gradients to send back. The
script writes, per row and sample, the forward values and, per upstream gradient, every input's
gradient (zeros where the output does not depend on it), floats as Java-readable hex strings."""
import json
import math
import sys

import torch
import torch.nn.functional as F  # noqa: F401 (used by the rows' lambdas)


def decode(text):
    return float.fromhex(text.replace("Infinity", "inf"))


def tensor(spec):
    values = [decode(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def encode(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float.hex(v)


def hexes(t):
    return [encode(v) for v in t.detach().reshape(-1).tolist()]


def run(row):
    fn = eval(row["torch"])
    results = []
    for sample in row["samples"]:
        inputs = [tensor(s).requires_grad_() for s in sample["inputs"]]
        out = fn(inputs)
        grads = []
        for upstream in sample["upstream"]:
            got = torch.autograd.grad(
                out, inputs, tensor(upstream).reshape(out.shape), retain_graph=True,
                allow_unused=True)
            grads.append([hexes(torch.zeros_like(x) if g is None else g)
                          for g, x in zip(got, inputs)])
        results.append({"out": hexes(out), "grads": grads})
    return results


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    out = {row["name"]: run(row) for row in spec["rows"]}
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
