#!/usr/bin/env bash
# List endpoints at scale (docs/performance.md, "Lists at scale"): TENANTS tenants with PIPELINES pipelines each and
# EXECUTIONS executions in all, then p50/p95/p99 of each list endpoint through the gateway at a steady, paced load
# (RATE requests/s over the tenants at random, bench/lists.lua). Any answer other than 2xx fails the run.
#
# The tenants and their users are made through the API (so that every service and the gateway know them); the
# pipelines and executions are written straight into pipeline-service's database in one statement each (a million
# executions through the API would take hours and measure the writes, not the lists). Seeding is done once: a
# second run finds the data and measures again. Results go to bench/last-lists-run.md.
#
# Needs the platform running (./mvnw -Plocal package; PostgreSQL at 127.0.0.1:${PGPORT:-15432}), psql and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

TENANTS=${TENANTS:-100}
PIPELINES=${PIPELINES:-1000}
EXECUTIONS=${EXECUTIONS:-1000000}
RATE=${RATE:-100}
CONNECTIONS=${CONNECTIONS:-10}
DURATION=${DURATION:-30s}
WARMUP=${WARMUP:-30s}
PGPORT=${PGPORT:-15432}
PREFIX=bench-list

source bench/lib.sh
for tool in wrk curl python3 psql; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
curl -sf -o /dev/null "http://127.0.0.1:8090/actuator/health/readiness" || { echo "the platform is not running" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sql() { psql -q -t -A -h 127.0.0.1 -p "$PGPORT" -U postgres -d pipeline_service -v ON_ERROR_STOP=1 -c "$1"; }

admin=$(platform_admin)
echo "== $TENANTS tenants and their users (through the API)"
: > "$work/tokens"
for i in $(seq -w 1 "$TENANTS"); do
  bench_tenant "$admin" "$PREFIX-$i" viewer '"requests_per_minute":10000000,"max_pipelines":1000000' >> "$work/tokens"
done

echo "== waiting for pipeline-service to know every tenant (by event)"
for _ in $(seq 1 120); do
  [ "$(sql "select count(*) from tenants where slug like '$PREFIX-%'")" -ge "$TENANTS" ] && break; sleep 1
done

per_tenant=$((EXECUTIONS / TENANTS))
if [ "$(sql "select count(*) from executions e join tenants t using (tenant_id) where t.slug like '$PREFIX-%'")" -lt "$EXECUTIONS" ]; then
  echo "== seeding $((TENANTS * PIPELINES)) pipelines and $EXECUTIONS executions in pipeline-service's database"
  start=$(date +%s)
  sql "insert into pipelines (id, tenant_id, name, agent_labels, steps, parameters, next_number, created_at, updated_at)
       select gen_random_uuid(), t.tenant_id, 'build-' || n, '{linux}',
              '[{\"name\":\"Build\",\"command\":\"make\",\"timeout_seconds\":600,\"continue_on_error\":false,\"env\":{}}]',
              '[]', 1, now() - make_interval(secs => n), now() - make_interval(secs => n)
       from tenants t, generate_series(1, $PIPELINES) n
       where t.slug like '$PREFIX-%' and not exists (select 1 from pipelines p where p.tenant_id = t.tenant_id)"
  sql "insert into executions (id, tenant_id, pipeline_id, pipeline_name, pipeline_version, number, status, reason,
                               agent_labels, parameters, created_at, started_at, finished_at, duration_ms)
       select gen_random_uuid(), p.tenant_id, p.id, p.name, 1, n,
              case when n % 10 = 0 then 'failed' else 'succeeded' end,
              case when n % 10 = 0 then 'step_failed' end, '{linux}', '{}',
              now() - make_interval(mins => (n * 7 + p.rank)::int), now() - make_interval(mins => (n * 7 + p.rank)::int) + interval '2 seconds',
              now() - make_interval(mins => (n * 7 + p.rank)::int) + interval '62 seconds', 60000
       from (select id, tenant_id, name, row_number() over (partition by tenant_id order by id) as rank
             from pipelines where tenant_id in (select t.tenant_id from tenants t where t.slug like '$PREFIX-%'
                 and not exists (select 1 from executions e where e.tenant_id = t.tenant_id))) p,
            generate_series(1, ($per_tenant + $PIPELINES - 1) / $PIPELINES) n"
  sql "update pipelines p set next_number = coalesce((select max(number) + 1 from executions e
       where e.tenant_id = p.tenant_id and e.pipeline_id = p.id), 1)
       where tenant_id in (select tenant_id from tenants where slug like '$PREFIX-%')"
  sql "analyze pipelines; analyze executions"
  echo "   seeded in $(( $(date +%s) - start )) s"
fi
total_executions=$(sql "select count(*) from executions")
total_pipelines=$(sql "select count(*) from pipelines")

: > "$work/tenants"
i=0
while read -r token; do
  i=$((i + 1))
  slug="$PREFIX-$(printf "%0${#TENANTS}d" "$i")"
  pipeline=$(sql "select p.id from pipelines p join tenants t using (tenant_id) where t.slug = '$slug' order by p.created_at desc limit 1")
  echo "$token $pipeline" >> "$work/tenants"
done < "$work/tokens"

pace=$((CONNECTIONS * 1000 / RATE))
run() { # endpoint duration
  TENANTS_FILE="$work/tenants" ENDPOINT="$1" PACE_MEAN_MS=$pace wrk -t1 -c"$CONNECTIONS" -d"$2" --timeout 10s \
    -s bench/lists.lua "$GATEWAY" | grep '^RESULT'
}
out=bench/last-lists-run.md
{
  echo "Lists at scale, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $TENANTS tenants, $total_pipelines pipelines and $total_executions executions in pipeline-service, $RATE requests/s paced over $CONNECTIONS connections, tenants at random, $DURATION per endpoint after a $WARMUP warm-up, through the gateway"
  echo
  echo "| endpoint | requests | p50 ms | p95 ms | p99 ms | max ms | not 2xx |"
  echo "|---|---|---|---|---|---|---|"
} > "$out"
failed=0
for endpoint in pipelines pipelines-search executions executions-failed pipeline-executions; do
  run "$endpoint" "$WARMUP" >/dev/null
  result=$(run "$endpoint" "$DURATION")
  echo "$endpoint: $result"
  python3 - "$endpoint" "$result" >> "$out" <<'PY'
import re, sys
f = dict(re.findall(r"(\w+)=([\d.]+)", sys.argv[2]))
print(f"| `{sys.argv[1]}` | {f['requests']} | {f['p50']} | {f['p95']} | {f['p99']} | {f['max']} | {f['bad']} |")
PY
  [ "$(echo "$result" | sed -E 's/.*bad=([0-9]+).*/\1/')" = 0 ] || failed=1
done
cat "$out"
[ "$failed" = 0 ] || { echo "some answers were not 2xx: the run is not valid" >&2; exit 1; }
