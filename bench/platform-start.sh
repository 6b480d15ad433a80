#!/usr/bin/env bash
# platform-local's start time and memory (docs/performance.md, "Start time and memory"): from launching
# platform-local on a fresh state directory (PostgreSQL initialised, every database migrated, the demo data seeded,
# the demo runners registered) to its "CygnetCI is running" banner, then the resident memory of every process it
# started, measured once it has settled for SETTLE seconds (PostgreSQL's processes share their buffers, so the sum of
# their resident sizes overstates what they use together). With KEEP=1 the platform stays up afterwards (its pid in
# bench/.platform.pid; bench/run.sh uses it for the other benchmarks).
#
# Needs the project built (./mvnw package -DskipTests) and ports 8080-8085, 8090 and 15432 free.
set -euo pipefail
cd "$(dirname "$0")/.."

SETTLE=${SETTLE:-60}
KEEP=${KEEP:-0}
for port in 8080 8081 8082 8083 8084 8085 8090; do
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo "port $port is in use: stop the platform first" >&2; exit 1; fi
done
state=$(mktemp -d)
# with -am and package, the reactor resolves the project's own modules (a fresh clone has none in ~/.m2)
./mvnw -q -pl platform-local -am package -DskipTests dependency:build-classpath \
  -Dmdep.outputFile="$state/classpath" > "$state/maven.log" 2>&1 || { tail -30 "$state/maven.log" >&2; exit 1; }
log="$state/platform.log"
start=$(date +%s.%N)
java -Xmx512m -Dcygnetci.root="$PWD" -Dcygnetci.state="$state/state" \
  -cp "platform-local/target/classes:$(cat "$state/classpath")" io.cygnetci.local.PlatformLocal > "$log" 2>&1 &
pid=$!
until grep -qs 'CygnetCI is running' "$log"; do
  kill -0 "$pid" 2>/dev/null || { tail -20 "$log" >&2; echo "platform-local exited" >&2; exit 1; }
  sleep 0.2
done
started=$(echo "$(date +%s.%N) - $start" | bc)
sleep "$SETTLE"

tree() { local p=$1; echo "$p"; for c in $(ps -o pid= --ppid "$p"); do tree "$c"; done; }
# PostgreSQL detaches from platform-local (pg_ctl daemonises it): its processes are found by their data directory
processes() { { tree "$pid"; for p in $(pgrep -f -- "-D $state/state"); do tree "$p"; done; } | sort -u; }
out=${OUT:-bench/last-platform-start-run.md}
{
  echo "platform-local from a fresh state directory to its banner, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, JVM options as a newcomer gets them"
  echo
  printf '| start to banner | resident memory of all its processes, %s s later |\n|---|---|\n' "$SETTLE"
  total=0
  rows=""
  for p in $(processes); do
    rss=$(ps -o rss= -p "$p" 2>/dev/null || echo 0); rss=${rss// /}
    [ -n "$rss" ] || continue
    total=$((total + rss))
    name=$(ps -o args= -p "$p" | sed -E 's/.*\/([a-z-]+)\.jar.*/\1/; s/.*PlatformLocal.*/platform-local (Kafka broker)/;
      s/.*--name=([a-z-]+).*/runner \1/; s/^[^ ]*\/bin\/postgres.*/postgres/; s/^(postgres)[^ ]*.*/\1/; s/^([^ ]{0,40}).*/\1/')
    rows+="| $name | $((rss / 1024)) MiB |"$'\n'
  done
  printf '| %.1f s | %d MiB |\n\n' "$started" "$((total / 1024))"
  echo "| process | resident |"
  echo "|---|---|"
  printf '%s' "$rows" | sort | awk -F'|' '{ if ($2 ~ /postgres/) { pg += $3 + 0; n++ } else print } END { if (n) printf "| postgres (%d processes) | %d MiB |\n", n, pg }'
} > "$out"
cat "$out"
if [ "$KEEP" = 1 ]; then
  echo "$pid" > bench/.platform.pid
else
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$state"
fi
