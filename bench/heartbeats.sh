#!/usr/bin/env bash
# Heartbeats at scale (docs/performance.md explains the method and the goal).
#
# Registers AGENTS agents spread over TENANTS tenants, then drives their heartbeats round robin with wrk
# (bench/heartbeat.lua) directly on agent-service and through the gateway: sustained heartbeats/s at saturation and
# p99, after a warm-up that lasts until throughput stops rising. Then measures how long after its last heartbeat an
# agent is shown offline (a tenant with a 2 s interval and a 6 s window). Any answer other than 2xx fails the run.
# Results go to bench/last-heartbeat-run.md.
#
# Needs the platform running with the full JIT:
#   CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC" ./mvnw -Plocal package
# and wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

TENANTS=${TENANTS:-100}
AGENTS=${AGENTS:-2000}
WARMUP_ROUND=${WARMUP_ROUND:-10s}
MIN_WARMUP_ROUNDS=${MIN_WARMUP_ROUNDS:-4}
MAX_WARMUP_ROUNDS=${MAX_WARMUP_ROUNDS:-20}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
GATEWAY=http://127.0.0.1:8080
SERVICE=http://127.0.0.1:8082

for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
curl -sf -o /dev/null "$SERVICE/actuator/health/readiness" || { echo "agent-service is not running" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
admin=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"email":"admin@cygnetci.local","password":"cygnetci-admin"}' | json '["access_token"]')
as_admin() { # method path tenant [body]
  curl -sf -X "$1" "$GATEWAY$2" -H "Authorization: Bearer $admin" -H "X-Tenant-ID: $3" \
    -H 'Content-Type: application/json' ${4:+-d "$4"}
}
retry() { for _ in $(seq 1 60); do "$@" && return 0; sleep 0.5; done; return 1; }

echo "== $TENANTS tenants, $AGENTS agents"
run=$(date +%s)
per_tenant=$(( (AGENTS + TENANTS - 1) / TENANTS ))
tenants=()
for t in $(seq 1 "$TENANTS"); do
  id=$(curl -sf -X POST $GATEWAY/api/v1/tenants -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
    -d "{\"slug\":\"hb-$run-$t\",\"display_name\":\"Heartbeat bench $t\",\"max_agents\":$((per_tenant + 5)),\"requests_per_minute\":10000000}" \
    | json '["id"]')
  tenants+=("$id")
done
python3 - "$SERVICE" "$GATEWAY" "$admin" "$AGENTS" "$work/agents" "${tenants[@]}" <<'PY'
import json, sys, time, urllib.request, uuid
service, gateway, admin, agents, out, tenants = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6:]
def call(url, body, headers):
    request = urllib.request.Request(url, json.dumps(body).encode(), {"Content-Type": "application/json", **headers})
    return json.load(urllib.request.urlopen(request, timeout=30))
tokens = {}
for tenant in tenants:
    for attempt in range(60):   # the gateway learns of a new tenant by event
        try:
            tokens[tenant] = call(gateway + "/api/v1/agent-tokens", {"description": "heartbeat bench"},
                                  {"Authorization": "Bearer " + admin, "X-Tenant-ID": tenant})["token"]
            break
        except Exception:
            time.sleep(0.5)
    else:
        sys.exit("no registration token for tenant " + tenant)
with open(out, "w") as f:
    for i in range(agents):
        tenant = tenants[i % len(tenants)]
        r = call(service + "/api/v1/agents/register", {"uuid": str(uuid.uuid4()), "name": "bench-%d" % i,
                 "labels": ["bench"]}, {"Authorization": "Token " + tokens[tenant]})
        f.write("%s %s\n" % (r["agent_id"], r["credential"]))
PY
echo "   registered $(wc -l < "$work/agents") agents"

