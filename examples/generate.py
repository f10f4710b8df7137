#!/usr/bin/env python3
"""Generate the example district files in examples/ from the real 2022-11-01 data.

Run from the repository root:   python3 examples/generate.py
Python 3 standard library only. Reads only examples/data/*.csv, writes
examples/heat-network.json, examples/ev-pv-hub.json,
examples/infeasible-boiler.json and examples/boiler-commitment.json.
The output is deterministic (no randomness): rerunning gives identical files.

Time axis
---------
96 steps of 15 min; step i begins at 2022-11-01T00:00Z + 15 min * i.
Hourly source values are linearly interpolated to the step start times.
Each hourly value is placed at the time it represents (SOURCE_OFFSET_MIN):
  * price and carbon intensity are means over the hour STARTING at the
    timestamp (source README) -> placed at timestamp + 30 min;
  * irradiance is the mean over the hour ENDING at the timestamp (source
    README) -> placed at timestamp - 30 min;
  * air temperature is an instantaneous hourly observation -> at timestamp.
Before the first / after the last placed value the nearest value is held.
Setting every offset to 0 gives plain "value at its timestamp" interpolation.

Units
-----
The unit is read from each CSV column header and converted to the contract's
units: price -> GBP/kWh (a "[p/kWh]" column would be divided by 100; the Agile
file is already in "[£/kWh]", incl. VAT), carbon -> kgCO2/kWh (a "[g...]" column
would be divided by 1000; the file is already "[kg_CO2/kWh]"), temperature degC,
irradiance W/m2 as given.

Modelling constants (all kW, kWh, degC, GBP, kgCO2 unless stated)
----------------------------------------------------------------
Factors (every file)
  GAS_PRICE = 0.103 GBP/kWh   UK Energy Price Guarantee gas unit rate from
                              1 Oct 2022 (10.3 p/kWh incl. VAT), which replaced
                              the Oct-2022 Ofgem price-cap unit rate.
  GAS_CO2   = 0.184 kgCO2/kWh UK government GHG conversion factor for natural
                              gas, gross CV (0.18385 in the 2019 set; 0.182-0.184
                              in 2019-2022).
  solar: cost 0, co2 0 (no fuel, no marginal emissions).

(a) heat-network.json -- a district heat network (cf. O'Dwyer et al., Ernest Dence)
  Heat pump: water-source, source water at outdoor temp + HP_SOURCE_DELTA (5 K),
    sink (network flow) 70 degC = 343.15 K. Carnot COP = Tsink/(Tsink - Tsource)
    in kelvin; real COP = HP_CARNOT_FRACTION (0.45, typical second-law
    efficiency of large heat pumps) * Carnot, clamped to HP_COP_MIN..HP_COP_MAX
    (2.4..3.6, the realistic range of a 70 degC water-source unit).
    On 2022-11-01 (Tout 8.9..14.6 degC) this gives COP 2.75..3.06.
    HP_MAX_ELEC = 60 kW electric input.
  Gas boiler: efficiency 0.88 (condensing boiler at 70 degC flow, gross CV),
    max 450 kW gas.
  Thermal store: 600 kWh, starts at 200 kWh, 0.95 charge/discharge efficiency,
    retention 0.998 per 15-min step (~0.8 %/h standing loss), 200 kW in/out.
  Network model, lumped single-node energy balance:
      C dT/dt = -UA (T - Tout) + Q
    UA = 5.3 kW/K (heat drawn off by the connected buildings plus pipe losses,
         per K of network-to-outdoor difference),
    C  = 42 kWh/K (~36 m3 of water at 1.163 kWh/(m3 K): pipes + emitters),
    time constant C/UA = 7.9 h. Forward Euler with dt = 0.25 h:
      A = 1 - UA dt/C = 0.968452, B_heat = dt/C = 0.00595238 K/kW,
      E_outdoorTemp = UA dt/C = 0.031548 (= 1 - A, so A + E = 1 exactly).
    Band 60..75 degC, x0 = 66 degC.
  Capacity check (2022-11-01, Tout 8.9..14.6 degC):
    heat loss at 65 degC = UA (65 - Tout) = 267..297 kW (mean ~284 kW);
    at 75 degC at most 5.3*(75-8.9) = 350 kW; at 60 degC at least 241 kW.
    Heat pump max 60 kW * COP 2.75..3.06 = 165..184 kW heat;
    boiler max 450 * 0.88 = 396 kW heat; together 561..580 kW (+200 kW store)
    > 350 kW, so the band 60..75 degC can be held at every step (even by the
    boiler alone); the heat pump alone would settle near Tout + 175/5.3 = 44 degC,
    so the boiler must top up. The script prints these numbers.

(b) ev-pv-hub.json -- EV charging hub with rooftop PV
  PV: PV_KWP = 270 kWp, performance ratio PV_PR = 0.85. Available power
    P = PV_KWP * GHI / 1000 W/m2 * PV_PR, with GHI the Bedford global
    HORIZONTAL irradiance (approximation: no tilt/orientation transposition,
    no temperature derating beyond the PR).
  EV demand of EV_COUNT = 300 EVs, EV_KWH_PER_EV = 7 kWh/day each
    (~25 miles at ~0.28 kWh/mile) -> 2100 kWh/day, split deterministically:
      10 % overnight/base trickle: flat,
      40 % workplace morning arrivals: Gaussian centred 09:00, sigma 1.5 h,
      50 % residential evening returns: Gaussian centred 19:00, sigma 2.0 h,
    Gaussians wrapped over 24 h (evening charging continues past midnight),
    each part normalised on the 96-step grid to its exact energy share.
    Peak ~232 kW (<= 250 kW, i.e. ~33 x 7 kW chargers busy).
  Grid connection 400 kW.
  Delayable demand "ev-delay": a store of negative capacity (O'Dwyer et al. s. 4.4):
    up to 600 kWh of charging may be postponed; at each step at most half of
    the requested EV power (EV_DELAYABLE_FRACTION = 0.5) may be postponed
    (dischargeMax series); postponed energy is served at <= 200 kW and must
    all be served by the end of the day ("returnToInitial"). penalty -0.008
    GBP per kWh of backlog per hour (SoC <= 0, so delaying costs a little).

(c) infeasible-boiler.json -- deliberately infeasible
  One gas boiler, efficiency 0.9, max 100 kW gas -> at most 90 kW heat.
  Space heat demand = 40 + 3.0 * (20 - Tout) kW (+8 kW morning warm-up 06-09),
  clamped to 50..80 kW, except 102.5 kW at steps 68..75 (17:00-19:00):
  the heat balance is short by 12.5 kW at those 8 steps.

(d) boiler-commitment.json -- unit commitment (MILP)
  School: heat pump COP 3.0 (constant), max 40 kW electric (120 kW heat);
  gas boiler efficiency 0.9, max 300 kW gas, commitment minOn 60 kW gas,
  min up 8 steps (2 h), min down 4 steps (1 h), start cost 2.0 GBP.
  Heat demand: 20 kW outside 06:00-16:00 (frost protection, hot-water
  standing losses); in 06:00-16:00 150 + 100 * exp(-(h - 6)/2) kW (morning
  warm-up peak 250 kW decaying to ~150 kW).
"""

