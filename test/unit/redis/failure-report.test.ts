import { describe, expect, it } from 'vitest';
import { FailureReport } from '../../../gateway/src/redis/failure-report.js';

function reportWithClock() {
  const lines: Array<Record<string, unknown>> = [];
  const clock = { now: 0 };
  const report = new FailureReport({ subject: 'Redis', intervalMs: 30_000, now: () => clock.now, write: (line) => lines.push(JSON.parse(line)) });
  return { report, lines, clock };
}

describe('FailureReport', () => {
  it('writes the first failure, then one line per interval with the count of failures since', () => {
    const { report, lines, clock } = reportWithClock();
    for (let i = 0; i < 100; i++) {
      report.failure('cache lookup', new Error('ECONNREFUSED'));
      clock.now += 100; // 100 failures over 10 s
    }
    expect(lines).toEqual([{ level: 'error', msg: 'Redis unavailable; failing open', operation: 'cache lookup', failuresSinceLastReport: 1, error: 'ECONNREFUSED' }]);
    clock.now = 30_000;
    report.failure('rate-limit check', new Error('ECONNREFUSED'));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ operation: 'rate-limit check', failuresSinceLastReport: 100 });
  });

  it('says once when the dependency is back, and reports the next outage at once', () => {
    const { report, lines, clock } = reportWithClock();
    report.recovered();
    expect(lines).toEqual([]); // never failed: nothing to say
    report.failure('connection', new Error('down'));
    report.failure('connection', new Error('down'));
    expect(report.failing).toBe(true);
    clock.now = 1_000;
    report.recovered();
    expect(report.failing).toBe(false);
    expect(lines[1]).toEqual({ level: 'info', msg: 'Redis available again', failuresSinceLastReport: 1 });
    report.failure('connection', new Error('down again'));
    expect(lines).toHaveLength(3);
  });
});
