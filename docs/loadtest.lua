-- A reader mix for wrk (see docs/operations.md): pages listed in $PATHS (one path a line), plus
-- lists, searches and page numbers with random values (many miss the page cache). Counts every
-- status and prints them with the latency percentiles.
local fixed = {}
for line in io.lines(os.getenv("PATHS") or "paths.txt") do fixed[#fixed + 1] = line end
local lists = {"/", "/issues/", "/articles/", "/courts/", "/articles/feed/", "/sitemap.xml", "/health/",
               "/articles/?court=ordos", "/articles/?court=chifeng", "/issues/2025/", "/robots.txt"}
local words = {"%E6%B3%95%E9%99%A2", "%E6%89%A7%E8%A1%8C", "%E8%B0%83%E8%A7%A3", "%E5%B7%A1%E5%9B%9E",
               "%E7%89%A7%E5%8C%BA", "%E5%AE%A1%E5%88%A4", "%E8%8D%89%E5%8E%9F"}
local threads = {}
counts = {}

function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end

function request()
  local r = math.random(100)
  local path
  if r <= 45 then path = fixed[math.random(#fixed)]
  elseif r <= 70 then path = lists[math.random(#lists)]
  elseif r <= 85 then path = "/search/?q=" .. words[math.random(#words)] .. "&page=" .. math.random(5)
  else path = "/articles/?page=" .. math.random(200)
  end
  return wrk.format("GET", path, {["X-Forwarded-Proto"] = "https", ["Host"] = "127.0.0.1"})
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local c = thread:get("counts")
    for status, n in pairs(c) do total[status] = (total[status] or 0) + n end
  end
  io.write("statuses:")
  for status, n in pairs(total) do io.write(string.format(" %d=%d", status, n)) end
  io.write("\n")
  io.write(string.format("latency p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
