import { describe, expect, it } from 'vitest';
import type { ChatMessage, ChatRequest } from '../../../gateway/src/contract/chat.js';
import { HeaderError } from '../../../gateway/src/contract/helicone-headers.js';
import {
  applyContextLimit,
  contextWindowOf,
  estimateMessageTokens,
  estimatePromptTokens,
  middleOut,
  parseTokenLimitHandler,
  reservedOutputTokens,
  truncateMessages,
} from '../../../gateway/src/context-limit/context-limit.js';

const header = (value: string) => ({ 'helicone-token-limit-exception-handler': [value] });
const request = (messages: ChatMessage[], extra: Partial<ChatRequest> = {}): ChatRequest => ({ model: 'mock', messages, ...extra });
const text = (message: ChatMessage | undefined): string => (typeof message?.content === 'string' ? message.content : '');

describe('the token estimate', () => {
  it('counts ceil(characters / 4) of text plus 4 tokens per message and 3 per request', () => {
    expect(estimateMessageTokens({ role: 'user', content: 'abcdefghi' })).toBe(4 + 3);
    expect(estimateMessageTokens({ role: 'user', content: '' })).toBe(4);
    expect(estimateMessageTokens({ role: 'assistant', content: null })).toBe(4);
    expect(estimateMessageTokens({ role: 'user', content: [{ type: 'text', text: 'abcd' }, { type: 'text', text: 'efgh' }] })).toBe(4 + 1 + 1);
    expect(estimateMessageTokens({ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x' } }] })).toBe(4 + 85);
    expect(
      estimateMessageTokens({ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'abcd', arguments: '{"a":1}' } }] }),
    ).toBe(4 + 3);
    expect(estimatePromptTokens(request([{ role: 'system', content: 'abcd' }, { role: 'user', content: 'x'.repeat(400) }]))).toBe(3 + 5 + 104);
  });

  it('reserves max_completion_tokens, else max_tokens', () => {
    expect(reservedOutputTokens(request([], { max_tokens: 100 }))).toBe(100);
    expect(reservedOutputTokens(request([], { max_tokens: 100, max_completion_tokens: 50 }))).toBe(50);
    expect(reservedOutputTokens(request([]))).toBe(0);
  });

  it('reads the context window of the model part of model/provider strings', () => {
    expect(contextWindowOf('mock')).toBe(128000);
    expect(contextWindowOf('mock/mock')).toBe(128000);
    expect(contextWindowOf('gpt-4o/openai')).toBe(128000);
    expect(contextWindowOf('gemini-2.5-flash')).toBe(1048576);
    expect(contextWindowOf('no-such-model')).toBeUndefined();
  });
});

describe('the header', () => {
  it('is optional, and a bad value is a HeaderError naming it', () => {
    expect(parseTokenLimitHandler({})).toBeUndefined();
    expect(parseTokenLimitHandler(header('Middle-Out'))).toBe('middle-out');
    const error = (() => {
      try {
        parseTokenLimitHandler(header('shrink'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as HeaderError).header).toBe('Helicone-Token-Limit-Exception-Handler');
    expect((error as HeaderError).message).toContain('truncate, middle-out, fallback');
    expect(() => applyContextLimit(request([{ role: 'user', content: 'hi' }]), header('nope'))).toThrow(HeaderError);
    expect(() => parseTokenLimitHandler({ 'helicone-token-limit-exception-handler': ['truncate', 'fallback'] })).toThrow(HeaderError);
  });

  it('without it nothing changes, even far over the window', () => {
    const big = request([{ role: 'user', content: 'x'.repeat(600_000) }]);
    const result = applyContextLimit(big, {});
    expect(result.request).toBe(big);
    expect(result.applied).toBeUndefined();
  });
});

describe('truncate', () => {
  it('leaves a request under the window alone', () => {
    const small = request([{ role: 'user', content: 'hello' }]);
    expect(applyContextLimit(small, header('truncate'))).toEqual({ request: small, estimatedTokens: 3 + 4 + 2 });
  });

  it('cuts the oldest non-system messages first until the estimate fits', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'S'.repeat(400) }, // 104 tokens
      { role: 'user', content: 'A'.repeat(400) }, // 104
      { role: 'assistant', content: 'B'.repeat(400) }, // 104
      { role: 'user', content: 'C'.repeat(400) }, // 104
    ];
    const out = truncateMessages(request(messages), 300); // from 419: 119 over
    expect(estimatePromptTokens(request(out))).toBeLessThanOrEqual(300);
    expect(text(out[0])).toBe('S'.repeat(400));
    expect(text(out[1])).toBe(''); // the oldest user message goes first (100 tokens of text)
    expect(text(out[2])).toBe('B'.repeat(400 - 19 * 4)); // then 19 tokens off the end of the next
    expect(text(out[3])).toBe('C'.repeat(400));
    expect(text(messages[1])).toBe('A'.repeat(400)); // the input is not mutated
  });

  it('fits the model window minus max_tokens, and records what it did', () => {
    const big = request([{ role: 'system', content: 'be brief' }, { role: 'user', content: 'x'.repeat(600_000) }], { model: 'mock/mock', max_tokens: 1000 });
    const result = applyContextLimit(big, header('truncate'));
    expect(result.applied).toBe('truncate');
    expect(result.estimatedTokens).toBe(3 + 6 + 150_004);
    expect(estimatePromptTokens(result.request)).toBe(127_000);
    expect(text(result.request.messages[0])).toBe('be brief');
    expect(text(result.request.messages[1])).toHaveLength((127_000 - 3 - 6 - 4) * 4);
  });

  it('does nothing for a model not in the registry', () => {
    const big = request([{ role: 'user', content: 'x'.repeat(600_000) }], { model: 'my-local-model' });
    for (const handler of ['truncate', 'middle-out', 'fallback']) {
      const result = applyContextLimit(big, header(handler));
      expect(result.request).toBe(big);
      expect(result.applied).toBeUndefined();
    }
  });
});

