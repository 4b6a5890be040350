"""Computes what NormParityTest lists with PyTorch in float64, and round-trips BatchNorm2d state
dicts with jgrad through safetensors files.

Usage: norm_parity.py SPEC.json OUT.json. Case kinds:
- "batch_norm": F.batch_norm on an input, optional weight/bias/running statistics; returns the
  output, the gradients and the running statistics after the call.
- "module": an nn.BatchNorm1d/2d with given settings and initial weight/bias, run for a list of
  steps (train or eval mode); returns each step's output and gradients and the final buffers.
- "pad": F.pad(mode='constant'); returns the output and the input's gradient.
- "interop": loads jgrad's BatchNorm2d file with load_state_dict(strict=True) and reports keys,
  dtypes, buffers and eval output; then trains a BatchNorm2d and saves its state dict for jgrad.
Safetensors files are read and written with the safetensors package when it is installed, and
otherwise by the small reader and writer below (struct + json + numpy). Floats travel as
float.hex strings."""
import json
import struct
import sys

import numpy as np
import torch
import torch.nn.functional as F

try:
    from safetensors.torch import load_file, save_file
except ImportError:
    load_file = save_file = None

CODES = {"F32": torch.float32, "F64": torch.float64, "I32": torch.int32, "I64": torch.int64}
NUMPY = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "I64": "<i8"}


def read_safetensors(path):
    """Returns (ordered names, {name: dtype code}, {name: tensor}) of a safetensors file."""
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    names = [k for k in header if k != "__metadata__"]
    codes = {k: header[k]["dtype"] for k in names}
    if load_file is not None:
        tensors = load_file(path)
    else:
        data = blob[8 + n:]
        tensors = {}
        for k in names:
            begin, end = header[k]["data_offsets"]
            array = np.frombuffer(data[begin:end], dtype=NUMPY[codes[k]])
            tensors[k] = torch.from_numpy(array.reshape(header[k]["shape"]).copy())
    return names, codes, tensors


def write_safetensors(path, tensors):
    if save_file is not None:
        save_file({k: v.contiguous() for k, v in tensors.items()}, path)
        return
    code_of = {v: k for k, v in CODES.items()}
    header, chunks, offset = {}, [], 0
    for k, v in tensors.items():
        raw = v.contiguous().numpy().astype(NUMPY[code_of[v.dtype]]).tobytes()
        header[k] = {"dtype": code_of[v.dtype], "shape": list(v.shape),
                     "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"))
    text += " " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode("utf-8"))
        for raw in chunks:
            f.write(raw)


def tensor(spec, dtype=torch.float64):
    if spec is None:
        return None
    values = [float.fromhex(v) for v in spec["values"]]
    return torch.tensor(values, dtype=dtype).reshape(spec["shape"])


def hexes(t):
    if t is None:
        return None
    return [float.hex(float(v)) for v in t.detach().reshape(-1).tolist()]


def leaf(spec):
    t = tensor(spec)
    return None if t is None else t.requires_grad_()


def batch_norm(case):
    x, w, b = leaf(case["input"]), leaf(case.get("weight")), leaf(case.get("bias"))
    rm, rv = tensor(case.get("running_mean")), tensor(case.get("running_var"))
    y = F.batch_norm(x, rm, rv, w, b, training=case["training"], momentum=case["momentum"],
                     eps=case["eps"])
    y.backward(tensor(case["grad_output"]))
    return {"output": hexes(y), "grad_input": hexes(x.grad),
            "grad_weight": hexes(None if w is None else w.grad),
            "grad_bias": hexes(None if b is None else b.grad),
            "running_mean": hexes(rm), "running_var": hexes(rv)}


def module(case):
    cls = {"BatchNorm1d": torch.nn.BatchNorm1d, "BatchNorm2d": torch.nn.BatchNorm2d}[case["type"]]
    bn = cls(case["num_features"], eps=case["eps"], momentum=case["momentum"],
             affine=case["affine"], track_running_stats=case["track"]).double()
    if case["affine"]:
        with torch.no_grad():
            bn.weight.copy_(tensor(case["weight"]))
            bn.bias.copy_(tensor(case["bias"]))
    steps = []
    for step in case["steps"]:
        bn.train(step["train"])
        bn.zero_grad()
        x = leaf(step["input"])
        y = bn(x)
        y.backward(tensor(step["grad_output"]))
        steps.append({"output": hexes(y), "grad_input": hexes(x.grad),
                      "grad_weight": hexes(bn.weight.grad) if case["affine"] else None,
                      "grad_bias": hexes(bn.bias.grad) if case["affine"] else None})
    out = {"steps": steps, "keys": list(bn.state_dict().keys())}
    if case["track"]:
        out["running_mean"] = hexes(bn.running_mean)
        out["running_var"] = hexes(bn.running_var)
        out["num_batches_tracked"] = int(bn.num_batches_tracked)
    return out


def pad(case):
    x = leaf(case["input"])
    y = F.pad(x, case["pad"], mode="constant", value=case["value"])
    y.backward(tensor(case["grad_output"]))
    return {"shape": list(y.shape), "output": hexes(y), "grad_input": hexes(x.grad)}


def interop(case):
    names, codes, state = read_safetensors(case["jgrad_file"])
    bn = torch.nn.BatchNorm2d(case["num_features"])
    bn.load_state_dict(state, strict=True)
    bn.eval()
    with torch.no_grad():
        jgrad_eval = bn(tensor(case["eval_input"], torch.float32))
    loaded = {"names": names, "codes": codes,
              "module_keys": list(bn.state_dict().keys()),
              "module_dtypes": {k: str(v.dtype) for k, v in bn.state_dict().items()},
              "num_batches_tracked": int(bn.num_batches_tracked),
              "values": {k: hexes(v.double()) for k, v in bn.state_dict().items()},
              "eval_output": hexes(jgrad_eval)}
    torch.manual_seed(case["seed"])
    mine = torch.nn.BatchNorm2d(case["num_features"])
    with torch.no_grad():
        mine.weight.copy_(torch.randn(case["num_features"]))
        mine.bias.copy_(torch.randn(case["num_features"]))
    for _ in range(case["torch_steps"]):
        mine(torch.randn(5, case["num_features"], 3, 4) * 2 + 1)
    write_safetensors(case["torch_file"], mine.state_dict())
    mine.eval()
    with torch.no_grad():
        torch_eval = mine(tensor(case["eval_input"], torch.float32))
    saved = {"values": {k: hexes(v.double()) for k, v in mine.state_dict().items()},
             "eval_output": hexes(torch_eval)}
    return {"loaded": loaded, "saved": saved,
            "reader": "safetensors package" if load_file is not None else "struct+json+numpy"}


KINDS = {"batch_norm": batch_norm, "module": module, "pad": pad, "interop": interop}

with open(sys.argv[1]) as f:
    cases = json.load(f)
results = {case["name"]: KINDS[case["kind"]](case) for case in cases}
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
