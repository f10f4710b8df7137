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
