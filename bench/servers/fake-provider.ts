/**
 * A fixed-answer OpenAI-compatible provider for benchmarks, in its own process so that its work
 * is not charged to the gateway or the load generator. Every POST answers the same completion;
 * with "stream": true, the same text as --chunks content events --chunk-gap ms apart, a usage
 * event and [DONE]. --latency holds every answer that many ms before its headers.
 *
 *   node --import tsx bench/servers/fake-provider.ts --port 0 --latency 0 --chunks 8 --chunk-gap 2
 *
 * Prints "fake provider listening on <url>" once it accepts connections; 127.0.0.1 only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    latency: { type: 'string', default: '0' },
    chunks: { type: 'string', default: '8' },
    'chunk-gap': { type: 'string', default: '2' },
  },
});
const latencyMs = Number(values.latency);
const chunkCount = Math.max(1, Number(values.chunks));
const chunkGapMs = Number(values['chunk-gap']);

const words = 'A holiday for the first warm evening of spring, when everyone eats outside.'.split(' ');
const text = words.join(' ');
const usage = { prompt_tokens: 12, completion_tokens: 18, total_tokens: 30 };
const completion = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1_760_000_000,
  model: 'gpt-4.1-nano-2025-04-14',
  choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage,
});
const chunk = (delta: object, finish: string | null, extra: object = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gpt-4.1-nano-2025-04-14', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
const perChunk = Math.ceil(words.length / chunkCount);
const contentEvents = Array.from({ length: chunkCount }, (_, i) => chunk({ content: `${i === 0 ? '' : ' '}${words.slice(i * perChunk, (i + 1) * perChunk).join(' ')}` }, null));
const tail = `${chunk({}, 'stop')}data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'gpt-4.1-nano-2025-04-14', choices: [], usage })}\n\ndata: [DONE]\n\n`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', async () => {
    const stream = /"stream"\s*:\s*true/.test(Buffer.concat(parts).toString());
    if (latencyMs > 0) await sleep(latencyMs);
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(completion) });
      res.end(completion);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: '' }, null));
    for (const event of contentEvents) {
      if (chunkGapMs > 0) await sleep(chunkGapMs);
      if (res.destroyed) return;
      res.write(event);
    }
    res.end(tail);
  });
});
server.listen(Number(values.port), '127.0.0.1', () => {
  console.log(`fake provider listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
