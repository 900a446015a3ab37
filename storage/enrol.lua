-- enrol: gives an owner a seat in a class, or a place on its waiting list,
-- in one step, so that taps racing for the last seat cannot overfill it and
-- an owner never holds two classes of one term.
--
-- An owner already in this class (the term's seats point here and they are
-- in the seats or the waiting list) gets their place back unchanged, even
-- when enrolment has closed since: a repeated tap is one enrolment.
--
-- KEYS[1]  the class, JSON of ikmbot.Class (ikm:class:{<term>}:<id>)
-- KEYS[2]  its seats, sorted set owner id -> unix ms
-- KEYS[3]  its waiting list, sorted set owner id -> unix ms
-- KEYS[4]  the term's seats, hash owner id -> class id
-- ARGV[1]  owner id
-- ARGV[2]  class id
-- ARGV[3]  now, unix ms: the score of a new seat or place
-- ARGV[4]  "1" to join the waiting list when no seat is left, else "0"
-- Returns  {outcome, detail}, outcome one of:
--          "missing"   no such class
--          "status"    not open; detail is the class's status
--          "other"     the owner holds another class of the term; detail is its id
--          "enrolled"  holds a seat (new or already)
--          "waiting"   on the waiting list (new or already)
--          "full"      no seat left and not asked to wait
local raw = redis.call('GET', KEYS[1])
if not raw then
  return {'missing', ''}
end
local owner, id = ARGV[1], ARGV[2]
local held = redis.call('HGET', KEYS[4], owner)
if held == id then
  if redis.call('ZSCORE', KEYS[2], owner) then
    return {'enrolled', ''}
  end
  if redis.call('ZSCORE', KEYS[3], owner) then
    return {'waiting', ''}
  end
end
local class = cjson.decode(raw)
if class.status ~= 'open' then
  return {'status', tostring(class.status)}
end
if held and held ~= id then
  return {'other', held}
end
if redis.call('ZCARD', KEYS[2]) < (tonumber(class.capacity) or 0) then
  redis.call('ZADD', KEYS[2], ARGV[3], owner)
  redis.call('HSET', KEYS[4], owner, id)
  return {'enrolled', ''}
end
if ARGV[4] == '1' then
  redis.call('ZADD', KEYS[3], ARGV[3], owner)
  redis.call('HSET', KEYS[4], owner, id)
  return {'waiting', ''}
end
return {'full', ''}
