-- wrk pacing for bench/api-load.sh's paced mode: run wrk with one connection per thread (-tN -cN) and
-- `-s bench/pace.lua -- RATE`: the N threads together send RATE requests per second, each on a fixed schedule
-- (thread k starts k/N of an interval late). Latency is counted from each request's scheduled time, not from when
-- it was sent, so a stall shows in full instead of only once per connection (no coordinated omission, as wrk2).
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
int clock_gettime(int clock_id, pace_timespec *ts);
]]
local ts = ffi.new("pace_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1e6 + tonumber(ts.tv_nsec) / 1e3
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

local interval, nextslot, slot
lat = {}
bad = 0
function init(args)
  -- args: total rate, thread count (a thread's own state does not see the others)
  local rate, n = tonumber(args[1] or "1000"), tonumber(args[2] or "16")
  interval = 1e6 * n / rate
  nextslot = now_us() + interval * ((tid or 1) - 1) / n
end

function delay()
  slot = nextslot
  nextslot = nextslot + interval
  local d = (slot - now_us()) / 1000
  if d <= 0 then return 0 end
  return math.ceil(d)
end

function response(status, headers, body)
  lat[#lat + 1] = now_us() - slot
  if status ~= 200 then bad = bad + 1 end
end

function done(summary, latency, requests)
  local all, nonok = {}, 0
  for _, t in ipairs(threads) do
    local l = t:get("lat")
    for i = 1, #l do all[#all + 1] = l[i] end
    nonok = nonok + t:get("bad")
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(#all * p / 100))] / 1000
  end
  local e = summary.errors
  io.write(string.format("PACED %.1f %.2f %.2f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    pct(50), pct(99), pct(99.9), pct(100), latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.timeout, nonok))
end
