-- funnel: sets the funnel stages one owner is counted at (the fieldFunnel
-- of their user hash) and, when given the counters hash, moves the counts
-- from the stored stages to the new ones in the same step. The stored value
-- and the counts change together, so a repeated or raced update counts
-- once: each run moves the counts by exactly the difference between what
-- it found stored and what it stored.
--
-- The stored value is "<flags>|<region>|<sector>": one '0' or '1' per stage
-- in ARGV[6]'s order, then the profile's region and sector codes. An owner
-- who is not signed up (the first stage) has no value and is counted
-- nowhere.
--
-- KEYS[1]  the user, hash (ikm:user:{<id>})
-- KEYS[2]  their certificates, hash type -> JSON of ikmbot.Certificate
--          (ikm:certs:{<id>}); read only when ARGV[7] is set
-- KEYS[3]  optional: the counters, hash "<stage>", "<stage>:r:<region>",
--          "<stage>:s:<sector>" -> count (ikm:stats:{funnel}). Absent on
--          Redis Cluster, where the caller moves the counts from the reply.
-- ARGV[1]  the field of the stored value (fieldFunnel)
-- ARGV[2]  one character per stage: '0' or '1' sets it, '.' keeps the stored
--          one, 'L' sets it when KEYS[1] has the field ARGV[8] (the level,
--          for the "checked" stage)
-- ARGV[3]  "1" when ARGV[4] and ARGV[5] replace the stored region and
--          sector, else "0"
-- ARGV[4]  region code
-- ARGV[5]  sector code
-- ARGV[6]  the stage names, comma-separated, in ikmbot.FunnelStages order
-- ARGV[7]  today, "YYYY-MM-DD" (UTC), to judge the "certified" stage from
--          KEYS[2] against the core codes ARGV[8..]; "" keeps ARGV[2]'s
-- ARGV[8]  the field of the latest readiness level (fieldLevel)
-- ARGV[9..] the sector's core certification codes; none: not certified
-- Returns  {old, new}: the stored value before and after ("" for none).
local field, pattern = ARGV[1], ARGV[2]
local stages = {}
for s in string.gmatch(ARGV[6], '[^,]+') do
  stages[#stages + 1] = s
end

local function parse(v)
  local flags, region, sector = string.match(v, '^([01]+)|([^|]*)|(.*)$')
  if not flags then
    return string.rep('0', #stages), '', ''
  end
  return flags, region, sector
end

local old = redis.call('HGET', KEYS[1], field) or ''
local flags, region, sector = parse(old)
local out = {}
for i = 1, #stages do
  local p = string.sub(pattern, i, i)
  if p == '0' or p == '1' then
    out[i] = p
  elseif p == 'L' then
    if redis.call('HEXISTS', KEYS[1], ARGV[8]) == 1 then out[i] = '1' else out[i] = '0' end
  else
    local f = string.sub(flags, i, i)
    if f == '1' then out[i] = '1' else out[i] = '0' end
  end
end
if ARGV[3] == '1' then
  region, sector = ARGV[4], ARGV[5]
end

local today = ARGV[7]
if today ~= '' then
  local certified = #ARGV >= 9
  for i = 9, #ARGV do
    local raw = redis.call('HGET', KEYS[2], ARGV[i])
    local held = false
    if raw then
      local ok, c = pcall(cjson.decode, raw)
      if ok and type(c) == 'table' and c.status == 'held' then
        -- Expires is a UTC midnight, the last valid day.
        held = type(c.expires) ~= 'string' or string.sub(c.expires, 1, 10) >= today
      end
    end
    if not held then
      certified = false
      break
    end
  end
  for i, name in ipairs(stages) do
    if name == 'certified' then
      if certified then out[i] = '1' else out[i] = '0' end
    end
  end
end

local new = ''
if out[1] == '1' then
  new = table.concat(out) .. '|' .. region .. '|' .. sector
end
if new == old then
  return {old, new}
end
if new == '' then
  redis.call('HDEL', KEYS[1], field)
else
  redis.call('HSET', KEYS[1], field, new)
end

if KEYS[3] then
  local delta = {}
  local function count(v, d)
    if v == '' then
      return
    end
    local f, r, s = parse(v)
    for i, name in ipairs(stages) do
      if string.sub(f, i, i) == '1' then
        delta[name] = (delta[name] or 0) + d
        if r ~= '' then
          local k = name .. ':r:' .. r
          delta[k] = (delta[k] or 0) + d
        end
        if s ~= '' then
          local k = name .. ':s:' .. s
          delta[k] = (delta[k] or 0) + d
        end
      end
    end
  end
  count(old, -1)
  count(new, 1)
  for k, d in pairs(delta) do
    if d ~= 0 then
      redis.call('HINCRBY', KEYS[3], k, d)
    end
  end
end
return {old, new}
