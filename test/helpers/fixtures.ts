/** Loads the captured provider responses in test/fixtures/providers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../fixtures/providers');

export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as T;
}

/** The data payloads of a `.chunks.txt` fixture, one per non-empty line. */
export function fixtureChunks(path: string): string[] {
  return readFileSync(join(root, path), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (line.startsWith('data: ') ? line.slice(6) : line));
}
