-- PATCH /api/v1/commitments/{id}: change the priority of one of the
-- office's open commitments, taken in turn, with If-Match: *.
local ids = {}
for id in string.gmatch(os.getenv("BENCH_COMMITMENTS"), "[^,]+") do ids[#ids + 1] = id end
local priorities = {"low", "normal", "high"}
local n = 0
request = function()
  n = n + 1
  local body = '{"priority":"' .. priorities[n % 3 + 1] .. '"}'
  return wrk.format("PATCH", "/api/v1/commitments/" .. ids[n % #ids + 1], {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["If-Match"] = "*",
  }, body)
end
