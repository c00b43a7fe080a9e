/**
 * Tries the attempts in order until one answers 2xx. The next attempt is tried on 429, 401, 400,
 * 408, 5xx and network errors; any other status (403, 404, …) is the answer. When every attempt
 * failed, the most actionable error wins: 401, then 400, then server errors, then 429.
 * With a retry policy, one attempt is retried (429, 5xx, network errors) before the next is tried.
 */
import type { Dispatcher } from 'undici';
import type { ChatCompletion, ChatRequest } from '../contract/chat.js';
import { type ErrorDetail, GatewayError } from '../contract/errors.js';
import { type AttemptLog, cancelledStatus } from '../log/log-record.js';
import { adapterFor } from '../providers/index.js';
import type { AdapterContext, ProviderAdapter, UpstreamRequest, UpstreamResponse } from '../providers/types.js';
import type { Attempt } from '../routing/build-attempts.js';
import { readBody, sendUpstream } from '../upstream/send.js';
import { backoff, isRetryable, type RetryPolicy, retryDelayMs } from './retry-policy.js';
import { abortSignalOf, type CancelSignal } from './client-signal.js';

/**
 * The adapter for one attempt, and whether the provider's bytes are already in the client's
 * format (forwarded as they are, and read only for the log) or must be translated for it.
 */
export interface AttemptAdapter {
  adapter: ProviderAdapter;
  native: boolean;
}

export type AdapterChoice = (attempt: Attempt & { config: NonNullable<Attempt['config']> }) => AttemptAdapter;

/** Chat Completions clients: OpenAI-compatible providers are native, the others translated. */
export const chatAdapterChoice: AdapterChoice = (attempt) => {
  const adapter = adapterFor(attempt.config.format);
  return { adapter, native: adapter.passthrough === true };
};

export interface AttemptSuccess {
  attempt: Attempt;
  adapter: ProviderAdapter;
  /** The provider's bytes are in the client's format: relayed as they are. */
  native: boolean;
  ctx: AdapterContext;
  response: UpstreamResponse;
  /** Upstream URL, for the log (no credentials: keys travel in headers). */
  url: string;
  /**
   * Non-streaming answers are read here, so that a provider failing while it sends the body (or
   * sending one that is not JSON) fails over like any other error. `completion` is the answer as
   * Chat Completions (what the log reads); `nativeText` the provider's own bytes, when native.
   */
  answer?: { completion: ChatCompletion; nativeText?: string };
  /** Time spent waiting on providers (every try, and the waits between retries), in ms. */
  upstreamMs: number;
}

/** Thrown when the client went away while attempts were running. */
export class ClientCancelled extends Error {
  constructor() {
    super('client closed the connection');
    this.name = 'ClientCancelled';
  }
}

const failsOver = (status: number) => status === 0 || status === 429 || status === 401 || status === 400 || status === 408 || status >= 500;

function rank(status: number): number {
  if (status === 401) return 1;
  if (status === 400) return 2;
  if (status === 429) return 4;
  return 3;
}

function finalError(failures: Array<AttemptLog & { type?: string }>, decisive: boolean): GatewayError {
  const details: ErrorDetail[] = failures.map((failure) => ({
    source: failure.source,
    status: failure.status,
    message: failure.error ?? '',
  }));
  // A status that does not fail over is the answer; otherwise the most actionable failure is.
  const chosen = decisive ? failures[failures.length - 1]! : [...failures].sort((a, b) => rank(a.status) - rank(b.status))[0]!;
  // No response at all (network error, provider not configured) is the gateway's 502.
  const status = chosen.status === 0 ? 502 : chosen.status;
  const type = chosen.type ?? (status === 429 ? 'rate_limited' : status >= 500 ? 'provider_error' : 'request_failed');
  const prefix = failures.length > 1 ? `All ${failures.length} attempts failed. ` : '';
  return new GatewayError(status, type, `${prefix}${chosen.source}: ${chosen.error}`, null, details);
}

async function readAnswer({ adapter, native }: AttemptAdapter, ctx: AdapterContext, response: UpstreamResponse): Promise<NonNullable<AttemptSuccess['answer']>> {
  const text = await readBody(response.body);
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the answer is not a JSON object');
  const completion = adapter.passthrough ? (parsed as ChatCompletion) : adapter.convertResponse(parsed, ctx);
  return native ? { completion, nativeText: text } : { completion };
}

type Failure = { status: number; error: string; type?: string; retryAfter?: string | string[] };