import csv
import json
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")

START = "2022-11-01T00:00:00Z"
START_STAMP = "2022-11-01 00:00:00"
STEP_MIN = 15
N = 96
DT_H = STEP_MIN / 60.0

PRICE_CSV = "agile_import_price_eastern_england_2022-11-01.csv"
CARBON_CSV = "carbon_intensity_gb_2022-11-01.csv"
WEATHER_CSV = "weather_bedford_2022-11-01.csv"

# minutes by which each hourly value is moved from its timestamp (see top)
SOURCE_OFFSET_MIN = {"price": 30, "carbon": 30, "temperature": 0, "irradiance": -30}

GAS_PRICE = 0.103  # GBP/kWh
GAS_CO2 = 0.184  # kgCO2/kWh

# (a) heat network
HP_SINK_K = 343.15  # 70 degC flow
HP_SOURCE_DELTA = 5.0  # K above outdoor air
HP_CARNOT_FRACTION = 0.45
HP_COP_MIN, HP_COP_MAX = 2.4, 3.6
HP_MAX_ELEC = 60.0  # kW
BOILER_EFF = 0.88
BOILER_MAX_GAS = 450.0  # kW
NET_UA = 5.3  # kW/K
NET_C = 42.0  # kWh/K

# (b) EV + PV hub
PV_KWP = 270.0
PV_PR = 0.85
GRID_MAX = 400.0  # kW
EV_COUNT = 300
EV_KWH_PER_EV = 7.0
EV_SHARES = {"base": 0.10, "morning": 0.40, "evening": 0.50}
EV_MORNING = (9.0, 1.5)  # centre h, sigma h
EV_EVENING = (19.0, 2.0)
EV_DELAYABLE_FRACTION = 0.5

