-- Replays pre-signed Meta webhook notifications (signed-bodies.py): each wrk thread sends its own
-- share of distinct bodies, so every request is a new message the adapter must publish.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  local file, count = args[1], tonumber(args[2])
  signatures, bodies = {}, {}
  local line_number = 0
  for line in io.lines(file) do
    if line_number % count == index then
      local tab = line:find("\t", 1, true)
      table.insert(signatures, line:sub(1, tab - 1))
      table.insert(bodies, line:sub(tab + 1))
    end
    line_number = line_number + 1
  end
  next_body = 0
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = signatures[next_body],
  }, bodies[next_body])
end
