#!/usr/bin/env bash
# The performance page in one run: every benchmark of bench/ on this machine, one after the other, then their
# results (each with its machine, command and date, goals and misses stated) written into docs/performance.md
# between the "bench/run.sh" markers, and into bench/last-run.md.
#
#   bench/run.sh                                   # everything: about 90 minutes on 2 cores
#   ONLY="start online lag lists noisy" bench/run.sh
#   ASSEMBLE_ONLY=1 ONLY="..." bench/run.sh           # only rewrite the page from the bench/last-*.md files there
#
# It builds the project, measures platform-local's own start and memory (with the JVM options a newcomer gets),
# then starts it again with the full JIT (CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC") for the rest and
# stops it at the end. Needs ports 8080-8085, 8090 and 15432 free, Redis on 127.0.0.1:6379 (gateway), and wrk,
# nginx, psql, bc, python3 (Debian: apt-get install wrk nginx-light postgresql-client bc python3).
set -euo pipefail
cd "$(dirname "$0")/.."

ONLY=${ONLY:-"start online lag lists noisy heartbeats jobs gateway"}
selected() { [[ " $ONLY " == *" $1 "* ]]; }
started_at=$(date -u +%Y-%m-%dT%H:%MZ)

if [ "${ASSEMBLE_ONLY:-0}" != 1 ]; then
  if [ "${SKIP_BUILD:-0}" != 1 ]; then ./mvnw -q package -DskipTests; fi
  if selected start; then bench/platform-start.sh; fi

  echo "== starting the platform with the full JIT for the other benchmarks"
  CYGNETCI_SERVICE_JVM_OPTS="-Xmx512m -XX:+UseSerialGC" KEEP=1 SETTLE=0 OUT=/dev/null bench/platform-start.sh
  stop() { if [ -f bench/.platform.pid ]; then kill "$(cat bench/.platform.pid)" 2>/dev/null || true; rm -f bench/.platform.pid; fi; }
  trap stop EXIT
  sleep 30 # the demo runners register and the consumers settle

  selected online && bench/agent-online.sh
  selected lag && bench/read-model-lag.sh
  selected lists && bench/lists.sh
  selected noisy && bench/noisy-neighbour.sh
  selected heartbeats && bench/heartbeats.sh
  selected jobs && bench/jobs.sh
  selected gateway && bench/gateway.sh
  stop
fi

sections=()
titles=()
for entry in "start:last-platform-start-run:Start time and memory" "online:last-agent-online-run:Heartbeat to online" \
    "lag:last-read-model-lag:Event to statistics" "lists:last-lists-run:Lists at scale" \
    "noisy:last-noisy-neighbour-run:Noisy neighbour" "heartbeats:last-heartbeat-run:Heartbeats at scale" \
    "jobs:last-jobs:Job claims at scale" "gateway:last-gateway-run:Gateway overhead"; do
  IFS=: read -r name file title <<< "$entry"
  if selected "$name" && [ -f "bench/$file.md" ]; then sections+=("bench/$file.md"); titles+=("$title"); fi
done

{
  if [ "${ASSEMBLE_ONLY:-0}" = 1 ]; then
    echo "Assembled at $started_at from the bench/last-*.md files of \`ONLY=\"$ONLY\" bench/run.sh\` (commit $(git rev-parse --short HEAD)) on"
  else
    echo "Run of $started_at by \`ONLY=\"$ONLY\" bench/run.sh\` at commit $(git rev-parse --short HEAD) on"
  fi
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')), $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(uname -sr), $(java -version 2>&1 | head -1). Each section opens with the line its benchmark wrote: what"
  echo "ran, when and how."
  for i in "${!sections[@]}"; do
    section=${sections[$i]}
    echo
    echo "### ${titles[$i]}"
    echo
    head -1 "$section" | sed -E 's/^#+ *//'
    echo
    tail -n +2 "$section" | sed '/./,$!d'
  done
} > bench/last-run.md

python3 - <<'PY'
import re
page = open("docs/performance.md").read()
run = open("bench/last-run.md").read()
start, end = "<!-- bench/run.sh: start -->", "<!-- bench/run.sh: end -->"
page = re.sub(re.escape(start) + ".*?" + re.escape(end), lambda m: start + "\n" + run + "\n" + end, page, flags=re.S)
open("docs/performance.md", "w").write(page)
PY
echo "docs/performance.md updated from bench/last-run.md"
