"""Computes the convolutions that ConvParityTest lists with torch in float64.

Usage: conv_parity.py SPEC.json OUT.json. Each case gives an input, a weight, an optional bias and
the gradient to back-propagate, all differentiated, and either a torch.nn.functional expression in
x, w and b ("function") or a torch.nn module expression whose parameters are set to w and b
("module"). The script writes each case's output shape, value and the gradients of the input,
weight and bias, floats as float.hex strings."""
import json
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def tensor(spec):
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def hexes(t):
    return [float.hex(v) for v in t.detach().reshape(-1).tolist()]


with open(sys.argv[1]) as f:
    cases = json.load(f)
results = {}
for case in cases:
    x = tensor(case["input"]).requires_grad_()
    w = tensor(case["weight"]).requires_grad_()
    b = tensor(case["bias"]).requires_grad_() if "bias" in case else None
    if case["kind"] == "module":
        module = eval(case["torch"], {"nn": nn, "torch": torch})
        with torch.no_grad():
            module.weight.copy_(w)
            if b is not None:
                module.bias.copy_(b)
        y = module(x)
        grads = [module.weight, module.bias]
    else:
        y = eval(case["torch"], {"F": F, "x": x, "w": w, "b": b})
        grads = [w, b]
    y.backward(tensor(case["grad_output"]))
    result = {"shape": list(y.shape), "value": hexes(y), "input": hexes(x.grad)}
    result["weight"] = hexes(grads[0].grad)
    if b is not None:
        result["bias"] = hexes(grads[1].grad)
    results[case["name"]] = result
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
