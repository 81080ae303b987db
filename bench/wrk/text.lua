-- text: the first page of agents whose username, name or email contains a fragment that matches some of them.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

local headers = common.auth_headers()
local texts = common.lines("texts.txt")
for i, t in ipairs(texts) do texts[i] = common.urlencode(t) end

function init(args) common.seed_random() end

function request()
  return wrk.format("GET", "/api/v1/livechat/users/agent?count=25&text=" .. texts[math.random(#texts)], headers)
end

function done(summary, latency, requests) common.report(summary, latency) end
