#!/usr/bin/env bash
# A noisy neighbour (docs/performance.md, "Noisy neighbour"): QUIET tenants each send half their plan's limit while
# one tenant sends ten times its limit. How much does the quiet tenants' p95 move, and do they ever get a 429?
# Goals: p95 moves by less than 10 %, and no 429 for them.
#
# Each tenant's plan is LIMIT requests/minute. The quiet tenants' load is paced (bench/lists.lua, tenants at random,
# GET /api/v1/pipelines) at QUIET x LIMIT/2 per minute in all; the noisy one's at 10 x LIMIT per minute. Runs of
# DURATION each: warm-up (both), quiet alone; then the noisy tenant at 10x for two runs back to back, the first from
# a full bucket (its plan lets it spend a minute's budget at once) and the second with its bucket spent (a tenant
# that stays at 10x its limit: refusals and the refill); after a fresh minute, the noisy tenant sending only what
# its plan admits; quiet alone again. The baseline is the mean of the two quiet-alone runs, so a drift of the
# machine during the run shows as their difference. Results go to bench/last-noisy-neighbour-run.md.
#
# Needs the platform running (./mvnw -Plocal package) and wrk.
set -euo pipefail
cd "$(dirname "$0")/.."

QUIET=${QUIET:-9}
LIMIT=${LIMIT:-600}
DURATION=${DURATION:-60s}
WARMUP=${WARMUP:-30s}
PREFIX=bench-noisy

for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }; done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source bench/lib.sh
admin=$(platform_admin)
tenant() { echo "$(bench_tenant "$admin" "$1" viewer "\"requests_per_minute\":$LIMIT") -"; }
echo "== $QUIET quiet tenants and a noisy one, each at $LIMIT requests/minute"
for i in $(seq 1 "$QUIET"); do tenant "$PREFIX-quiet-$i" >> "$work/quiet"; done
tenant "$PREFIX-loud" > "$work/noisy"
sleep 5 # the gateway learns the plans by event

quiet_rate=$((QUIET * LIMIT / 2 / 60)) # requests/s, all quiet tenants together
noisy_rate=$((10 * LIMIT / 60))
seconds=${DURATION%s}
admitted_rate=$(( (LIMIT + LIMIT * seconds / 60) / seconds ))
load() { # file rate duration
  local connections=$(( $2 < 10 ? $2 : 10 ))
  TENANTS_FILE="$1" ENDPOINT=pipelines PACE_MEAN_MS=$((connections * 1000 / $2)) \
    wrk -t1 -c"$connections" -d"$3" --timeout 10s -s bench/lists.lua "$GATEWAY" | grep '^RESULT'
}
field() { echo "$1" | sed -E "s/.*$2=([0-9.]+).*/\1/"; }

echo "== warm-up"
load "$work/noisy" "$noisy_rate" "$WARMUP" > /dev/null & load "$work/quiet" "$quiet_rate" "$WARMUP" > /dev/null; wait
sleep 61 # a fresh minute for every bucket
echo "== quiet alone"
base1=$(load "$work/quiet" "$quiet_rate" "$DURATION"); echo "$base1"
echo "== quiet with the noisy neighbour at 10x its limit: first from a full bucket, then with it spent"
load "$work/noisy" "$noisy_rate" "$((2 * seconds + 1))s" > "$work/noisy-result" &
burst=$(load "$work/quiet" "$quiet_rate" "$DURATION")
loud=$(load "$work/quiet" "$quiet_rate" "$DURATION"); wait
noisy=$(cat "$work/noisy-result"); echo "$burst"; echo "$loud"; echo "noisy: $noisy"
sleep 61
echo "== quiet with the noisy tenant sending only what its plan admits ($admitted_rate requests/s)"
load "$work/noisy" "$admitted_rate" "$DURATION" > "$work/noisy-result" &
fair=$(load "$work/quiet" "$quiet_rate" "$DURATION"); wait
admitted=$(cat "$work/noisy-result"); echo "$fair"; echo "noisy within its plan: $admitted"
echo "== quiet alone again"
base2=$(load "$work/quiet" "$quiet_rate" "$DURATION"); echo "$base2"

out=bench/last-noisy-neighbour-run.md
python3 - "$base1" "$burst" "$loud" "$base2" "$noisy" "$fair" "$admitted" "$QUIET" "$LIMIT" "$quiet_rate" \
  "$noisy_rate" "$DURATION" "$admitted_rate" > "$out" <<'PY'
import re, sys, datetime, os
b1, burst, loud, b2, noisy, fair, admitted = (dict((k, float(v)) for k, v in re.findall(r"(\w+)=([\d.]+)", s))
                                              for s in sys.argv[1:8])
quiet, limit, qrate, nrate, duration, arate = sys.argv[8:14]
base = (b1["p95"] + b2["p95"]) / 2
def move(run):
    return (run["p95"] - base) / base * 100
print(f"Noisy neighbour, {datetime.datetime.utcnow():%Y-%m-%dT%H:%MZ}, {os.cpu_count()} cores: {quiet} quiet tenants at "
      f"{qrate} requests/s in all (half their limit of {limit}/min each), one tenant at {nrate} requests/s (10x its "
      f"limit), {duration} per run, GET /api/v1/pipelines through the gateway")
print()
print("| run | quiet requests | quiet p50 ms | quiet p95 ms | quiet p99 ms | quiet p95 vs baseline | quiet not 2xx |")
print("|---|---|---|---|---|---|---|")
for name, r in (("quiet alone", b1), ("noisy tenant at 10x its limit, from a full bucket", burst),
                ("noisy tenant at 10x its limit, bucket spent (it stays at 10x)", loud),
                (f"noisy tenant sending only what it is admitted ({arate}/s)", fair), ("quiet alone again", b2)):
    print(f"| {name} | {r['requests']:.0f} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p99']:.2f} | {move(r):+.1f} % "
          f"| {r['bad']:.0f} |")
print()
print(f"- a tenant that stays at 10x its limit moves the quiet tenants' p95 by {move(loud):+.1f} % (goal: under 10 %: "
      f"{'met' if move(loud) < 10 else 'missed'}); the two runs without it differ by "
      f"{abs(b1['p95'] - b2['p95']) / base * 100:.1f} % (the machine's own noise)")
print(f"- while it spends a full bucket (a minute's budget in {float(limit) / float(nrate):.0f} s, which its plan "
      f"allows): {move(burst):+.1f} % ({'under' if move(burst) < 10 else 'over'} the 10 % goal)")
bad = burst['bad'] + loud['bad']
print(f"- quiet answers other than 2xx while the noisy tenant ran: {bad:.0f} (goal: 0, no 429: "
      f"{'met' if bad == 0 else 'missed'})")
print(f"- the noisy tenant over both runs: {noisy['requests']:.0f} requests, {noisy['bad']:.0f} refused (429), "
      f"{noisy['requests'] - noisy['bad']:.0f} admitted; sending only what it is admitted: {admitted['requests']:.0f} "
      f"requests, {admitted['bad']:.0f} refused, quiet p95 {move(fair):+.1f} %")
PY
cat "$out"