# (c) infeasible boiler
INF_BOILER_EFF = 0.9
INF_BOILER_MAX = 100.0
INF_PEAK = 102.5
INF_PEAK_STEPS = range(68, 76)  # 17:00-19:00

# (d) school unit commitment
SCHOOL_HP_COP = 3.0
SCHOOL_HP_MAX = 40.0
SCHOOL_BOILER_EFF = 0.9
SCHOOL_BOILER_MAX = 300.0
SCHOOL_BASE = 20.0
SCHOOL_OCC = (6.0, 16.0)


def sig(x, digits=5):
    """Round to `digits` significant digits; return int-free float."""
    if x == 0 or not math.isfinite(x):
        return 0.0 if x == 0 else x
    return float(f"{x:.{digits}g}")


def sigs(xs, digits=5):
    return [sig(x, digits) for x in xs]


def read_column(filename, prefix):
    """Return (unit, [(hours since START, value)]) for the column starting with prefix."""
    path = os.path.join(DATA, filename)
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    idx = [i for i, h in enumerate(header) if h.startswith(prefix)]
    if len(idx) != 1:
        raise SystemExit(f"{filename}: expected one column starting with {prefix!r}, got {header}")
    col = idx[0]
    unit = header[col][header[col].index("[") + 1:header[col].index("]")]
    day0 = _hours(START_STAMP)
    points = [(_hours(r[0]) - day0, float(r[col])) for r in rows[1:] if r]
    return unit, points


def _hours(stamp):
    """Hours since 2022-01-01 for 'YYYY-MM-DD HH:MM:SS' (UTC, 2022 only)."""
    date, time = stamp.split(" ")
    y, m, d = (int(p) for p in date.split("-"))
    hh, mm, ss = (int(p) for p in time.split(":"))
    if y != 2022:
        raise SystemExit(f"unexpected year in {stamp}")
    month_days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    doy = sum(month_days[:m - 1]) + d - 1
    return doy * 24 + hh + mm / 60 + ss / 3600


def interpolate(points, offset_min):
    """Linear interpolation of (t_hours, v) points, shifted by offset, at step starts."""
    pts = sorted((t + offset_min / 60.0, v) for t, v in points)
    out = []
    for i in range(N):
        t = i * DT_H
        if t <= pts[0][0]:
            out.append(pts[0][1])
            continue
        if t >= pts[-1][0]:
            out.append(pts[-1][1])
            continue
        for (t0, v0), (t1, v1) in zip(pts, pts[1:]):
            if t0 <= t <= t1:
                out.append(v0 + (v1 - v0) * (t - t0) / (t1 - t0))
                break
    assert len(out) == N
    return out


def load_inputs():
    unit, pts = read_column(PRICE_CSV, "Electricity Pricing")
    if unit in ("£/kWh", "GBP/kWh"):
        scale = 1.0
    elif unit == "p/kWh":
        scale = 0.01
    else:
        raise SystemExit(f"unknown price unit {unit}")
    price = [v * scale for v in interpolate(pts, SOURCE_OFFSET_MIN["price"])]

    unit, pts = read_column(CARBON_CSV, "Carbon Intensity")
    if unit.startswith("kg"):
        scale = 1.0
    elif unit.startswith("g"):
        scale = 0.001
    else:
        raise SystemExit(f"unknown carbon unit {unit}")
    carbon = [v * scale for v in interpolate(pts, SOURCE_OFFSET_MIN["carbon"])]

    unit, pts = read_column(WEATHER_CSV, "air_temperature")
    assert unit == "degC", unit
    temp = interpolate(pts, SOURCE_OFFSET_MIN["temperature"])

    unit, pts = read_column(WEATHER_CSV, "glbl_irad_amt")
    assert unit == "W/m2", unit
    ghi = [max(0.0, v) for v in interpolate(pts, SOURCE_OFFSET_MIN["irradiance"])]
    return sigs(price, 4), sigs(carbon, 4), sigs(temp, 4), sigs(ghi, 4)


