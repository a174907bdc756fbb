-- wrk script: durable single-event commands. Each request registers a new organization
-- (POST /v1/organizations, RegisterOrganization), its id unique per run, thread and request:
-- o-<tag>-<thread>-<n>. Only 201 answers count. Arguments (after --): TAG.
dofile((os.getenv("BENCH_HTTP_D") or "tools/bench-http.d") .. "/common.lua")
expected = 201

local counter = 0
local prefix, headers

function init(args)
  prefix = "o-" .. (args[1] or "x") .. "-" .. tostring(tid) .. "-"
  headers = bench_headers()
end

function request()
  counter = counter + 1
  local body = string.format('{"id":"%s%d","name":"Sở Thông tin và Truyền thông thử %d",' ..
                             '"kind":"department"}', prefix, counter, counter)
  return wrk.format("POST", "/v1/organizations", headers, body)
end
