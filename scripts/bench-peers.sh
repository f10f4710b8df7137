#!/usr/bin/env bash
# The peer-solver comparison: the generated city's first MODELS subsystem models (heat networks, heat-pump-and-battery
# buildings, EV/PV hubs in turn) exported as LP and MPS, solved REPEATS times each by SEMS's own path (GLOP through
# OrToolsSolver.Solve), by GLPK and COIN-OR CLP (their command-line tools and, in-process, their C libraries) and by
# PuLP + CBC. Every objective must equal SEMS's within 1e-6 relative, else it fails. Prints the machine, the solvers'
# versions and a Markdown table of per-kind medians.
#
#   scripts/bench-peers.sh [MODELS=50] [REPEATS=5] [DIR=out/bench-peers]
#
# With --market, the models are the market's prosumer MILPs instead: the first MODELS prosumers of a generated community
# at the baseline prices, once at 24 hourly and once at 96 quarter-hourly steps (Sems.Bench.Market --export), solved by
# SEMS's own path (ProsumerSolver.Solve) and SCIP alone, and by GLPK and CBC (command-line tools and C libraries) and
# PuLP + CBC as MILPs; then their LP relaxations by GLOP against GLPK, CLP and PuLP + CBC, as above. Every objective
# is checked against SEMS's in the same way.
#
#   scripts/bench-peers.sh --market [MODELS=50] [REPEATS=5] [DIR=out/bench-market-peers]
#
# As root on Debian it installs what it needs first: glpk-utils coinor-clp coinor-cbc python3-pulp.
set -euo pipefail
cd "$(dirname "$0")/.."
market=false
if [ "${1:-}" = --market ]; then
  market=true
  shift
fi
models=${1:-50}
repeats=${2:-5}
dir=${3:-$($market && echo out/bench-market-peers || echo out/bench-peers)}
python=/usr/bin/python3   # Debian's, which python3-pulp installs into

missing=()
command -v glpsol >/dev/null 2>&1 || missing+=(glpk-utils)
command -v clp >/dev/null 2>&1 || missing+=(coinor-clp)
command -v cbc >/dev/null 2>&1 || missing+=(coinor-cbc)
"$python" -c 'import pulp' >/dev/null 2>&1 || missing+=(python3-pulp)
if [ ${#missing[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bench-peers.sh: missing ${missing[*]} (Debian: apt-get install ${missing[*]})" >&2
    exit 2
  fi
fi

if $market; then
  dotnet build -c Release bench/Sems.Bench.Market -v quiet -nologo >/dev/null
else
  dotnet build -c Release bench/Sems.Bench.Coordination -v quiet -nologo >/dev/null
fi
rm -rf "$dir"
mkdir -p "$dir"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "solvers: OR-Tools $(sed -n 's/.*Include="Google.OrTools" Version="\([^"]*\)".*/\1/p' Directory.Packages.props) (GLOP), $(glpsol --version | head -1), \
$(clp -stop 2>/dev/null | grep -m1 'Coin LP version' | cut -d, -f1), CBC $(cbc -stop 2>/dev/null | sed -n 's/^Version: //p' | head -1), \
PuLP $("$python" -c 'import pulp; print(pulp.__version__)'), Python $("$python" -c 'import platform; print(platform.python_version())'), .NET $(dotnet --version)"
if $market; then
  status=0
  for steps in 24 96; do
    out="$dir/steps-$steps"
    echo
    echo "## $steps steps"
    dotnet bench/Sems.Bench.Market/bin/Release/net10.0/Sems.Bench.Market.dll --export "$out" --models "$models" --repeats "$repeats" --steps "$steps"
    "$python" bench/peers/run_peers.py --milp "$out" "$repeats"
    "$python" bench/peers/pulp_cbc.py "$out" "$repeats"
    "$python" bench/peers/run_peers.py "$out/relaxation" "$repeats"
    "$python" bench/peers/pulp_cbc.py "$out/relaxation" "$repeats"
    echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after $steps steps; $models models, $repeats solves each per solver, medians"
    echo
    echo "### MILP, $steps steps"
    "$python" bench/peers/compare.py --milp "$out" || status=1
    echo
    echo "### LP relaxation, $steps steps"
    "$python" bench/peers/compare.py "$out/relaxation" || status=1
  done
  exit $status
fi
dotnet bench/Sems.Bench.Coordination/bin/Release/net10.0/Sems.Bench.Coordination.dll --export-lp "$dir" "$models" 1 "$repeats"
"$python" bench/peers/run_peers.py "$dir" "$repeats"
"$python" bench/peers/pulp_cbc.py "$dir" "$repeats"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; $models models, $repeats solves each per solver, medians"
"$python" bench/peers/compare.py "$dir"
