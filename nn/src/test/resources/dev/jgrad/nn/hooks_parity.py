"""Runs the hook scenarios of HooksParityTest with PyTorch in float64.

Usage: hooks_parity.py SPEC.json OUT.json. The spec holds the scenarios' tensors (and the module's
state dict); the script writes, per scenario, the hooks' calls in order (a label and the tensor the
hook saw, or null) and the resulting gradients, floats as float.hex strings."""
import json
import sys

import torch
import torch.nn as nn
from torch.autograd import functional


def tensor(spec):
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=torch.float64).reshape(spec["shape"])


def hexes(t):
    return None if t is None else [float.hex(v) for v in t.detach().reshape(-1).tolist()]


def tensor_hooks(spec):
    calls = []

    def rec(label, scale=None):
        def hook(g):
            calls.append([label, hexes(g)])
            return None if scale is None else g * scale
        return hook

    x = tensor(spec["x"]).requires_grad_()
    c = tensor(spec["c"])
    x.register_hook(rec("x1"))
    x.register_hook(rec("x2", 10.0))
    x.register_hook(rec("x3"))
    y = x * x.tanh()
    y.register_hook(rec("y1", -0.5))
    y.retain_grad()
    y.register_hook(rec("y2"))
    (y * c + x.exp()).sum().backward()
    (x * c).sum().backward()
    return {"calls": calls, "x_grad": hexes(x.grad), "y_grad": hexes(y.grad)}


def module_hooks(spec):
    calls = []
    seq = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2)).double()
    state = {k: tensor(v) for k, v in spec["state"].items()}
    seq.load_state_dict(state)

    def pre(m, inp):
        calls.append(["pre0", hexes(inp[0])])
        return inp[0] * 2

    def fwd1(m, inp, out):
        calls.append(["fwd1", hexes(out)])
        return out * 0.5

    def fwd(m, inp, out):
        calls.append(["fwd", hexes(out)])

    def bwd(label, scale=None):
        def hook(m, grad_input, grad_output):
            calls.append([label + " in", hexes(grad_input[0])])
            calls.append([label + " out", hexes(grad_output[0])])
            return None if scale is None else (grad_input[0] * scale,)
        return hook

    seq[0].register_forward_pre_hook(pre)
    seq[1].register_forward_hook(fwd1)
    seq.register_forward_hook(fwd)
    seq[2].register_full_backward_hook(bwd("bw2"))
    seq[0].register_full_backward_hook(bwd("bw0", 3.0))
    seq.register_full_backward_hook(bwd("bw"))
    x = tensor(spec["x"]).requires_grad_()
    (seq(x) * tensor(spec["c"])).sum().backward()
    grads = {name: hexes(p.grad) for name, p in seq.named_parameters()}

    last = nn.Linear(3, 2).double()
    last.load_state_dict({"weight": state["2.weight"], "bias": state["2.bias"]})
    last.register_full_backward_hook(bwd("const"))
    (last(tensor(spec["h"])) * tensor(spec["c"])).sum().backward()
    return {"calls": calls, "x_grad": hexes(x.grad), "grads": grads}


def functional_api(spec):
    w = tensor(spec["w"])
    x = tensor(spec["x"])
    v = tensor(spec["v"])

    def f(x_):
        return torch.tanh(w @ x_) * x_.sum()

    jacobian = functional.jacobian(f, x)
    output, vjp = functional.vjp(f, x, v)
    jw, jx = functional.jacobian(lambda w_, x_: torch.tanh(w_ @ x_), (w, x))

    calls = []
    wv = w.clone().requires_grad_()
    xv = x.clone().requires_grad_()
    h = wv @ xv

    def half(g):
        calls.append(["h", hexes(g)])
        return g * 0.5

    h.register_hook(half)
    a = torch.tanh(h)
    b = h.exp().sum()
    gx, gw = torch.autograd.grad([a, b], [xv, wv], [v, torch.tensor(2.0, dtype=torch.float64)])
    return {
        "jacobian": hexes(jacobian),
        "jacobian_shape": list(jacobian.shape),
        "output": hexes(output),
        "vjp": hexes(vjp),
        "jacobian_w": hexes(jw),
        "jacobian_w_shape": list(jw.shape),
        "jacobian_x": hexes(jx),
        "grad_calls": calls,
        "grad_x": hexes(gx),
        "grad_w": hexes(gw),
    }


with open(sys.argv[1]) as f:
    spec = json.load(f)
results = {
    "tensor": tensor_hooks(spec["tensor"]),
    "module": module_hooks(spec["module"]),
    "functional": functional_api(spec["functional"]),
}
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
