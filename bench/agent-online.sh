#!/usr/bin/env bash
# Heartbeat to "online" (docs/performance.md, "Heartbeat to online"): how long after an agent's first heartbeat is
# it shown online by GET /api/v1/agents/{id}? Goal: p95 under 1 s.
#
# Registers AGENTS new agents of a bench tenant, one after the other, through the gateway; for each sends its first
# heartbeat and polls the agent every 10 ms until it reads online (a figure is late by up to one poll and one curl).
# The path: the heartbeat goes to Kafka, agent-service's consumer writes last-seen in batches and brings the agent
# online in the same transaction. Results go to bench/last-agent-online-run.md.
#
# Needs the platform running (./mvnw -Plocal package).
set -euo pipefail
cd "$(dirname "$0")/.."

AGENTS=${AGENTS:-30}
SLUG=bench-online

for tool in curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
source bench/lib.sh
token=$(bench_tenant "$(platform_admin)" "$SLUG" tenant_admin '"max_agents":100000,"requests_per_minute":1000000')
secret=$(curl -sf -X POST $GATEWAY/api/v1/agent-tokens -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"description":"bench"}' | json 'd["token"]')

latencies=()
for i in $(seq 1 "$AGENTS"); do
  agent=$(curl -sf -X POST $GATEWAY/api/v1/agents/register -H "Authorization: Token $secret" -H 'Content-Type: application/json' \
    -d "{\"uuid\":\"$(python3 -c 'import uuid; print(uuid.uuid4())')\",\"name\":\"online-$i-$RANDOM\",\"labels\":[\"bench\"]}")
  id=$(echo "$agent" | json 'd["agent_id"]'); credential=$(echo "$agent" | json 'd["credential"]')
  sent=$(date +%s.%N)
  curl -sf -o /dev/null -X POST "$GATEWAY/api/v1/agents/$id/heartbeat" -H "Authorization: Bearer $credential" \
    -H 'Content-Type: application/json' -d '{"cpu_percent":1,"memory_percent":1,"disk_percent":1,"running_jobs":0}'
  until curl -sf "$GATEWAY/api/v1/agents/$id" -H "Authorization: Bearer $token" | grep -q '"status":"online"'; do
    sleep 0.01
    if [ "$(echo "$(date +%s.%N) - $sent > 30" | bc)" = 1 ]; then echo "agent $id not online after 30 s" >&2; exit 1; fi
  done
  latencies+=("$(echo "$(date +%s.%N) - $sent" | bc)")
done

out=bench/last-agent-online-run.md
printf '%s\n' "${latencies[@]}" | python3 -c "
import sys, datetime, os, statistics
xs = sorted(float(x) * 1000 for x in sys.stdin.read().split())
p = lambda q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
print(f'Heartbeat to online, {datetime.datetime.utcnow():%Y-%m-%dT%H:%MZ}, {os.cpu_count()} cores, {len(xs)} new agents, '
      'first heartbeat through the gateway, polled every 10 ms')
print()
print('| p50 ms | p95 ms | max ms | goal |')
print('|---|---|---|---|')
print(f'| {p(0.5):.0f} | {p(0.95):.0f} | {xs[-1]:.0f} | p95 under 1000 ms: {\"met\" if p(0.95) < 1000 else \"missed\"} |')
" > "$out"
cat "$out"
