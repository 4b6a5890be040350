"""Runs the cases of EverydayOpsParityTest with torch in float64.

Usage: everyday_ops_parity.py SPEC.json OUT.json. Each case gives its inputs (floating inputs
flagged "grad" require grad, INT32 ones arrive as int64), a torch expression in the list x, and the
gradient to back-propagate; the script writes each case's output shape, value (as float64) and the
gradient of every input that requires grad (zeros where torch leaves it None), floats as float.hex
strings (NaN and infinities as Java spells them)."""
import json
import math
import sys

import torch


def tensor(spec):
    if spec["dtype"] == "int":
        return torch.tensor(spec["values"], dtype=torch.int64).reshape(spec["shape"])
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def java_hex(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float.hex(v)


def hexes(t):
    return [java_hex(v) for v in t.detach().to(torch.float64).reshape(-1).tolist()]


with open(sys.argv[1]) as f:
    cases = json.load(f)
results = {}
for case in cases:
    x = []
    for spec, grad in zip(case["inputs"], case["grad"]):
        t = tensor(spec)
        x.append(t.requires_grad_() if grad else t)
    y = eval(case["torch"], {"torch": torch, "x": x, "inf": math.inf, "nan": math.nan})
    if y.requires_grad:
        y.backward(tensor(case["grad_output"]))
    grads = []
    for t, grad in zip(x, case["grad"]):
        if grad:
            grads.append(hexes(t.grad if t.grad is not None else torch.zeros_like(t)))
    results[case["name"]] = {"shape": list(y.shape), "value": hexes(y), "grads": grads}
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
