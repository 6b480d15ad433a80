#!/usr/bin/env bash
# Measures, in one run on this machine, a trivial GET (tenant-service's JWKS document: no database) served
#   1. directly by the service,
#   2. through nginx as a plain reverse proxy (keepalive upstream),
#   3. through the gateway with JWT validation, tenant resolution and the per-tenant limit (in memory).
# wrk runs pinned to one core after a warm-up; the results and ratios go to docs/performance.md.
# Needs: the platform running (./mvnw -Plocal package), wrk and nginx (Debian: apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-20s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
SERVICE=http://127.0.0.1:8081
GATEWAY=http://127.0.0.1:8080
NGINX_PORT=18081
PATH_UNDER_TEST=/.well-known/jwks.json
work=$(mktemp -d)
trap 'nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"' EXIT

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$GATEWAY$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $2" -d "$3"; }

echo "== a tenant with a budget the benchmark cannot exhaust"
admin=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"email":"admin@cygnetci.local","password":"cygnetci-admin"}' | json '["access_token"]')
slug="bench-$(date +%s)"
tenant=$(post /api/v1/tenants "$admin" "{\"slug\":\"$slug\",\"display_name\":\"Bench\",\"requests_per_minute\":10000000}" | json '["id"]')
email="$slug@bench.example"
post /api/v1/users "$admin" "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" >/dev/null
post "/api/v1/tenants/$tenant/members" "$admin" "{\"email\":\"$email\",\"role\":\"member\"}" >/dev/null
sleep 3 # the gateway learns the tenant from its event
token=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" | json '["access_token"]')
curl -sf -o /dev/null "$GATEWAY$PATH_UNDER_TEST" -H "Authorization: Bearer $token"

cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream service { server 127.0.0.1:8081; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / { proxy_pass http://service; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -c "$work/nginx.conf"

run() { # name url [header]
  local name=$1 url=$2 header=${3:-}
  local args=(-t1 -c"$CONNECTIONS" --latency)
  [ -n "$header" ] && args+=(-H "$header")
  taskset -c 1 wrk "${args[@]}" -d"$WARMUP" "$url" >/dev/null
  local out; out=$(taskset -c 1 wrk "${args[@]}" -d"$DURATION" "$url")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$name|$rps|$p50|$p99" | tee -a "$work/results"
}

echo "== measuring (warm-up $WARMUP, then $DURATION each, $CONNECTIONS connections, wrk on core 1)"
run direct "$SERVICE$PATH_UNDER_TEST"
run nginx "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST"
run gateway-full "$GATEWAY$PATH_UNDER_TEST" "Authorization: Bearer $token"

python3 - "$work/results" <<'PY'
import sys, datetime
rows = [l.strip().split('|') for l in open(sys.argv[1]) if l.strip()]
r = {name: float(rps) for name, rps, _, _ in rows}
lines = ["| path | requests/s | p50 | p99 | vs direct | vs nginx |", "|---|---|---|---|---|---|"]
for name, rps, p50, p99 in rows:
    lines.append(f"| {name} | {float(rps):.0f} | {p50} | {p99} | {float(rps)/r['direct']*100:.0f} % | {float(rps)/r['nginx']*100:.0f} % |")
table = "\n".join(lines)
print(table)
open("bench/last-gateway-run.md", "w").write(f"Run {datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC\n\n{table}\n")
PY
