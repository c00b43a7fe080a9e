/**
 * POST /v1/chat/completions, top to bottom: authenticate, read and validate, assign the request
 * id, build the attempts, run them, answer (JSON or stream), then log. Every request that passed
 * authentication leaves exactly one log record, whatever happened to it.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCompletion } from '../contract/chat.js';
import { GatewayError } from '../contract/errors.js';
import { HeaderError, heliconeHeaders, parseHeliconeHeaders } from '../contract/helicone-headers.js';
import { cancelledStatus } from '../log/log-record.js';
import { type Attempt, buildAttempts } from '../routing/build-attempts.js';
import { ModelStringError, parseModelString } from '../routing/parse-model-string.js';
import { targetUrlAttempt } from '../routing/target-url.js';
import { readBody } from '../upstream/send.js';
import type { Gateway } from '../server/gateway.js';
import { authenticate } from './authenticate.js';
import { parseJsonBody, readRequestBody } from './read-request-body.js';
import { relayStream } from './relay-stream.js';
import { type Outcome, RequestLog } from './request-log.js';
import { ClientCancelled, runAttempts } from './run-attempts.js';
import { sendError, sendJson } from '../server/respond.js';
import { validateChatRequest } from './validate-chat-request.js';

export async function handleChatCompletions(req: IncomingMessage, res: ServerResponse, gateway: Gateway, path: string): Promise<void> {
  // Back-pressure: while the log queue is full, new requests wait for the writer.
  const room = gateway.logQueue.waitForRoom();
  if (room) await room;

  const auth = authenticate(req, gateway.keys);
  const log = new RequestLog(path);
  log.gatewayKeyId = auth.keyId ?? null;
  log.requestId = randomUUID();

  const abort = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) abort.abort();
  };
  res.on('close', onClose);

  let outcome: Outcome;
  try {
    outcome = await serve(req, res, gateway, log, abort.signal, auth.clientAuthorization);
  } catch (error) {
    outcome = failure(error, res, log, abort.signal);
  } finally {
    res.off('close', onClose);
  }
  gateway.logQueue.enqueue(log.toRecord(outcome));
  gateway.inFlightIds.delete(log.requestId);
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  gateway: Gateway,
  log: RequestLog,
  signal: AbortSignal,
  clientAuthorization: string | undefined,
): Promise<Outcome> {
  log.headers = parseHeliconeHeaders(req.headers, req.rawHeaders);
  const headers = log.headers;
  if (headers.requestId) await claimRequestId(gateway, headers.requestId);
  log.requestId = headers.requestId ?? log.requestId;
  gateway.inFlightIds.add(log.requestId);

  const text = await readRequestBody(req, gateway.config.maxBodyBytes);
  log.requestText = text;
  const body = parseJsonBody(text);
  if (body && typeof body === 'object' && typeof (body as { model?: unknown }).model === 'string') {
    log.requestModel = (body as { model: string }).model;
  }
  const request = validateChatRequest(body);
  const stream = request.stream === true;
  log.stream = stream;

  let attempts: Attempt[];
  if (headers.targetUrl) {
    attempts = [targetUrlAttempt(headers.targetUrl, request.model, path(req), gateway.config.targetUrlAllowlist, clientAuthorization)];
  } else {
    attempts = buildAttempts(parseModelString(request.model), gateway.providers);
  }

  const success = await runAttempts(attempts, request, stream, signal, log.attempts, gateway.upstreamPool);
  log.provider = success.attempt.provider;
  log.targetUrl = success.url;
  const responseHeaders = { [heliconeHeaders.id]: log.requestId };

  if (stream) return relayStream(success, res, log, signal, responseHeaders);

  const upstreamText = await readBody(success.response.body);
  if (success.adapter.passthrough) {
    // Forward the provider's bytes as they are; parse them for the log once the client has them.
    sendJson(res, 200, upstreamText, responseHeaders);
    return { status: 200, completion: parseCompletion(upstreamText), responseText: upstreamText };
  }
  let completion: ChatCompletion;
  try {
    completion = success.adapter.convertResponse(JSON.parse(upstreamText), success.ctx);
  } catch (error) {
    throw new GatewayError(502, 'invalid_provider_response', `${success.attempt.provider} returned a response the gateway could not read: ${(error as Error).message}`);
  }
  sendJson(res, 200, JSON.stringify(completion), responseHeaders);
  return { status: 200, completion };
}

function path(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0]!;
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

function parseCompletion(text: string): ChatCompletion | null {
  try {
    return JSON.parse(text) as ChatCompletion;
  } catch {
    return null;
  }
}

/** Answers an error (if the client is still there) and says what to log. */
function failure(error: unknown, res: ServerResponse, log: RequestLog, signal: AbortSignal): Outcome {
  if (error instanceof ClientCancelled || signal.aborted) {
    return { status: cancelledStatus, errorMessage: 'client closed the connection before the answer' };
  }
  let gatewayError: GatewayError;
  if (error instanceof GatewayError) gatewayError = error;
  else if (error instanceof HeaderError) gatewayError = new GatewayError(400, 'invalid_header', error.message, error.header);
  else if (error instanceof ModelStringError) gatewayError = new GatewayError(400, 'invalid_model', error.message, 'model');
  else {
    gatewayError = new GatewayError(500, 'internal_error', 'The gateway failed to handle this request; it has been logged');
    console.error(JSON.stringify({ level: 'error', msg: 'unhandled error in chat completions', requestId: log.requestId, error: String((error as Error)?.stack ?? error) }));
  }
  const body = JSON.stringify(gatewayError.toBody());
  sendError(res, gatewayError, { [heliconeHeaders.id]: log.requestId });
  return { status: gatewayError.status, errorMessage: gatewayError.message, responseText: body };
}
