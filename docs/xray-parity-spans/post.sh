#!/usr/bin/env bash
# Posts each OTLP JSON span in this folder to the Aspire dashboard's OTLP/HTTP intake with a fresh X-Ray-valid trace
# id (epoch now), then prints what the lab console's X-Ray view answers for that trace.
#   docs/xray-parity-spans/post.sh <dashboard OTLP/HTTP URL> <lab console URL> [payload.json ...]
# e.g. docs/xray-parity-spans/post.sh http://127.0.0.1:18890 http://127.0.0.1:18880
# Needs curl and jq. Keys: OTLP_API_KEY (x-otlp-api-key) and CONSOLE_API_KEY (x-api-key) when the lab is secured.
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: $0 <dashboard OTLP/HTTP URL> <lab console URL> [payload.json ...]" >&2
  exit 2
fi
otlp=${1%/}; console=${2%/}; shift 2
here=$(cd "$(dirname "$0")" && pwd)
payloads=("$@")
[[ ${#payloads[@]} -gt 0 ]] || payloads=("$here"/*.json)

for payload in "${payloads[@]}"; do
  trace=$(printf '%08x%s' "$(date +%s)" "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')")
  start=$(( $(date +%s%N) - 20000000 )); end=$(( start + 12500000 ))
  body=$(sed -e "s/__TRACE_ID__/$trace/g" -e "s/__START__/$start/g" -e "s/__END__/$end/g" "$payload")
  xray="1-${trace:0:8}-${trace:8}"
  echo "== $(basename "$payload")  trace $xray"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    ${OTLP_API_KEY:+-H "x-otlp-api-key: $OTLP_API_KEY"} --data-binary "$body" "$otlp/v1/traces")
  [[ $code == 2* ]] || { echo "   intake answered $code" >&2; continue; }
  answer=""
  for _ in $(seq 1 25); do
    if answer=$(curl -sf ${CONSOLE_API_KEY:+-H "x-api-key: $CONSOLE_API_KEY"} "$console/api/xray/traces/$xray"); then break; fi
    answer=""; sleep 0.2
  done
  if [[ -z $answer ]]; then echo "   not in the X-Ray view after 5 s" >&2; continue; fi
  jq -c '.documents[]' <<<"$answer"
done
