-- bc_settle: records what sending a broadcast to one recipient came to,
-- once: a recipient sent again after a crash is counted only the first
-- time it is settled. When the last recipient is settled, the broadcast is
-- done.
--
-- KEYS[1]  the broadcast hash
-- KEYS[2]  its recipients list
-- KEYS[3]  its in-flight set
-- KEYS[4]  its set of recipients, removed with the list once done (as in
--          bc_claim)
-- ARGV[1]  the owner id
-- ARGV[2]  the outcome: the counter field to increment
-- Returns  1 when this settled the recipient, 0 when it was settled before.
if redis.call('SREM', KEYS[3], ARGV[1]) == 0 then
  return 0
end
redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
local cursor = tonumber(redis.call('HGET', KEYS[1], 'cursor')) or 0
if redis.call('HGET', KEYS[1], 'status') == 'sending'
  and cursor >= redis.call('LLEN', KEYS[2])
  and redis.call('SCARD', KEYS[3]) == 0 then
  redis.call('HSET', KEYS[1], 'status', 'done')
  redis.call('UNLINK', KEYS[2], KEYS[4])
end
return 1
