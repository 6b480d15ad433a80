#!/usr/bin/env bash
# Gateway overhead, measured in one run on this machine (docs/performance.md explains the method and the goal).
#
# One trivial GET (tenant-service's JWKS document: no database) served
#   direct           by tenant-service itself
#   nginx            through nginx as a plain reverse proxy (keepalive upstream)
#   gateway-bare     through the gateway with no filters (profile benchmark-no-filters: routing only)
#   gateway-memory   through the gateway with JWT validation, tenant resolution and the in-memory per-tenant limit
#   gateway-redis    the same with the Redis-backed per-tenant limit
# each at saturation (wrk, 1 thread, pinned to core 1, after a warm-up that lasts until throughput stops rising)
# and at a fixed rate (wrk paced by bench/pace.lua: FIXED_CONNECTIONS connections each sending after an
# exponentially distributed pause, together about FIXED_RATE requests/s). Servers are pinned to core 0. Any answer
# other than 2xx fails the run. Results and ratios go to bench/last-gateway-run.md.
#
# Needs: the platform running with the full JIT:
#   CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC" ./mvnw -Plocal package
# the gateway jar (./mvnw -pl gateway -am package -DskipTests), Redis on 127.0.0.1:6379,
# and wrk, nginx (Debian: apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP_ROUND=${WARMUP_ROUND:-10s}
MIN_WARMUP_ROUNDS=${MIN_WARMUP_ROUNDS:-15}
MAX_WARMUP_ROUNDS=${MAX_WARMUP_ROUNDS:-30}
PLATEAU_ROUNDS=${PLATEAU_ROUNDS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
FIXED_RATE=${FIXED_RATE:-500}
FIXED_CONNECTIONS=${FIXED_CONNECTIONS:-20}
JVM_OPTS=${BENCH_JVM_OPTS:--Xmx512m -XX:+UseSerialGC}
SERVER_CORE=0
LOAD_CORE=1
SERVICE=http://127.0.0.1:8081
GATEWAY=http://127.0.0.1:8080
NGINX_PORT=18081
BENCH_GATEWAY_PORT=18080
BENCH_MANAGEMENT_PORT=18090
PATH_UNDER_TEST=/.well-known/jwks.json
JAR=gateway/target/gateway.jar

for tool in wrk nginx taskset redis-cli curl python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -f "$JAR" ] || { echo "missing $JAR: ./mvnw -pl gateway -am package -DskipTests" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis is not answering on 127.0.0.1:6379" >&2; exit 1; }
service_pid=$(pgrep -f 'tenant-service.jar' | head -1) || { echo "tenant-service is not running" >&2; exit 1; }
gateway_pid=$(pgrep -f '/gateway.jar' | head -1) || { echo "the platform's gateway is not running" >&2; exit 1; }
if grep -q TieredStopAtLevel "/proc/$service_pid/cmdline" && [ -z "${ALLOW_C1:-}" ]; then
  echo "tenant-service runs C1-only; start the platform with CYGNETCI_SERVICE_JVM_OPTS=\"-Xmx512m -XX:+UseSerialGC\"" >&2
  exit 1
fi
platform_env() { tr '\0' '\n' < "/proc/$gateway_pid/environ" | grep -E "^$1=" | cut -d= -f2-; }
KAFKA_BOOTSTRAP_SERVERS=$(platform_env KAFKA_BOOTSTRAP_SERVERS)
CYGNETCI_INTERNAL_TOKEN=$(platform_env CYGNETCI_INTERNAL_TOKEN)

work=$(mktemp -d)
bench_gateway=
cleanup() {
  if [ -n "$bench_gateway" ]; then kill "$bench_gateway" 2>/dev/null || true; wait "$bench_gateway" 2>/dev/null || true; fi
  nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true
  taskset -a -cp 0-"$(($(nproc) - 1))" "$service_pid" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
taskset -a -cp "$SERVER_CORE" "$service_pid" >/dev/null

json() { python3 -c "import sys,json; print(json.load(sys.stdin)$1)"; }
post() { curl -sf -X POST "$GATEWAY$1" -H 'Content-Type: application/json' -H "Authorization: Bearer $2" -d "$3"; }

echo "== a tenant whose budget the benchmark cannot exhaust"
admin=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d '{"email":"admin@cygnetci.local","password":"cygnetci-admin"}' | json '["access_token"]')
slug="bench-$(date +%s)"
tenant=$(post /api/v1/tenants "$admin" "{\"slug\":\"$slug\",\"display_name\":\"Bench\",\"requests_per_minute\":10000000}" | json '["id"]')
email="$slug@bench.example"
post /api/v1/users "$admin" "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" >/dev/null
post "/api/v1/tenants/$tenant/members" "$admin" "{\"email\":\"$email\",\"role\":\"member\"}" >/dev/null
token=$(curl -sf -X POST $GATEWAY/api/v1/auth/token -H 'Content-Type: application/json' \
  -d "{\"email\":\"$email\",\"password\":\"bench-password-1\"}" | json '["access_token"]')
AUTH="Authorization: Bearer $token"

cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
worker_cpu_affinity 1;
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

start_gateway() { # name [ENV=value ...]: one bench gateway at a time, on core 0, with the full JIT
  local name=$1; shift
  # shellcheck disable=SC2086
  env PORT=$BENCH_GATEWAY_PORT MANAGEMENT_PORT=$BENCH_MANAGEMENT_PORT TENANT_SERVICE_URI=$SERVICE \
    KAFKA_BOOTSTRAP_SERVERS="$KAFKA_BOOTSTRAP_SERVERS" CYGNETCI_INTERNAL_TOKEN="$CYGNETCI_INTERNAL_TOKEN" \
    CYGNETCI_AUTH_ISSUER=http://localhost:8081 "$@" \
    taskset -c "$SERVER_CORE" java $JVM_OPTS -jar "$JAR" > "$work/$name.log" 2>&1 &
  bench_gateway=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$BENCH_GATEWAY_PORT/actuator/health/readiness" && return 0
    sleep 1
  done
  echo "$name did not become ready; its log:" >&2; tail -40 "$work/$name.log" >&2; exit 1
}

stop_gateway() {
  kill "$bench_gateway"; wait "$bench_gateway" 2>/dev/null || true; bench_gateway=
}

wrk_rps() { awk '/Requests\/sec/ {print $2}' <<<"$1"; }
wrk_ms() { # wrk prints 812.00us, 1.20ms or 1.02s
  awk -v q="$2" '$1==q {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else {sub(/s$/,"",v); v*=1000}; printf "%.2f", v}' <<<"$1"
}
wrk_failures() { # answers other than 2xx/3xx plus socket errors
  awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 3; i <= NF; i += 2) n += $(i + 1)} END {print n + 0}' <<<"$1"
}
run_wrk() { # name wrk-args...: fails the run on any non-2xx answer or socket error
  local name=$1; shift
  local out; out=$(taskset -c $LOAD_CORE wrk "$@")
  local failures; failures=$(wrk_failures "$out")
  if [ "$failures" -gt 0 ]; then echo "$name: $failures failed requests" >&2; echo "$out" >&2; exit 1; fi
  echo "$out"
}