def factors(price, carbon, resources):
    cost = {"electricity": price, "gas": GAS_PRICE, "solar": 0.0}
    co2 = {"electricity": carbon, "gas": GAS_CO2, "solar": 0.0}
    return {
        "cost": {r: cost[r] for r in resources},
        "co2": {r: co2[r] for r in resources},
    }


def district(name, title, price, carbon, resources, subsystem):
    return {
        "name": name,
        "title": title,
        "currency": "GBP",
        "start": START,
        "stepMinutes": STEP_MIN,
        "horizonSteps": N,
        "factors": factors(price, carbon, resources),
        "subsystems": [subsystem],
    }


# ---------------------------------------------------------------- (a)
def heat_pump_cop(temp):
    cops = []
    for t in temp:
        source = t + HP_SOURCE_DELTA
        carnot = HP_SINK_K / (HP_SINK_K - 273.15 - source)
        cops.append(min(HP_COP_MAX, max(HP_COP_MIN, HP_CARNOT_FRACTION * carnot)))
    return sigs(cops, 4)


def heat_network(price, carbon, temp):
    cop = heat_pump_cop(temp)
    a = 1.0 - NET_UA * DT_H / NET_C
    b = DT_H / NET_C
    e = NET_UA * DT_H / NET_C
    a_r = sig(a, 6)
    e_r = round(1.0 - a_r, 9)  # keep A + E = 1 exactly (steady state T = Tout + Q/UA)
    sub = {
        "id": "greenwich-heat",
        "priority": 1,
        "resources": {
            "electricity": {"min": 0, "max": HP_MAX_ELEC},
            "gas": {"min": 0, "max": BOILER_MAX_GAS},
        },
        "supplies": [
            {"id": "heat-pump",
             "conversions": [{"resource": "electricity", "energyType": "heat",
                              "efficiency": cop, "min": 0, "max": HP_MAX_ELEC}],
             "feedsStores": True},
            {"id": "gas-boiler",
             "conversions": [{"resource": "gas", "energyType": "heat",
                              "efficiency": BOILER_EFF, "min": 0, "max": BOILER_MAX_GAS}],
             "feedsStores": True},
        ],
        "stores": [
            {"id": "thermal-store", "energyType": "heat",
             "socMin": 0, "socMax": 600, "socInitial": 200,
             "chargeEfficiency": 0.95, "dischargeEfficiency": 0.95, "retention": 0.998,
             "chargeMin": 0, "chargeMax": 200, "dischargeMin": 0, "dischargeMax": 200,
             "penalty": 0.0, "terminal": "atLeastInitial"},
        ],
        "demands": [
            {"id": "network", "kind": "stateSpace",
             "A": [[a_r]], "B": {"heat": [[sig(b, 6)]]},
             "E": {"outdoorTemp": [[e_r]]}, "C": [[1.0]],
             "x0": [66.0],
             "band": {"lower": 60, "upper": 75, "sided": "both"},
             "slackWeight": 4.0, "unit": "°C"},
        ],
        "disturbances": {"outdoorTemp": temp},
        "weights": {"energy": 0.6, "storage": 0.0, "comfort": 0.4,
                    "factors": {"cost": 1.0, "co2": 0.0}},
    }
    loss65 = [NET_UA * (65 - t) for t in temp]
    hp_heat = [HP_MAX_ELEC * c for c in cop]
    print(f"  heat-network: loss at 65 C {min(loss65):.0f}..{max(loss65):.0f} kW "
          f"(mean {sum(loss65) / N:.0f}), at 75 C max {NET_UA * (75 - min(temp)):.0f} kW; "
          f"HP heat {min(hp_heat):.0f}..{max(hp_heat):.0f} kW, boiler heat "
          f"{BOILER_MAX_GAS * BOILER_EFF:.0f} kW; A={a:.6g} B={b:.6g} E={e:.6g}")
    assert min(hp_heat) + BOILER_MAX_GAS * BOILER_EFF > NET_UA * (75 - min(temp))
    return district("greenwich-heat-network", "Greenwich heat network, 2022-11-01", price, carbon,
                    ["electricity", "gas"], sub), cop


