"""Runs the cases of ClipGradParityTest with torch.nn.utils.clip_grad_norm_ and clip_grad_value_.

Usage: clip_grad_parity.py SPEC.json OUT.json. The spec holds the parameters' shapes, their
gradients (null: no gradient), the norm cases (max_norm, norm_type) and the clip values; all in
float64, the script writes each norm case's returned total norm and clipped gradients and each
clip value's clipped gradients (under "clip_value=<hex>"), as float.hex strings."""
import json
import sys

import torch


def tensor(spec):
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def hexes(t):
    return [float.hex(v) for v in t.detach().reshape(-1).tolist()]


with open(sys.argv[1]) as f:
    spec = json.load(f)
results = {}
for case in spec["cases"]:
    params = []
    for shape, grad in zip(spec["shapes"], spec["grads"]):
        p = torch.zeros(shape, dtype=torch.float64, requires_grad=True)
        p.grad = None if grad is None else tensor(grad)
        params.append(p)
    total = torch.nn.utils.clip_grad_norm_(
        params, float.fromhex(case["max_norm"]), float(case["norm_type"]))
    results[case["name"]] = {
        "total": hexes(total),
        "grads": [hexes(p.grad) for p in params if p.grad is not None],
    }
for hex_value in spec["clip_values"]:
    params = []
    for shape, grad in zip(spec["shapes"], spec["grads"]):
        p = torch.zeros(shape, dtype=torch.float64, requires_grad=True)
        p.grad = None if grad is None else tensor(grad)
        params.append(p)
    torch.nn.utils.clip_grad_value_(params, float.fromhex(hex_value))
    results["clip_value=" + hex_value] = [hexes(p.grad) for p in params if p.grad is not None]
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
