#!/usr/bin/env python3
"""Writes the identification examples from a known first-order heat-network node (standard library only).

Ground truth, one step = 1 h, x the network temperature in degC:

    x[k+1] = 0.9 * x[k] + 0.004 * heat[k] - 0.003 * load[k] + 0.5 * ground[k] + w[k]

heat: heat delivered to the network in kW; load: heat drawn by the buildings in kW; ground: 10 degC throughout
(the level term); w: Gaussian process noise with a standard deviation of 0.05 K. x is written rounded to 0.001 K.

heat-network-open-loop.csv: heat is a random staircase (levels uniform on 200-1000 kW, each held 1-6 h),
independent of the load and of the temperature, so its effect can be identified.
heat-network-closed-loop.csv: the same plant with heat set by a controller from the load and the temperature,
heat = load + 40 * (62 - x) plus a +-20 kW dither, so heat moves with the load and cannot be told apart from it.

Run from any folder: python3 generate.py (seeded, so it rewrites the same bytes).
"""

import math
import os
import random
from datetime import datetime, timedelta, timezone

A, B, E_LOAD, E_GROUND, NOISE_K = 0.9, 0.004, -0.003, 0.5, 0.05
DAYS = 22
START = datetime(2022, 11, 1, tzinfo=timezone.utc)


def gaussian(rng):
    """A standard normal draw (Box-Muller), so the file does not depend on random.gauss's implementation."""
    return math.sqrt(-2.0 * math.log(1.0 - rng.random())) * math.cos(2.0 * math.pi * rng.random())


def write(name, closed_loop, seed):
    rng = random.Random(seed)
    x = 62.0
    level, hold = 600.0, 0
    rows = ["time,network_temp_c,heat_kw,load_kw,ground_temp_c"]
    for k in range(DAYS * 24):
        load = 400.0 + 150.0 * math.sin(2.0 * math.pi * (k % 24 - 8) / 24.0) + 60.0 * (rng.random() - 0.5)
        if closed_loop:
            heat = max(0.0, load + 40.0 * (62.0 - x) + 40.0 * (rng.random() - 0.5))
        else:
            if hold == 0:
                level, hold = 200.0 + 800.0 * rng.random(), rng.randint(1, 6)
            hold -= 1
            heat = level
        ground = 10.0
        time = (START + timedelta(hours=k)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(f"{time},{x:.3f},{heat:.3f},{load:.3f},{ground:.1f}")
        x = A * x + B * heat + E_LOAD * load + E_GROUND * ground + NOISE_K * gaussian(rng)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), name), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


write("heat-network-open-loop.csv", closed_loop=False, seed=2022)
write("heat-network-closed-loop.csv", closed_loop=True, seed=2022)
