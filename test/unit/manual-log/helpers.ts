/** Shared bits for the manual-log tests. */
import { expect } from 'vitest';
import { GatewayError } from '../../../gateway/src/contract/errors.js';
import { fixtureChunks } from '../../helpers/fixtures.js';

/** Runs `fn`, expecting a 400 GatewayError whose `param` is `param`; returns it. */
export function expectBadRequest(fn: () => unknown, param: string): GatewayError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a GatewayError naming ${param}`).toBeInstanceOf(GatewayError);
  const error = caught as GatewayError;
  expect(error.status).toBe(400);
  expect(error.param).toBe(param);
  expect(error.message).toContain(param);
  return error;
}

/** A `.chunks.txt` fixture as SSE text: each payload as `data: <line>\n\n`. */
export function sseText(fixture: string, options: { named?: boolean; done?: boolean } = {}): string {
  const events = fixtureChunks(fixture).map((line) => {
    const name = options.named ? (JSON.parse(line) as { type?: string }).type : undefined;
    return `${name ? `event: ${name}\n` : ''}data: ${line}\n\n`;
  });
  return events.join('') + (options.done ? 'data: [DONE]\n\n' : '');
}

/** A `.chunks.txt` fixture as one JSON value per line, as HeliconeLogBuilder records streams. */
export function ndjsonText(fixture: string): string {
  return fixtureChunks(fixture)
    .map((line) => `${JSON.stringify(JSON.parse(line))}\n`)
    .join('');
}

/** A minimal valid payload, with parts replaced. */
export function payload(overrides: { request?: Record<string, unknown>; response?: Record<string, unknown>; timing?: unknown; [key: string]: unknown } = {}) {
  const { request, response, ...rest } = overrides;
  return {
    providerRequest: { url: 'custom-model-nopath', json: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }, meta: {}, ...request },
    providerResponse: { headers: {}, status: 200, json: {}, ...response },
    ...rest,
  };
}
