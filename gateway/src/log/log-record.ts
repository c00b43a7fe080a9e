import type { TokenUsage } from '../contract/usage.js';

/** One call to one provider, in the order tried. */
export interface AttemptLog {
  source: string;
  provider: string;
  /** HTTP status from the provider; 0 when no response came (network error, not configured), -3 when the client left while waiting. */
  status: number;
  error?: string;
  durationMs: number;
}

/** Status logged for a request whose client went away before the answer was complete. */
export const cancelledStatus = -3;

/** Everything the gateway logs about one request: one row of the store. */
export interface LogRecord {
  requestId: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** Epoch milliseconds when the response ended (or failed). */
  responseCreatedAt: number;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** HTTP status returned to the client; -3 when the client cancelled. */
  status: number;
  errorMessage: string | null;
  provider: string | null;
  path: string;
  targetUrl: string | null;
  requestModel: string | null;
  responseModel: string | null;
  /** The provider's id for its answer (chatcmpl-…, msg_…), when it gave one. */
  responseId: string | null;
  modelOverride: string | null;
  stream: boolean;
  usage: TokenUsage | null;
  /** USD; null when the model's price is unknown. */
  costUsd: number | null;
  userId: string | null;
  sessionId: string | null;
  sessionPath: string | null;
  sessionName: string | null;
  properties: Record<string, string>;
  /** JSON text, or null when omitted. */
  requestBody: string | null;
  responseBody: string | null;
  attempts: AttemptLog[];
  /** Id of the gateway key that made the request, when keys are configured. */
  gatewayKeyId: string | null;
  /** Served from the response cache (Helicone-Cache: HIT); costUsd is then 0. */
  cacheHit?: boolean;
  /** For a cache hit: what the answer would have cost from the provider (USD); else null. */
  costSavedUsd?: number | null;
  /** The managed prompt the request was expanded from (`prompt_id`), else null. */
  promptId?: string | null;
  /** The id of that prompt's version. */
  promptVersion?: string | null;
  /** The inputs the prompt was compiled with. */
  promptInputs?: Record<string, unknown> | null;
}
