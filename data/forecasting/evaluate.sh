#!/usr/bin/env bash
# Runs `sems forecast-eval` on every real series (day-ahead, last 60 test days) and prints the tables that
# docs/forecasting.md reproduces. Run from the repository root: bash data/forecasting/evaluate.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release src/Silo -v quiet -nologo >/dev/null
sems() { dotnet src/Silo/bin/Release/net10.0/sems.dll "$@"; }
S=data/forecasting/series
for b in b25 b27 b31; do sems forecast-eval --csv $S/cambridge_gas_$b.csv --time time --target value --feature temperature_c --unit "kW (kWh per hour) of gas/heat"; echo; done
for b in b25 b105; do sems forecast-eval --csv $S/cambridge_electricity_$b.csv --time time --target value --feature temperature_c --unit "kW (kWh per hour) of electricity"; echo; done
sems forecast-eval --csv $S/bath_pv_kw_per_kwp_2016_2017.csv --time time --target value --unit "kW per kWp"; echo
sems forecast-eval --csv $S/citylearn_b1_pv_w_per_kw.csv --time time --target value --feature temperature_c --unit "W per kW of PV"; echo
sems forecast-eval --csv $S/citylearn_b1_load_kw.csv --time time --target value --feature temperature_c --unit "kW (kWh per hour)"