measure() { # name url [header]
  local name=$1 url=$2 header=${3:-}
  local args=(-t1 --latency --timeout 10s)
  [ -n "$header" ] && args+=(-H "$header")
  curl -sf -o /dev/null ${header:+-H "$header"} "$url" || { echo "$name: $url does not answer 200" >&2; exit 1; }
  # The JIT keeps improving for a minute or more on one shared core: warm up for at least MIN_WARMUP_ROUNDS and
  # until PLATEAU_ROUNDS rounds in a row have not beaten the best round by more than 3 %.
  local best=0 rps rounds=0 flat=0 round
  while [ "$rounds" -lt "$MAX_WARMUP_ROUNDS" ]; do
    # a cold JVM may time out a few requests while it compiles; only the measured runs must be clean
    round=$(taskset -c $LOAD_CORE wrk "${args[@]}" -c"$CONNECTIONS" -d"$WARMUP_ROUND" "$url")
    rps=$(wrk_rps "$round")
    rounds=$((rounds + 1))
    if python3 -c "import sys; sys.exit(0 if $rps > $best * 1.03 else 1)"; then flat=0; else flat=$((flat + 1)); fi
    best=$(python3 -c "print(max($rps, $best))")
    echo "  $name warm-up round $rounds: $rps req/s, $(wrk_failures "$round") failed" >&2
    [ "$rounds" -ge "$MIN_WARMUP_ROUNDS" ] && [ "$flat" -ge "$PLATEAU_ROUNDS" ] && break
  done
  local out; out=$(run_wrk "$name" "${args[@]}" -c"$CONNECTIONS" -d"$DURATION" "$url")
  local fixed; fixed=$(PACE_MEAN_MS=$((1000 * FIXED_CONNECTIONS / FIXED_RATE)) \
    run_wrk "$name" "${args[@]}" -c"$FIXED_CONNECTIONS" -d"$DURATION" -s bench/pace.lua "$url")
  local fixed_rps; fixed_rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$fixed")
  echo "$name|$(wrk_rps "$out")|$(wrk_ms "$out" 50%)|$(wrk_ms "$out" 99%)|$fixed_rps|$(wrk_ms "$fixed" 50%)|$(wrk_ms "$fixed" 99%)|$rounds|$best" \
    | tee -a "$work/results"
}

