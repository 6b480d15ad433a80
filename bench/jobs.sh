#!/usr/bin/env bash
# The job protocol under load: claim latency, jobs/s and fairness (docs/performance.md explains the method and the
# goal: claim latency p99 under 100 ms, and no tenant's first job waiting more than 2 s while others are busy).
#
# bench/JobsBench.java (JDK 17, run by the source launcher with runner.jar for its JSON) does the work:
#   setup    as the platform admin through the gateway: TENANTS busy tenants and QUIET_TENANTS quiet ones (fresh
#            slugs jobs-<epoch>-NNN / jobs-<epoch>-qNNN), each with a registration token, simulated agents labelled
#            linux (RUNNERS_PER_TENANT per busy tenant, one per quiet tenant; registered at agent-service directly,
#            because the gateway allows token-less calls 120 a minute per address) and one pipeline (one step `true`,
#            agent_labels [linux]); setup calls are retried for up to 30 s while a new tenant is not yet known
#   ready    one execution per agent, claimed by long-polling: proves pipeline-service has every agent's event
#   rounds   WARMUP_ROUNDS unmeasured rounds, then the measured one. A round queues EXECUTIONS_PER_TENANT executions
#            per busy tenant (TENANTS x EXECUTIONS_PER_TENANT, 1,000 by default), waits SETTLE_SECONDS, then starts
#            every runner at once: each loops job request (wait_seconds 0) -> step start -> step result -> finish
#            until its tenant's executions are all claimed
#   fairness in the measured round, each quiet tenant's runner long-polls (wait_seconds 30); when PROBE_AT of the
#            busy jobs are claimed, one execution is triggered in every quiet tenant; its wake-up is the time from the
#            trigger's answer to the claim's answer
# Any answer other than 2xx (and 204 to a job request) in the measured round fails the run (exit 1); the report,
# marked invalid, still goes to bench/last-jobs.md (not committed) and is printed.
#
# Start the platform first, with the full JIT, and wait for its banner:
#   CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC" ./mvnw -Plocal package
# then, from the repository root:
#   bench/jobs.sh                                   # 100 tenants x 1 runner x 10 executions, 10 quiet tenants
#   VIA_GATEWAY=1 bench/jobs.sh                     # runners call the gateway (8080) instead of pipeline-service
#   TENANTS=20 EXECUTIONS_PER_TENANT=5 WARMUP_ROUNDS=0 bench/jobs.sh   # a quick smoke run
# Every tenant gets executions_per_hour = max(50, what the run triggers + 5), so reruns never hit the quota; each
# run leaves its tenants, agents and executions behind, as the other benchmarks do.
set -euo pipefail
cd "$(dirname "$0")/.."

export TENANTS=${TENANTS:-100}
export RUNNERS_PER_TENANT=${RUNNERS_PER_TENANT:-1}
export EXECUTIONS_PER_TENANT=${EXECUTIONS_PER_TENANT:-10}
export QUIET_TENANTS=${QUIET_TENANTS:-10}
export VIA_GATEWAY=${VIA_GATEWAY:-0}
export WARMUP_ROUNDS=${WARMUP_ROUNDS:-2}
export SETTLE_SECONDS=${SETTLE_SECONDS:-5}
export PROBE_AT=${PROBE_AT:-0.5}
# how long each simulated job "runs" between its step start and result (each a random 50-150 % of it): 0 saturates
# the service (capacity); a few seconds gives the paced load of runners doing real work (claim latency as runners
# see it)
export JOB_MILLIS=${JOB_MILLIS:-0}
export SETUP_THREADS=${SETUP_THREADS:-8}
export GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
export AGENT_SERVICE=${AGENT_SERVICE:-http://127.0.0.1:8082}
export PIPELINE_SERVICE=${PIPELINE_SERVICE:-http://127.0.0.1:8083}
export REPORT=${REPORT:-bench/last-jobs.md}
CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:--Xmx256m -XX:+UseSerialGC}
LOAD_CORE=1

for tool in java curl pgrep; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
java_major=$(java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')
[ "${java_major:-0}" -ge 17 ] 2>/dev/null || { echo "bench/JobsBench.java needs java 17 or later (found: ${java_major:-none})" >&2; exit 1; }

start_hint='start the platform first: CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC" ./mvnw -Plocal package'
for service in "gateway $GATEWAY" "agent-service $AGENT_SERVICE" "pipeline-service $PIPELINE_SERVICE"; do
  set -- $service
  curl -sf -o /dev/null --max-time 5 "$2/actuator/health/readiness" || { echo "$1 is not ready at $2; $start_hint" >&2; exit 1; }
done

pipeline_pid=$(pgrep -f 'pipeline-service\.jar' | head -1) || { echo "no pipeline-service.jar process; $start_hint" >&2; exit 1; }
if grep -q TieredStopAtLevel "/proc/$pipeline_pid/cmdline" && [ -z "${ALLOW_C1:-}" ]; then
  echo "pipeline-service runs C1-only (the platform's default JVM options); $start_hint (or ALLOW_C1=1 to measure anyway)" >&2
  exit 1
fi
BENCH_PLATFORM_JVM=$(tr '\0' '\n' < "/proc/$pipeline_pid/cmdline" | grep -E '^-X' | paste -sd' ' -)
export BENCH_PLATFORM_JVM=${BENCH_PLATFORM_JVM:-default}

cores=$(nproc)
cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
export BENCH_MACHINE="$cores cores${cpu:+ ($cpu)}, $(uname -sr)"
pin=()
if command -v taskset >/dev/null && [ "$cores" -gt 1 ]; then
  pin=(taskset -c "$LOAD_CORE")
  export BENCH_PINNING="pinned to core $LOAD_CORE (taskset; the platform is not pinned)"
else
  export BENCH_PINNING="not pinned"
fi

echo "== bench/JobsBench.java: $TENANTS tenants x $RUNNERS_PER_TENANT runner(s) x $EXECUTIONS_PER_TENANT executions," \
  "$QUIET_TENANTS quiet tenants, $WARMUP_ROUNDS warm-up rounds, VIA_GATEWAY=$VIA_GATEWAY; load client $BENCH_PINNING" >&2
# shellcheck disable=SC2086
exec ${pin[@]+"${pin[@]}"} java $CLIENT_JVM_OPTS -cp runner/target/runner.jar bench/JobsBench.java
