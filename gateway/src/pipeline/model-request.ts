/**
 * A model call, top to bottom: authenticate, read and validate, assign the request id, build the
 * attempts, run them, answer (JSON or stream), then log. Every request that passed
 * authentication leaves exactly one log record, whatever happened to it. The client's API
 * (Chat Completions, Responses, Messages) is a ClientDialect; everything else is shared.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerFromCache, cacheMissHeaders, cachePolicyOf, openRequestCache, saveMiss } from '../cache/request-cache.js';
import { GatewayError } from '../contract/errors.js';
import { HeaderError, heliconeHeaders, parseHeliconeHeaders } from '../contract/helicone-headers.js';
import { cancelledStatus } from '../log/log-record.js';
import { newRequestId } from '../log/request-id.js';
import { type Attempt, attemptsFor } from '../routing/build-attempts.js';
import { ModelStringError } from '../routing/parse-model-string.js';
import { targetUrlAttempt } from '../routing/target-url.js';
import type { Gateway } from '../server/gateway.js';
import type { Handler, RouteContext } from '../server/router.js';
import { chatDialect } from './chat-dialect.js';
import type { ClientDialect } from './client-dialect.js';
import { authenticate } from './authenticate.js';
import { parseJsonBody, readRequestBody } from './read-request-body.js';
import { relayStream } from './relay-stream.js';
import { type Outcome, RequestLog } from './request-log.js';
import { rateLimitHeadersOf, rateLimitStage, settleRateLimit } from '../rate-limit/limiter.js';
import { parseRetryPolicy } from './retry-policy.js';
import { ClientCancelled, runAttempts } from './run-attempts.js';
import { ClientSignal } from './client-signal.js';
import { sendJson } from '../server/respond.js';
import { applyContextLimit, tokenLimitAppliedProperty } from '../context-limit/context-limit.js';
import { runGuards } from '../guards/guards.js';

export function modelRequestHandler(dialect: ClientDialect): Handler {
  return (context) => handleModelRequest(dialect, context);
}

async function handleModelRequest(dialect: ClientDialect, { req, res, gateway, path }: RouteContext): Promise<void> {
  const signal = new ClientSignal();
  const onClose = () => {
    if (!res.writableFinished) signal.abort();
  };
  res.on('close', onClose);
  try {
    // Back-pressure: while the log queue is full, new requests wait for the writer.
    const room = gateway.logQueue.waitForRoom();
    if (room) await room;
    if (signal.aborted) return; // gone before it was served: nothing to answer or log

    const auth = await authenticate(req, gateway.keys, dialect.apiKeyHeader);
    const log = new RequestLog(path);
    log.gatewayKeyId = auth.keyId ?? null;
    log.requestId = newRequestId();
    let outcome: Outcome;
    try {
      outcome = await serve(dialect, req, res, gateway, log, signal, auth.clientAuthorization);
    } catch (error) {
      outcome = failure(dialect, error, res, log, signal);
    } finally {
      gateway.inFlightIds.delete(log.requestId);
    }
    const record = recordOf(log, outcome);
    gateway.logQueue.enqueue(record);
    // After the answer, and only queued here: PostHog never delays the request.
    if (log.headers?.posthog) gateway.exports.posthog.capture(record, log.headers.posthog);
    await settleRateLimit(gateway, log, record.costUsd); // u=cents: deduct the actual cost
  } finally {
    res.off('close', onClose);
  }
}

/** The log record; if reading the answer for it fails, the record keeps what is certain. */
function recordOf(log: RequestLog, outcome: Outcome) {
  try {
    return log.toRecord(outcome);
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', msg: 'could not read the answer for the log', requestId: log.requestId, error: String(error) }));
    return log.toRecord({ status: outcome.status, errorMessage: outcome.errorMessage ?? null, responseText: outcome.responseText ?? null });
  }
}

