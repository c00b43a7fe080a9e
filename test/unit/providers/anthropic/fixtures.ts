/** Shared helpers for the Anthropic adapter tests: fixture loading and adapter contexts. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionChunk, ChatRequest } from '../../../../gateway/src/contract/chat.js';
import type { AdapterContext, ProviderConfig, SseEvent } from '../../../../gateway/src/providers/types.js';
import { createStreamConverter } from '../../../../gateway/src/providers/anthropic/convert-stream.js';

export const FIXTURE_DIR = join(import.meta.dirname, '../../../fixtures/providers/anthropic');

export const provider: ProviderConfig = {
  name: 'anthropic',
  format: 'anthropic',
  baseUrl: 'https://api.anthropic.com/v1',
  apiKey: 'sk-ant-test',
};

export function makeCtx(request: Partial<ChatRequest> = {}, stream = false): AdapterContext {
  return {
    provider,
    model: 'claude-sonnet-4-5',
    request: { model: 'claude-sonnet-4-5/anthropic', messages: [{ role: 'user', content: 'Hi' }], ...request },
    stream,
  };
}

export function loadJson(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, name), 'utf8'));
}

export function chunkFixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => name.endsWith('.chunks.txt'))
    .sort();
}

/** One SSE event per non-empty line, with the event name Anthropic sends beside the data. */
export function loadEvents(name: string): SseEvent[] {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((data) => ({ event: (JSON.parse(data) as { type: string }).type, data }));
}

/** Runs a whole event list through a fresh converter, flush included. */
export function runStream(events: SseEvent[], ctx: AdapterContext = makeCtx({}, true)): ChatCompletionChunk[] {
  const converter = createStreamConverter(ctx);
  const chunks = events.flatMap((event) => converter.push(event));
  return [...chunks, ...converter.flush()];
}
