-- bc_claim: hands out the next recipients of a broadcast that is sending,
-- moving them to its in-flight set in the same step, so a crash between
-- the claim and the send leaves them to be sent again, never skipped.
--
-- KEYS[1]  the broadcast hash (status, cursor)
-- KEYS[2]  its recipients, a list of owner ids
-- KEYS[3]  its in-flight set
-- KEYS[4]  its set of recipients (bc_add's check), removed with the list
--          when the broadcast is done: the counts stay in the hash, the
--          owners' ids need not
-- ARGV[1]  how many to claim
-- Returns  the owner ids claimed, in order; none when the broadcast is not
--          sending or every recipient was claimed. With every recipient
--          claimed and settled (a resumed broadcast whose last ones were
--          settled while paused), the broadcast becomes done.
if redis.call('HGET', KEYS[1], 'status') ~= 'sending' then
  return {}
end
local cursor = tonumber(redis.call('HGET', KEYS[1], 'cursor')) or 0
local n = tonumber(ARGV[1])
local ids = redis.call('LRANGE', KEYS[2], cursor, cursor + n - 1)
for _, id in ipairs(ids) do
  redis.call('SADD', KEYS[3], id)
end
redis.call('HSET', KEYS[1], 'cursor', cursor + #ids)
if #ids == 0 and redis.call('SCARD', KEYS[3]) == 0 then
  redis.call('HSET', KEYS[1], 'status', 'done')
  redis.call('UNLINK', KEYS[2], KEYS[4])
end
return ids
