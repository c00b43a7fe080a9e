/**
 * Soak (test/soak/soak-run.ts): the built gateway under steady mixed traffic (JSON and streamed
 * chat, tool calls, cache hits, sessions and properties, injected 500s and 429s).
 *
 * Bounded by default (SOAK_MS = 20 s at 40 req/s) so it runs in `npm test`; `npm run soak` runs
 * it for ten minutes. What a short run can show is asserted always: no error but the injected
 * ones, every answered request stored as answered, no fd growth. A memory trend only means
 * something over minutes, so the slope is asserted only from SOAK_MS >= 120 s, and printed always.
 * Nothing here asserts a time: the rate is the schedule, not a target the gateway must meet.
 */
import { describe, expect, it } from 'vitest';
import { formatFigures, runSoak } from './soak-run.js';
import { reportFigure } from '../helpers/figures.js';

const durationMs = Number(process.env.SOAK_MS ?? 20_000);
const ratePerSecond = Number(process.env.SOAK_RATE ?? 40);
const longRun = durationMs >= 120_000;
/** fds the count may differ by between two points: a socket or two opening or closing at that moment. */
const fdSlack = 5;
const maxSlopeMbPerMin = 5;

describe('soak: steady mixed traffic on the built gateway', () => {
  it(
    `${durationMs / 1000} s at ${ratePerSecond} req/s: only the injected errors, every answer stored, no fd growth${longRun ? ', no memory trend' : ''}`,
    async () => {
      const figures = await runSoak({ durationMs, ratePerSecond, log: longRun ? console.log : undefined });
      reportFigure('soak', formatFigures(figures));

      expect(figures.unexpectedSamples).toEqual([]);
      expect(figures.unexpectedErrors).toBe(0);
      expect(figures.sent).toBe(figures.scheduled + figures.priming - figures.skipped);
      expect(figures.injected.sent).toBeGreaterThan(0);
      expect(figures.injected.answeredWithExpectedStatus).toBe(figures.injected.sent);
      expect(figures.cache.hits).toBeGreaterThan(0);

      // Every answer the clients got is in the store, as answered; nothing else is.
      expect(figures.rows).toEqual({ ...figures.rows, stored: figures.rows.answered, missing: 0, wrongStatus: 0, wrongCacheFlag: 0, wrongSessionOrProperty: 0, extra: 0 });
      expect(figures.rows.answered).toBe(figures.sent);

      // Each fake got exactly its kinds' requests; a cache hit never reaches a provider.
      const { byKind, cache } = figures;
      expect(figures.providerCalls).toEqual({
        openai: byKind.chat.sent + byKind.stream.sent + cache.misses,
        xai: byKind.tool.sent,
        fireworks: byKind.toolStream.sent,
        deepseek: byKind.error500.sent,
        mistral: byKind.error429.sent,
      });
      expect(figures.providerAborted).toBe(0);

      expect(figures.fds.end - figures.fds.start).toBeLessThanOrEqual(fdSlack);
      expect(figures.fds.idleAfter - figures.fds.idleBefore).toBeLessThanOrEqual(fdSlack);
      if (longRun) expect(figures.memory.slopeMbPerMin).toBeLessThan(maxSlopeMbPerMin);
      expect(figures.gatewayExit).toEqual({ code: 0, signal: null });
    },
    // The load, two idle pauses, the drain and SIGTERM, with room for a loaded machine.
    durationMs + 150_000,
  );
});
