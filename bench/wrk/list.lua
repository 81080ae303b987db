-- list: one page of 25 agents at a random offset within all agents, in the default order (by name).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

local headers = common.auth_headers()
local agents = tonumber(common.env("BENCH_AGENTS"))

function init(args) common.seed_random() end

function request()
  local offset = math.random(0, math.max(0, agents - 25))
  return wrk.format("GET", "/api/v1/livechat/users/agent?count=25&offset=" .. offset, headers)
end

function done(summary, latency, requests) common.report(summary, latency) end
