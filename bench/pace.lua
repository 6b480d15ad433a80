-- Open-loop pacing for wrk: before each request a connection waits an exponentially distributed time with mean
-- PACE_MEAN_MS, so C connections offer about C * 1000 / PACE_MEAN_MS requests/s as a Poisson-like stream rather
-- than synchronised bursts. wrk times each request from the moment it is sent.
local mean_ms = tonumber(os.getenv("PACE_MEAN_MS") or "40")

function init(args)
  math.randomseed(os.time())
end

function delay()
  return math.floor(-math.log(1 - math.random()) * mean_ms + 0.5)
end
