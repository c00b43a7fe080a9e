/** The integrations' manual logger against a live gateway: tool steps join the current session. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../gateway/src/client/index.js';
import { ManualLogger } from '../../integrations/manual-logger/index.js';
import { withSession } from '../../integrations/session/index.js';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';

let gw: GatewayUnderTest;
let logger: ManualLogger;

beforeAll(async () => {
  gw = await GatewayUnderTest.start({});
  logger = new ManualLogger({ client: new GatewayClient({ baseUrl: gw.url }) });
});
afterAll(() => gw.close());

describe('ManualLogger', () => {
  it('logs a tool step inside the current session, at the current path, with what it recorded', async () => {
    const price = await withSession({ id: 'tools-1', name: 'Stock', userId: 'trader' }, () =>
      withSession({ path: 'price' }, () =>
        logger.logRequest({ _type: 'tool', toolName: 'get_stock_price', input: { ticker: 'TSLA' } }, async (recorder) => {
          recorder.appendResults({ price: 251.3 });
          return 251.3;
        }),
      ),
    );
    expect(price).toBe(251.3);
    const [row] = await gw.rows("WHERE r.session_id = 'tools-1'");
    expect(row).toMatchObject({ model: 'tool:get_stock_price', provider: 'tool', status: 200, session_path: '/price', session_name: 'Stock', user_id: 'trader', cost_usd: null });
    expect(JSON.parse(row!.response_body!)).toEqual({ price: 251.3 });
  });

  it('logs a failing step as 500 and rethrows', async () => {
    await expect(
      withSession({ id: 'tools-2' }, () =>
        logger.logRequest({ _type: 'tool', toolName: 'flaky', input: {} }, async () => {
          throw new Error('upstream API down');
        }),
      ),
    ).rejects.toThrow('upstream API down');
    const [row] = await gw.rows("WHERE r.session_id = 'tools-2'");
    expect(row).toMatchObject({ status: 500, error_message: 'upstream API down' });
  });

  it('builds a log step by step, in the session where the step began', async () => {
    const builder = withSession({ id: 'tools-3', path: 'retrieve' }, () => logger.logBuilder({ _type: 'vector_db', operation: 'search', text: 'refund policy' }));
    builder.setResponse(JSON.stringify({ matches: 3 }));
    // Sent from outside any session: it still belongs to /retrieve of tools-3.
    const requestId = await builder.sendLog();
    const row = await gw.row(requestId!);
    expect(row).toMatchObject({ model: 'vector_db', session_path: '/retrieve', status: 200 });
  });
  it('never fails the work when the log cannot be sent', async () => {
    const problems: unknown[] = [];
    const offline = new ManualLogger({ client: new GatewayClient({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 }), onError: (error) => problems.push(error) });
    const value = await offline.logRequest({ _type: 'tool', toolName: 'ok', input: {} }, async () => 'done');
    expect(value).toBe('done');
    expect(problems).toHaveLength(1);
  });
});
