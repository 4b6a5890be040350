"""Independent check of a jgrad checkpoint: reads the safetensors layout by hand (struct + json +
numpy, no safetensors package), loads the weights into the same network built in PyTorch, and
compares its logits with the ones jgrad computed, printing how many it compared. Exit 0: match;
1: mismatch; 77: torch absent."""
import json
import struct
import sys

try:
    import numpy as np
    import torch
except ImportError as e:
    print(f"skip: {e}")
    sys.exit(77)

DTYPES = {"F32": np.float32, "F64": np.float64, "I32": np.int32}


def read_safetensors(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    data = blob[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=np.dtype(DTYPES[info["dtype"]]).newbyteorder("<"))
        out[name] = torch.from_numpy(array.reshape(info["shape"]).copy())
    return out, header.get("__metadata__", {})


model_path, io_path = sys.argv[1], sys.argv[2]
state, meta = read_safetensors(model_path)
io, _ = read_safetensors(io_path)
net = torch.nn.Sequential(
    torch.nn.Linear(6, 5), torch.nn.ReLU(), torch.nn.Linear(5, 3), torch.nn.LogSoftmax(dim=1))
net.load_state_dict(state, strict=True)
with torch.no_grad():
    logits = net(io["input"])
if logits.shape != io["logits"].shape:
    print(f"torch logits {tuple(logits.shape)} vs jgrad logits {tuple(io['logits'].shape)}")
    sys.exit(1)
diff = (logits - io["logits"]).abs().max().item()
print(f"torch {torch.__version__}: metadata {meta}, {logits.numel()} logits compared,"
      f" max |torch - jgrad| = {diff:.3e}")
sys.exit(0 if torch.allclose(logits, io["logits"], rtol=1e-5, atol=1e-6) else 1)
