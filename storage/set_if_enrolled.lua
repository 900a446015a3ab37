-- set_if_enrolled: sets a field of one of a class's hashes (answers to
-- reminders, attendance) only for an owner holding a seat in it, so a stale
-- button of someone who left, waits or whose class was cancelled records
-- nothing.
--
-- KEYS[1]  the term's seats, hash owner id -> class id
-- KEYS[2]  the class's seats, sorted set owner id -> unix ms
-- KEYS[3]  the hash to write (answers or attendance of the class)
-- ARGV[1]  owner id
-- ARGV[2]  class id
-- ARGV[3]  field
-- ARGV[4]  value
-- Returns  1 when written, 0 when the owner holds no seat in the class.
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] and redis.call('ZSCORE', KEYS[2], ARGV[1]) then
  redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
  return 1
end
return 0
