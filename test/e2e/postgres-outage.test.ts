/**
 * Losing PostgreSQL: the gateway reaches its store through a loopback TCP relay that the test
 * can cut (every connection dropped, new ones refused) and restore. While it is cut, requests are
 * answered as usual and their log records wait in the spool; when it is back they are written,
 * none lost up to the spool's size. Past the size, records are dropped with a clear warning and
 * counted when there is room again.
 */
import { createServer, type Server, type Socket, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayUnderTest } from '../helpers/gateway-under-test.js';
import { freshPostgresSchema, type PostgresSchema, postgresServerUrl } from '../helpers/postgres.js';

/** A TCP relay to the PostgreSQL server that can be cut and restored. */
class Relay {
  private cut = false;
  private readonly sockets = new Set<Socket>();
  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: URL): Promise<Relay> {
    let relay: Relay | undefined;
    const server = createServer((client) => relay!.accept(client, target));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relay = new Relay(server, (server.address() as { port: number }).port);
    return relay;
  }

  private accept(client: Socket, target: URL): void {
    if (this.cut) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    for (const [from, to] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.sockets.add(from);
      from.pipe(to);
      from.on('error', () => to.destroy());
      from.on('close', () => {
        this.sockets.delete(from);
        to.destroy();
      });
    }
  }

  /** Drops every connection and refuses new ones: the database is gone. */
  cutOff(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  restore(): void {
    this.cut = false;
  }

  close(): Promise<void> {
    this.cutOff();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let schema: PostgresSchema;
let relay: Relay;
/** The schema's URL, through the relay. */
let relayedUrl: string;

beforeAll(async () => {
  schema = await freshPostgresSchema();
  const url = new URL(schema.url);
  relay = await Relay.start(new URL(postgresServerUrl));
  url.host = `127.0.0.1:${relay.port}`;
  relayedUrl = url.toString();
});
afterAll(async () => {
  await relay?.close();
  await schema?.drop();
});
afterEach(() => {
  relay.restore();
  vi.restoreAllMocks();
});

const chat = (gw: GatewayUnderTest, content: string) => gw.post('/v1/chat/completions', { model: 'mock', messages: [{ role: 'user', content }] });

/** Sends `count` requests one after another; all must be answered 200. Returns their ids. */
async function send(gw: GatewayUnderTest, count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const response = await chat(gw, `${label} ${i}`);
    expect(response.status).toBe(200);
    await response.text();
    ids.push(response.headers.get('helicone-id')!);
  }
  return ids;
}

/** Stored ids among `ids`, once the queue has written what it holds. */
async function stored(gw: GatewayUnderTest, ids: string[]): Promise<string[]> {
  const rows = await gw.gateway.store.sql.all<{ request_id: string }>('SELECT request_id FROM requests');
  const found = new Set(rows.map((row) => row.request_id));
  return ids.filter((id) => found.has(id));
}

describe('losing PostgreSQL', () => {
  it('keeps answering while it is away, and writes every held log record when it is back', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const gw = await GatewayUnderTest.start({}, { store: relayedUrl });
    try {
      const before = await send(gw, 3, 'before');
      await gw.gateway.logQueue.flush();
      relay.cutOff();
      const during = await send(gw, 20, 'during');
      // Nothing could be written: every record is still held.
      for (const id of during) expect(gw.gateway.logQueue.hasPending(id)).toBe(true);
      // A query cannot see them: it says so at once instead of waiting.
      const query = await gw.post('/v1/request/query', { filter: 'all', limit: 5 });
      expect(query.status).toBe(503);
      expect(await query.json()).toMatchObject({ data: null, error: expect.stringContaining('log store is unavailable') });
      relay.restore();
      await gw.gateway.logQueue.flush(20);
      expect(await stored(gw, [...before, ...during])).toEqual([...before, ...during]);
      expect(errors.mock.calls.map(([line]) => String(line)).some((line) => line.includes('log write failed; will retry'))).toBe(true);
    } finally {
      relay.restore();
      await gw.close();
    }
  });

  it('past the spool size, answers still, drops the newest records with a warning, and counts them when there is room', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const gw = await GatewayUnderTest.start({ SWITCHYARD_SPOOL_RECORDS: '5' }, { store: relayedUrl });
    try {
      relay.cutOff();
      const ids = await send(gw, 8, 'overflow');
      const lines = () => errors.mock.calls.map(([line]) => String(line));
      expect(lines().filter((line) => line.includes('log spool full'))).toHaveLength(1);
      relay.restore();
      await gw.gateway.logQueue.flush(20);
      // The five held are written; the three that found the spool full are not.
      expect(await stored(gw, ids)).toEqual(ids.slice(0, 5));
      expect(lines().some((line) => line.includes('3 log records were dropped while it was full'))).toBe(true);
      // Room again: new records are kept.
      const after = await send(gw, 2, 'after');
      await gw.gateway.logQueue.flush();
      expect(await stored(gw, after)).toEqual(after);
    } finally {
      relay.restore();
      await gw.close();
    }
  });
});
