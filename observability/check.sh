#!/usr/bin/env bash
# Checks observability/: Prometheus configs and rules (promtool), the rules' unit tests, and the Grafana dashboards
# (JSON model, the tenant dashboard's `tenant` variable, every query's PromQL syntax and metric names).
# Needs promtool (Prometheus 2.42+) and python3. Exits non-zero if anything fails; runs every check first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
failed=0

step() {
  echo "== $*"
  if ! "$@"; then
    echo "FAILED: $*" >&2
    failed=1
  fi
}

cd "$here/prometheus"
step promtool check config prometheus.yml
step promtool check config prometheus-local.yml
step promtool check rules rules/*.yml
step promtool test rules tests/*.test.yml

cd "$here"
for dashboard in grafana/dashboards/*.json; do
  step python3 -m json.tool "$dashboard" /dev/null
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# the dashboards' model, and their queries as a rule file (Grafana's variables replaced) for promtool
dashboards() {
  python3 - "$work/queries.yml" grafana/dashboards/*.json <<'PY'
import json, re, sys

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
DS = {"type": "prometheus", "uid": "prometheus"}
errors, queries = [], []

def walk(panels):
    for p in panels:
        yield p
        yield from walk(p.get("panels", []))

for path in sys.argv[2:]:
    with open(path) as f:
        text = f.read()
    d = json.loads(text)
    err = lambda m: errors.append(f"{path}: {m}")
    if d.get("schemaVersion") != 39:
        err(f"schemaVersion {d.get('schemaVersion')}, expected 39")
    if not d.get("uid") or not d.get("title"):
        err("no uid or title")
    if UUID.search(text):
        err(f"hard-coded id {UUID.search(text).group(0)}")
    variables = {v.get("name"): v for v in d.get("templating", {}).get("list", [])}
    per_tenant = "tenant" in d.get("tags", [])
    if per_tenant:
        v = variables.get("tenant")
        if v is None:
            err("tenant dashboard without a `tenant` variable")
        elif "label_values(cygnetci_agents, tenant)" not in json.dumps(v.get("query")):
            err("the `tenant` variable is not label_values(cygnetci_agents, tenant)")
    ids = set()
    for p in walk(d.get("panels", [])):
        title = f"panel {p.get('id')} ({p.get('title')!r})"
        if p.get("id") in ids:
            err(f"{title}: duplicate id")
        ids.add(p.get("id"))
        g = p.get("gridPos", {})
        if not all(isinstance(g.get(k), int) for k in ("h", "w", "x", "y")) or g["x"] + g["w"] > 24:
            err(f"{title}: bad gridPos {g}")
        if p.get("type") == "row":
            continue
        if p.get("datasource") != DS:
            err(f"{title}: datasource {p.get('datasource')}")
        if not p.get("targets"):
            err(f"{title}: no query")
        for t in p.get("targets", []):
            if t.get("datasource") != DS:
                err(f"{title}: query {t.get('refId')} datasource {t.get('datasource')}")
            expr = t.get("expr", "")
            if per_tenant and "$tenant" not in expr:
                err(f"{title}: query {t.get('refId')} not filtered by $tenant")
            queries.append((f"{path} {title} {t.get('refId')}", expr))

with open(sys.argv[1], "w") as out:
    out.write("groups:\n  - name: dashboard-queries\n    rules:\n")
    for i, (where, expr) in enumerate(queries):
        expr = (expr.replace("$__rate_interval", "1m").replace("$__interval", "1m").replace("$__range", "1h")
                .replace("$tenant", "tenant-id"))
        out.write(f"      # {where}\n      - record: dashboard:query:{i}\n        expr: {json.dumps(expr)}\n")
with open(sys.argv[1] + ".names", "w") as out:
    for where, expr in queries:
        out.write(json.dumps([where, expr]) + "\n")
for e in errors:
    print(e, file=sys.stderr)
print(f"{len(sys.argv) - 2} dashboards, {len(queries)} queries, {len(errors)} problems")
sys.exit(1 if errors else 0)
PY
}

# the metric names each query selects are in metrics.txt or recorded by the rules
metric_names() {
  python3 - "$work/queries.yml.names" metrics.txt prometheus/rules/*.yml <<'PY'
import json, re, sys

known = set()
for line in open(sys.argv[2]):
    line = line.split("#")[0].strip()
    if line:
        known.add(line)
for rules in sys.argv[3:]:
    known.update(re.findall(r"^\s*-?\s*record:\s*(\S+)", open(rules).read(), re.M))

KEYWORDS = {"and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left",
            "group_right", "inf", "nan", "atan2"}
unknown = 0
for line in open(sys.argv[1]):
    where, expr = json.loads(line)
    e = re.sub(r'"(?:[^"\\]|\\.)*"', '""', expr)          # label values
    e = re.sub(r"\{[^}]*\}", "", e)                         # label matchers
    e = re.sub(r"\[[^\]]*\]", "", e)                        # ranges
    e = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", " ", e)  # label lists
    for name in re.findall(r"(?<![\w.:$])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()", e):
        if name not in KEYWORDS and name not in known:
            print(f"{where}: unknown metric {name} (add it to observability/metrics.txt)", file=sys.stderr)
            unknown += 1
print(f"metric names: {unknown} unknown")
sys.exit(1 if unknown else 0)
PY
}

step dashboards
if [[ -s "$work/queries.yml" ]]; then
  step promtool check rules "$work/queries.yml"
  step metric_names
fi

if [[ "$failed" -ne 0 ]]; then
  echo "observability checks FAILED" >&2
  exit 1
fi
echo "observability checks passed"
