#!/usr/bin/env python3
"""Turns the raw public data sets in data/forecasting/raw/ into long-format series for `sems forecast-eval`:
one CSV per series with columns time (UTC, ISO 8601), value and, where the source has it, temperature_c.

Run from the repository root: python3 data/forecasting/prepare.py
"""
import csv, datetime as dt, os

ROOT = os.path.dirname(os.path.abspath(__file__))
RAW, OUT = os.path.join(ROOT, "raw"), os.path.join(ROOT, "series")


def write(name, rows, header):
    with open(os.path.join(OUT, name), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def cambridge():
    # Bedford weather: temperature is a reading at the timestamp (UTC).
    weather = {}
    with open(os.path.join(RAW, "cambridge", "weather_bedford_2022.csv")) as f:
        for r in csv.DictReader(f):
            weather[r["datetime"]] = r["air_temperature [degC]"]
    for kind, column in (("gas", "heating load [kWh]"), ("electricity", "equipment load [kWh]")):
        for file in sorted(os.listdir(os.path.join(RAW, "cambridge"))):
            if not file.startswith(kind + "_"):
                continue
            rows = []
            with open(os.path.join(RAW, "cambridge", file)) as f:
                for r in csv.DictReader(f):
                    t = dt.datetime.strptime(r["datetime"], "%Y-%m-%d %H:%M:%S")
                    # kWh in the hour starting at the timestamp = mean kW over it.
                    rows.append([t.strftime("%Y-%m-%dT%H:%M:%SZ"), r[column], weather.get(r["datetime"], "")])
            write(f"cambridge_{file}", rows, ["time", "value", "temperature_c"])


def bath():
    # Wide format: date then 48 half-hourly kW/kWp values; value k is for the half-hour ending at date + k*30 min (UTC).
    rows = []
    with open(os.path.join(RAW, "bath", "pv_yield_bath_2014_2018.csv")) as f:
        for line in csv.reader(f):
            day = dt.datetime.strptime(line[0], "%Y-%m-%d")
            if day.year not in (2016, 2017):
                continue
            for k, v in enumerate(line[1:49]):
                start = day + dt.timedelta(minutes=30 * k) - dt.timedelta(minutes=30)
                rows.append([start.strftime("%Y-%m-%dT%H:%M:%SZ"), v])
    rows.sort()
    write("bath_pv_kw_per_kwp_2016_2017.csv", rows, ["time", "value"])


def citylearn():
    # 8,760 hourly rows from 1 Aug 2016 (the README's reading of the calendar fields); local Pacific time, no DST flag.
    start = dt.datetime(2016, 8, 1, 0, 0)
    with open(os.path.join(RAW, "citylearn", "weather.csv")) as f:
        temps = [r["outdoor_dry_bulb_temperature"] for r in csv.DictReader(f)]
    pv, load = [], []
    with open(os.path.join(RAW, "citylearn", "Building_1.csv")) as f:
        for i, r in enumerate(csv.DictReader(f)):
            t = (start + dt.timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%S-08:00")
            pv.append([t, r["solar_generation"], temps[i]])
            load.append([t, r["non_shiftable_load"], temps[i]])
    write("citylearn_b1_pv_w_per_kw.csv", pv, ["time", "value", "temperature_c"])
    write("citylearn_b1_load_kw.csv", load, ["time", "value", "temperature_c"])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    cambridge(); bath(); citylearn()
