/**
 * Portkey's open-source gateway (the `@portkey-ai/gateway` dev dependency) as shipped, bound to
 * 127.0.0.1: its start script listens on every interface, so the one listen() it makes is
 * pinned to loopback here before the script is loaded. Its streaming path appends headers to the
 * provider's fetch() Response, whose headers Node's fetch makes immutable ("TypeError: immutable",
 * Portkey-AI/gateway#1389 and #1550); the fix proposed there (#1551) re-wraps the Response, and so
 * does the fetch below, for every answer.
 *
 *   node --import tsx bench/servers/portkey.ts --port 0
 *
 * Prints "portkey listening on <url>" once it accepts connections.
 */
import { createRequire } from 'node:module';
import { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

const listen = Server.prototype.listen;
Server.prototype.listen = function (this: Server, ...args: unknown[]) {
  const [port, , callback] = args;
  this.once('listening', () => console.log(`portkey listening on http://127.0.0.1:${(this.address() as AddressInfo).port}`));
  return (listen as (...listenArgs: unknown[]) => Server).call(this, port, '127.0.0.1', callback);
} as typeof Server.prototype.listen;

const nodeFetch = globalThis.fetch;
globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
  const response = await nodeFetch(...args);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers: new Headers(response.headers) });
};

const packageJson = createRequire(import.meta.url).resolve('@portkey-ai/gateway/package.json');
process.argv.push(`--port=${values.port}`, '--headless');
await import(pathToFileURL(join(dirname(packageJson), 'build/start-server.js')).href);
