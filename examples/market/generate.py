#!/usr/bin/env python3
"""Generate examples/market/bilbao-ped.json from the real data slices in examples/data/market/.

Run from the repository root:   python3 examples/market/generate.py
Python 3 standard library only. Reads only examples/data/market/*.csv and writes
examples/market/bilbao-ped.json (the community-file contract: docs/market-format.md).
Deterministic: rerunning gives an identical file. It prints what it built.

What it builds
--------------
A community like the positive energy district (PED) of the Bilbao iEMS demonstration:
four tertiary buildings and two dwellings, real and virtual assets, on a substation
with two feeders, for one sunny summer weekday: 24 hourly steps from
2022-06-21T00:00Z (UTC).

Time axis and sources (see examples/data/market/README.md for every source)
---------------------------------------------------------------------------
* Buildings: measured hourly electricity of four Cambridge University Estates
  buildings on 2022-06-21 (UTC; each value is the kWh of the hour starting at its
  timestamp = the mean kW of that hour). Not scaled.
* Retail price: the real Octopus Agile import price of 2022-06-21, Eastern England,
  GBP/kWh incl. VAT (hour starting at the timestamp), 0.3285-0.35 on that day.
* Feed-in price: a flat FEED_IN = 0.05 GBP/kWh. A modelling choice (no export price
  is in the data), of the order of the UK's 2022 Smart Export Guarantee tariffs; it
  is below the retail price at every step, as the contract requires.
* Building PV (virtual): the per-kWp PV yield around Bath on 2017-06-21 (the same
  calendar day; the series ends in 2018), times a size per building (BUILDINGS).
  The source's half-hours are labelled by their END in UTC, so the hour starting at
  h:00 is the mean of the half-hours ending at h:30 and h+1:00.
* Dwellings: two Fontana (California) zero-net-energy homes on Wednesday 2017-06-21
  (source day_type 3, month 6): measured household use (kWh in the hour = mean kW)
  and measured PV per kW times CityLearn's PV size of these homes (4 kW each). The
  source clock is local time; local hour h (1-24, the hour ending at h:00) becomes
  step h-1, so their noon lines up with the UK noon of the other series.

Modelling constants
-------------------
BUILDINGS: id, source building, PV size kWp (assumed roofs: a modelling choice that
  makes the north feeder's buildings net exporters at midday), feeder, battery.
  Connection: importMaxKw = 1.5 x the day's peak load, rounded up to 10 kW;
  exportMaxKw = the PV size (the inverter).
DWELLINGS: 15 kW import and 5 kW export connections (an EV charger, the household
  and the battery at once fit within 15 kW).
Batteries (virtual):
  * building-b83: 100 kWh, 50 kW in/out, starts at 50 kWh, at least 10 kWh.
  * home-8: CityLearn's battery for these homes (6.4 kWh, 5 kW, 90 % efficiency),
    starts at 3.2 kWh, may empty.
  Both: 0.95 charge and 0.95 discharge efficiency (round trip 0.9025, about the 90 %
  of CityLearn's battery), and must end the day at least as full as they began.
Flexible loads (in the dwellings):
  * home-3 dishwasher: 1.2 kW then 0.6 kW (1.8 kWh), any start from 08:00 with the run
    over by 24:00, preferred start 20:00, 0.02 GBP per hour of shift.
  * home-8 EV charge: 7 kW, 7 kW, 3 kW (17 kWh, a 7 kW home charger), from 09:00 with
    the run over by 22:00, preferred start 18:00 (on arrival), 0.05 GBP per hour of shift.
  * home-8 washing machine: 2.0 kW then 0.5 kW, from 07:00 with the run over by 23:00,
    preferred start 19:00, 0.02 GBP per hour of shift.
Grid: substation (no limit) -> feeder-north (exportMax FEEDER_NORTH_EXPORT_MAX_KW =
  40 kW) and feeder-south (no limit). The script checks that the north feeder's net
  export (PV - load, batteries idle, flexible loads at their preferred start) exceeds
  40 kW at 12:00, so the limit binds at noon, and prints the hours where it does.
Market: SDR pricing; converged when the community's cost (about 800 GBP a day) changes by
  less than 0.05 GBP between two iterations and no price moves by 0.001 GBP/kWh (0.1 p/kWh)
  or more; at most 60 iterations, damping 0.5, settle without a missing prosumer after 30 s.
"""

import csv
import json
import math
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data", "market")
OUT = os.path.join(ROOT, "examples", "market", "bilbao-ped.json")