echo "== measuring: warm-up rounds of $WARMUP_ROUND (at most $MAX_WARMUP_ROUNDS), then $DURATION at saturation" \
  "($CONNECTIONS connections) and $DURATION at $FIXED_RATE requests/s; load on core $LOAD_CORE, servers on core $SERVER_CORE"
echo "name|req/s|p50 ms|p99 ms|fixed req/s|fixed p50 ms|fixed p99 ms|warm-up rounds|best warm-up req/s"
measure direct "$SERVICE$PATH_UNDER_TEST"

nginx -c "$work/nginx.conf"
measure nginx "http://127.0.0.1:$NGINX_PORT$PATH_UNDER_TEST"
nginx -c "$work/nginx.conf" -s stop; sleep 1

start_gateway gateway-bare SPRING_PROFILES_ACTIVE=benchmark-no-filters
measure gateway-bare "http://127.0.0.1:$BENCH_GATEWAY_PORT$PATH_UNDER_TEST"
stop_gateway

start_gateway gateway-memory CYGNETCI_RATE_LIMIT_STORE=memory
measure gateway-memory "http://127.0.0.1:$BENCH_GATEWAY_PORT$PATH_UNDER_TEST" "$AUTH"
stop_gateway

start_gateway gateway-redis CYGNETCI_RATE_LIMIT_STORE=redis
measure gateway-redis "http://127.0.0.1:$BENCH_GATEWAY_PORT$PATH_UNDER_TEST" "$AUTH"
stop_gateway

python3 - "$work/results" "$JVM_OPTS" "$CONNECTIONS" "$DURATION" "$FIXED_RATE" <<'PY'
import sys, datetime
path, jvm, conns, duration, rate = sys.argv[1:]
rows = [l.strip().split('|') for l in open(path) if l.strip()]
by = {r[0]: r for r in rows}
direct, nginx = float(by['direct'][1]), float(by['nginx'][1])
direct_p50 = float(by['direct'][5])
lines = [f"| path | req/s at saturation | p50 | p99 | vs direct | vs nginx | p50 at {rate}/s | p99 at {rate}/s | added p50 at {rate}/s |",
         "|---|---|---|---|---|---|---|---|---|"]
for name, rps, p50, p99, frps, fp50, fp99, rounds, best in rows:
    rps = float(rps)
    lines.append(f"| {name} | {rps:.0f} | {p50} ms | {p99} ms | {rps / direct * 100:.0f} % | {rps / nginx * 100:.0f} % "
                 f"| {fp50} ms | {fp99} ms | {float(fp50) - direct_p50:+.2f} ms |")
notes = [f"- {name}: {rounds} warm-up rounds (best {float(best):.0f} req/s); paced load held {frps} req/s"
         for name, rps, p50, p99, frps, fp50, fp99, rounds, best in rows]
table = "\n".join(lines)
print(table)
print("\n".join(notes))
open("bench/last-gateway-run.md", "w").write(
    f"Run {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; JVMs `{jvm}`; {conns} connections; "
    f"{duration} per measurement; no failed request in any measurement\n\n{table}\n\n" + "\n".join(notes) + "\n")
PY
