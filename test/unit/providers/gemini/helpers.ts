/** Shared test helpers: fixture loading and adapter contexts. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatCompletionChunk, ChatRequest } from '../../../../gateway/src/contract/chat.js';
import type { AdapterContext, StreamConverter } from '../../../../gateway/src/providers/types.js';

const fixtureDir = join(process.cwd(), 'test/fixtures/providers/google');

export function readFixture(name: string): string {
  return readFileSync(join(fixtureDir, name), 'utf8');
}

export function readJsonFixture(name: string): unknown {
  return JSON.parse(readFixture(name));
}

/** The data payloads of a `.chunks.txt` fixture, one per line; `data: ` framing is removed if present. */
export function readChunkFixture(name: string): string[] {
  return readFixture(name)
    .split('\n')
    .map((line) => line.replace(/^data: ?/, '').trim())
    .filter((line) => line.length > 0);
}

export function makeContext(
  request: Partial<ChatRequest> = {},
  options: { stream?: boolean; model?: string; apiKey?: string } = {},
): AdapterContext {
  return {
    provider: {
      name: 'google',
      format: 'gemini',
      baseUrl: 'https://generativelanguage.googleapis.com/v1beta',
      apiKey: 'apiKey' in options ? options.apiKey : 'test-key',
    },
    model: options.model ?? 'gemini-2.5-flash',
    request: { model: 'google/gemini', messages: [{ role: 'user', content: 'hi' }], ...request } as ChatRequest,
    stream: options.stream ?? false,
  };
}

/** Feeds every payload through the converter, then flushes. */
export function runStream(converter: StreamConverter, payloads: string[]): ChatCompletionChunk[] {
  return [...payloads.flatMap((data) => converter.push({ data })), ...converter.flush()];
}
