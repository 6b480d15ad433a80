# Shared by the benchmarks: JSON fields, logins and bench tenants through the gateway. Source it.
GATEWAY=${GATEWAY:-http://127.0.0.1:8080}
BENCH_PASSWORD=bench-password-1

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print($1)"; }
login() { curl -sf -X POST "$GATEWAY/api/v1/auth/token" -H 'Content-Type: application/json' -d "$1" | json 'd["access_token"]'; }
platform_admin() { login '{"email":"admin@cygnetci.local","password":"cygnetci-admin"}'; }

# bench_tenant ADMIN_TOKEN SLUG ROLE PLAN_JSON: makes the tenant (plan fields as JSON members, e.g.
# '"requests_per_minute":600') with one user of that role, admin@SLUG.example, unless it exists; when it exists,
# sets the plan again. Prints that user's access token for the tenant.
bench_tenant() {
  local admin=$1 slug=$2 role=$3 plan=$4 email="admin@$2.example" body status tenant user
  body=$(mktemp)
  status=$(curl -s -o "$body" -w '%{http_code}' -X POST "$GATEWAY/api/v1/tenants" -H "Authorization: Bearer $admin" \
    -H 'Content-Type: application/json' -d "{\"slug\":\"$slug\",\"display_name\":\"Bench $slug\",$plan}")
  if [ "$status" = 201 ]; then
    tenant=$(json 'd["id"]' < "$body")
    user=$(curl -sf -X POST "$GATEWAY/api/v1/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\"}" | json 'd["id"]')
    curl -sf -o /dev/null -X POST "$GATEWAY/api/v1/tenants/$tenant/members" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "{\"user_id\":\"$user\",\"role\":\"$role\"}"
  else
    tenant=$(curl -sf "$GATEWAY/api/v1/tenants?q=$slug" -H "Authorization: Bearer $admin" | json 'd["items"][0]["id"]')
    curl -sf -o /dev/null -X PATCH "$GATEWAY/api/v1/tenants/$tenant" -H "Authorization: Bearer $admin" \
      -H 'Content-Type: application/json' -d "{$plan}"
  fi
  rm -f "$body"
  login "{\"email\":\"$email\",\"password\":\"$BENCH_PASSWORD\",\"tenant\":\"$slug\"}"
}
