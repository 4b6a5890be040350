"""Computes the pooling cases that PoolingParityTest lists with torch.nn.functional in float64.

Usage: pooling_parity.py SPEC.json OUT.json. Each case gives an input (differentiated), a torch
expression in x and the gradient to back-propagate; the script writes each case's output shape,
values and input gradient, floats as float.hex strings (NaN and infinities spelled as Java parses
them)."""
import json
import math
import sys

import torch
import torch.nn.functional as F


def tensor(spec):
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def java_hex(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float.hex(v)


def hexes(t):
    return [java_hex(v) for v in t.detach().reshape(-1).tolist()]


with open(sys.argv[1]) as f:
    cases = json.load(f)
results = {}
for case in cases:
    x = tensor(case["input"])
    if case["transposed"]:
        x = x.transpose(-2, -1).contiguous().transpose(-2, -1)
    x.requires_grad_()
    y = eval(case["torch"], {"F": F, "x": x})
    y.backward(tensor(case["grad_output"]))
    results[case["name"]] = {"shape": list(y.shape), "value": hexes(y), "grad": hexes(x.grad)}
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
