-- due_done: removes a due item, but only while its score is still the time
-- the caller read: a reschedule that happened in between wins and stays.
--
-- KEYS[1]  the due sorted set (ikm:{due}), member -> unix ms of At
-- KEYS[2]  the due items hash (ikm:{due}:items), member -> JSON
-- ARGV[1]  the member (ikmbot.Due.Key())
-- ARGV[2]  the score the caller read, unix ms
-- Returns  1 when removed, 0 when absent or rescheduled.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  redis.call('HDEL', KEYS[2], ARGV[1])
  return 1
end
return 0
