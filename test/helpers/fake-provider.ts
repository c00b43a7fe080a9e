/**
 * A local server that speaks OpenAI's (Chat Completions and Responses), Azure's, Anthropic's and
 * Gemini's wire formats, answering with the captured fixtures (or with what a test scripts), and
 * recording every request it gets.
 * Streams are written one event at a time, so a test can see chunks arrive one by one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fixtureChunks, fixtureJson } from './fixtures.js';

export type Route = 'openai' | 'azure' | 'anthropic' | 'gemini' | 'moderation' | 'responses';

export interface Reply {
  status?: number;
  /** A JSON body (non-streaming answer or error). */
  json?: unknown;
  /** Stream events: data payloads, or {event, data} for named events (Anthropic). */
  events?: Array<string | { event: string; data: string }>;
  /** Appends "data: [DONE]" after the events (OpenAI-style streams). */
  done?: boolean;
  delayMs?: number;
  eventDelayMs?: number;
  /** Destroys the connection after this many events: a provider failing mid-stream. */
  cutAfter?: number;
  /** Waits for this promise after the first event, so a test can look at what arrived so far. */
  holdAfterFirst?: Promise<void>;
  /** Sends the first half of the JSON body, then drops the connection. */
  cutBody?: boolean;
  /** How long a cut (cutAfter, cutBody) waits before dropping the connection: a stall, then the cut. Default 50 ms. */
  stallMs?: number;
  /** Sends this text as the body, as it is (e.g. something that is not JSON). */
  rawBody?: string;
  /** Drops the connection (TCP reset) before sending any status or header. */
  resetBeforeHeaders?: boolean;
  /** Never answers: holds the request until the gateway gives up on it and closes the connection. */
  stall?: boolean;
}

export interface RecordedRequest {
  route: Route;
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

function routeOf(url: string): Route | undefined {
  if (url.startsWith('/openai/deployments/')) return 'azure';
  if (url.startsWith('/v1/chat/completions')) return 'openai';
  if (url.startsWith('/v1/responses')) return 'responses';
  if (url.startsWith('/v1/messages')) return 'anthropic';
  if (url.startsWith('/v1/moderations')) return 'moderation';
  if (url.startsWith('/v1beta/models/')) return 'gemini';
  return undefined;
}

function defaultReply(route: Route, stream: boolean): Reply {
  switch (route) {
    case 'openai':
    case 'azure':
      return stream ? { events: fixtureChunks('openai-chat/azure-model-router.1.chunks.txt'), done: true } : { json: fixtureJson('openai-chat/openai-text.json') };
    case 'anthropic':
      return stream ? { events: anthropicEvents('anthropic/anthropic-text.chunks.txt') } : { json: fixtureJson('anthropic/anthropic-text.json') };
    case 'gemini':
      return stream ? { events: fixtureChunks('google/google-text.chunks.txt') } : { json: fixtureJson('google/google-text.json') };
    case 'responses':
      return stream ? { events: namedEvents('openai-responses/issue-20047-openai-responses.chunks.txt') } : { json: fixtureJson('openai-responses/issue-20047-openai-responses.json') };
    case 'moderation':
      return { json: { id: 'modr-fake-0001', model: 'omni-moderation-latest', results: [{ flagged: false, categories: {}, category_scores: {} }] } };
  }
}

/** Anthropic names each event; the name is the payload's `type`. */
export function anthropicEvents(path: string): Array<{ event: string; data: string }> {
  return namedEvents(path);
}

/** Events named by their payload's `type`, as Anthropic and OpenAI's Responses API send them. */
export function namedEvents(path: string): Array<{ event: string; data: string }> {
  return fixtureChunks(path).map((data) => ({ event: (JSON.parse(data) as { type: string }).type, data }));
}

export class FakeProvider {
  readonly requests: RecordedRequest[] = [];
  /** Requests whose client went away before the answer was complete. */
  aborted = 0;
  private readonly queues = new Map<Route, Reply[]>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeProvider> {
    let fake: FakeProvider | undefined;
    const server = createServer((req, res) => void fake!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeProvider(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** The next request on this route gets this reply (replies queue up; then the fixtures again). */
  enqueue(route: Route, ...replies: Reply[]): void {
    this.queues.set(route, [...(this.queues.get(route) ?? []), ...replies]);
  }

  last(route?: Route): RecordedRequest {
    const matching = route ? this.requests.filter((request) => request.route === route) : this.requests;
    const request = matching[matching.length - 1];
    if (!request) throw new Error(`no request recorded${route ? ` on ${route}` : ''}`);
    return request;
  }

  reset(): void {
    this.requests.length = 0;
    this.queues.clear();
    this.aborted = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const route = routeOf(req.url ?? '');
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"no such route"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    this.requests.push({ route, method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const stream = body.stream === true || (req.url ?? '').includes(':streamGenerateContent');
    const reply = this.queues.get(route)?.shift() ?? defaultReply(route, stream);
    res.on('close', () => {
      if (!res.writableFinished) this.aborted++;
    });
    try {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (reply.stall) {
        if (!res.destroyed) await once(res, 'close');
        return;
      }
      if (reply.resetBeforeHeaders) {
        req.socket.resetAndDestroy();
        return;
      }
      if (reply.rawBody !== undefined) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(reply.rawBody);
        return;
      }
      if (reply.cutBody) {
        const text = JSON.stringify(reply.json ?? {});
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': text.length });
        res.write(text.slice(0, text.length / 2));
        await sleep(reply.stallMs ?? 50);
        res.destroy();
        return;
      }
      if (!reply.events) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.json ?? {}));
        return;
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'text/event-stream' });
      for (const [index, event] of reply.events.entries()) {
        if (res.destroyed) return;
        if (reply.cutAfter !== undefined && index >= reply.cutAfter) {
          // Let what was written reach the gateway first, then drop the connection.
          await sleep(reply.stallMs ?? 50);
          res.destroy();
          return;
        }
        if (index === 1 && reply.holdAfterFirst) await reply.holdAfterFirst;
        if (index > 0 && reply.eventDelayMs) await sleep(reply.eventDelayMs);
        res.write(typeof event === 'string' ? `data: ${event}\n\n` : `event: ${event.event}\ndata: ${event.data}\n\n`);
      }
      res.end(reply.done ? 'data: [DONE]\n\n' : undefined);
    } catch {
      res.destroy();
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