async function serve(
  dialect: ClientDialect,
  req: IncomingMessage,
  res: ServerResponse,
  gateway: Gateway,
  log: RequestLog,
  signal: ClientSignal,
  clientAuthorization: string | undefined,
): Promise<Outcome> {
  log.headers = parseHeliconeHeaders(req.headersDistinct, req.rawHeaders);
  const headers = log.headers;
  if (headers.requestId) {
    await claimRequestId(gateway, headers.requestId);
    log.requestId = headers.requestId;
    gateway.inFlightIds.add(log.requestId);
  }

  const text = await readRequestBody(req, gateway.config.maxBodyBytes);
  log.requestText = text;
  const body = parseJsonBody(text);
  if (body && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string') {
    log.requestModel = (body as { model: string }).model;
  }
  // Helicone-Token-Limit-Exception-Handler: may shorten messages or pick the fallback model.
  const fitted = applyContextLimit(await dialect.toChatRequest(body, gateway, log), req.headersDistinct);
  if (fitted.applied) headers.properties[tokenLimitAppliedProperty] = fitted.applied;
  const request = fitted.request;
  const stream = request.stream === true;
  log.stream = stream;
  // Helicone-Moderations-Enabled / Helicone-LLM-Security-Enabled: 400 when the prompt is blocked; no-op without them.
  await runGuards(req.headersDistinct, request, { providers: gateway.providers, pool: gateway.upstreamPool, env: gateway.config.env, requestId: log.requestId, signal });

  const attempts: readonly Attempt[] = headers.targetUrl
    ? [targetUrlAttempt(headers.targetUrl, request.model, log.path, gateway.config.targetUrlAllowlist, clientAuthorization)]
    : attemptsFor(request.model, gateway.providers);

  // Helicone-Retry-*: checked before the rate limit, so a bad header costs no quota.
  const retry = parseRetryPolicy(req.headersDistinct);
  // Helicone-Cache-*: null without the headers; 400 on a bad bucket size.
  const cachePolicy = cachePolicyOf(req.headersDistinct);
  // Helicone-RateLimit-Policy: 400 when bad, 429 when the bucket is exhausted; no-op without it.
  const limitHeaders = await rateLimitStage(gateway, req, log);
  // Keyed on the request as sent on (a managed prompt expanded), so a new prompt version is a miss.
  // A stream is cached as the completion it assembles to, and replayed as a stream.
  const decode = stream ? chatDialect.decodeAnswer : dialect.decodeAnswer;
  const cache = cachePolicy && (await openRequestCache(gateway.cache, cachePolicy, log.path, log.requestText ?? text, log.requestId, decode));
  if (cache?.hit) {
    const hitHeaders = { ...limitHeaders, [heliconeHeaders.id]: log.requestId, 'server-timing': log.serverTiming(0) };
    return answerFromCache({ ...cache, hit: cache.hit }, res, log, attempts[0], hitHeaders, stream ? dialect.createStreamEncoder(request) : undefined);
  }
  const success = await runAttempts(attempts, request, stream, signal, log.attempts, gateway.upstreamPool, retry, dialect.adapterChoice(body, req.headersDistinct, request));
  log.provider = success.attempt.provider;
  log.targetUrl = success.url;
  log.answeredModel = success.attempt.model;
  const responseHeaders = { ...limitHeaders, [heliconeHeaders.id]: log.requestId, ...(cache ? cacheMissHeaders : {}) };

  if (stream) {
    const encoder = dialect.createStreamEncoder(request);
    const outcome = await relayStream(success, encoder, res, log, signal, { ...responseHeaders, 'server-timing': log.serverTiming(success.upstreamMs) });
    if (cache && outcome.status === 200 && outcome.completion) await saveMiss(cache, JSON.stringify(outcome.completion), log.requestId);
    return outcome;
  }
  const { nativeText, completion } = success.answer!;
  const responseText = nativeText ?? dialect.encodeCompletion(completion, request);
  sendJson(res, 200, responseText, { ...responseHeaders, 'server-timing': log.serverTiming(success.upstreamMs) });
  if (cache) await saveMiss(cache, responseText, log.requestId); // after the answer: the client need not wait for it
  return { status: 200, completion, responseText };
}

async function claimRequestId(gateway: Gateway, requestId: string): Promise<void> {
  if (gateway.inFlightIds.has(requestId) || gateway.logQueue.hasPending(requestId) || (await gateway.store.hasRequest(requestId))) {
    throw new GatewayError(
      409,
      'duplicate_request_id',
      `Helicone-Request-Id ${requestId} was already used; send a new UUID for each request`,
      'Helicone-Request-Id',
    );
  }
}

/** Answers an error (if the client is still there) and says what to log. */
function failure(dialect: ClientDialect, error: unknown, res: ServerResponse, log: RequestLog, signal: ClientSignal): Outcome {
  if (error instanceof ClientCancelled || signal.aborted) {
    return { status: cancelledStatus, errorMessage: 'client closed the connection before the answer' };
  }
  let gatewayError: GatewayError;
  if (error instanceof GatewayError) gatewayError = error;
  else if (error instanceof HeaderError) gatewayError = new GatewayError(400, 'invalid_header', error.message, error.header);
  else if (error instanceof ModelStringError) gatewayError = new GatewayError(400, 'invalid_model', error.message, 'model');
  else {
    gatewayError = new GatewayError(500, 'internal_error', 'The gateway failed to handle this request; it has been logged');
    console.error(JSON.stringify({ level: 'error', msg: `unhandled error in a ${dialect.name} request`, requestId: log.requestId, error: String((error as Error)?.stack ?? error) }));
  }
  const body = dialect.errorBody(gatewayError);
  if (!res.headersSent) sendJson(res, gatewayError.status, body, { ...rateLimitHeadersOf(log), [heliconeHeaders.id]: log.requestId });
  else if (!res.writableEnded) res.end(); // a stream ended without its final event reads as failed
  return { status: gatewayError.status, errorMessage: gatewayError.message, responseText: JSON.stringify(body) };
}