DAY = "2022-06-21"
PV_DAY = "2017-06-21"
HOME_MONTH, HOME_DAY_TYPE = "6", "3"  # Wednesday 2017-06-21 in the Fontana slice (19-23 June)
STEPS = 24
FEED_IN = 0.05
FEEDER_NORTH_EXPORT_MAX_KW = 40

BUILDINGS = [
    # id, source column, PV kWp, feeder, battery
    ("building-b57", "b57", 80, "feeder-north", None),
    ("building-b83", "b83", 100, "feeder-north",
     {"capacityKwh": 100, "socInitialKwh": 50, "socMinKwh": 10, "chargeMaxKw": 50, "dischargeMaxKw": 50,
      "chargeEfficiency": 0.95, "dischargeEfficiency": 0.95, "terminal": "atLeastInitial"}),
    ("building-b82", "b82", 60, "feeder-south", None),
    ("building-b25", "b25", 120, "feeder-south", None),
]

DWELLINGS = [
    # id, Fontana home, PV kW (CityLearn schema), virtual, battery, flexible loads
    ("home-3", 3, 4.0, False, None, [
        {"id": "dishwasher", "profileKw": [1.2, 0.6], "earliestStartStep": 8, "latestEndStep": 23,
         "preferredStartStep": 20, "delayCostPerStep": 0.02},
    ]),
    ("home-8", 8, 4.0, True,
     {"capacityKwh": 6.4, "socInitialKwh": 3.2, "socMinKwh": 0, "chargeMaxKw": 5, "dischargeMaxKw": 5,
      "chargeEfficiency": 0.95, "dischargeEfficiency": 0.95, "terminal": "atLeastInitial"}, [
        {"id": "ev", "profileKw": [7.0, 7.0, 3.0], "earliestStartStep": 9, "latestEndStep": 21,
         "preferredStartStep": 18, "delayCostPerStep": 0.05},
        {"id": "washing-machine", "profileKw": [2.0, 0.5], "earliestStartStep": 7, "latestEndStep": 22,
         "preferredStartStep": 19, "delayCostPerStep": 0.02},
    ]),
]

DWELLING_IMPORT_MAX_KW, DWELLING_EXPORT_MAX_KW = 15, 5


