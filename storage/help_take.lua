-- help_take: a staff member takes an open help request, in one step, so
-- that when two staff take it at once exactly one gets it and the other is
-- told who did.
--
-- KEYS[1]  the request, hash (ikm:{help}:req:<id>)
-- KEYS[2]  its history, list of JSON of ikmbot.HelpStep
-- ARGV[1]  the staff member's user id, decimal
-- ARGV[2]  JSON of the "taken" step to append
-- Returns  one of:
--          "missing"  no such request
--          "closed"   the request is closed: nothing changes
--          "other"    someone else took it (the hash says who): nothing changes
--          "again"    this staff member already holds it: nothing changes
--          "taken"    it was open and is now theirs, the step appended
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 'missing'
end
if status == 'closed' then
  return 'closed'
end
if status == 'taken' then
  if redis.call('HGET', KEYS[1], 'taken_by') == ARGV[1] then
    return 'again'
  end
  return 'other'
end
redis.call('HSET', KEYS[1], 'status', 'taken', 'taken_by', ARGV[1])
redis.call('RPUSH', KEYS[2], ARGV[2])
return 'taken'
