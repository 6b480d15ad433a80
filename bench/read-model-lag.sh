#!/usr/bin/env bash
# Event to dashboard (docs/performance.md, "Event to statistics"): how long after an event is written does
# monitoring-service's read model reflect it?
#
# Triggers EXECUTIONS runs of Acme's "Build API Service" through the gateway (as Alice), one after the other, and
# for each measures, from the moment the run's finished_at says it ended, how long until GET /statistics counts it
# (polling every 20 ms: a figure is late by up to one poll, a few tens of ms). Then reads monitoring-service's own histogram
# cygnetci_read_model_lag_seconds (from an event's CloudEvents time, written with the change, to its effect) and
# prints both as p50/p95/max. Results go to bench/last-read-model-lag.md.
#
# Needs the platform running (./mvnw -Plocal package) with its demo data and runner.
set -euo pipefail
cd "$(dirname "$0")/.."

EXECUTIONS=${EXECUTIONS:-20}
GATEWAY=http://127.0.0.1:8080
MONITORING=http://127.0.0.1:8085

for tool in curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
curl -sf -o /dev/null "$MONITORING/actuator/health/readiness" || { echo "monitoring-service is not running" >&2; exit 1; }

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
token=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"email":"alice@acme-corp.example","password":"cygnetci-demo"}' | json 'd["access_token"]')
get() { curl -sf "$GATEWAY$1" -H "Authorization: Bearer $token"; }
tenant=$(get /api/v1/tenants/current | json 'd["id"]')
pipeline=$(get "/api/v1/pipelines?q=Build%20API" | json 'd["items"][0]["id"]')
# the poll is one curl and a sed (no interpreter start-up per poll): a figure is late by at most one poll
finished() { local sum; sum=$(get "/api/v1/tenants/$tenant/statistics" \
  | sed -E 's/.*"succeeded":([0-9]+),"failed":([0-9]+),"cancelled":([0-9]+),"timed_out":([0-9]+).*/\1+\2+\3+\4/'); echo $((sum)); }

out=bench/last-read-model-lag.md
lags=()
for i in $(seq 1 "$EXECUTIONS"); do
  before=$(finished)
  execution=$(curl -sf -X POST "$GATEWAY/api/v1/pipelines/$pipeline/executions" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"parameters":{"TARGET_ENV":"staging"}}' | json 'd["id"]')
  while [ "$(finished)" -le "$before" ]; do sleep 0.02; done
  seen=$(date +%s.%N)
  ended=$(get "/api/v1/executions/$execution" | json 'd["finished_at"]')
  lag=$(python3 -c "from datetime import datetime; print(round(($seen - datetime.fromisoformat('$ended'.replace('Z','+00:00')).timestamp())*1000))")
  lags+=("$lag")
  echo "execution $i: counted ${lag} ms after it finished"
done

{
  echo "# Event to statistics — $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(nproc) cores"
  echo
  echo "Command: \`EXECUTIONS=$EXECUTIONS bench/read-model-lag.sh\` against platform-local."
  echo
  python3 - "${lags[@]}" <<'PY'
import sys
v = sorted(int(x) for x in sys.argv[1:])
q = lambda p: v[min(len(v) - 1, int(round(p * (len(v) - 1))))]
print(f"- execution finished → counted in GET /statistics ({len(v)} runs): p50 {q(0.5)} ms, p95 {q(0.95)} ms, max {v[-1]} ms")
PY
  curl -sf "$MONITORING/actuator/prometheus" | python3 -c '
import sys, re, collections
buckets = collections.defaultdict(list)
for line in sys.stdin:
    m = re.match(r"cygnetci_read_model_lag_seconds_bucket\{.*topic=\"([^\"]+)\".*le=\"([^\"]+)\"\} (\S+)", line)
    if m:
        buckets[m.group(1)].append((float("inf") if m.group(2) == "+Inf" else float(m.group(2)), float(m.group(3))))
for topic, b in sorted(buckets.items()):
    b.sort()
    total = b[-1][1]
    if total == 0:
        continue
    def q(p):
        for le, c in b:
            if c >= p * total:
                return le
    print(f"- {topic}: {int(total)} events, event time → applied p50 ≤ {q(0.5)*1000:.0f} ms, p95 ≤ {q(0.95)*1000:.0f} ms, p99 ≤ {q(0.99)*1000:.0f} ms (histogram bucket bounds)")
'
} | tee "$out"
