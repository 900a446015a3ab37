-- bc_add: appends owners to a draft broadcast's recipients, each at most
-- once (an owner SSCAN returned twice is not sent twice), and counts them.
--
-- KEYS[1]  the broadcast hash (status, total)
-- KEYS[2]  its recipients list
-- KEYS[3]  its set of recipients, for the check
-- ARGV     the owner ids
-- Returns  how many were added; -1 when the broadcast is not a draft, -2
--          when there is none.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return -2
end
if status ~= 'draft' then
  return -1
end
local n = 0
for _, id in ipairs(ARGV) do
  if redis.call('SADD', KEYS[3], id) == 1 then
    redis.call('RPUSH', KEYS[2], id)
    n = n + 1
  end
end
redis.call('HINCRBY', KEYS[1], 'total', n)
return n