describe('middle-out', () => {
  const conversation = (): ChatMessage[] => [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'first question' },
    ...Array.from({ length: 10 }, (_, i): ChatMessage => ({ role: i % 2 === 0 ? 'assistant' : 'user', content: `${i}`.repeat(400) })),
    { role: 'user', content: 'last question' },
  ];

  it('keeps the system prompt, the first user message and the last messages; drops the middle', () => {
    const messages = conversation(); // 3 + 8 + 8 + 10 * 104 + 8 = 1067
    const out = middleOut(request(messages), 500);
    expect(estimatePromptTokens(request(out))).toBeLessThanOrEqual(500);
    expect(out.slice(0, 2)).toEqual(messages.slice(0, 2));
    expect(out[out.length - 1]).toEqual({ role: 'user', content: 'last question' });
    // 5 of the 10 middle messages go (1067 - 5 * 104 = 547 > 500, so 6): the ones nearest the middle.
    expect(out.map((m) => text(m)[0])).toEqual(['Y', 'f', '0', '1', '8', '9', 'l']);
  });

  it('via applyContextLimit on an oversized mock request', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'user', content: 'first question' },
      ...Array.from({ length: 10 }, (_, i): ChatMessage => ({ role: i % 2 === 0 ? 'assistant' : 'user', content: String(i % 10).repeat(60_000) })),
      { role: 'user', content: 'last question' },
    ];
    const result = applyContextLimit(request(messages), header('middle-out'));
    expect(result.applied).toBe('middle-out');
    const out = result.request.messages;
    expect(estimatePromptTokens(result.request)).toBeLessThanOrEqual(128_000);
    expect(out.slice(0, 2)).toEqual(messages.slice(0, 2));
    expect(out[out.length - 1]).toEqual(messages[messages.length - 1]);
    expect(out.length).toBeLessThan(messages.length);
    expect(out.length).toBe(2 + 8 + 1); // 10 * 15004 = 150040 tokens in the middle: two must go
  });

  it('keeps a tool call with its results, and cuts the middle of a single huge message', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'q' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'r'.repeat(4000) },
      { role: 'user', content: 'HEAD' + 'm'.repeat(8000) + 'TAIL' },
    ];
    const out = middleOut(request(messages), 1000);
    expect(out.map((m) => m.role)).toEqual(['user', 'user']); // the call and its result went together
    expect(estimatePromptTokens(request(out))).toBeLessThanOrEqual(1000);
    expect(text(out[1]).startsWith('HEAD')).toBe(true);
    expect(text(out[1]).endsWith('TAIL')).toBe(true);
  });
});

describe('fallback', () => {
  const big = (model: string) => request([{ role: 'user', content: 'x'.repeat(600_000) }], { model });

  it('uses the second model when the first window is exceeded', () => {
    const result = applyContextLimit(big('gpt-4o, gemini-2.5-flash'), header('fallback'));
    expect(result.request.model).toBe('gemini-2.5-flash');
    expect(result.applied).toBe('fallback');
    expect(result.request.messages).toEqual(big('x').messages);
  });

  it('normalises to the first model when under the window', () => {
    const result = applyContextLimit(request([{ role: 'user', content: 'hi' }], { model: 'gpt-4o/openai , gemini-2.5-flash, mock' }), header('fallback'));
    expect(result.request.model).toBe('gpt-4o/openai');
    expect(result.applied).toBeUndefined();
  });

  it('counts max_tokens against the first window, and keeps exclusions', () => {
    const result = applyContextLimit(
      request([{ role: 'user', content: 'x'.repeat(400_000) }], { model: '!azure, gpt-4o, gemini-2.5-flash', max_tokens: 30_000 }),
      header('fallback'),
    );
    expect(result.request.model).toBe('gemini-2.5-flash,!azure');
  });

  it('leaves a single over-limit model as it is', () => {
    expect(applyContextLimit(big('mock'), header('fallback')).request.model).toBe('mock');
  });
});
