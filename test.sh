#!/usr/bin/env bash
# Runs every TracingLab test: `./test.sh` (extra arguments go to `dotnet test`, e.g. --filter).
# First installs what the tests need and this machine lacks: the npm packages of the CDK toolchain, the cdk-nag
# harness and the workflow linter (npm ci for every committed package-lock.json), and Debian's Chromium for the
# browser tests. Lints .github/workflows (offline) before building.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v node >/dev/null 2>&1; then
  echo "test.sh: Node.js is needed for the CDK tests (jsii and cdk-nag); install Node.js 20 or newer." >&2
  exit 1
fi

for lock in $(git ls-files '*package-lock.json' 2>/dev/null || find . -name package-lock.json -not -path '*/node_modules/*'); do
  dir=$(dirname "$lock")
  # npm writes node_modules/.package-lock.json on install; reinstall only when the lockfile is newer.
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$lock" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "test.sh: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

node .github/lint/lint.mjs

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing Debian's chromium for the browser tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "test.sh: the browser tests need /usr/bin/chromium; run 'sudo apt-get install -y chromium' once." >&2
    exit 1
  fi
fi

dotnet build TracingLab.sln -c Release -warnaserror -nologo -clp:ErrorsOnly
dotnet test TracingLab.sln -c Release --no-build -nologo "$@"
