"""Trains the peers' LeNet-5 in PyTorch for a few steps on real MNIST and writes, without the
safetensors package (struct + json), its state dict under PyTorch's own key names and the float32
logits of the first test images. Usage: lenet5_torch.py MNIST_DIR OUT_DIR STEPS IMAGES."""
import gzip
import json
import struct
import sys

import numpy as np
import torch

mnist, out, steps, images = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def idx(name, offset):
    for path in (f"{mnist}/{name}.gz", f"{mnist}/{name}"):
        try:
            opener = gzip.open if path.endswith(".gz") else open
            with opener(path, "rb") as f:
                return np.frombuffer(f.read(), np.uint8, offset=offset)
        except FileNotFoundError:
            continue
    raise SystemExit(f"lenet5_torch.py: {name} not found in {mnist}")


x_train = torch.from_numpy(idx("train-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
y_train = torch.from_numpy(idx("train-labels-idx1-ubyte", 8).astype(np.int64))
x_test = torch.from_numpy(idx("t10k-images-idx3-ubyte", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)

torch.manual_seed(0)
nn = torch.nn
model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for step in range(steps):
    batch = slice(64 * step, 64 * (step + 1))
    opt.zero_grad()
    nn.functional.cross_entropy(model(x_train[batch]), y_train[batch]).backward()
    opt.step()
with torch.no_grad():
    logits = model(x_test[:images])


def write_safetensors(path, tensors):
    header, blobs, offset = {"__metadata__": {"source": f"torch {torch.__version__}"}}, [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


write_safetensors(f"{out}/lenet5.safetensors", model.state_dict())
write_safetensors(f"{out}/logits.safetensors", {"logits": logits})
print(f"torch {torch.__version__}: {steps} steps, {len(model.state_dict())} tensors, {images} logits")