# ---------------------------------------------------------------- (b)
def _wrapped_gauss(h, centre, sigma):
    return sum(math.exp(-0.5 * ((h - centre + k * 24) / sigma) ** 2) for k in (-1, 0, 1))


def ev_demand():
    total = EV_COUNT * EV_KWH_PER_EV
    hours = [i * DT_H for i in range(N)]
    parts = {
        "base": [1.0] * N,
        "morning": [_wrapped_gauss(h, *EV_MORNING) for h in hours],
        "evening": [_wrapped_gauss(h, *EV_EVENING) for h in hours],
    }
    kw = [0.0] * N
    for key, shape in parts.items():
        scale = EV_SHARES[key] * total / (sum(shape) * DT_H)  # exact energy share
        kw = [k + scale * s for k, s in zip(kw, shape)]
    return sigs(kw, 5)


def ev_pv_hub(price, carbon, ghi):
    pv = sigs([PV_KWP * g / 1000.0 * PV_PR for g in ghi], 4)
    ev = ev_demand()
    delay = [EV_DELAYABLE_FRACTION * x for x in ev]
    sub = {
        "id": "greenwich-ev-pv",
        "priority": 1,
        "resources": {
            "electricity": {"min": 0, "max": GRID_MAX},
            "solar": {"min": 0, "max": pv},
        },
        "supplies": [
            {"id": "grid",
             "conversions": [{"resource": "electricity", "energyType": "power",
                              "efficiency": 1, "min": 0, "max": GRID_MAX}],
             "feedsStores": True},
            {"id": "pv",
             "conversions": [{"resource": "solar", "energyType": "power",
                              "efficiency": 1, "min": 0, "max": pv}],
             "feedsStores": True},
        ],
        "stores": [
            {"id": "ev-delay", "energyType": "power",
             "socMin": -600, "socMax": 0, "socInitial": 0,
             "chargeEfficiency": 1, "dischargeEfficiency": 1, "retention": 1,
             "chargeMin": 0, "chargeMax": 200, "dischargeMin": 0, "dischargeMax": delay,
             "penalty": -0.008, "terminal": "returnToInitial"},
        ],
        "demands": [
            {"id": "ev-charging", "energyType": "power", "kind": "series", "values": ev},
        ],
        "disturbances": {},
        "weights": {"energy": 0.95, "storage": 0.05, "comfort": 0.0,
                    "factors": {"cost": 1.0, "co2": 0.0}},
    }
    return district("greenwich-ev-hub", "Greenwich EV charging hub with PV, 2022-11-01", price, carbon,
                    ["electricity", "solar"], sub), pv, ev


# ---------------------------------------------------------------- (c)
def infeasible_boiler(price, carbon, temp):
    heat = []
    for i, t in enumerate(temp):
        h = i * DT_H
        q = 40.0 + 3.0 * (20.0 - t) + (8.0 if 6.0 <= h < 9.0 else 0.0)
        q = min(80.0, max(50.0, q))
        if i in INF_PEAK_STEPS:
            q = INF_PEAK
        heat.append(q)
    heat = sigs(heat, 4)
    sub = {
        "id": "block-b",
        "priority": 1,
        "resources": {"gas": {"min": 0, "max": INF_BOILER_MAX}},
        "supplies": [
            {"id": "gas-boiler",
             "conversions": [{"resource": "gas", "energyType": "heat",
                              "efficiency": INF_BOILER_EFF, "min": 0, "max": INF_BOILER_MAX}],
             "feedsStores": False},
        ],
        "stores": [],
        "demands": [
            {"id": "space-heat", "energyType": "heat", "kind": "series", "values": heat},
        ],
        "disturbances": {},
        "weights": {"energy": 1.0, "storage": 0.0, "comfort": 0.0,
                    "factors": {"cost": 1.0, "co2": 0.0}},
    }
    return district("block-b-infeasible", "Block B, undersized boiler (infeasible), 2022-11-01", price, carbon,
                    ["gas"], sub), heat


