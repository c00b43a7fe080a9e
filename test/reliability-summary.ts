/**
 * Vitest global setup (vitest.config.ts): gives the reliability suites a file to put their figures
 * in (test/helpers/figures.ts) and prints them together once every suite has run, passed or not,
 * at the end of `npm test` and `npm run test:reliability`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { figuresFileVariable } from './helpers/figures.js';

export default function setup(): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'switchyard-figures-'));
  const file = join(folder, 'figures.jsonl');
  process.env[figuresFileVariable] = file;
  return () => {
    let lines: Array<{ suite: string; text: string }> = [];
    try {
      lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as { suite: string; text: string });
    } catch {
      // no suite reported a figure
    }
    rmSync(folder, { recursive: true, force: true });
    if (lines.length === 0) return;
    const order = ['fault matrix', 'crash durability', 'fuzzing', 'soak', 'secrets', 'access'];
    lines.sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
    console.log(['', 'Reliability figures', '===================', ...lines.map(({ suite, text }) => `[${suite}] ${text}`), ''].join('\n'));
  };
}
