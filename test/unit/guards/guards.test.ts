import { describe, expect, it } from 'vitest';
import { HeaderError } from '../../../gateway/src/contract/helicone-headers.js';
import {
  GuardError,
  guardBody,
  lastUserText,
  llamaGuardPrompt,
  parseGuardHeaders,
  readGuardAnswer,
  readModerationFlag,
} from '../../../gateway/src/guards/guards.js';

describe('parseGuardHeaders', () => {
  it('is off without the headers', () => {
    expect(parseGuardHeaders({})).toEqual({ moderation: false, llmSecurity: false });
  });

  it('reads true/false case-insensitively, as single values or arrays', () => {
    expect(parseGuardHeaders({ 'helicone-moderations-enabled': ['TRUE'] })).toEqual({ moderation: true, llmSecurity: false });
    expect(parseGuardHeaders({ 'helicone-llm-security-enabled': 'true', 'helicone-moderations-enabled': 'false' })).toEqual({ moderation: false, llmSecurity: true });
    expect(parseGuardHeaders({ 'helicone-llm-security-advanced': ['true'] })).toEqual({ moderation: false, llmSecurity: true });
  });

  it('refuses other values and repeats with a HeaderError naming the header', () => {
    let error: unknown;
    try {
      parseGuardHeaders({ 'helicone-moderations-enabled': ['yes'] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as HeaderError).header).toBe('Helicone-Moderations-Enabled');
    expect((error as HeaderError).message).toBe('Helicone-Moderations-Enabled must be "true" or "false", got "yes"');
    expect(() => parseGuardHeaders({ 'helicone-llm-security-enabled': ['true', 'true'] })).toThrow(
      'Helicone-LLM-Security-Enabled was sent more than once; send it once',
    );
  });
});

describe('readGuardAnswer', () => {
  it('reads Llama Guard answers', () => {
    expect(readGuardAnswer('safe')).toBe('safe');
    expect(readGuardAnswer('  Unsafe\nS1')).toBe('unsafe');
    expect(readGuardAnswer('unsafe S1')).toBe('unsafe');
    expect(readGuardAnswer('Mock reply to: hello')).toBe('safe');
    expect(readGuardAnswer('')).toBe('unknown');
    expect(readGuardAnswer(null)).toBe('unknown');
  });
});

describe('readModerationFlag', () => {
  it('reads results[0].flagged', () => {
    expect(readModerationFlag({ results: [{ flagged: true }] })).toBe(true);
    expect(readModerationFlag({ results: [{ flagged: false, categories: {} }] })).toBe(false);
    expect(readModerationFlag({ results: [] })).toBeUndefined();
    expect(readModerationFlag({})).toBeUndefined();
    expect(readModerationFlag(null)).toBeUndefined();
  });
});

describe('block bodies', () => {
  it('are Helicone’s, with the request id in details', () => {
    expect(guardBody('PROMPT_FLAGGED_FOR_MODERATION', 'abc')).toEqual({
      success: false,
      error: { code: 'PROMPT_FLAGGED_FOR_MODERATION', message: 'The given prompt was flagged by the OpenAI Moderation endpoint.', details: 'See request abc in the log' },
    });
    const error = new GuardError('PROMPT_THREAT_DETECTED', 'id-1');
    expect(error.status).toBe(400);
    expect(error.message).toBe('Prompt threat detected. Your request cannot be processed.');
    expect(error.toBody()).toEqual({
      success: false,
      error: { code: 'PROMPT_THREAT_DETECTED', message: 'Prompt threat detected. Your request cannot be processed.', details: 'See request id-1 in the log' },
    });
  });
});

describe('lastUserText and the guard prompt', () => {
  it('takes the last user message, joining text parts', () => {
    const request = {
      model: 'm',
      messages: [
        { role: 'user' as const, content: 'first' },
        { role: 'user' as const, content: [{ type: 'text', text: 'a' }, { type: 'image_url' }, { type: 'text', text: 'b' }] },
        { role: 'assistant' as const, content: 'answer' },
      ],
    };
    expect(lastUserText(request)).toBe('a  b');
    expect(llamaGuardPrompt('hello there')).toContain('User: hello there\n');
  });
});
