-- Shared by the scenario scripts. The run script passes everything through the environment:
-- BENCH_USER_ID / BENCH_TOKEN (the admin's login), BENCH_SAMPLES (the folder Seed.java wrote),
-- BENCH_AGENTS (how many agents a list may page through), BENCH_PASSWORD (every seeded user's password).
local M = {}

function M.env(name)
  local v = os.getenv(name)
  if v == nil or v == "" then error("wrk script: " .. name .. " is not set") end
  return v
end

function M.auth_headers()
  return { ["X-User-Id"] = M.env("BENCH_USER_ID"), ["X-Auth-Token"] = M.env("BENCH_TOKEN") }
end

-- The first tab-separated column of every line of a sample file.
function M.lines(name)
  local out = {}
  for line in io.lines(M.env("BENCH_SAMPLES") .. "/" .. name) do
    local first = line:match("^([^\t]+)")
    if first then out[#out + 1] = first end
  end
  if #out == 0 then error("wrk script: " .. name .. " is empty") end
  return out
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Each connection's thread seeds its own PRNG, so runs differ but threads do not repeat each other.
function M.seed_random()
  math.randomseed(os.time() * 1000 + math.floor((os.clock() * 1e6) % 1000))
end

-- One parsable line for bench/run: counts, latency percentiles in microseconds, errors, extra counters.
function M.report(summary, latency, extra)
  local e = summary.errors
  local line = string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout)
  for k, v in pairs(extra or {}) do line = line .. string.format(" %s=%d", k, v) end
  io.write(line .. "\n")
end

return M
