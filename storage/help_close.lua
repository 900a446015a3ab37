-- help_close: closes a help request and takes it out of staff's queues, in
-- one step, so a request is never closed yet still queued, nor queued twice.
--
-- KEYS[1]  the request, hash (ikm:{help}:req:<id>)
-- KEYS[2]  its history, list of JSON of ikmbot.HelpStep
-- KEYS[3]  the help counters, hash (ikm:stats:{help})
-- KEYS[4]  the open requests, sorted set id -> id (ikm:{help}:open)
-- KEYS[5]  optional: the open requests of the request's region
-- ARGV[1]  the request id
-- ARGV[2]  JSON of the "closed" step to append
-- ARGV[3]  the field of KEYS[3] counting closed requests
-- Returns  "missing" no such request; "closed" it was closed already
--          (nothing changes); "done" closed now.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 'missing'
end
if status == 'closed' then
  return 'closed'
end
redis.call('HSET', KEYS[1], 'status', 'closed')
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('HINCRBY', KEYS[3], ARGV[3], 1)
redis.call('ZREM', KEYS[4], ARGV[1])
if KEYS[5] then
  redis.call('ZREM', KEYS[5], ARGV[1])
end
return 'done'
