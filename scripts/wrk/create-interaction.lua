-- POST /api/v1/interactions: a meeting with the largest organization.
wrk.method = "POST"
wrk.path = "/api/v1/interactions"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"meeting","subject":"Benchmark coordination meeting","summary":"Load test write.",' ..
  '"starts_at":"2026-11-20T10:00:00Z","participants":[{"organization_id":' .. os.getenv("BENCH_ORG") .. ',"role":"participant"}]}'
