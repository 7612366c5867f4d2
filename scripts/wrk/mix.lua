-- A 90/10 read/write mix: lists, a filtered list, search, a timeline and
-- the review; one request in ten logs an interaction or edits a commitment.
local token = "Bearer " .. os.getenv("BENCH_TOKEN")
local ids = {}
for id in string.gmatch(os.getenv("BENCH_COMMITMENTS"), "[^,]+") do ids[#ids + 1] = id end
local reads = {
  "/api/v1/contacts",
  "/api/v1/contacts?country_code=IQ",
  "/api/v1/contacts?sort=-updated_at",
  "/api/v1/interactions",
  "/api/v1/search?q=ministry%20interior",
  "/api/v1/organizations/" .. os.getenv("BENCH_TYPICAL_ORG") .. "/timeline",
  "/api/v1/commitments?overdue=true",
  "/api/v1/review/commitments",
  "/api/v1/organizations?type=ngo",
}
local n = 0
request = function()
  n = n + 1
  local headers = {["Authorization"] = token}
  if n % 20 == 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/interactions", headers,
      '{"kind":"call","subject":"Benchmark call","starts_at":"2026-11-20T10:00:00Z","participants":[{"organization_id":' ..
      os.getenv("BENCH_TYPICAL_ORG") .. ',"role":"participant"}]}')
  elseif n % 20 == 10 then
    headers["Content-Type"] = "application/json"
    headers["If-Match"] = "*"
    local p = ({"low", "normal", "high"})[n % 3 + 1]
    return wrk.format("PATCH", "/api/v1/commitments/" .. ids[n % #ids + 1], headers, '{"priority":"' .. p .. '"}')
  end
  return wrk.format("GET", reads[n % #reads + 1], headers)
end
