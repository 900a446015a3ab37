-- mark_unreachable: sets the unreachable mark on a user's hash, but only
-- when the hash exists: a user who deleted their data (or never gave any)
-- must not get a record back because Telegram refused a message to them.
--
-- KEYS[1]  the user's hash (ikm:user:{<id>})
-- ARGV[1]  the field name of the mark
-- Returns  1 when marked, 0 when there was no record to mark.
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], ARGV[1], '1')
  return 1
end
return 0
