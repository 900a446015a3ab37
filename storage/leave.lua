-- leave: takes an owner out of a class and, when that frees a seat of a
-- class still taking place, gives it to the earliest waiter, in one step, so
-- a seat is promoted exactly once however many leave at the same time.
--
-- The term's seats entry is removed only when it points to this class: after
-- a cancellation the owner may hold another class of the term by now.
--
-- KEYS[1]  the class, JSON of ikmbot.Class (ikm:class:{<term>}:<id>)
-- KEYS[2]  its seats, sorted set owner id -> unix ms
-- KEYS[3]  its waiting list, sorted set owner id -> unix ms
-- KEYS[4]  the term's seats, hash owner id -> class id
-- ARGV[1]  owner id
-- ARGV[2]  class id
-- ARGV[3]  now, unix ms: the score of a promoted waiter's seat
-- Returns  {left, promoted}: left is "enrolled", "waiting" or "" (was in
--          neither); promoted is the id of the waiter given the seat, or "".
local owner, id = ARGV[1], ARGV[2]
local left = ''
if redis.call('ZREM', KEYS[2], owner) == 1 then
  left = 'enrolled'
elseif redis.call('ZREM', KEYS[3], owner) == 1 then
  left = 'waiting'
end
if redis.call('HGET', KEYS[4], owner) == id then
  redis.call('HDEL', KEYS[4], owner)
end
if left ~= 'enrolled' then
  return {left, ''}
end
local raw = redis.call('GET', KEYS[1])
if not raw then
  return {left, ''}
end
local class = cjson.decode(raw)
if class.status ~= 'open' and class.status ~= 'closed' then
  return {left, ''}
end
-- Staff may have lowered the capacity below the seats taken.
if redis.call('ZCARD', KEYS[2]) >= (tonumber(class.capacity) or 0) then
  return {left, ''}
end
local first = redis.call('ZPOPMIN', KEYS[3])
if #first == 0 then
  return {left, ''}
end
redis.call('ZADD', KEYS[2], ARGV[3], first[1])
return {left, first[1]}
