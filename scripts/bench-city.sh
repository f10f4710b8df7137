#!/usr/bin/env bash
# The city-scale runs of docs/benchmarks.md ("City scale"): one coordination cycle of the generated city (heat
# networks, heat-pump-and-battery buildings and EV/PV hubs in turn on 100 feeders, each feeder limited to 90 % of its
# subsystems' summed peaks, the substation to 95 % or 80 % of all peaks) per size and mode, each point in a process of
# its own, then the plot. Rows go to DIR/*.csv, logs to DIR/*.log; the plot to docs/images/city-scale.png.
#
#   scripts/bench-city.sh [DIR=out/bench-city] [PARTS="engine grains postgres plot"]
#
#   engine    the engine without actors: 100 → 10,000 subsystems at 80 % in all three modes, 1,000 and 10,000 at 95 %
#   grains    the grains in one embedded silo (in memory): 1,000 and 10,000 at 95 % and 80 %, modes priority and economic
#   postgres  two silos on PostgreSQL: 1,000 at 95 % and 80 % (SIZES_PG="1000 10000" adds 10,000); needs the server of
#             SEMS_BENCH_POSTGRES (default: the test cluster on 127.0.0.1:55433), creates and drops database sems_bench
#   plot      docs/images/city-scale.png (80 %, every hosting) and docs/images/city-scale-95.png (95 %)
#
# Each point is stopped after TIMEOUT_MIN minutes (default 25) or when its working set passes MEMORY_GIB (default 12).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-out/bench-city}
parts=${2:-engine grains postgres plot}
timeout=${TIMEOUT_MIN:-25}
memory=${MEMORY_GIB:-12}
server=${SEMS_BENCH_POSTGRES:-Host=127.0.0.1;Port=55433;Username=sems;Password=sems}

mkdir -p "$dir"
dotnet build -c Release bench/Sems.Bench.Coordination -v quiet -nologo >/dev/null
# The points start the bench again and again: run a copy, so that a rebuild meanwhile changes nothing.
rm -rf "$dir/bin"
cp -r bench/Sems.Bench.Coordination/bin/Release/net10.0 "$dir/bin"
bench() { dotnet "$dir/bin/Sems.Bench.Coordination.dll" "$@"; }
common=(--feeders 100 --feeder-limit 0.9 --timeout-min "$timeout" --memory-max-gib "$memory")
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

for part in $parts; do
  case $part in
    engine)
      bench --scaling 100,300,1000,3000,10000 --root-limit 0.8 --modes priority,priority-parallel,economic "${common[@]}" \
        --csv "$dir/engine-80.csv" 2>&1 | tee "$dir/engine-80.log"
      bench --scaling 1000,10000 --root-limit 0.95 --modes priority,priority-parallel,economic "${common[@]}" \
        --csv "$dir/engine-95.csv" 2>&1 | tee "$dir/engine-95.log"
      ;;
    grains)
      bench --scaling 1000,10000 --root-limit 0.95,0.8 --modes priority,economic --hosting silo --reference-max 0 "${common[@]}" \
        --csv "$dir/silo.csv" 2>&1 | tee "$dir/silo.log"
      ;;
    postgres)
      psql() { PGPASSWORD=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$server") command psql \
        -h "$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")" -p "$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$server")" \
        -U "$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")" -d postgres -qAt "$@"; }
      psql -c "drop database if exists sems_bench" -c "create database sems_bench"
      sizes=$(tr ' ' ',' <<<"${SIZES_PG:-1000}")
      bench --scaling "$sizes" --root-limit 0.95,0.8 --modes priority,economic --hosting silo --reference-max 0 "${common[@]}" \
        --connection "$server;Database=sems_bench;Maximum Pool Size=60;Timeout=60" --silos 2 --csv "$dir/postgres-2.csv" 2>&1 | tee "$dir/postgres-2.log" || true
      psql -c "drop database sems_bench"
      ;;
    plot)
      all="$dir/all.csv"
      first=$(ls "$dir"/*.csv | grep -v '/all.csv$' | head -1)
      { head -1 "$first"; for f in "$dir"/*.csv; do [ "$f" = "$all" ] || tail -n +2 "$f"; done; } > "$all"
      bench --plot "$all" docs/images/city-scale.png 0.8
      bench --plot "$all" docs/images/city-scale-95.png 0.95
      ;;
    *)
      echo "bench-city.sh: unknown part \"$part\" (engine, grains, postgres, plot)" >&2
      exit 2
      ;;
  esac
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
