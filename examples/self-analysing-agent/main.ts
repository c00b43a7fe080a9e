/**
 * Runs the self-analysing agent against `switchyard mcp` over stdio (which finds the gateway at
 * SWITCHYARD_URL, or runs one itself). Offline by default (the mock model); with a key:
 *   SELF_ANALYSIS_MODEL=gpt-4o-mini npx tsx examples/self-analysing-agent/main.ts
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { runAndAnalyse } from './agent.js';

const cli = join(import.meta.dirname, '../../gateway/src/cli/main.ts');
const client = new Client({ name: 'self-analysing-agent', version: '1.0.0' });
await client.connect(new StdioClientTransport({ command: process.execPath, args: ['--import', 'tsx', cli, 'mcp'], env: process.env as Record<string, string>, stderr: 'inherit' }));

const model = process.env.SELF_ANALYSIS_MODEL ?? 'mock';
const report = await runAndAnalyse(client, model, [
  { path: '/haiku', prompt: 'Write a haiku about AI' },
  { path: '/haiku/critique', prompt: 'Critique that haiku in one sentence' },
  // Offline, one step fails on purpose, so the analysis has something to find.
  { path: '/haiku/translate', prompt: model === 'mock' ? 'mock:error=503 Translate it to French' : 'Translate it to French' },
]);
console.log(report.answers.map((answer, index) => `step ${index + 1}: ${answer}`).join('\n'));
console.log(`\n${report.trace}\n\n${report.summary}`);
await client.close();
