"""Evaluates the cases of TorchCases (nn tests) with torch in float64.

Usage: torch_cases.py SPEC.json OUT.json. Each case gives its inputs (a0, a1, ...; floats as
float.hex strings, integer tensors as int64), which of them are differentiated, a torch expression
in them, and the gradient to back-propagate; the script writes each case's output shape, value and
input gradients, floats as float.hex strings. Each repr entry is an expression whose repr() is
written."""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def tensor(spec):
    if spec["dtype"] == "int":
        return torch.tensor(spec["values"], dtype=torch.int64).reshape(spec["shape"])
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def hexes(t):
    return [float.hex(float(v)) for v in t.detach().reshape(-1).tolist()]


with open(sys.argv[1]) as f:
    spec = json.load(f)
results = {"cases": {}, "reprs": {}}
for case in spec["cases"]:
    args = [tensor(s) for s in case["inputs"]]
    for a, differentiated in zip(args, case["differentiated"]):
        if differentiated:
            a.requires_grad_()
    env = {"F": F, "nn": nn, "torch": torch}
    env.update({"a%d" % i: a for i, a in enumerate(args)})
    y = eval(case["torch"], env)
    r = {"shape": list(y.shape), "value": hexes(y)}
    if any(case["differentiated"]):
        y.backward(tensor(case["grad_output"]))
        r["grads"] = [hexes(a.grad) if d else [] for a, d in zip(args, case["differentiated"])]
    results["cases"][case["name"]] = r
for name, expression in spec["reprs"].items():
    results["reprs"][name] = repr(eval(expression, {"nn": nn, "torch": torch}))
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
