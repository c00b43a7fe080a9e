/**
 * `switchyard start --demo`: a short tour through the running gateway with the offline mock
 * provider (a plain answer, a streamed one, a tool call in a session), then what the store holds.
 */
import type { Gateway } from '../server/gateway.js';

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

export async function runDemo(url: string, gateway: Gateway): Promise<void> {
  const say = (line: string) => console.error(`demo: ${line}`);
  if (gateway.keys.required) {
    say('skipped: this gateway has keys, and the demo does not use them. Requests need "Authorization: Bearer <key>".');
    return;
  }
  const session = { 'Helicone-Session-Id': crypto.randomUUID(), 'Helicone-Session-Name': 'Demo', 'Helicone-User-Id': 'demo-user' };

  const plain = await post(url, { model: 'mock', messages: [{ role: 'user', content: 'Hello, gateway!' }] }, { ...session, 'Helicone-Session-Path': '/greet' });
  const answer = (await plain.json()) as { choices: Array<{ message: { content: string } }> };
  say(`POST /v1/chat/completions → ${plain.status}, "${answer.choices[0]?.message.content}" (Helicone-Id ${plain.headers.get('helicone-id')})`);

  const streamed = await post(url, { model: 'mock', stream: true, messages: [{ role: 'user', content: 'Stream three words' }] }, { ...session, 'Helicone-Session-Path': '/stream' });
  const events = (await streamed.text()).split('\n\n').filter((event) => event.startsWith('data: '));
  say(`stream → ${events.length} server-sent events, ending with ${events[events.length - 1]}`);

  const tools = [{ type: 'function', function: { name: 'get_stock_price', parameters: { type: 'object', properties: { ticker: { type: 'string' } }, required: ['ticker'] } } }];
  const toolCall = await post(url, { model: 'mock', tools, messages: [{ role: 'user', content: 'What does TSLA trade at?' }] }, { ...session, 'Helicone-Session-Path': '/stock', 'Helicone-Property-Feature': 'demo' });
  const call = ((await toolCall.json()) as { choices: Array<{ message: { tool_calls?: Array<{ function: { name: string; arguments: string } }> } }> }).choices[0]?.message.tool_calls?.[0];
  say(`tool call → ${call?.function.name}(${call?.function.arguments})`);

  await gateway.logQueue.flush();
  const rows = (await gateway.store.sql.get<{ requests: number; tokens: number | null; cost: number | null }>(
    'SELECT COUNT(*) AS requests, SUM(total_tokens) AS tokens, SUM(cost_usd) AS cost FROM requests WHERE session_id = ?',
    [session['Helicone-Session-Id']],
  ))!;
  say(`logged session ${session['Helicone-Session-Id']}: ${rows.requests} requests, ${rows.tokens ?? 0} tokens, $${(rows.cost ?? 0).toFixed(8)}`);
  say(`see it in the dashboard: ${url}/#/sessions/${encodeURIComponent(session['Helicone-Session-Id'])}`);
  say(`try it yourself: curl ${url}/v1/chat/completions -H 'content-type: application/json' -d '{"model":"mock","messages":[{"role":"user","content":"hi"}]}'`);
}
