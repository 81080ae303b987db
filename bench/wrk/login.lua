-- login: POST /api/v1/login as random seeded users (all share one password). bcrypt-bound by design.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

local headers = { ["Content-Type"] = "application/json" }
local usernames = common.lines("usernames.txt")
local password = common.env("BENCH_PASSWORD")

function init(args) common.seed_random() end

function request()
  local body = '{"user":"' .. usernames[math.random(#usernames)] .. '","password":"' .. password .. '"}'
  return wrk.format("POST", "/api/v1/login", headers, body)
end

function done(summary, latency, requests) common.report(summary, latency) end
