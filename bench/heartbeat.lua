-- Heartbeats from many agents: each request is the next agent's heartbeat, round robin over the agents listed in
-- AGENTS_FILE (one "agent-id credential" per line).
local agents = {}
local next_agent = 0
local body = '{"cpu_percent":12.5,"memory_percent":40.0,"disk_percent":55.0,"running_jobs":0,"version":"bench"}'

function init(args)
  for line in io.lines(os.getenv("AGENTS_FILE")) do
    local id, credential = line:match("^(%S+)%s+(%S+)$")
    if id then
      agents[#agents + 1] = { path = "/api/v1/agents/" .. id .. "/heartbeat",
                              headers = { ["Authorization"] = "Bearer " .. credential,
                                          ["Content-Type"] = "application/json" } }
    end
  end
end

function request()
  next_agent = next_agent % #agents + 1
  local agent = agents[next_agent]
  return wrk.format("POST", agent.path, agent.headers, body)
end