def read_csv(name):
    with open(os.path.join(DATA, name), newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def r3(x):
    return round(x + 0.0, 3)


def building_loads():
    rows = read_csv("cambridge_electricity_2022-06-20_to_24.csv")
    header = rows[0]
    day = [r for r in rows[1:] if r[0].startswith(DAY)]
    assert [r[0][11:13] for r in day] == [f"{h:02d}" for h in range(STEPS)], "expected 24 hourly rows"
    return {col: [float(r[header.index(col)]) for r in day] for col in header[1:]}


def retail_prices():
    rows = read_csv("agile_import_price_eastern_england_2022-06-20_to_24.csv")
    assert rows[0][1] == "Electricity Pricing [£/kWh]", rows[0]
    day = [r for r in rows[1:] if r[0].startswith(DAY)]
    assert len(day) == STEPS
    return [float(r[1]) for r in day]


def pv_per_kwp():
    """Hourly mean kW/kWp for the hours starting 00:00..23:00 UTC of PV_DAY."""
    rows = {r[0]: r[1:49] for r in read_csv("bath_pv_yield_2017-06-19_to_24.csv")}
    days = sorted(rows)
    today = [float(v) for v in rows[PV_DAY]]
    tomorrow = [float(v) for v in rows[days[days.index(PV_DAY) + 1]]]
    # value k of a day is the half-hour ending at day + k*30 min
    ending = today + [tomorrow[0]]  # ending[k] for k = 0..48
    return [(ending[2 * h + 1] + ending[2 * h + 2]) / 2 for h in range(STEPS)]


def home_series(home):
    rows = read_csv("fontana_homes_2017-06-19_to_23.csv")
    header = rows[0]
    day = [r for r in rows[1:] if r[1] == HOME_MONTH and r[3] == HOME_DAY_TYPE]
    assert [int(r[2]) for r in day] == list(range(1, STEPS + 1)), "expected local hours 1..24"
    load = [float(r[header.index(f"load_{home}")]) for r in day]
    solar_w_per_kw = [float(r[header.index(f"solar_{home}")]) for r in day]
    return load, solar_w_per_kw


def main():
    loads = building_loads()
    retail = retail_prices()
    assert all(FEED_IN < p for p in retail), "feed-in must stay below retail"
    pv1 = pv_per_kwp()

    prosumers = []
    for pid, col, kwp, feeder, battery in BUILDINGS:
        load = loads[col]
        p = {
            "id": pid, "kind": "tertiary", "node": feeder, "virtual": True,
            "loadKw": [r3(v) for v in load],
            "pvKw": [r3(kwp * v) for v in pv1],
            "importMaxKw": int(math.ceil(1.5 * max(load) / 10) * 10),
            "exportMaxKw": kwp,
        }
        if battery:
            p["battery"] = battery
        prosumers.append(p)

    for pid, home, pv_kw, virtual, battery, flexible in DWELLINGS:
        load, solar = home_series(home)
        p = {
            "id": pid, "kind": "dwelling", "node": "feeder-north", "virtual": virtual,
            "loadKw": [r3(v) for v in load],
            "pvKw": [r3(pv_kw * w / 1000) for w in solar],
            "importMaxKw": DWELLING_IMPORT_MAX_KW,
            "exportMaxKw": DWELLING_EXPORT_MAX_KW,
        }
        if battery:
            p["battery"] = battery
        p["flexibleLoads"] = flexible
        prosumers.append(p)

    community = {
        "name": "bilbao-ped",
        "title": "A positive energy district like Bilbao's iEMS demonstration: four tertiary buildings and two dwellings, 2022-06-21",
        "currency": "GBP",
        "start": f"{DAY}T00:00:00Z",
        "stepMinutes": 60,
        "horizonSteps": STEPS,
        "tariff": {"retail": retail, "feedIn": FEED_IN},
        "grid": {"nodes": [
            {"id": "substation"},
            {"id": "feeder-north", "parent": "substation",
             "limits": {"electricity": {"exportMax": FEEDER_NORTH_EXPORT_MAX_KW}}},
            {"id": "feeder-south", "parent": "substation"},
        ]},
        "market": {"mechanism": "sdr", "threshold": 0.05, "priceTolerance": 0.001, "maxIterations": 60, "damping": 0.5,
                   "onMissing": "settleWithout", "responseTimeoutSeconds": 30},
        "prosumers": prosumers,
    }

    # The north feeder's net export with batteries idle and flexible loads at their preferred start.
    north = [p for p in prosumers if p["node"] == "feeder-north"]
    net = []
    for t in range(STEPS):
        flex = sum(f["profileKw"][t - f["preferredStartStep"]] for p in north for f in p.get("flexibleLoads", [])
                   if 0 <= t - f["preferredStartStep"] < len(f["profileKw"]))
        net.append(sum(p["pvKw"][t] - p["loadKw"][t] for p in north) - flex)
    binding = [t for t in range(STEPS) if net[t] > FEEDER_NORTH_EXPORT_MAX_KW]
    assert 12 in binding, f"the feeder-north limit must bind at noon (net export {net[12]:.1f} kW)"

    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(community, f, indent=2, ensure_ascii=False)
        f.write("\n")

    out = sys.stdout
    out.write(f"wrote {os.path.relpath(OUT, ROOT)}: {len(prosumers)} prosumers, {STEPS} steps of 60 min from {DAY}T00:00Z\n")
    out.write(f"retail {min(retail):.4f}-{max(retail):.4f} GBP/kWh (mean {sum(retail) / STEPS:.4f}), feed-in {FEED_IN:.2f} GBP/kWh\n")
    out.write(f"PV yield on {PV_DAY}: {sum(pv1):.2f} kWh/kWp, peak {max(pv1):.3f} kW/kWp at {pv1.index(max(pv1)):02d}:00 UTC\n")
    for p in prosumers:
        out.write(f"  {p['id']:<13} {p['kind']:<8} {p['node']:<12} load {sum(p['loadKw']):7.1f} kWh (peak {max(p['loadKw']):6.1f} kW)"
                  f"  PV {sum(p['pvKw']):6.1f} kWh (peak {max(p['pvKw']):5.1f} kW)  import <= {p['importMaxKw']} kW, export <= {p['exportMaxKw']} kW"
                  f"{'  battery ' + str(p['battery']['capacityKwh']) + ' kWh' if 'battery' in p else ''}\n")
    out.write(f"feeder-north net export at 12:00 {net[12]:.1f} kW > {FEEDER_NORTH_EXPORT_MAX_KW} kW limit; "
              f"above the limit at {', '.join(f'{t:02d}:00' for t in binding)} UTC\n")


if __name__ == "__main__":
    main()
