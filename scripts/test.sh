#!/usr/bin/env bash
# Runs every test of the solution and ends with one plain line: "N passed, M failed" (summed over all test assemblies).
# Installs whatever the tests need first, so it works on a fresh machine with the .NET SDK.
set -uo pipefail
cd "$(dirname "$0")/.."

# What the tests need from Debian: a TrueType font for the report's figures, and GLPK's glpsol, the independent
# solver the LP export is checked against.
missing=()
ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
command -v glpsol >/dev/null 2>&1 || missing+=(glpk-utils)
if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
fi

# PostgreSQL for the persistence tests: Debian's server, a cluster of our own on 127.0.0.1:55433 (never 5432), a role
# sems/sems that may create the per-class test databases. Reused when it already exists; started when it is down.
pg_port=55433
pg_name=semstest
if [ -z "${SEMS_TEST_POSTGRES:-}" ] && [ "$(id -u)" = 0 ]; then
  if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v apt-get >/dev/null; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq postgresql >/dev/null
  fi
  if command -v pg_lsclusters >/dev/null; then
    pg_cluster="$(pg_lsclusters -h | awk -v p="$pg_port" '$3 == p { print $1 " " $2; exit }')"
    if [ -z "$pg_cluster" ]; then
      pg_version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
      pg_createcluster "$pg_version" $pg_name -p "$pg_port" --start -- >/dev/null \
        && sed -i -e "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" -e "s/^#\?max_connections.*/max_connections = 300/" "/etc/postgresql/$pg_version/$pg_name/postgresql.conf" \
        && pg_ctlcluster "$pg_version" $pg_name restart
      pg_cluster="$pg_version $pg_name"
    fi
    # shellcheck disable=SC2086
    pg_lsclusters -h | awk -v p="$pg_port" '$3 == p && $4 == "online" { found = 1 } END { exit !found }' || pg_ctlcluster $pg_cluster start
    su postgres -c "psql -p $pg_port -tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'sems'\"" | grep -q 1 \
      || su postgres -c "psql -p $pg_port -qc \"CREATE ROLE sems LOGIN PASSWORD 'sems' CREATEDB\"" >/dev/null
    export SEMS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=sems;Password=sems;Database=postgres"
  fi
fi

# --- deploy/ validation (tests/Sems.Deploy.Tests) ------------------------------------------------------------------
# yamllint from Debian (as root), and the npm packages of the kubernetes-models validator from its lock file.
if ! command -v yamllint >/dev/null 2>&1 && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq yamllint >/dev/null
fi
if command -v npm >/dev/null 2>&1; then
  (cd tests/Sems.Deploy.Tests/js && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci in tests/Sems.Deploy.Tests/js failed" >&2
fi
# --- end of deploy/ validation --------------------------------------------------------------------------------------

# --- gRPC interoperability (tests/Sems.Gateway.Tests/Interop) ---------------------------------------------------------
# The Node.js client of sems.v1 (@grpc/grpc-js, @grpc/proto-loader) from its lock file; the test installs them itself
# when this did not run, and fails naming node when node is missing.
if command -v npm >/dev/null 2>&1; then
  (cd tests/Sems.Gateway.Tests/Interop/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci in tests/Sems.Gateway.Tests/Interop/node failed" >&2
fi
# --- end of gRPC interoperability -------------------------------------------------------------------------------------

# --- market adapter's third-party prosumer (tests/Sems.Adapters.Kafka.Tests/ThirdParty/node) ------------------------
# kafkajs for the Node.js prosumer that joins the market through Kafka with the JSON Schemas alone, from its lock file;
# the test installs it itself when this did not run, and fails naming node when node is missing.
if command -v npm >/dev/null 2>&1; then
  (cd tests/Sems.Adapters.Kafka.Tests/ThirdParty/node && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || echo "npm ci in tests/Sems.Adapters.Kafka.Tests/ThirdParty/node failed" >&2
fi
# --- end of market adapter's third-party prosumer -------------------------------------------------------------------

# --- dashboard browser test (tests/Sems.Gateway.Tests/Dashboard) ---------------------------------------------------
# Debian's Chromium and its chromedriver (as root), never a downloaded browser; without them the browser test is skipped
# and says why.
if { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; } && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get -o DPkg::Lock::Timeout=600 update -qq && apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium chromium-driver >/dev/null
fi
# --- end of dashboard browser test ---------------------------------------------------------------------------------

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet test Sems.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0
failed=0
while read -r f p; do
  passed=$((passed + p))
  failed=$((failed + f))
done < <(sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+).*/\2 \3/p' "$log")

# A build error or a crashed test host prints no summary for its assembly: never report that as a pass.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status without a failing test summary (build error or test host crash)" >&2
  failed=1
fi

echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
