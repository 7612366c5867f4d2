-- PATCH /api/v1/commitments/{id}: change the priority of one of the
-- office's open commitments, with If-Match: *. Each thread starts at its
-- own place in a list of 2,000 and steps through it, so that two requests
-- seldom edit the same commitment at the same moment (when they do, both
-- apply, one after the other: If-Match: * asks only that it exist).
local ids = {}
for id in string.gmatch(os.getenv("BENCH_COMMITMENTS"), "[^,]+") do ids[#ids + 1] = id end
local priorities = {"low", "normal", "high"}
local n = 0
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("first", threads * 997)
end
init = function()
  n = first or 0
end
request = function()
  n = n + 1
  local body = '{"priority":"' .. priorities[n % 3 + 1] .. '"}'
  return wrk.format("PATCH", "/api/v1/commitments/" .. ids[n % #ids + 1], {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["If-Match"] = "*",
  }, body)
end