/** One try of one attempt: the provider's 2xx (read, when not streaming), or why it failed. */
async function tryOnce(
  attempt: Attempt,
  chosen: AttemptAdapter,
  ctx: AdapterContext,
  upstream: UpstreamRequest,
  signal: CancelSignal,
  pool: Dispatcher,
): Promise<{ response: UpstreamResponse; answer?: AttemptSuccess['answer'] } | Failure> {
  let response: UpstreamResponse;
  try {
    response = await sendUpstream(chosen.adapter, upstream, ctx, signal, pool);
  } catch (error) {
    if (signal.aborted) throw new ClientCancelled();
    // No first byte in time (SWITCHYARD_UPSTREAM_TIMEOUT_MS): a gateway timeout, which fails over.
    if ((error as { code?: unknown }).code === 'UND_ERR_HEADERS_TIMEOUT') {
      return { status: 504, error: `${attempt.provider} did not start answering in time (${(error as Error).message})`, type: 'provider_timeout' };
    }
    return { status: 0, error: `could not reach ${attempt.provider}: ${(error as Error).message}`, type: 'provider_unreachable' };
  }
  if (response.status >= 200 && response.status < 300) {
    if (ctx.stream) return { response };
    try {
      return { response, answer: await readAnswer(chosen, ctx, response) };
    } catch (error) {
      if (signal.aborted) throw new ClientCancelled();
      return { status: 502, error: `${attempt.provider} sent an answer the gateway could not read: ${(error as Error).message}`, type: 'invalid_provider_response' };
    }
  }
  let bodyText = '';
  try {
    bodyText = await readBody(response.body, 1024 * 1024);
  } catch {
    if (signal.aborted) throw new ClientCancelled();
  }
  const providerError = chosen.adapter.readError(response.status, bodyText);
  return { status: response.status, error: providerError.message, type: providerError.type, retryAfter: response.headers['retry-after'] };
}

/**
 * `retry` (Helicone-Retry-Enabled and friends, see retry-policy.ts) repeats one attempt on 429,
 * 5xx and network errors, with backoff, before failing over to the next; every try is logged.
 */
export async function runAttempts(
  attempts: readonly Attempt[],
  request: ChatRequest,
  stream: boolean,
  signal: CancelSignal,
  log: AttemptLog[],
  pool: Dispatcher,
  retry?: RetryPolicy,
  adapterChoice: AdapterChoice = chatAdapterChoice,
): Promise<AttemptSuccess> {
  const failures: Array<AttemptLog & { type?: string }> = [];
  let decisive = false;
  let upstreamMs = 0;
  const refusals: GatewayError[] = [];
  for (const attempt of attempts) {
    let startedAt = performance.now();
    const fail = (status: number, error: string, type?: string): boolean => {
      const entry = { source: attempt.source, provider: attempt.provider, status, error, durationMs: Math.round(performance.now() - startedAt) };
      log.push(entry);
      failures.push({ ...entry, type });
      return failsOver(status);
    };
    if (!attempt.config) {
      // A provider without a key is the request's (or the operator's) to fix: a 400 that fails over.
      fail(400, attempt.unavailable ?? 'provider is not configured', 'provider_not_configured');
      continue;
    }
    const ctx: AdapterContext = { provider: attempt.config, model: attempt.providerModel, request, stream };
    let chosen: AttemptAdapter;
    let upstream: UpstreamRequest;
    try {
      chosen = adapterChoice({ ...attempt, config: attempt.config });
      upstream = chosen.adapter.buildRequest(ctx);
    } catch (error) {
      // The request cannot be expressed for this provider (a field only another one takes): the
      // next attempt may take it; if none does, this is the client's 400.
      const refused =
        error instanceof GatewayError ? error : new GatewayError(400, 'invalid_request_error', `The request cannot be sent to ${attempt.provider}: ${(error as Error).message}`);
      refusals.push(refused);
      fail(refused.status, refused.message, refused.type);
      continue;
    }
    const { adapter } = chosen;
    let failedOver = true;
    for (let tries = 0; ; tries++) {
      const sentAt = performance.now();
      let outcome: Awaited<ReturnType<typeof tryOnce>>;
      try {
        outcome = await tryOnce(attempt, chosen, ctx, upstream, signal, pool);
      } catch (error) {
        // The client left while this try was with the provider: it is still one of the request's tries.
        if (error instanceof ClientCancelled) {
          log.push({ source: attempt.source, provider: attempt.provider, status: cancelledStatus, error: error.message, durationMs: Math.round(performance.now() - startedAt) });
        }
        throw error;
      }
      upstreamMs += performance.now() - sentAt;
      if ('response' in outcome) {
        log.push({ source: attempt.source, provider: attempt.provider, status: outcome.response.status, durationMs: Math.round(performance.now() - startedAt) });
        return { attempt, adapter, native: chosen.native, ctx, response: outcome.response, url: upstream.url, answer: outcome.answer, upstreamMs };
      }
      failedOver = fail(outcome.status, outcome.error, outcome.type);
      if (!retry || tries >= retry.retries || !isRetryable(outcome.status)) break;
      const waitFrom = performance.now();
      try {
        await backoff(retryDelayMs(retry, tries, outcome.retryAfter), abortSignalOf(signal));
      } catch (error) {
        if (signal.aborted) throw new ClientCancelled();
        throw error;
      }
      upstreamMs += performance.now() - waitFrom;
      startedAt = performance.now();
    }
    if (!failedOver) {
      decisive = true;
      break;
    }
  }
  // Refused by every attempt, without a call: the first refusal as it was (it names the field).
  if (refusals.length === failures.length && refusals[0]) throw refusals[0];
  throw finalError(failures, decisive);
}
