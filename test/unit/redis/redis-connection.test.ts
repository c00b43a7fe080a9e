/**
 * The connection's timeout measures Redis, not this process: an answer that arrived while the
 * event loop was busy is still taken. A real timeout pauses Redis use briefly (fail fast).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { FailureReport } from '../../../gateway/src/redis/failure-report.js';
import { RedisConnection } from '../../../gateway/src/redis/redis-connection.js';
import { SharedStateUnavailable } from '../../../gateway/src/redis/shared-state-unavailable.js';
import { testPrefix, testRedisUrl, ThrowawayRedis } from '../../helpers/redis.js';

const quiet = () => new FailureReport({ subject: 'Redis', write: () => {} });
const busyFor = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('RedisConnection', () => {
  const shared = new RedisConnection(testRedisUrl, { prefix: testPrefix(), report: quiet() });
  afterAll(() => shared.close());

  it('takes an answer that arrived while the event loop was blocked past the timeout', async () => {
    expect(await shared.ready()).toBe(true);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      const pending = shared.run('ping', (client) => client.ping());
      busyFor(120); // well past the 50 ms timeout; Redis answered long before
      answers.push(await pending);
    }
    expect(answers).toEqual(Array(5).fill('PONG'));
  });

  it('times out a Redis that does not answer, then fails at once until the pause is over', async () => {
    const redis = await ThrowawayRedis.start();
    const connection = new RedisConnection(redis.url, { prefix: testPrefix(), report: quiet(), pauseAfterTimeoutMs: 300 });
    try {
      expect(await connection.ready()).toBe(true);
      redis.pause();
      const first = connection.run('ping', (client) => client.ping());
      await expect(first).rejects.toBeInstanceOf(SharedStateUnavailable);
      await expect(first).rejects.toThrow(/no answer within 50 ms/);
      await expect(connection.run('ping', (client) => client.ping())).rejects.toThrow(/paused after a command timed out/);
      redis.resume();
      await expect.poll(() => connection.run('ping', (client) => client.ping()).catch(() => 'failed'), { interval: 50, timeout: 3_000 }).toBe('PONG');
    } finally {
      redis.resume();
      await connection.close();
      await redis.kill();
    }
  });
});
