import { defineLuaScript } from './lua-script.ts';

// The queue's server-side steps. Each runs atomically in Redis, so no other client sees a ticket
// half-moved (in one group but not another, popped but not leased). Group keys are built inside
// the scripts from a prefix and the group names a ticket's route lists.

// Shared by enqueue and requeue: moves ticket `id` out of the groups its route lists and into the
// groups ARGV[first..] at `score`, and records the new route.
const placeTicket = `
local function place(routesKey, groupsKey, prefix, id, score, first)
  local old = redis.call('HGET', routesKey, id)
  if old then
    for group in string.gmatch(old, '%S+') do redis.call('ZREM', prefix .. group, id) end
  end
  local groups = {}
  for i = first, #ARGV do
    redis.call('ZADD', prefix .. ARGV[i], score, id)
    redis.call('SADD', groupsKey, ARGV[i])
    groups[#groups + 1] = ARGV[i]
  end
  redis.call('HSET', routesKey, id, table.concat(groups, ' '))
end
`;

/**
 * KEYS: routes, groups. ARGV: groupPrefix, ticketId, deadlineMs, group…
 * Queues a ticket (or moves it) in the given groups at its deadline.
 */
export const enqueueScript = defineLuaScript(`${placeTicket}
place(KEYS[1], KEYS[2], ARGV[1], ARGV[2], ARGV[3], 4)
return 1
`);

/**
 * KEYS: routes. ARGV: groupPrefix, ticketId, deadlineMs.
 * Moves a queued ticket to a new deadline; a ticket not queued (claimed, leased) is left alone.
 */
export const rescheduleScript = defineLuaScript(`
local groups = redis.call('HGET', KEYS[1], ARGV[2])
if not groups then return 0 end
for group in string.gmatch(groups, '%S+') do redis.call('ZADD', ARGV[1] .. group, 'XX', ARGV[3], ARGV[2]) end
return 1
`);

/** KEYS: routes. ARGV: groupPrefix, ticketId. Takes a ticket out of every group it waits in. */
export const removeScript = defineLuaScript(`
local groups = redis.call('HGET', KEYS[1], ARGV[2])
if not groups then return 0 end
for group in string.gmatch(groups, '%S+') do redis.call('ZREM', ARGV[1] .. group, ARGV[2]) end
redis.call('HDEL', KEYS[1], ARGV[2])
return 1
`);

/**
 * KEYS: routes, leases, groupKey…  ARGV: groupPrefix, agentId, nowMs, leaseMs.
 * The claim: the earliest deadline across the agent's groups (ties by ticket id, as a sorted set
 * orders them), taken out of every group it waits in, and leased to the agent until now + leaseMs.
 * Returns {ticketId, deadlineMs, groups, leaseExpiresMs} or nil when the agent's groups are empty.
 */
export const leaseNextScript = defineLuaScript(`
local best, bestScore, bestScoreText
for i = 3, #KEYS do
  local top = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  if top[1] then
    local score = tonumber(top[2])
    if best == nil or score < bestScore or (score == bestScore and top[1] < best) then
      best, bestScore, bestScoreText = top[1], score, top[2]
    end
  end
end
if best == nil then return nil end
local groups = redis.call('HGET', KEYS[1], best)
if groups then
  for group in string.gmatch(groups, '%S+') do redis.call('ZREM', ARGV[1] .. group, best) end
  redis.call('HDEL', KEYS[1], best)
else
  -- No route (should not happen): at least take it out of the groups it was found in.
  groups = ''
  for i = 3, #KEYS do redis.call('ZREM', KEYS[i], best) end
end
local expires = tonumber(ARGV[3]) + tonumber(ARGV[4])
redis.call('ZADD', KEYS[2], expires, best .. ':' .. ARGV[2])
return {best, bestScoreText, groups, tostring(expires)}
`);

/**
 * KEYS: leases. ARGV: leaseMember, claimsPrefix, ticketId, nowMs, windowStartMs, group…
 * After the database confirmed a claim: drops the lease and records the claim in each group's
 * recent claims (trimmed to the window), from which expected waits are estimated.
 */
export const completeClaimScript = defineLuaScript(`
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 6, #ARGV do
  local key = ARGV[2] .. ARGV[i]
  redis.call('ZADD', key, ARGV[4], ARGV[3])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[5])
end
return 1
`);

/**
 * KEYS: leases, routes, groups. ARGV: leaseMember, groupPrefix, ticketId, deadlineMs, group…
 * Puts a ticket whose lease expired back in its groups, only if the lease is still there (so two
 * sweepers, or a sweeper and a late confirm, do not both act on it).
 */
export const requeueLeaseScript = defineLuaScript(`${placeTicket}
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
place(KEYS[2], KEYS[3], ARGV[2], ARGV[3], ARGV[4], 5)
return 1
`);

/**
 * KEYS: routes. ARGV: groupPrefix, claimsPrefix, ticketId, windowStartMs.
 * For each group the ticket waits in: the group, how many tickets are ahead of it, and how many
 * were claimed from the group since the window start. Nil when the ticket is not queued.
 */
export const positionScript = defineLuaScript(`
local groups = redis.call('HGET', KEYS[1], ARGV[3])
if not groups then return nil end
local out = {}
for group in string.gmatch(groups, '%S+') do
  local rank = redis.call('ZRANK', ARGV[1] .. group, ARGV[3])
  if rank then
    out[#out + 1] = group
    out[#out + 1] = rank
    out[#out + 1] = redis.call('ZCOUNT', ARGV[2] .. group, ARGV[4], '+inf')
  end
end
return out
`);

/** KEYS: routes, groups. ARGV: groupPrefix. Empties every group and the routes (before a rebuild). */
export const clearQueueScript = defineLuaScript(`
local groups = redis.call('SMEMBERS', KEYS[2])
for _, group in ipairs(groups) do redis.call('UNLINK', ARGV[1] .. group) end
redis.call('UNLINK', KEYS[1], KEYS[2])
return #groups
`);
