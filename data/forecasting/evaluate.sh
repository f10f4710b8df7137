#!/usr/bin/env bash
# Runs `sems forecast-eval --json` on every real series (day-ahead, 60 validation and 60 test days) twice: with the
# measured weather as the horizon's weather (an upper bound) and with day-ahead weather forecasts degraded by the
# seeded published error (--weather forecast --weather-seed 1), writes the JSON to data/forecasting/results/ and
# prints the tables that docs/forecasting.md reproduces. Run from the repository root: bash data/forecasting/evaluate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Silo -v quiet -nologo >/dev/null
sems() { dotnet src/Silo/bin/Release/net10.0/sems.dll "$@"; }
S=data/forecasting/series
R=data/forecasting/results
mkdir -p $R
run() { # name, csv, unit, then forecast-eval options
    local name=$1 csv=$2 unit=$3; shift 3
    sems forecast-eval --csv $S/$csv --time time --target value --unit "$unit" "$@" --json 2>/dev/null > $R/$name.measured.json
    if [[ " $* " == *" --temperature "* || " $* " == *" --irradiance "* ]]; then
        sems forecast-eval --csv $S/$csv --time time --target value --unit "$unit" "$@" --weather forecast --weather-seed 1 --json 2>/dev/null > $R/$name.forecast.json
    fi
}
CAMBRIDGE="--temperature temperature_c --irradiance irradiance_wm2"
for b in b25 b27 b31; do run cambridge_gas_$b cambridge_gas_$b.csv "kW of gas" $CAMBRIDGE; done
for b in b25 b105; do run cambridge_electricity_$b cambridge_electricity_$b.csv "kW" $CAMBRIDGE; done
run bath_pv_kw_per_kwp_2016_2017 bath_pv_kw_per_kwp_2016_2017.csv "kW/kWp" --latitude 51.38 --longitude -2.36
run citylearn_b1_pv_w_per_kw citylearn_b1_pv_w_per_kw.csv "W/kW" --temperature temperature_c --irradiance irradiance_wm2 --latitude 34.09 --longitude -117.44
run citylearn_b1_load_kw citylearn_b1_load_kw.csv "kW" --temperature temperature_c --irradiance irradiance_wm2
python3 data/forecasting/tables.py $R
