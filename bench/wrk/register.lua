-- register: POST livechat/users/agent for a random seeded user that holds no staff role, then DELETE
-- livechat/users/agent/<the _id that POST answered>. wrk's Lua does not say which connection a response came
-- on, so the _ids wait in one queue: every request removes a registered agent when one is waiting, else
-- registers another. Counted per kind; "pairs" in the report is min(registered, removed).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

local headers = common.auth_headers()
headers["Content-Type"] = "application/json"
local usernames = common.lines("usernames.txt")
local pending = {}
registered, removed, failed = 0, 0, 0 -- globals, so that done() can read them from the thread

function init(args) common.seed_random() end

function request()
  local id = table.remove(pending)
  if id then return wrk.format("DELETE", "/api/v1/livechat/users/agent/" .. id, headers) end
  local body = '{"username":"' .. usernames[math.random(#usernames)] .. '"}'
  return wrk.format("POST", "/api/v1/livechat/users/agent", headers, body)
end

function response(status, headers, body)
  if status ~= 200 then failed = failed + 1; return end
  local id = body:match('"_id":"([^"]+)"')
  if id then
    registered = registered + 1
    pending[#pending + 1] = id
  else
    removed = removed + 1
  end
end

local threads = {}
function setup(thread) threads[#threads + 1] = thread end

function done(summary, latency, requests)
  local r, d, f = 0, 0, 0
  for _, t in ipairs(threads) do
    r = r + t:get("registered"); d = d + t:get("removed"); f = f + t:get("failed")
  end
  common.report(summary, latency, { registered = r, removed = d, failed = f, pairs = math.min(r, d) })
end
