-- help_step: appends a step (a reply or a note) to a help request that is
-- not closed, in one step, so that nothing is added after the close.
--
-- KEYS[1]  the request, hash (ikm:{help}:req:<id>)
-- KEYS[2]  its history, list of JSON of ikmbot.HelpStep
-- ARGV[1]  JSON of the step to append
-- Returns  "missing" no such request; "closed" it is closed (nothing
--          appended); "added" appended.
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return 'missing'
end
if status == 'closed' then
  return 'closed'
end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 'added'
