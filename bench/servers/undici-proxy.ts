/**
 * The floor of what a Node proxy can do here: every request forwarded to --upstream with undici
 * (keep-alive pool), a JSON answer sent back whole and a stream piped as it arrives; nothing
 * parsed, nothing logged.
 *
 *   node --import tsx bench/servers/undici-proxy.ts --upstream http://127.0.0.1:PORT --port 0
 *
 * Prints "undici proxy listening on <url>"; 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({ options: { upstream: { type: 'string' }, port: { type: 'string', default: '0' } } });
if (!values.upstream) throw new Error('--upstream is required');
const upstream = values.upstream.replace(/\/$/, '');
const dispatcher = new Agent({ keepAliveTimeout: 60_000, connections: 256 });
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

const server = createServer({ keepAliveTimeout: 65_000 }, async (req, res) => {
  try {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) if (!hopByHop.has(name) && typeof value === 'string') headers[name] = value;
    const parts: Buffer[] = [];
    for await (const part of req) parts.push(part as Buffer);
    const answer = await request(`${upstream}${req.url}`, { method: req.method as 'POST', headers, body: Buffer.concat(parts), dispatcher });
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) if (!hopByHop.has(name) && value !== undefined) out[name] = value;
    if (String(answer.headers['content-type']).startsWith('text/event-stream')) {
      res.writeHead(answer.statusCode, out);
      await pipeline(answer.body, res);
      return;
    }
    const body = Buffer.from(await answer.body.arrayBuffer());
    res.writeHead(answer.statusCode, { ...out, 'content-length': body.length });
    res.end(body);
  } catch (error) {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: String(error) }));
  }
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`undici proxy listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
