import { defineLuaScript } from '../ranked-queue/lua-script.ts';

/**
 * KEYS: summaries, indexKeys. ARGV: prefix, ticketId, summaryJson, version, status, score,
 * assigneeId ('' for none), customerId ('' for none), cap (0 = uncapped).
 * Moves a ticket to the sets its new state belongs in and stores its summary, unless a newer
 * version is already indexed (two processes' updates may arrive out of order). A capped set keeps
 * the `cap` lowest scores and forgets the summaries of the rest.
 */
export const indexTicketScript = defineLuaScript(`
local id = ARGV[2]
local old = redis.call('HGET', KEYS[1], id)
if old then
  local o = cjson.decode(old)
  if tonumber(o.version) > tonumber(ARGV[4]) then return 0 end
  redis.call('ZREM', ARGV[1] .. 'status:' .. o.status, id)
  if type(o.assigneeId) == 'string' then redis.call('ZREM', ARGV[1] .. 'assignee:' .. o.assigneeId, id) end
  if type(o.customerId) == 'string' then redis.call('SREM', ARGV[1] .. 'customer:' .. o.customerId, id) end
end
local statusKey = ARGV[1] .. 'status:' .. ARGV[5]
redis.call('ZADD', statusKey, ARGV[6], id)
redis.call('SADD', KEYS[2], statusKey)
if ARGV[7] ~= '' then
  local key = ARGV[1] .. 'assignee:' .. ARGV[7]
  redis.call('ZADD', key, ARGV[6], id)
  redis.call('SADD', KEYS[2], key)
end
if ARGV[8] ~= '' then
  local key = ARGV[1] .. 'customer:' .. ARGV[8]
  redis.call('SADD', key, id)
  redis.call('SADD', KEYS[2], key)
end
redis.call('HSET', KEYS[1], id, ARGV[3])
local cap = tonumber(ARGV[9])
if cap > 0 then
  local extra = redis.call('ZRANGE', statusKey, cap, -1)
  for _, gone in ipairs(extra) do redis.call('HDEL', KEYS[1], gone) end
  if #extra > 0 then redis.call('ZREMRANGEBYRANK', statusKey, cap, -1) end
end
return 1
`);

/** KEYS: summaries, indexKeys, builtAt. Deletes the whole index (before a rebuild). */
export const clearIndexScript = defineLuaScript(`
local keys = redis.call('SMEMBERS', KEYS[2])
for _, key in ipairs(keys) do redis.call('UNLINK', key) end
redis.call('UNLINK', KEYS[1], KEYS[2], KEYS[3])
return #keys
`);
