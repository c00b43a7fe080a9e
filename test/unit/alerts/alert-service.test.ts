/**
 * Notification delivery (retries, refused and forbidden destinations) and the service's timer:
 * it evaluates on its own, never keeps the process alive, and stops cleanly.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { alertRuleSchema, type AlertRule, normaliseRule } from '../../../gateway/src/alerts/alert-rule.js';
import { AlertService } from '../../../gateway/src/alerts/alert-service.js';
import type { AlertSettings } from '../../../gateway/src/alerts/alert-settings.js';
import { alertSettings } from '../../../gateway/src/alerts/alert-settings.js';
import type { AlertEvent } from '../../../gateway/src/alerts/alert-store.js';
import { AlertNotifier } from '../../../gateway/src/alerts/notifier.js';
import { loadConfig } from '../../../gateway/src/config.js';
import { SqliteStore } from '../../../gateway/src/store/sqlite-store.js';

/** Answers 503 to the first two posts of /flaky, 400 to /refuse, 200 otherwise. */
const hits = new Map<string, number>();
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const count = (hits.get(req.url!) ?? 0) + 1;
    hits.set(req.url!, count);
    if (req.url === '/flaky' && count <= 2) return void res.writeHead(503).end();
    if (req.url === '/refuse') return void res.writeHead(400).end();
    res.writeHead(200).end('{}');
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const settings = (overrides: Partial<AlertSettings> = {}): AlertSettings => ({ intervalMs: 0, allowPrivate: true, timeoutMs: 2_000, maxAttempts: 4, retryBaseMs: 5, queueLimit: 10, ...overrides });

const rule = (urls: Partial<Pick<AlertRule, 'webhook_url' | 'slack_webhook_url'>>): AlertRule => ({
  id: 'a1',
  ...normaliseRule(alertRuleSchema.parse({ name: 'r', metric: 'count', threshold: 1, time_window: 60_000 })),
  ...urls,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
});
const event: AlertEvent = { id: 'e1', alert_id: 'a1', group: null, kind: 'fired', value: 3, request_count: 3, threshold: 1, created_at: '2025-01-01T00:00:00.000Z' };

describe('alert notifications', () => {
  it('retries a failing receiver until it takes the notice; does not retry a 4xx refusal', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const notifier = new AlertNotifier(settings(), { warn: (line) => warnings.push(line) });
    notifier.notify(rule({ webhook_url: `${base}/flaky`, slack_webhook_url: `${base}/refuse` }), event, { from: 0, to: 1 });
    await notifier.idle();
    expect(hits.get('/flaky')).toBe(3);
    expect(hits.get('/refuse')).toBe(1);
    expect(notifier.queue.delivered).toBe(2);
    expect(warnings.some((line) => String(line.msg).includes('refused'))).toBe(true);
    await notifier.stop();
  });

  it('skips a loopback URL unless private destinations are allowed', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const notifier = new AlertNotifier(settings({ allowPrivate: false }), { warn: (line) => warnings.push(line) });
    notifier.notify(rule({ webhook_url: `${base}/private` }), event, { from: 0, to: 1 });
    await notifier.idle();
    expect(hits.get('/private')).toBeUndefined();
    expect(warnings[0]?.msg).toMatch(/skipped/);
    await notifier.stop();
  });
});

describe('alert settings', () => {
  const settingsOf = (env: NodeJS.ProcessEnv) => alertSettings(loadConfig({ port: 0 }, env));
  it('reads the interval and the private-destination switch, falling back to the webhooks’', () => {
    expect(settingsOf({})).toMatchObject({ intervalMs: 10_000, allowPrivate: false });
    expect(settingsOf({ SWITCHYARD_ALERT_INTERVAL_MS: '0', SWITCHYARD_WEBHOOK_ALLOW_PRIVATE: '1' })).toMatchObject({ intervalMs: 0, allowPrivate: true });
    expect(settingsOf({ SWITCHYARD_ALERT_ALLOW_PRIVATE: '0', SWITCHYARD_WEBHOOK_ALLOW_PRIVATE: '1' }).allowPrivate).toBe(false);
    expect(() => settingsOf({ SWITCHYARD_ALERT_INTERVAL_MS: 'soon' })).toThrow(/SWITCHYARD_ALERT_INTERVAL_MS/);
    expect(() => settingsOf({ SWITCHYARD_ALERT_ALLOW_PRIVATE: 'yes' })).toThrow(/SWITCHYARD_ALERT_ALLOW_PRIVATE/);
  });
});

describe('the evaluation timer', () => {
  it('evaluates on its own, and stops', async () => {
    const store = new SqliteStore(':memory:');
    const warnings: Array<Record<string, unknown>> = [];
    let flushes = 0;
    const service = new AlertService(store.sql, settings({ intervalMs: 5 }), { flush: async () => void flushes++, warn: (line) => warnings.push(line) });
    service.start();
    // Bounded wait for a few ticks (each tick flushes the log queue first).
    for (let i = 0; i < 200 && flushes < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(flushes).toBeGreaterThanOrEqual(2);
    await service.stop();
    const after = flushes;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(flushes).toBe(after);
    expect(await service.evaluateNow()).toEqual([]);
    expect(warnings).toEqual([]);
    await store.close();
  });
});
