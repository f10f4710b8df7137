#!/usr/bin/env python3
"""Prints the markdown tables of docs/forecasting.md from the JSON that evaluate.sh writes (forecast-eval --json).
Usage: python3 data/forecasting/tables.py data/forecasting/results"""
import json, os, sys

R = sys.argv[1]
SERIES = ["cambridge_gas_b25", "cambridge_gas_b27", "cambridge_gas_b31", "cambridge_electricity_b25",
          "cambridge_electricity_b105", "bath_pv_kw_per_kwp_2016_2017", "citylearn_b1_pv_w_per_kw", "citylearn_b1_load_kw"]


def load(name, variant):
    path = os.path.join(R, f"{name}.{variant}.json")
    return json.load(open(path)) if os.path.exists(path) else None


def runs():
    """(series, weather variant, result) for every result file present, in table order."""
    for s in SERIES:
        for variant in ("measured", "forecast"):
            run = load(s, variant)
            if run is not None:
                yield s, variant, run


def g(v):
    return "-" if v is None else f"{v:.4g}"


def change(a, b):
    return f"{(a / b - 1) * 100:+.1f} %" if b else "-"


def method(run, name):
    return next(m for m in run["methods"] if m["method"] == name)


print("| series (unit) | weather | default (chosen on validation) | validation MAE default / naive | test MAE default | test MAE naive | change | beats naive on test | test coverage of q10 / q90 |")
print("|---|---|---|---:|---:|---:|---:|---|---|")
for s, variant, run in runs():
    c = run["chosenCoverage"]
    cov = "-" if c is None else f"{c['lowerCoverage'] * 100:.1f} % / {c['upperCoverage'] * 100:.1f} %"
    a, b = run["chosenTestMae"], run["baselineTestMae"]
    verdict = "yes" if a < b else ("tie (it is naive)" if run["chosen"] == run["baseline"] else "**no**")
    print(f"| {s} ({run['unit']}) | {variant} | {run['chosen']} | {g(run['chosenValidationMae'])} / {g(run['baselineValidationMae'])} | {g(a)} | {g(b)} | {change(a, b)} | {verdict} | {cov} |")

print()
print("| series (unit) | weather | default | static q10 / q90 (validation fit) | day by day q10 / q90 | within ±5 points | settings chosen on validation | mean width static / day by day | test samples scored |")
print("|---|---|---|---|---|---|---|---:|---:|")
for s, variant, run in runs():
    c, a = run["chosenCoverage"], run.get("chosenAdaptiveCoverage")
    st = "-" if c is None else f"{c['lowerCoverage'] * 100:.1f} % / {c['upperCoverage'] * 100:.1f} %"
    if a is None:
        print(f"| {s} ({run['unit']}) | {variant} | {run['chosen']} | {st} | - | - | - | - | - |")
        continue
    t = a["test"]
    ok = "yes" if abs(t["lowerCoverage"] - 0.1) <= 0.05 and abs(t["upperCoverage"] - 0.9) <= 0.05 else "**no**"
    window = "all days" if a["windowDays"] == 0 else f"{a['windowDays']} d"
    scale = "scaled by forecast" if a["scaleByForecast"] else "unscaled"
    cw = "-" if c is None else g(c["meanIntervalWidth"])
    print(f"| {s} ({run['unit']}) | {variant} | {run['chosen']} | {st} | {t['lowerCoverage'] * 100:.1f} % / {t['upperCoverage'] * 100:.1f} % | {ok} | {window}, γ {a['gamma']:g}, {scale} | {cw} / {g(t['meanIntervalWidth'])} | {t['samples']} |")

print()
names = []
for s in SERIES:
    run = load(s, "measured")
    for m in run["methods"]:
        if m["method"] not in names:
            names.append(m["method"])
print("| series | weather | " + " | ".join(names) + " |")
print("|---|---|" + "---:|" * len(names))
for s, variant, run in runs():
    cells = []
    for n in names:
        m = next((m for m in run["methods"] if m["method"] == n), None)
        if m is None or m["test"] is None:
            cells.append("")
            continue
        mark = "**" if n == run["chosen"] else ""
        cells.append(f"{mark}{g(m['validation']['mae'])} / {g(m['test']['mae'])}{mark}")
    print(f"| {s} | {variant} | " + " | ".join(cells) + " |")

print()
print("| series (unit) | weather | method | " + " | ".join(f"h{h}" for h in (1, 3, 6, 9, 12, 15, 18, 21, 24)) + " |")
print("|---|---|---|" + "---:|" * 9)
for s, variant, run in runs():
    for n in dict.fromkeys([run["baseline"], run["chosen"]]):
        lead = method(run, n)["test"]["maeByLeadHour"]
        print(f"| {s} ({run['unit']}) | {variant} | {n} | " + " | ".join(g(lead[h - 1]) for h in (1, 3, 6, 9, 12, 15, 18, 21, 24)) + " |")