wrk_value() { awk -v k="$2" '$1==k {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"; }
failures() { awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 3; i <= NF; i += 2) n += $(i + 1)} END {print n + 0}' <<<"$1"; }
measure() { # name url
  local best=0 rounds=0 flat=0 out rps
  while [ "$rounds" -lt "$MAX_WARMUP_ROUNDS" ]; do
    out=$(AGENTS_FILE="$work/agents" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP_ROUND" --timeout 10s -s bench/heartbeat.lua "$2")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); rounds=$((rounds + 1))
    echo "  $1 warm-up round $rounds: $rps heartbeats/s, $(failures "$out") failed" >&2
    if python3 -c "import sys; sys.exit(0 if $rps > $best * 1.03 else 1)"; then flat=0; else flat=$((flat + 1)); fi
    best=$(python3 -c "print(max($rps, $best))")
    [ "$rounds" -ge "$MIN_WARMUP_ROUNDS" ] && [ "$flat" -ge 3 ] && break
  done
  out=$(AGENTS_FILE="$work/agents" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s bench/heartbeat.lua "$2")
  if [ "$(failures "$out")" -gt 0 ]; then echo "$1: failed requests" >&2; echo "$out" >&2; exit 1; fi
  echo "$1|$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")|$(wrk_value "$out" 50%)|$(wrk_value "$out" 99%)|$rounds" \
    | tee -a "$work/results"
}

echo "== heartbeats at saturation ($CONNECTIONS connections, $DURATION after warm-up)"
echo "path|heartbeats/s|p50 ms|p99 ms|warm-up rounds"
measure direct "$SERVICE"
measure gateway "$GATEWAY"

echo "== offline detection (interval 2 s, window 6 s)"
tenant=${tenants[0]}
as_admin PUT /api/v1/agents/settings "$tenant" '{"heartbeat_interval_seconds":2,"offline_after_seconds":6}' >/dev/null
secret=$(as_admin POST /api/v1/agent-tokens "$tenant" '{"description":"offline probe"}' | json '["token"]')
python3 - "$SERVICE" "$GATEWAY" "$admin" "$tenant" "$secret" "$work/results" <<'PY'
import json, sys, time, urllib.request, uuid
service, gateway, admin, tenant, secret, results = sys.argv[1:]
def call(method, url, body, headers):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, {"Content-Type": "application/json", **headers}, method=method)
    return json.load(urllib.request.urlopen(request, timeout=30))
delays = []
for probe in range(3):
    agent = call("POST", service + "/api/v1/agents/register", {"uuid": str(uuid.uuid4()), "name": "probe-%d" % probe},
                 {"Authorization": "Token " + secret})
    headers = {"Authorization": "Bearer " + agent["credential"]}
    for _ in range(3):   # online, then silence
        call("POST", "%s/api/v1/agents/%s/heartbeat" % (service, agent["agent_id"]), {"running_jobs": 0}, headers)
        last = time.monotonic()
        time.sleep(0.5)
    while True:
        status = call("GET", "%s/api/v1/agents/%s" % (gateway, agent["agent_id"]), None,
                      {"Authorization": "Bearer " + admin, "X-Tenant-ID": tenant})["status"]
        if status == "offline":
            delays.append(time.monotonic() - last)
            break
        if time.monotonic() - last > 60:
            sys.exit("the probe agent was not shown offline within 60 s")
        time.sleep(0.1)
line = "offline|" + "|".join("%.2f" % d for d in delays)
print("shown offline after (s, window 6 s): " + ", ".join("%.2f" % d for d in delays))
open(results, "a").write(line + "\n")
PY

python3 - "$work/results" "$AGENTS" "$TENANTS" "$CONNECTIONS" "$DURATION" <<'PY'
import sys, datetime
path, agents, tenants, conns, duration = sys.argv[1:]
rows = [l.strip().split('|') for l in open(path) if l.strip()]
table = ["| path | heartbeats/s | p50 | p99 |", "|---|---|---|---|"]
offline = []
for r in rows:
    if r[0] == "offline":
        offline = [float(x) for x in r[1:]]
    else:
        table.append(f"| {r[0]} | {r[1]} | {r[2]} ms | {r[3]} ms |")
text = (f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {agents} agents over {tenants} "
        f"tenants; {conns} connections; {duration} per measurement; no failed request\n\n" + "\n".join(table) +
        f"\n\nShown offline after its last heartbeat (window 6 s): " + ", ".join(f"{d:.2f} s" for d in offline) + "\n")
print(text)
open("bench/last-heartbeat-run.md", "w").write(text)
PY
