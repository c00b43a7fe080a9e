/**
 * A streaming chat in the terminal with the Vercel AI SDK through the gateway: every turn is a
 * step of one session (/chat/turn-1, /chat/turn-2, …), streamed as it is written.
 *   npx tsx examples/ai-sdk-chat/main.ts                      (offline, the mock model)
 *   AI_SDK_CHAT_MODEL=gpt-4o-mini npx tsx examples/ai-sdk-chat/main.ts
 *   npx tsx examples/ai-sdk-chat/main.ts --say "Hello" --say "Tell me more"   (non-interactive)
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type ModelMessage, streamText } from 'ai';
import { createSwitchyard, withSession } from '../../integrations/ai-sdk/index.js';

const { values } = parseArgs({ options: { say: { type: 'string', multiple: true } } });
const switchyard = createSwitchyard();
const model = switchyard(process.env.AI_SDK_CHAT_MODEL ?? 'mock', { properties: { App: 'ai-sdk-chat' } });
const sessionId = randomUUID();
const history: ModelMessage[] = [];

async function turn(number: number, text: string): Promise<void> {
  history.push({ role: 'user', content: text });
  await withSession({ id: sessionId, name: 'AI SDK chat', path: `chat/turn-${number}` }, async () => {
    const result = streamText({ model, system: 'You are a concise assistant.', messages: history });
    process.stdout.write('Assistant: ');
    for await (const delta of result.textStream) process.stdout.write(delta);
    process.stdout.write('\n');
    history.push(...(await result.response).messages);
  });
}

console.log(`Session ${sessionId}`);
if (values.say?.length) {
  for (const [index, text] of values.say.entries()) await turn(index + 1, text);
} else {
  const input = createInterface({ input: process.stdin, output: process.stdout });
  for (let number = 1; ; number++) {
    const text = (await input.question('You: ')).trim();
    if (!text || text === 'quit') break;
    await turn(number, text);
  }
  input.close();
}
