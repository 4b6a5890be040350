"""Runs the cases of SchedulerCycleParityTest with torch.optim.lr_scheduler.

Usage: scheduler_cycle_parity.py SPEC.json OUT.json. Each case names an optimizer ("sgd" or
"adam", one group per learning rate in the spec) and a Python expression over `opt`: a list of
schedulers stepped once per epoch, or a ReduceLROnPlateau stepped with the spec's metrics. The
script records every group's lr and momentum (Adam's first beta) after construction and after each
epoch, with each scheduler's get_last_lr() or the plateau's counters, as float.hex strings."""
import json
import math
import sys

import torch
from torch.optim.lr_scheduler import (ChainedScheduler, CosineAnnealingLR, ExponentialLR,
                                      LambdaLR, LinearLR, OneCycleLR, ReduceLROnPlateau,
                                      SequentialLR, StepLR)

NAMES = {
    "ChainedScheduler": ChainedScheduler,
    "CosineAnnealingLR": CosineAnnealingLR,
    "ExponentialLR": ExponentialLR,
    "LambdaLR": LambdaLR,
    "LinearLR": LinearLR,
    "OneCycleLR": OneCycleLR,
    "ReduceLROnPlateau": ReduceLROnPlateau,
    "SequentialLR": SequentialLR,
    "StepLR": StepLR,
}


def encode(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return float.hex(v)


def hexes(values):
    return [encode(float(v)) for v in values]


def momentum(group):
    return group["betas"][0] if "betas" in group else group["momentum"]


def record(opt, scheduler):
    out = {
        "lr": hexes(g["lr"] for g in opt.param_groups),
        "momentum": hexes(momentum(g) for g in opt.param_groups),
    }
    if isinstance(scheduler, ReduceLROnPlateau):
        out["plateau"] = hexes([scheduler.best, scheduler.num_bad_epochs,
                                scheduler.cooldown_counter, scheduler.last_epoch])
    else:
        out["last_lr"] = [hexes(s.get_last_lr()) for s in scheduler]
    return out


def main():
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    metrics = [float(v) for v in spec["metrics"]]
    results = {}
    for case in spec["cases"]:
        groups = [
            {"params": [torch.zeros(2, requires_grad=True)], "lr": float.fromhex(lr)}
            for lr in spec["group_lrs"]
        ]
        if case["optimizer"] == "adam":
            opt = torch.optim.Adam(groups, lr=0.5)
        else:
            opt = torch.optim.SGD(groups, lr=0.5)
        scheduler = eval(case["torch"], dict(NAMES, opt=opt))
        history = [record(opt, scheduler)]
        for epoch in range(spec["epochs"]):
            opt.step()
            if isinstance(scheduler, ReduceLROnPlateau):
                scheduler.step(metrics[epoch])
            else:
                for s in scheduler:
                    s.step()
            history.append(record(opt, scheduler))
        results[case["optimizer"] + " " + case["torch"]] = history
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
