#!/usr/bin/env python3
"""Turns the raw public data sets in data/forecasting/raw/ into long-format series for `sems forecast-eval`:
one CSV per series with columns time (UTC, ISO 8601), value and, where the source has them, temperature_c and
irradiance_wm2 (global horizontal irradiance, W/m²).

Run from the repository root: python3 data/forecasting/prepare.py
"""
import csv, datetime as dt, math, os

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
            weather[r["datetime"]] = (r["air_temperature [degC]"], r["glbl_irad_amt [W/m2]"])
    for kind, column in (("gas", "heating load [kWh]"), ("electricity", "equipment load [kWh]")):
        for file in sorted(os.listdir(os.path.join(RAW, "cambridge"))):
            if not file.startswith(kind + "_"):
                continue
            rows = []
            with open(os.path.join(RAW, "cambridge", file)) as f:
                for r in csv.DictReader(f):
                    t = dt.datetime.strptime(r["datetime"], "%Y-%m-%d %H:%M:%S")
                    # kWh in the hour starting at the timestamp = mean kW over it.
                    temperature, irradiance = weather.get(r["datetime"], ("", ""))
                    rows.append([t.strftime("%Y-%m-%dT%H:%M:%SZ"), r[column], temperature, irradiance])
            write(f"cambridge_{file}", rows, ["time", "value", "temperature_c", "irradiance_wm2"])


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


def cos_zenith(utc, lat, lon):
    """Cosine of the solar zenith angle (Spencer 1971 declination and equation of time)."""
    h = utc.hour + utc.minute / 60
    g = 2 * math.pi / 365 * (utc.timetuple().tm_yday - 1 + (h - 12) / 24)
    d = (0.006918 - 0.399912 * math.cos(g) + 0.070257 * math.sin(g) - 0.006758 * math.cos(2 * g)
         + 0.000907 * math.sin(2 * g) - 0.002697 * math.cos(3 * g) + 0.00148 * math.sin(3 * g))
    eot = 229.18 * (0.000075 + 0.001868 * math.cos(g) - 0.032077 * math.sin(g) - 0.014615 * math.cos(2 * g)
                    - 0.040849 * math.sin(2 * g))
    w = ((h * 60 + eot + 4 * lon) / 4 - 180) * math.pi / 180
    la = lat * math.pi / 180
    return math.sin(la) * math.sin(d) + math.cos(la) * math.cos(d) * math.cos(w)


def us_dst(local):
    """Whether a Pacific clock time falls in US daylight saving time (second Sunday of March to first Sunday of
    November, 2 am)."""
    def sunday(year, month, nth):
        first = dt.datetime(year, month, 1)
        return first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7 * (nth - 1), hours=2)
    return sunday(local.year, 3, 2) <= local < sunday(local.year, 11, 1)


def citylearn():
    # 8,760 hourly rows from 1 Aug 2016 (the README's reading of the calendar fields); local Pacific time, no DST flag.
    start = dt.datetime(2016, 8, 1, 0, 0)
    with open(os.path.join(RAW, "citylearn", "weather.csv")) as f:
        weather = list(csv.DictReader(f))
    temps = [r["outdoor_dry_bulb_temperature"] for r in weather]
    # Global horizontal = diffuse horizontal + direct normal x cos(zenith) at the middle of the hour. The hours follow
    # the local clock with daylight saving (the PV's centre of mass moves by 1 h between winter and summer), so the
    # sun's position is taken at clock time - 1 h in US daylight saving time; Fontana, 34.09 N, 117.44 W.
    ghi = []
    for i, r in enumerate(weather):
        local = start + dt.timedelta(hours=i, minutes=30)
        utc = local + dt.timedelta(hours=8) - (dt.timedelta(hours=1) if us_dst(local) else dt.timedelta(0))
        g = float(r["diffuse_solar_irradiance"]) + float(r["direct_solar_irradiance"]) * max(0.0, cos_zenith(utc, 34.09, -117.44))
        ghi.append(f"{g:.1f}")
    pv, load = [], []
    with open(os.path.join(RAW, "citylearn", "Building_1.csv")) as f:
        for i, r in enumerate(csv.DictReader(f)):
            t = (start + dt.timedelta(hours=i)).strftime("%Y-%m-%dT%H:%M:%S-08:00")
            pv.append([t, r["solar_generation"], temps[i], ghi[i]])
            load.append([t, r["non_shiftable_load"], temps[i], ghi[i]])
    write("citylearn_b1_pv_w_per_kw.csv", pv, ["time", "value", "temperature_c", "irradiance_wm2"])
    write("citylearn_b1_load_kw.csv", load, ["time", "value", "temperature_c", "irradiance_wm2"])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    cambridge(); bath(); citylearn()
