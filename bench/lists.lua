-- List endpoints of many tenants: each request is one tenant's (picked at random from TENANTS_FILE, one
-- "token pipeline-id" per line), on the path ENDPOINT names, paced like pace.lua (PACE_MEAN_MS per connection).
-- done() prints the latency percentiles and the answers that were not 2xx.
local tenants = {}
local endpoint = os.getenv("ENDPOINT") or "pipelines"
local mean_ms = tonumber(os.getenv("PACE_MEAN_MS") or "40")
local paths = {
  ["pipelines"] = function(t) return "/api/v1/pipelines?limit=50" end,
  ["pipelines-search"] = function(t) return "/api/v1/pipelines?limit=50&q=build-4" end,
  ["executions"] = function(t) return "/api/v1/executions?limit=50" end,
  ["executions-failed"] = function(t) return "/api/v1/executions?limit=50&status=failed" end,
  ["pipeline-executions"] = function(t) return "/api/v1/pipelines/" .. t.pipeline .. "/executions?limit=50" end,
}

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  for line in io.lines(os.getenv("TENANTS_FILE")) do
    local token, pipeline = line:match("^(%S+)%s+(%S+)$")
    if token then
      tenants[#tenants + 1] = { headers = { ["Authorization"] = "Bearer " .. token }, pipeline = pipeline }
    end
  end
end

function delay()
  return math.floor(-math.log(1 - math.random()) * mean_ms + 0.5)
end

function request()
  local t = tenants[math.random(#tenants)]
  return wrk.format("GET", paths[endpoint](t), t.headers)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rate=%.1f p50=%.2f p95=%.2f p99=%.2f max=%.2f bad=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000, bad))
end
