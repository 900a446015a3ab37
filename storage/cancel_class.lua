-- cancel_class: marks a class cancelled and frees the term seat of everyone
-- in it, in one step, so nobody enrols between the two and everyone freed is
-- in the lists returned. The seats and the waiting list stay as the record.
--
-- The new JSON is made by the caller (cjson would round Telegram ids and
-- reorder fields), so the script only writes it when the class is still the
-- JSON the caller read: compare and set.
--
-- KEYS[1]  the class, JSON of ikmbot.Class (ikm:class:{<term>}:<id>)
-- KEYS[2]  its seats, sorted set owner id -> unix ms
-- KEYS[3]  its waiting list, sorted set owner id -> unix ms
-- KEYS[4]  the term's seats, hash owner id -> class id
-- ARGV[1]  class id
-- ARGV[2]  the class's JSON as the caller read it
-- ARGV[3]  the JSON of the cancelled class
-- Returns  {0} when the class changed since it was read (nothing done);
--          {1, enrolled ids, waiting ids} in score order otherwise.
if redis.call('GET', KEYS[1]) ~= ARGV[2] then
  return {0}
end
redis.call('SET', KEYS[1], ARGV[3])
local seats = redis.call('ZRANGE', KEYS[2], 0, -1)
local waiting = redis.call('ZRANGE', KEYS[3], 0, -1)
for _, list in ipairs({seats, waiting}) do
  for _, owner in ipairs(list) do
    if redis.call('HGET', KEYS[4], owner) == ARGV[1] then
      redis.call('HDEL', KEYS[4], owner)
    end
  end
end
return {1, seats, waiting}
