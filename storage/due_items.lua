-- due_items: reads one page of the due items whose time has come, oldest
-- first, with their JSON, in one round trip. A member of the sorted set
-- without its JSON (an orphan, which a crash between two non-atomic writes
-- could leave) is removed here, atomically with the read, so a Schedule of
-- the same key cannot slip in between and be lost.
--
-- KEYS[1]  the due sorted set (ikm:{due}), member -> unix ms of At
-- KEYS[2]  the due items hash (ikm:{due}:items), member -> JSON
-- ARGV[1]  the highest score to read: now in unix ms
-- ARGV[2]  how many due members to skip (offset)
-- ARGV[3]  how many to read at most (limit)
-- Returns  a flat array of triples: member, score, JSON; the JSON is nil
--          for an orphan, which has been removed.
local page = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', ARGV[2], ARGV[3], 'WITHSCORES')
local out = {}
for i = 1, #page, 2 do
  local member = page[i]
  local json = redis.call('HGET', KEYS[2], member)
  if not json then
    redis.call('ZREM', KEYS[1], member)
  end
  out[#out + 1] = member
  out[#out + 1] = page[i + 1]
  out[#out + 1] = json
end
return out
