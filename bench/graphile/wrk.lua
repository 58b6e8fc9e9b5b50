-- The wrk script of bench/postgraphile: one GraphQL document (queries/<BENCH_QUERY>.<BENCH_SIDE>.graphql)
-- sent with variables as clients send them, a random point, village or status per request drawn from
-- the same lists on both sides. Counts answers that are not HTTP 200 or carry GraphQL errors, and
-- requests that timed out, and prints one line: RESULT p50-ms p99-ms req/s requests errors.
-- Environment: BENCH_QUERY (township, nearby, locate, cells, bbox, status), BENCH_SIDE (tiexin or
-- postgraphile), BENCH_DIR (this folder), BENCH_DATA (a folder with points.lua and villages.lua),
-- BENCH_TOKEN (Tiexin's bearer token), BENCH_SAMPLE (a file: the first answer is written there, and
-- the thread stops).
local query = os.getenv("BENCH_QUERY")
local side = os.getenv("BENCH_SIDE")
local dir = os.getenv("BENCH_DIR")
local data = os.getenv("BENCH_DATA")
local token = os.getenv("BENCH_TOKEN") or ""
local sample = os.getenv("BENCH_SAMPLE")
if sample == "" then sample = nil end

local points = dofile(data .. "/points.lua")
local villages = dofile(data .. "/villages.lua")
local statuses = { "SUBMITTED", "ASSIGNED", "ACCEPTED", "IN_PROGRESS", "RESOLVED", "CLOSED", "WITHDRAWN" }
local township = "360322101"

local function read(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return s
end
local function json_string(s)
  s = s:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("\n", "\\n")
  return '"' .. s .. '"'
end
local document = json_string(read(dir .. "/queries/" .. query .. "." .. side .. ".graphql"))

local function pick(list) return list[math.random(#list)] end
-- A square of 2 x half metres around a point, as a GeoJSON polygon (WGS84; PostGIS 3 takes 4326
-- for GeoJSON without a crs) or as Tiexin's BBoxInput.
local function box(lon, lat, half)
  local dlat = half / 111320
  local dlon = half / (111320 * math.cos(math.rad(lat)))
  return lon - dlon, lat - dlat, lon + dlon, lat + dlat
end
local function polygon(w, s, e, n)
  return string.format('{"type":"Polygon","coordinates":[[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]]}',
    w, s, e, s, e, n, w, n, w, s)
end

local variables = {
  township = {
    tiexin = function() return '{"area":"' .. township .. '"}' end,
    postgraphile = function() return '{"prefix":"' .. township .. '"}' end,
  },
  -- Tiexin: the 20 nearest within 500 m, sorted by distance; PostGraphile: any 20 in the 1 km square.
  nearby = {
    tiexin = function() local p = pick(points) return string.format('{"near":{"lon":%.7f,"lat":%.7f}}', p[1], p[2]) end,
    postgraphile = function() local p = pick(points) return '{"box":' .. polygon(box(p[1], p[2], 500)) .. '}' end,
  },
  locate = {
    tiexin = function() local p = pick(points) return string.format('{"point":{"lon":%.7f,"lat":%.7f}}', p[1], p[2]) end,
    postgraphile = function() local p = pick(points)
      return string.format('{"point":{"type":"Point","coordinates":[%.7f,%.7f]}}', p[1], p[2]) end,
  },
  cells = {
    tiexin = function() return '{"code":"' .. pick(villages) .. '"}' end,
    postgraphile = function() return '{"code":"' .. pick(villages) .. '"}' end,
  },
  -- Newest first in a 2 km square.
  bbox = {
    tiexin = function() local p = pick(points) local w, s, e, n = box(p[1], p[2], 1000)
      return string.format('{"bbox":{"west":%.7f,"south":%.7f,"east":%.7f,"north":%.7f}}', w, s, e, n) end,
    postgraphile = function() local p = pick(points) return '{"box":' .. polygon(box(p[1], p[2], 1000)) .. '}' end,
  },
  status = {
    tiexin = function() return '{"status":["' .. pick(statuses) .. '"]}' end,
    postgraphile = function() return '{"status":"' .. pick(statuses) .. '"}' end,
  },
}
local make = assert(variables[query] and variables[query][side], "unknown query or side")
local headers = { ["Content-Type"] = "application/json" }
if side == "tiexin" then headers["Authorization"] = "Bearer " .. token end

local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
init = function(args)
  math.randomseed(os.time() * 1000 + id)
  errors = 0
  sampled = false
end
request = function()
  return wrk.format("POST", "/graphql", headers, '{"query":' .. document .. ',"variables":' .. make() .. '}')
end
response = function(status, headers, body)
  if sample and not sampled then
    local f = io.open(sample, "w")
    f:write(body)
    f:close()
    sampled = true
    -- The check pass needs one answer only.
    wrk.thread:stop()
  end
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
    if errors == 1 then io.stderr:write("first error: " .. string.sub(body, 1, 300) .. "\n") end
  end
end
done = function(summary, latency, requests)
  local errors = 0
  for _, t in ipairs(threads) do errors = errors + t:get("errors") end
  -- Requests without an answer within wrk's --timeout count as errors too (wrk leaves them out of its latencies).
  errors = errors + summary.errors.timeout
  io.write(string.format("RESULT %.2f %.2f %.1f %d %d\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, errors))
end
