/**
 * The rate-limit buckets' Lua scripts. A bucket is one Redis string holding the amount used in
 * its window, created with the window as its TTL (the fixed window anchored at first use, as in
 * the in-memory store), so an expired window is simply a missing key. Amounts are decimal
 * strings (INCRBYFLOAT), since cents buckets hold fractions. Each script returns the key's PTTL,
 * from which the caller derives the reset time.
 */
import { LuaScript } from '../redis/lua-script.js';

/** KEYS[1] bucket; ARGV limit, take, windowMs → {allowed (0|1), used, pttl}. */
export const reserveScript = new LuaScript(`
local used = redis.call('GET', KEYS[1])
if not used then
  used = '0'
  redis.call('SET', KEYS[1], used, 'PX', ARGV[3])
end
local limit = tonumber(ARGV[1])
local take = tonumber(ARGV[2])
local allowed = 0
if tonumber(used) < limit and tonumber(used) + take <= limit then
  allowed = 1
  if take > 0 then used = redis.call('INCRBYFLOAT', KEYS[1], ARGV[2]) end
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
return {allowed, used, ttl}
`);

/** KEYS[1] bucket; ARGV amount, windowMs → {used, pttl}. */
export const chargeScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('SET', KEYS[1], '0', 'PX', ARGV[2])
end
local used = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {used, ttl}
`);
