/**
 * The web dashboard in a real browser (Debian's Chromium, driven by playwright-core) against a
 * gateway seeded through its own API: chat calls to the mock provider in sessions, with users,
 * properties, a tool call, an image, a failure, a tool step, feedback and scores. Each page is
 * saved as a screenshot in test/artifacts/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewayKey } from '../../gateway/src/auth/gateway-keys.js';
import { dashboardDir } from '../../gateway/src/dashboard/dashboard-assets.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = join(root, 'test', 'artifacts');

// Without these, Chromium keeps trying to reach Google's services from a machine with no network.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// A one-pixel PNG, sent as an image part of a user message.
const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

interface Seeded {
  sessionId: string;
  toolCallRequestId: string;
  imageRequestId: string;
  total: number;
  bobRequests: number;
}

async function chat(gw: GatewayUnderTest, content: unknown, headers: Record<string, string>, extra: object = {}): Promise<string> {
  const response = await gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content }], ...extra }, headers);
  await response.arrayBuffer();
  return response.headers.get('helicone-id')!;
}

/** Seven requests: a session of five (four chat calls on three paths and a tool step) and two others, one streamed. */
async function seed(gw: GatewayUnderTest): Promise<Seeded> {
  const sessionId = randomUUID();
  const session = (path: string) => ({
    'Helicone-Session-Id': sessionId,
    'Helicone-Session-Path': path,
    'Helicone-Session-Name': 'Trip planner',
    'Helicone-User-Id': 'alice@example.com',
    'Helicone-Property-Environment': 'production',
  });
  await chat(gw, 'Plan a trip to Lisbon mock:latency=30', session('/plan'));
  const toolCallRequestId = await chat(gw, 'Find flights to Lisbon', session('/plan/search'), {
    tools: [{ type: 'function', function: { name: 'search_flights', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }],
  });
  await chat(gw, 'Find hotels mock:latency=20', session('/plan/search'));
  const start = Date.now();
  const toolStep = await gw.post(
    '/custom/v1/log',
    {
      providerRequest: { url: 'custom', json: { _type: 'tool', toolName: 'book_hotel', input: { city: 'Lisbon' } }, meta: {} },
      providerResponse: { status: 200, headers: {}, json: { booked: true } },
      timing: { startTime: { seconds: Math.floor(start / 1000), milliseconds: start % 1000 }, endTime: { seconds: Math.floor((start + 40) / 1000), milliseconds: (start + 40) % 1000 } },
    },
    session('/plan/search'),
  );
  expect(toolStep.status).toBe(200);
  await chat(gw, 'Write the answer mock:error=429', session('/plan/answer'));
  const imageRequestId = await chat(
    gw,
    [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: pixel } },
    ],
    { 'Helicone-User-Id': 'bob@example.com', 'Helicone-Property-Environment': 'dev' },
  );
  await chat(gw, 'Hello from Bob mock:chunk-delay=5', { 'Helicone-User-Id': 'bob@example.com', 'Helicone-Property-Environment': 'dev' }, { stream: true });

  expect((await gw.post(`/v1/request/${toolCallRequestId}/feedback`, { rating: true })).status).toBe(200);
  expect((await gw.post(`/v1/request/${toolCallRequestId}/score`, { scores: { accuracy: 87 } })).status).toBe(201);
  const prompt = await gw.post('/v1/prompt-2025', {
    name: 'Trip greeting',
    tags: ['travel'],
    promptBody: { model: 'mock', messages: [{ role: 'system', content: 'You plan trips to {{hc:city:string}}.' }] },
  });
  expect(prompt.status).toBe(201);
  return { sessionId, toolCallRequestId, imageRequestId, total: 7, bobRequests: 2 };
}

