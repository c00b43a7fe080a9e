import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../contract/errors.js';
import { BodyTooLarge, collectBytes } from '../upstream/collect-bytes.js';

/** Reads the raw body, refusing more than `limitBytes` with a 413 before reading it all. */
export async function readRequestBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  const declared = Number(req.headersDistinct['content-length']?.[0]);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const buffered = takeArrivedBody(req, declared);
  if (buffered) return buffered.toString('utf8');
  try {
    return (await collectBytes(req, limitBytes, 'drain')).toString('utf8');
  } catch (error) {
    if (error instanceof BodyTooLarge) throw tooLarge(limitBytes);
    throw error;
  }
}

/**
 * A body that arrived with its headers (most do, in one packet) already sits parsed in the
 * stream's buffer when the handler reads it; taking it there saves waiting event loop turns for
 * 'data' and 'end' on every request. Only for a declared length that is all there; `resume()`
 * then lets the stream end by itself. Null when the body must be read as it comes.
 */
function takeArrivedBody(req: IncomingMessage, declared: number): Buffer | null {
  if (!(declared > 0) || req.readableLength < declared || req.readableFlowing || req.destroyed) return null;
  const parts: Buffer[] = [];
  for (let part = req.read() as Buffer | null; part !== null; part = req.read() as Buffer | null) parts.push(part);
  req.resume();
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError(
    413,
    'request_too_large',
    `Request body is larger than ${limitBytes} bytes; raise SWITCHYARD_MAX_BODY_BYTES if this is intended`,
  );
}

/** Parses JSON, answering 400 with the parser's reason. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new GatewayError(400, 'invalid_request_error', 'Request body is empty; send a JSON object');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new GatewayError(400, 'invalid_json', `Request body is not valid JSON: ${(error as Error).message}`);
  }
}
