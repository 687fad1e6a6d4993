-- wrk script for the vote flow: for each mailed link, GET its page, then POST its button.
-- Each wrk thread takes every n-th token of the file, so no two threads use the same link.
-- Set by bench/flows.py through the environment: BENCH_VOTE_TOKENS (file, one quoted token a
-- line), BENCH_VOTE_PATH (the link's path without ?t=), BENCH_WRK_THREADS.
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  tokens = {}
  for line in io.lines(os.getenv("BENCH_VOTE_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  step = tonumber(os.getenv("BENCH_WRK_THREADS"))
  index = id + 1
  path = os.getenv("BENCH_VOTE_PATH")
  pending = nil
end

function request()
  if pending ~= nil then
    local post = pending
    pending = nil
    return wrk.format("POST", post, {["Content-Length"] = "0"}, "")
  end
  local token = tokens[index]
  index = index + step
  if token == nil then
    -- Out of links: a fresh one is needed per vote; the server's 400s show it in the table.
    token = "used-up"
  end
  local link = path .. "?t=" .. token
  pending = link
  return wrk.format("GET", link)
end
