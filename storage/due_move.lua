-- due_move: moves a due item to a later time (quiet hours), but only while
-- its score is still the time the caller read: a reschedule that happened
-- in between wins and stays. The JSON is written by the caller rather than
-- edited here, because cjson would round large integer ids.
--
-- KEYS[1]  the due sorted set (ikm:{due}), member -> unix ms of At
-- KEYS[2]  the due items hash (ikm:{due}:items), member -> JSON
-- ARGV[1]  the member (ikmbot.Due.Key())
-- ARGV[2]  the score the caller read, unix ms
-- ARGV[3]  the new score, unix ms
-- ARGV[4]  the item's JSON with the new At
-- Returns  1 when moved, 0 when absent or rescheduled.
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], 'XX', ARGV[3], ARGV[1])
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
  return 1
end
return 0
