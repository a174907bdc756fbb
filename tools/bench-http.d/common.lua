-- Shared by the wrk scripts of tools/bench-http (which sets BENCH_HTTP_D to this directory
-- and THIDUA_ADMIN_TOKEN): counts the answers with the expected status in each thread, and
-- prints one summary line in done():
--   BENCH ok=<answers with the expected status> bad=<others> secs=<duration> ok_per_s=<rate>
--         p50_us=.. p99_us=.. p999_us=.. max_us=.. [first_bad=<status and body>]
-- Latencies are wrk's, over every request (a refused one included).
-- A script loads this file first, then sets `expected` (the status that counts).

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("tid", next_id)
  table.insert(threads, thread)
end

ok, bad, first_bad = 0, 0, ""

function response(status, headers, body)
  if status == expected then
    ok = ok + 1
  else
    bad = bad + 1
    if first_bad == "" then
      first_bad = tostring(status) .. " " .. string.sub(body or "", 1, 200):gsub("%s+", " ")
    end
  end
end

function done(summary, latency, requests)
  local total_ok, total_bad, first = 0, 0, ""
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_bad = total_bad + t:get("bad")
    if first == "" then first = t:get("first_bad") end
  end
  local secs = summary.duration / 1e6
  local line = string.format(
    "BENCH ok=%d bad=%d secs=%.3f ok_per_s=%.1f p50_us=%d p99_us=%d p999_us=%d max_us=%d " ..
    "socket_errors=%d",
    total_ok, total_bad, secs, total_ok / secs, latency:percentile(50), latency:percentile(99),
    latency:percentile(99.9), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout)
  if first ~= "" then line = line .. " first_bad=" .. first end
  print(line)
end

function bench_headers()
  return {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. (os.getenv("THIDUA_ADMIN_TOKEN") or ""),
  }
end
