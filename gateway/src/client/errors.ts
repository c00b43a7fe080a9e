/**
 * The one error the client throws for a failed call: the HTTP status (0 when the server could
 * not be reached or did not answer in time), the parsed body, and the path, with the server's
 * own message after "<METHOD> <path> failed with <status>: ".
 */

export interface GatewayClientErrorInit {
  method: string;
  path: string;
  status: number;
  /** The server's message (or what went wrong on the way). */
  message: string;
  body?: unknown;
  cause?: unknown;
  /** The id the gateway logged the failed request under (its Helicone-Id header), if any. */
  requestId?: string | null;
}

export class GatewayClientError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly path: string;
  readonly method: string;
  readonly requestId: string | null;

  constructor(init: GatewayClientErrorInit) {
    const prefix = `${init.method} ${init.path} failed with ${init.status}: `;
    super(init.message.startsWith(prefix) ? init.message : prefix + init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GatewayClientError';
    this.status = init.status;
    this.body = init.body ?? null;
    this.path = init.path;
    this.method = init.method;
    this.requestId = init.requestId ?? null;
  }
}

const maxTextLength = 1000;

/**
 * The message in an error answer: OpenAI's `{error: {message}}`, Helicone's envelope
 * `{data: null, error: "…"}`, a bare `{message}`, or the text itself (shortened).
 */
export function serverMessage(body: unknown, text: string, statusText: string): string {
  if (body && typeof body === 'object') {
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (typeof error === 'string' && error) return error;
    if (error && typeof error === 'object') {
      const nested = (error as { message?: unknown }).message;
      if (typeof nested === 'string' && nested) return nested;
    }
    if (typeof message === 'string' && message) return message;
  }
  const trimmed = text.trim();
  if (trimmed) return trimmed.length > maxTextLength ? `${trimmed.slice(0, maxTextLength)}…` : trimmed;
  return statusText || 'no message';
}
