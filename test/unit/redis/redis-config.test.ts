/**
 * Choosing Redis by configuration: `--redis` over SWITCHYARD_REDIS_URL over the config file's
 * `redisUrl`; none of them keeps the cache and rate limits in-process. A URL that is not
 * redis:// or rediss:// is refused, naming where it came from.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../gateway/src/config.js';
import { redactRedisUrl } from '../../../gateway/src/redis/redis-connection.js';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-redis-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFile(contents: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(contents));
  return path;
}

describe('Redis configuration', () => {
  it('is off by default: no Redis URL, the default key prefix', () => {
    expect(loadConfig({}, {})).toMatchObject({ redisUrl: null, redisPrefix: 'switchyard:' });
  });

  it('takes the flag over the environment over the config file', () => {
    const config = configFile({ redisUrl: 'redis://file:6379', redisPrefix: 'from-file:' });
    expect(loadConfig({ config }, {}).redisUrl).toBe('redis://file:6379');
    expect(loadConfig({ config }, {}).redisPrefix).toBe('from-file:');
    expect(loadConfig({ config }, { SWITCHYARD_REDIS_URL: 'redis://env:6379' }).redisUrl).toBe('redis://env:6379');
    expect(loadConfig({ config, redis: 'rediss://flag:6380/2' }, { SWITCHYARD_REDIS_URL: 'redis://env:6379' }).redisUrl).toBe('rediss://flag:6380/2');
    expect(loadConfig({ config }, { SWITCHYARD_REDIS_PREFIX: 'from-env:' }).redisPrefix).toBe('from-env:');
  });

  it('refuses a URL that is not redis:// or rediss://, naming the setting', () => {
    expect(() => loadConfig({ redis: 'http://127.0.0.1:6379' }, {})).toThrow(ConfigError);
    expect(() => loadConfig({ redis: '127.0.0.1:6379' }, {})).toThrow(/--redis must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({}, { SWITCHYARD_REDIS_URL: 'localhost' })).toThrow(/SWITCHYARD_REDIS_URL must be/);
    expect(() => loadConfig({ config: configFile({ redisUrl: 'nope' }) }, {})).toThrow(/"redisUrl" must be/);
  });

  it('never shows the password of a Redis URL', () => {
    expect(redactRedisUrl('redis://default:s3cret@cache.internal:6379/0')).toBe('redis://default:***@cache.internal:6379/0');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
