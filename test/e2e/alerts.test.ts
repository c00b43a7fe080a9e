/**
 * Alerts end to end: rules over the API (400s naming the field), evaluation on demand against a
 * real gateway whose provider answers 500, notifications to a generic and a Slack-shaped receiver
 * on 127.0.0.1; a rule × group fires once and resolves once; grouping by a property fires for the
 * bad group only; the window is measured at the evaluation time given, so no test sleeps.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeProvider } from '../helpers/fake-provider.js';
import { fakeEnv, GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { startJsonReceiver } from '../helpers/json-receiver.js';

const fake = await FakeProvider.start();
const receiver = await startJsonReceiver();
// The timer is off (interval 0): every evaluation here is one the test asks for.
const gw = await GatewayUnderTest.start(fakeEnv(fake, { SWITCHYARD_ALERT_ALLOW_PRIVATE: '1', SWITCHYARD_ALERT_INTERVAL_MS: '0', SWITCHYARD_ALERT_RETRY_BASE_MS: '10' }));
afterAll(async () => {
  await gw.close();
  await receiver.close();
  await fake.close();
});

interface Envelope {
  data: any;
  error: any;
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Envelope }> {
  const response = await fetch(`${gw.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Envelope };
}

async function createAlert(rule: Record<string, unknown>): Promise<{ id: string }> {
  const { status, json } = await api('POST', '/v1/alerts', rule);
  expect(status, JSON.stringify(json)).toBe(201);
  return json.data;
}

/** Evaluates every rule now (over the API) and waits for the notifications to be sent. */
async function evaluate(): Promise<Array<{ alert_id: string; kind: string; group: string | null; value: number | null; request_count: number }>> {
  const { status, json } = await api('POST', '/v1/alerts/evaluate');
  expect(status, JSON.stringify(json)).toBe(200);
  await gw.gateway.alerts.notifier.idle();
  return json.data.events;
}