describe.skipIf(!hasChromium)(`dashboard in Chromium${hasChromium ? '' : ` (skipped: ${chromiumPath} is not installed; .ci/run installs it with apt-get install chromium)`}`, () => {
  let gw: GatewayUnderTest;
  let browser: Browser;
  let page: Page;
  let seeded: Seeded;
  const foreignRequests: string[] = [];

  const screenshot = (name: string) => page.screenshot({ path: join(artifacts, `dashboard-${name}.png`), fullPage: true });
  // A fresh load each time: going to the same hash would keep the page's state from before.
  const open = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${gw.url}/#${hash}`);
  };

  beforeAll(async () => {
    // `npm test` builds the dashboard first; running this file alone builds it when missing.
    if (!dashboardDir()) execFileSync(process.execPath, [join(root, 'gateway', 'dashboard', 'build.mjs')], { stdio: 'inherit' });
    mkdirSync(artifacts, { recursive: true });
    gw = await GatewayUnderTest.start({});
    seeded = await seed(gw);
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (request) => {
      if (!request.url().startsWith(gw.url) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
  });

  it('serves the page and its assets with a CSP forbidding other origins, caching and gzip', async () => {
    const response = await fetch(`${gw.url}/`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    const script = /src="(\/dashboard\/main-[^"]+\.js)"/.exec(html)![1]!;
    const asset = await fetch(`${gw.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const revalidated = await fetch(`${gw.url}${script}`, { headers: { 'if-none-match': asset.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect((await fetch(`${gw.url}/dashboard/missing.js`)).status).toBe(404);
  });

  it('lists the seeded requests, newest first, and adds new ones as they arrive', async () => {
    await open('/requests');
    const rows = page.getByTestId('request-row');
    await expect.poll(() => rows.count()).toBe(seeded.total);
    await expect.poll(() => page.getByTestId('requests-table').innerText()).toContain('429');
    await screenshot('requests');

    // A filter being typed is kept while new rows arrive.
    const model = page.getByTestId('filter-bar').locator('input[name="model"]');
    await model.fill('half-typed');
    await chat(gw, 'One more', { 'Helicone-User-Id': 'carol@example.com' });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(seeded.total + 1);
    await expect.poll(() => rows.first().innerText()).toContain('mock');
    expect(await model.inputValue()).toBe('half-typed');
  });

  it('narrows the table with filters, kept in the URL', async () => {
    await open('/requests');
    await page.getByTestId('filter-bar').locator('input[name="user"]').fill('bob@example.com');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(seeded.bobRequests);
    expect(page.url()).toContain('user=bob%40example.com');
    await screenshot('requests-filtered');

    await page.getByTestId('filter-bar').locator('select[name="status"]').selectOption('error');
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(0);

    // The raw box takes any Helicone filter tree.
    await open(`/requests?raw=${encodeURIComponent(JSON.stringify({ request_response_rmt: { properties: { Environment: { equals: 'production' } } } }))}`);
    await expect.poll(() => page.getByTestId('request-row').count()).toBe(5);
    await open(`/requests?raw=${encodeURIComponent('{"request_response_rmt": {"nope": {"equals": 1}}}')}`);
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('nope');
  });

  it('opens a session as a tree by path beside a timeline of its requests', async () => {
    await open('/sessions');
    const sessionRow = page.getByTestId('session-row');
    await expect.poll(() => sessionRow.count()).toBe(1);
    await screenshot('sessions');
    await sessionRow.getByRole('link').click();
    await expect.poll(() => page.getByTestId('tree-node').count()).toBe(3);
    const paths = await page.getByTestId('tree-node').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-path')));
    expect(paths).toEqual(['/plan', '/plan/search', '/plan/answer']);
    expect(await page.locator('[data-testid="timeline-bar"][data-kind="request"]').count()).toBe(5);
    expect(await page.locator('[data-testid="timeline-bar"][data-kind="node"]').count()).toBe(3);
    expect(await page.locator('.trace-lane .bar-tool').count()).toBe(1);
    expect(await page.locator('.trace-lane .bar-failed').count()).toBe(1);
    expect(page.url()).toContain(seeded.sessionId);
    await screenshot('session');
  });

  it('shows a request with its conversation, tool call, tokens, cost, attempts, feedback and scores', async () => {
    await open(`/requests/${seeded.toolCallRequestId}`);
    const conversation = page.getByTestId('conversation');
    await expect.poll(() => conversation.innerText()).toContain('Find flights to Lisbon');
    expect(await conversation.innerText()).toContain('search_flights');
    expect(await page.getByTestId('message').count()).toBe(2);
    expect(await page.getByTestId('feedback').innerText()).toContain('positive');
    expect(await page.getByTestId('scores').innerText()).toContain('accuracy: 87');
    expect(await page.getByTestId('attempts').innerText()).toContain('mock');
    const text = await page.getByTestId('request-view').innerText();
    expect(text).toMatch(/Time to first token/i);
    expect(text).toContain('Trip planner');
    await screenshot('request');

    await open(`/requests/${seeded.imageRequestId}`);
    await expect.poll(() => page.locator('img.part-image').count()).toBe(1);
    expect(await page.locator('img.part-image').evaluate((image) => (image as HTMLImageElement).naturalWidth)).toBe(1);
    await screenshot('request-image');
  });

  it('charts requests, tokens, cost and latency over time, by model and provider', async () => {
    await open('/overview');
    await expect.poll(() => page.getByTestId('chart').count()).toBe(4);
    await expect.poll(() => page.getByTestId('models-table').innerText()).toContain('mock');
    // Stacked bars for requests, tokens and cost; a line (a dot for a single bucket) per latency percentile.
    expect(await page.locator('.chart rect.bar-fill').count()).toBeGreaterThanOrEqual(5);
    expect(await page.locator('.chart polyline, .chart circle.dot').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('providers-table').innerText()).toContain('tool');
    await screenshot('overview');
  });

  it('totals cost, requests and failures per user and per property value', async () => {
    await open('/users');
    await expect.poll(() => page.getByTestId('users-table').innerText()).toContain('alice@example.com');
    const alice = page.getByTestId('breakdown-row').filter({ hasText: 'alice@example.com' });
    expect(await alice.locator('td').nth(1).innerText()).toBe('5');
    await screenshot('users');

    await open('/properties?key=Environment');
    await expect.poll(() => page.getByTestId('property-values-table').innerText()).toContain('production');
    expect(await page.getByTestId('property-values-table').innerText()).toContain('dev');
    await screenshot('properties');
  });

  it('shows managed prompts with their versions and environments', async () => {
    await open('/prompts');
    await expect.poll(() => page.getByTestId('prompts-table').innerText()).toContain('Trip greeting');
    await page.getByRole('link', { name: 'Trip greeting' }).click();
    await expect.poll(() => page.getByTestId('prompt-versions').innerText()).toContain('production');
    await expect.poll(() => page.getByTestId('conversation').innerText()).toContain('You plan trips to');
    await screenshot('prompt');
  });

  it('is usable on a phone (in the dark scheme)', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
    try {
      await phone.goto(`${gw.url}/#/requests`);
      await expect.poll(() => phone.getByTestId('request-row').count()).toBeGreaterThan(0);
      // Nothing wider than the screen but the table, which scrolls inside its own box.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(artifacts, 'dashboard-phone-requests.png'), fullPage: true });
      await phone.goto(`${gw.url}/#/sessions/${seeded.sessionId}`);
      await expect.poll(() => phone.getByTestId('tree-node').count()).toBe(3);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(artifacts, 'dashboard-phone-session.png'), fullPage: true });
      await phone.goto(`${gw.url}/#/overview`);
      await expect.poll(() => phone.getByTestId('chart').count()).toBe(4);
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: join(artifacts, 'dashboard-phone-overview.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('asks for the gateway key when keys are configured, and sends it with every call', async () => {
    const keyed = await GatewayUnderTest.start({});
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const { key } = await createGatewayKey(keyed.gateway.store, 'dashboard');
      await keyed.gateway.keys.reload();
      await chat(keyed, 'Keyed hello', { authorization: `Bearer ${key}` });
      const keyedPage = await context.newPage();
      await keyedPage.goto(`${keyed.url}/#/requests`);
      const prompt = keyedPage.getByTestId('key-prompt');
      await prompt.waitFor();
      await keyedPage.screenshot({ path: join(artifacts, 'dashboard-key-prompt.png') });

      await prompt.locator('input').fill('sk-switchyard-wrong');
      await prompt.getByRole('button').click();
      await expect.poll(() => prompt.innerText()).toContain('refused');

      await prompt.locator('input').fill(key);
      await prompt.getByRole('button').click();
      await expect.poll(() => keyedPage.getByTestId('request-row').count()).toBe(1);
      expect(await prompt.count()).toBe(0);
      // The key is remembered by this browser: a reload does not ask again.
      await keyedPage.reload();
      await expect.poll(() => keyedPage.getByTestId('request-row').count()).toBe(1);
      expect(await prompt.count()).toBe(0);
    } finally {
      await context.close();
      await keyed.close();
    }
  });

  it('fetched nothing from any other origin', () => {
    expect(foreignRequests).toEqual([]);
  });
});