# ---------------------------------------------------------------- (d)
def boiler_commitment(price, carbon):
    heat = []
    for i in range(N):
        h = i * DT_H
        if SCHOOL_OCC[0] <= h < SCHOOL_OCC[1]:
            heat.append(150.0 + 100.0 * math.exp(-(h - SCHOOL_OCC[0]) / 2.0))
        else:
            heat.append(SCHOOL_BASE)
    heat = sigs(heat, 4)
    sub = {
        "id": "school",
        "priority": 1,
        "resources": {
            "electricity": {"min": 0, "max": SCHOOL_HP_MAX},
            "gas": {"min": 0, "max": SCHOOL_BOILER_MAX},
        },
        "supplies": [
            {"id": "heat-pump",
             "conversions": [{"resource": "electricity", "energyType": "heat",
                              "efficiency": SCHOOL_HP_COP, "min": 0, "max": SCHOOL_HP_MAX}],
             "feedsStores": False},
            {"id": "gas-boiler",
             "conversions": [{"resource": "gas", "energyType": "heat",
                              "efficiency": SCHOOL_BOILER_EFF, "min": 0,
                              "max": SCHOOL_BOILER_MAX}],
             "feedsStores": False,
             "commitment": {"minOn": 60, "minUpSteps": 8, "minDownSteps": 4,
                            "startCost": 2.0}},
        ],
        "stores": [],
        "demands": [
            {"id": "school-heat", "energyType": "heat", "kind": "series", "values": heat},
        ],
        "disturbances": {},
        "weights": {"energy": 1.0, "storage": 0.0, "comfort": 0.0,
                    "factors": {"cost": 1.0, "co2": 0.0}},
    }
    return district("school-boiler", "School, boiler unit commitment, 2022-11-01", price, carbon,
                    ["electricity", "gas"], sub), heat


# ---------------------------------------------------------------- output
def _is_flat_numeric(v):
    return isinstance(v, list) and all(
        isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)


def to_json(value, indent=0):
    """JSON with 2-space indent; numeric arrays (and matrices) on one line."""
    pad = "  " * indent
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {to_json(v, indent + 1)}' for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if _is_flat_numeric(value) or all(_is_flat_numeric(x) for x in value):
            return json.dumps(value, separators=(", ", ": "), allow_nan=False)
        items = [pad + "  " + to_json(v, indent + 1) for v in value]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False, ensure_ascii=False)


def write(name, doc):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(to_json(doc) + "\n")
    print(f"  wrote {os.path.relpath(path)}")


def stats(label, xs, unit):
    print(f"  {label:<22} min {min(xs):9.4g}  max {max(xs):9.4g}  mean {sum(xs) / len(xs):9.4g} {unit}")


def main():
    price, carbon, temp, ghi = load_inputs()
    print("inputs (96 x 15 min, 2022-11-01 UTC):")
    stats("price", price, "GBP/kWh")
    stats("carbon", carbon, "kgCO2/kWh")
    stats("temperature", temp, "degC")
    stats("irradiance", ghi, "W/m2")

    print("examples:")
    doc, cop = heat_network(price, carbon, temp)
    write("heat-network.json", doc)
    doc, pv, ev = ev_pv_hub(price, carbon, ghi)
    write("ev-pv-hub.json", doc)
    doc, inf_heat = infeasible_boiler(price, carbon, temp)
    write("infeasible-boiler.json", doc)
    doc, school_heat = boiler_commitment(price, carbon)
    write("boiler-commitment.json", doc)

    print("derived series:")
    stats("heat-pump COP", cop, "")
    stats("PV available", pv, "kW")
    print(f"  {'PV energy':<22} {sum(pv) * DT_H:.1f} kWh/day")
    stats("EV demand", ev, "kW")
    print(f"  {'EV energy':<22} {sum(ev) * DT_H:.1f} kWh/day")
    stats("block-b heat", inf_heat, "kW")
    short = [max(0.0, q - INF_BOILER_MAX * INF_BOILER_EFF) for q in inf_heat]
    print(f"  {'block-b shortfall':<22} {sum(1 for s in short if s > 0)} steps, "
          f"max {max(short):.1f} kW")
    stats("school heat", school_heat, "kW")
    print(f"  {'school heat energy':<22} {sum(school_heat) * DT_H:.0f} kWh/day")


if __name__ == "__main__":
    main()
