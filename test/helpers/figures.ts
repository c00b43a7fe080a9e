/**
 * The reliability suites' figures (cells passed, inputs tried, requests lost, memory slope):
 * printed where they are measured, and, under `npm run test:reliability`, collected into one
 * file that test/reliability-summary.ts prints as one block when the run ends.
 */
import { appendFileSync } from 'node:fs';

export const figuresFileVariable = 'SWITCHYARD_FIGURES_FILE';

export function reportFigure(suite: string, text: string): void {
  console.log(text);
  const file = process.env[figuresFileVariable];
  if (file) appendFileSync(file, `${JSON.stringify({ suite, text })}\n`);
}
