/**
 * A local stand-in on 127.0.0.1 for a service the gateway exports to (PostHog, an OTLP
 * collector): it records every POST (path, headers, JSON body). Paths starting with `/dead` are
 * never answered; `/refuse` answers 400; everything else 200.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

export async function startJsonReceiver() {
  const received: ReceivedPost[] = [];
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: raw ? JSON.parse(raw) : null });
      if (path.startsWith('/dead')) return void held.push(res);
      if (path.startsWith('/refuse')) return void res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"bad"}');
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    held,
    close: async () => {
      for (const res of held) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls, bounded, for something that happens in the background. */
export async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
}
