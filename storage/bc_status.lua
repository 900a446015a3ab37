-- bc_status: moves a broadcast to a new status if it now has one of the
-- statuses it may come from. One script, not a WATCH: while a broadcast
-- sends, every settled recipient changes its hash, and a pause must not
-- have to win a race against them.
--
-- KEYS[1]  the broadcast hash
-- KEYS[2]  its recipients list and KEYS[3] its set of recipients, removed
--          when it is cancelled: nobody more is sent to, and the owners'
--          ids need not stay
-- KEYS[4]  its in-flight set, which expires a day after a cancel: a run
--          still going settles its recipients well before, and one left
--          by a crash is never resumed
-- ARGV[1]  the new status
-- ARGV[2…] the statuses it may come from
-- Returns  1 when moved, 0 when its status does not allow it, -1 when
--          there is no such broadcast.
local now = redis.call('HGET', KEYS[1], 'status')
if not now then
  return -1
end
for i = 2, #ARGV do
  if now == ARGV[i] then
    redis.call('HSET', KEYS[1], 'status', ARGV[1])
    if ARGV[1] == 'cancelled' then
      redis.call('UNLINK', KEYS[2], KEYS[3])
      redis.call('EXPIRE', KEYS[4], 86400)
    end
    return 1
  end
end
return 0
