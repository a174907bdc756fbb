-- wrk script: batch import. Each request is POST /v1/events:batch with SIZE RegisterOrganization
-- commands (ids b-<tag>-<thread>-<request>-<i>, unique per run), appended all or none. Only 201
-- answers count; events/s = ok_per_s x SIZE. Arguments (after --): TAG [SIZE, default 1000].
dofile((os.getenv("BENCH_HTTP_D") or "tools/bench-http.d") .. "/common.lua")
expected = 201

local counter = 0
local prefix, headers, size

function init(args)
  prefix = "b-" .. (args[1] or "x") .. "-" .. tostring(tid) .. "-"
  size = tonumber(args[2] or "1000")
  headers = bench_headers()
end

function request()
  counter = counter + 1
  local parts = {}
  for i = 1, size do
    parts[i] = string.format('{"command":"RegisterOrganization","body":{"id":"%s%d-%d",' ..
                             '"name":"Phòng Văn hóa và Thông tin %d","kind":"department"}}',
                             prefix, counter, i, i)
  end
  local body = '{"commands":[' .. table.concat(parts, ",") .. ']}'
  return wrk.format("POST", "/v1/events:batch", headers, body)
end
