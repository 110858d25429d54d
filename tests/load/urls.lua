-- wrk script for `make loadtest` (tests/load/run_load.py writes the URL list and reads the result).
--
--   wrk -t2 -c50 -d60s --latency --timeout 10s -s tests/load/urls.lua http://127.0.0.1:PORT -- URLS.txt
--
-- Each request is a path picked at random from URLS.txt (one per line, repeated lines weight the mix).
-- wrk itself counts only socket errors and responses outside 2xx/3xx; this script counts every status,
-- so a redirect is seen too, and prints one line the harness parses:
--   LOADTEST_RESULT {"requests": ..., "statuses": {"200": ...}, "p50_ms": ..., ...}

local threads = {}
local counter = 0

function setup(thread)
   counter = counter + 1
   thread:set("id", counter)
   table.insert(threads, thread)
end

function init(args)
   local path = args[1]
   if path == nil then
      error("pass the URL list after --: wrk ... -s urls.lua http://host -- urls.txt")
   end
   -- The TLS proxy in front of production says the request came over HTTPS; without it the site
   -- (SECURE_SSL_REDIRECT) would answer every request with a redirect.
   wrk.headers["X-Forwarded-Proto"] = "https"
   requests = {}
   for line in io.lines(path) do
      if line ~= "" then
         table.insert(requests, wrk.format("GET", line))
      end
   end
   if #requests == 0 then
      error("no URLs in " .. path)
   end
   statuses = {}
   math.randomseed(os.time() * 1000 + id)
end

function request()
   return requests[math.random(#requests)]
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
end

local function json_statuses(all)
   local parts = {}
   for status, count in pairs(all) do
      table.insert(parts, string.format('"%s": %d', status, count))
   end
   table.sort(parts)
   return "{" .. table.concat(parts, ", ") .. "}"
end

function done(summary, latency, requests)
   local all = {}
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses") or {}) do
         all[status] = (all[status] or 0) + count
      end
   end
   local seconds = summary.duration / 1e6
   local errors = summary.errors
   io.write(string.format(
      'LOADTEST_RESULT {"requests": %d, "seconds": %.3f, "rps": %.1f, "bytes": %d, '
      .. '"p50_ms": %.1f, "p90_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f, "mean_ms": %.1f, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}, "statuses": %s}\n',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
      errors.connect, errors.read, errors.write, errors.timeout, errors.status, json_statuses(all)))
end
