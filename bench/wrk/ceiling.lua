-- ceiling: GET /api/info, no authentication and no database: what the HTTP stack alone serves.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.path = "/api/info"

function done(summary, latency, requests) common.report(summary, latency) end
