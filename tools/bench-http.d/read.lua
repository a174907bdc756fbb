-- wrk script: reads. Cycles through the paths listed in FILE (one a line), each thread from
-- its own starting point; only 200 answers count. Arguments (after --): FILE.
dofile((os.getenv("BENCH_HTTP_D") or "tools/bench-http.d") .. "/common.lua")
expected = 200

local paths, i = {}, 0

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  i = (tid * 7) % #paths
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
