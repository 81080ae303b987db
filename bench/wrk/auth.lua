-- auth: GET /api/v1/me as the admin: token check, the caller's row and roles.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local common = require("common")

wrk.method = "GET"
wrk.path = "/api/v1/me"
wrk.headers = common.auth_headers()

function done(summary, latency, requests) common.report(summary, latency) end
