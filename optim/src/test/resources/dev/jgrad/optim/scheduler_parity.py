"""Runs the scheduler cases of SchedulerParityTest with torch.optim.lr_scheduler.

Usage: scheduler_parity.py SPEC.json OUT.json. Each case is a Python list of schedulers built on
`opt`, an SGD optimizer with one group per learning rate in the spec; the script records every
group's lr and every scheduler's get_last_lr() after construction and after each epoch, as
float.hex strings."""
import json
import sys

import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, ExponentialLR, LambdaLR, LinearLR, StepLR

NAMES = {
    "StepLR": StepLR,
    "ExponentialLR": ExponentialLR,
    "CosineAnnealingLR": CosineAnnealingLR,
    "LinearLR": LinearLR,
    "LambdaLR": LambdaLR,
}


def hexes(values):
    return [float.hex(v) for v in values]


def record(opt, schedulers):
    return {
        "lr": hexes(g["lr"] for g in opt.param_groups),
        "last_lr": [hexes(s.get_last_lr()) for s in schedulers],
    }


with open(sys.argv[1]) as f:
    spec = json.load(f)
results = {}
for case in spec["cases"]:
    groups = [
        {"params": [torch.zeros(2, requires_grad=True)], "lr": float.fromhex(lr)}
        for lr in spec["group_lrs"]
    ]
    opt = torch.optim.SGD(groups, lr=0.5)
    schedulers = eval(case, dict(NAMES, opt=opt))
    history = [record(opt, schedulers)]
    for _ in range(spec["epochs"]):
        opt.step()
        for s in schedulers:
            s.step()
        history.append(record(opt, schedulers))
    results[case] = history
with open(sys.argv[2], "w") as f:
    json.dump(results, f)