async function chat(suite: string, fail: boolean): Promise<void> {
  if (fail) fake.enqueue('openai', { status: 500, json: { error: { message: 'boom', type: 'server_error' } } });
  const response = await fetch(`${gw.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'helicone-property-suite': suite },
    body: JSON.stringify({ model: 'gpt-4.1-nano/openai', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.text();
  expect(response.status >= 400).toBe(fail);
}

/** One manual log with explicit times, status and properties. */
async function manualLog(startMs: number, status: number, properties: Record<string, string>): Promise<void> {
  const meta = Object.fromEntries(Object.entries(properties).map(([key, value]) => [`Helicone-Property-${key}`, value]));
  const response = await gw.post('/custom/v1/log', {
    providerRequest: { url: 'custom-model-nopath', json: { model: 'm' }, meta },
    providerResponse: { status, headers: {}, json: {} },
    timing: { startTime: startMs, endTime: startMs + 100 },
  });
  expect(response.status, await response.clone().text()).toBe(200);
  await response.text();
}

const bySuite = (suite: string) => ({ request_response_rmt: { properties: { suite: { equals: suite } } } });

// Many requests and store round trips per test: a busy machine with PostgreSQL needs more than the default 5 s.
describe('alerts', { timeout: 30_000 }, () => {
  it('fires once on provider errors, then resolves once after successful traffic', async () => {
    const suite = `errors-${randomUUID()}`;
    const alert = await createAlert({
      name: 'Provider errors',
      metric: 'error_rate',
      threshold: 50,
      time_window: 3_600_000,
      minimum_request_count: 2,
      filter: bySuite(suite),
      webhook_url: `${receiver.url}/hook/${suite}`,
      slack_webhook_url: `${receiver.url}/slack/${suite}`,
    });
    const hooks = () => receiver.received.filter((entry) => entry.path === `/hook/${suite}`);
    const slack = () => receiver.received.filter((entry) => entry.path === `/slack/${suite}`);

    // One failed request is under minimum_request_count: nothing fires yet.
    await chat(suite, true);
    expect((await evaluate()).filter((event) => event.alert_id === alert.id)).toEqual([]);

    await chat(suite, true);
    await chat(suite, true);
    const fired = (await evaluate()).filter((event) => event.alert_id === alert.id);
    expect(fired).toEqual([expect.objectContaining({ kind: 'fired', group: null, value: 100, request_count: 3 })]);
    expect(hooks().map((entry) => entry.body)).toEqual([
      expect.objectContaining({ type: 'alert.fired', group: null, value: 100, request_count: 3, alert: expect.objectContaining({ id: alert.id, name: 'Provider errors', threshold: 50 }) }),
    ]);
    expect(slack()).toHaveLength(1);
    expect((slack()[0]!.body as { text: string }).text).toMatch(/Provider errors" fired: error rate 100% is at or above 50% over the last 1 h \(3 requests\)/);

    // Still over the threshold: no second notice.
    expect((await evaluate()).filter((event) => event.alert_id === alert.id)).toEqual([]);
    expect(hooks()).toHaveLength(1);

    // 3 errors in 10 requests: 30%, under 50%.
    for (let i = 0; i < 7; i++) await chat(suite, false);
    const resolved = (await evaluate()).filter((event) => event.alert_id === alert.id);
    expect(resolved).toEqual([expect.objectContaining({ kind: 'resolved', value: 30, request_count: 10 })]);
    expect(hooks().map((entry) => (entry.body as { type: string }).type)).toEqual(['alert.fired', 'alert.resolved']);
    expect((slack()[1]!.body as { text: string }).text).toMatch(/resolved: error rate 30% is below 50%/);
    expect((await evaluate()).filter((event) => event.alert_id === alert.id)).toEqual([]);
    expect(hooks()).toHaveLength(2);

    const history = await api('GET', `/v1/alerts/${alert.id}/history`);
    expect(history.json.data.map((event: { kind: string }) => event.kind)).toEqual(['resolved', 'fired']);
  });

  it('evaluates each group of a property on its own: only the bad group fires', async () => {
    const suite = `grouped-${randomUUID()}`;
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      await manualLog(now - 60_000 + i, 500, { suite, env: 'bad' });
      await manualLog(now - 60_000 + i, 200, { suite, env: 'good' });
    }
    const alert = await createAlert({
      name: 'Errors per env',
      metric: 'error_rate',
      threshold: 50,
      time_window: 600_000,
      grouping: 'env',
      grouping_is_property: true,
      filter: bySuite(suite),
      webhook_url: `${receiver.url}/hook/${suite}`,
    });
    const events = (await gw.gateway.alerts.evaluateNow(now)).filter((event) => event.alert_id === alert.id);
    expect(events).toEqual([expect.objectContaining({ kind: 'fired', group: 'bad', value: 100, request_count: 3 })]);
    // Ten minutes on, the window holds none of those requests: the group resolves, with no value.
    const later = (await gw.gateway.alerts.evaluateNow(now + 11 * 60_000)).filter((event) => event.alert_id === alert.id);
    expect(later).toEqual([expect.objectContaining({ kind: 'resolved', group: 'bad', value: null, request_count: 0 })]);
    await gw.gateway.alerts.notifier.idle();
    expect(receiver.received.filter((entry) => entry.path === `/hook/${suite}`).map((entry) => (entry.body as { group: string }).group)).toEqual(['bad', 'bad']);
  });

  it('measures sums and percentiles over the window at the time given', async () => {
    const suite = `latency-${randomUUID()}`;
    const now = Date.now();
    // Latencies 100 ms each (the manual logs' timing); ten of them.
    for (let i = 0; i < 10; i++) await manualLog(now - 1_000 - i, 200, { suite });
    const count = await createAlert({ name: 'Traffic', metric: 'count', threshold: 10, time_window: 60_000, filter: bySuite(suite) });
    const p95 = await createAlert({ name: 'Slow', metric: 'latency', aggregation: 'percentile', percentile: 95, threshold: 100, time_window: 60_000, filter: bySuite(suite) });
    const tooSlow = await createAlert({ name: 'Very slow', metric: 'latency', aggregation: 'max', threshold: 101, time_window: 60_000, filter: bySuite(suite) });
    const events = await gw.gateway.alerts.evaluateNow(now);
    const ids = events.filter((event) => event.kind === 'fired').map((event) => event.alert_id);
    expect(ids).toContain(count.id);
    expect(ids).toContain(p95.id);
    expect(ids).not.toContain(tooSlow.id);
    expect(events.find((event) => event.alert_id === p95.id)?.value).toBe(100);
  });

  it('lists, reads, replaces and deletes rules', async () => {
    const alert = await createAlert({ name: 'Cost', metric: 'cost', threshold: 5, time_window: 86_400_000 });
    expect(alert).toMatchObject({ name: 'Cost', aggregation: 'sum', grouping: null, minimum_request_count: 0, enabled: true, filter: 'all' });
    expect((await api('GET', '/v1/alerts')).json.data.map((rule: { id: string }) => rule.id)).toContain(alert.id);
    expect((await api('GET', `/v1/alerts/${alert.id}`)).json.data).toEqual(alert);
    const replaced = await api('PUT', `/v1/alerts/${alert.id}`, { name: 'Cost per user', metric: 'cost', threshold: 1, time_window: 3_600_000, grouping: 'user', enabled: false });
    expect(replaced.status).toBe(200);
    expect(replaced.json.data).toMatchObject({ id: alert.id, name: 'Cost per user', grouping: 'user', enabled: false });
    expect((await api('DELETE', `/v1/alerts/${alert.id}`)).status).toBe(200);
    expect((await api('GET', `/v1/alerts/${alert.id}`)).status).toBe(404);
    expect((await api('DELETE', `/v1/alerts/${alert.id}`)).status).toBe(404);
    expect((await api('GET', '/v1/alerts/not-a-uuid')).status).toBe(400);
  });

  it('refuses bad rules with a 400 naming the field', async () => {
    const base = { name: 'x', metric: 'error_rate', threshold: 5, time_window: 60_000 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, metric: 'bogus' }, 'metric'],
      [{ ...base, time_window: undefined }, 'time_window'],
      [{ ...base, time_window: 10 }, 'time_window'],
      [{ ...base, threshold: 'high' }, 'threshold'],
      [{ ...base, threshold: 150 }, 'threshold'],
      [{ ...base, metric: 'latency', aggregation: 'percentile' }, 'percentile'],
      [{ ...base, aggregation: 'avg' }, 'aggregation'],
      [{ ...base, grouping: 'colour' }, 'grouping'],
      [{ ...base, filter: { request_response_rmt: { nonsense: { equals: 1 } } } }, 'filter'],
      [{ ...base, webhook_url: 'ftp://example.com/x' }, 'webhook_url'],
      [{ ...base, slack_webhook_url: 'not a url' }, 'slack_webhook_url'],
      [{ ...base, extra: 1 }, 'body'],
    ];
    for (const [rule, field] of cases) {
      const { status, json } = await api('POST', '/v1/alerts', rule);
      expect(status, `${field}: ${JSON.stringify(json)}`).toBe(400);
      expect(JSON.stringify(json.error), field).toContain(field === 'body' ? 'extra' : field);
    }
    expect((await api('POST', '/v1/alerts', '{not json')).status).toBe(400);
  });
});
