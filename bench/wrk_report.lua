-- wrk's summary as one JSON line, read by bench/pages.py and bench/bakerydemo/run.sh.
-- With WRK_PATHS naming a file of paths (one per line), the requests go through them in turn instead of asking
-- for the URL on the command line each time: pages that no per-page cache or memo has seen yet.
local paths_file = os.getenv("WRK_PATHS")
if paths_file and paths_file ~= "" then
  local paths, n = {}, 0
  for line in io.lines(paths_file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  request = function()
    n = n % #paths + 1
    return wrk.format(nil, paths[n])
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d, "status_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout, e.status))
end
