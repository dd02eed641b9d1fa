#!/usr/bin/env bash
# Runs the unit-test projects again and again while busy loops hold every core, to catch tests whose verdict depends
# on the machine's pace. Usage: build/flake-check.sh [rounds] (default 3). Exits 1 at the first failing round.
# The whole-lab tests (Lab.EndToEndTests, Lab.BrowserTests) and the CDK synthesis are left out: they take minutes a
# round; CI runs them once.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=${1:-3}
if ! [[ "$rounds" =~ ^[1-9][0-9]{0,2}$ ]]; then
  echo "flake-check: rounds must be a whole number from 1 to 999, got '${1:0:40}'" >&2
  exit 2
fi

projects=(
  tests/ServiceDefaults.Tests
  tests/ServiceA.Ecs.Tests
  tests/ServiceB.Eks.Tests
  tests/ServiceC.Ec2.Tests
  tests/XRay.Tests
  tests/AppHost.Tests
  tests/LinkCompare.Tests
  tests/LabConsole.Tests
)
for extra in tests/Lab.Contracts.Tests tests/Lab.Relay.Tests; do
  [ -d "$extra" ] && projects+=("$extra")
done

dotnet build TracingLab.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

busy=()
stop_busy() { [ ${#busy[@]} -eq 0 ] || kill "${busy[@]}" 2>/dev/null || true; }
trap stop_busy EXIT
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  busy+=($!)
done
echo "flake-check: $rounds rounds of ${#projects[@]} projects with ${#busy[@]} busy loops on $(nproc) cores"

for round in $(seq "$rounds"); do
  for project in "${projects[@]}"; do
    if ! dotnet test "$project" -c Release --no-build --nologo --logger "console;verbosity=minimal" > /tmp/flake-check.$$.log 2>&1; then
      echo "flake-check: round $round: $project failed:" >&2
      grep -E "Failed |Error Message|Assert" /tmp/flake-check.$$.log | head -40 >&2
      rm -f /tmp/flake-check.$$.log
      exit 1
    fi
    echo "flake-check: round $round: $project $(grep -Eo 'Passed: +[0-9]+' /tmp/flake-check.$$.log | tail -1)"
  done
done
rm -f /tmp/flake-check.$$.log
echo "flake-check: $rounds rounds passed"
