/**
 * One HTTP call: the per-call timeout combined with the caller's signal, failures turned into
 * GatewayClientError (status 0 when nothing answered), and answers read as JSON, with Helicone's
 * `{data, error}` envelope unwrapped.
 */
import { GatewayClientError, serverMessage } from './errors.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT';

export interface HttpCall {
  method: HttpMethod;
  /** The absolute URL. */
  url: string;
  /** The path shown in error messages (no query string: signed URLs keep their signature out of logs). */
  path: string;
  headers: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs: number;
}

/** An answer whose status was 2xx, with what is needed to report a failure while reading it. */
export interface OpenResponse {
  response: Response;
  call: HttpCall;
  timeout: Deadline;
}

/** The URL without its query string, for messages. */
export function displayUrl(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/**
 * Turns a failure of fetch or of reading its body into the error to throw: the caller's own
 * abort is rethrown as is; a timeout or a network failure becomes a GatewayClientError with
 * status 0 that names the URL.
 */
export function transportError(error: unknown, call: HttpCall, timeout: Deadline, whileReading = false): unknown {
  if (call.signal?.aborted) return call.signal.reason ?? error;
  const where = displayUrl(call.url);
  if (timeout.signal.aborted) {
    const what = whileReading ? `nothing more from ${where} for ${call.timeoutMs} ms` : `no answer from ${where} within ${call.timeoutMs} ms`;
    return new GatewayClientError({ method: call.method, path: call.path, status: 0, message: what, cause: error });
  }
  const cause = (error as { cause?: { message?: unknown; code?: unknown } })?.cause;
  const detail = typeof cause?.message === 'string' && cause.message ? cause.message : error instanceof Error ? error.message : String(error);
  const message = whileReading ? `the connection to ${where} was lost while reading the answer (${detail})` : `could not reach ${where} (${detail})`;
  return new GatewayClientError({ method: call.method, path: call.path, status: 0, message, cause: error });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The call's time limit: first for the answer to begin, then, restarted at every piece read, for
 * the next piece; so a long stream that keeps delivering is never cut, a stalled one is.
 */
export class Deadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout;

  constructor(private readonly ms: number) {
    this.timer = this.start();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  private start(): NodeJS.Timeout {
    const timer = setTimeout(() => this.controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), this.ms);
    timer.unref();
    return timer;
  }

  restart(): void {
    if (this.controller.signal.aborted) return;
    clearTimeout(this.timer);
    this.timer = this.start();
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}

export class HttpClient {
  constructor(private readonly fetchImpl: typeof fetch) {}

  /** Sends the call; a non-2xx answer is read and thrown as a GatewayClientError with the server's message. */
  async open(call: HttpCall): Promise<OpenResponse> {
    const timeout = new Deadline(call.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout.signal]) : timeout.signal;
    let response: Response;
    try {
      response = await this.fetchImpl(call.url, {
        method: call.method,
        headers: call.headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
      });
    } catch (error) {
      throw transportError(error, call, timeout);
    }
    const open = { response, call, timeout };
    if (!response.ok) {
      const text = await this.text(open);
      const body = parseJson(text);
      throw new GatewayClientError({
        method: call.method,
        path: call.path,
        status: response.status,
        message: serverMessage(body, text, response.statusText),
        body: body === undefined ? text : body,
        requestId: response.headers.get('helicone-id'),
      });
    }
    return open;
  }

  async text({ response, call, timeout }: OpenResponse): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw transportError(error, call, timeout, true);
    }
  }

  /** The answer as JSON (an empty answer reads as null). */
  async json(open: OpenResponse): Promise<unknown> {
    const text = await this.text(open);
    if (text.trim() === '') return null;
    const body = parseJson(text);
    if (body === undefined) {
      throw new GatewayClientError({
        method: open.call.method,
        path: open.call.path,
        status: open.response.status,
        message: `expected JSON, got: ${serverMessage(undefined, text, '')}`,
        body: text,
      });
    }
    return body;
  }

  /** Sends the call and returns the JSON answer. */
  async call(call: HttpCall): Promise<unknown> {
    return this.json(await this.open(call));
  }

  /**
   * Sends the call and unwraps Helicone's envelope: `data` of `{data, error: null}`; a non-null
   * `error` is thrown. An answer that is not an envelope is returned as it is.
   */
  async envelope<T>(call: HttpCall): Promise<T> {
    const open = await this.open(call);
    const body = await this.json(open);
    return unwrapEnvelope<T>(body, call, open.response.status);
  }
}

export function unwrapEnvelope<T>(body: unknown, call: Pick<HttpCall, 'method' | 'path'>, status: number): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body as T;
  const envelope = body as { data?: unknown; error?: unknown };
  if (envelope.error !== undefined && envelope.error !== null) {
    throw new GatewayClientError({ method: call.method, path: call.path, status, message: serverMessage(body, '', ''), body });
  }
  return ('data' in envelope ? envelope.data : body) as T;
}
