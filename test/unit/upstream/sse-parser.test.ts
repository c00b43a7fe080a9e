import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../gateway/src/upstream/sse-parser.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('SseParser', () => {
  it.each([
    ['\n', 'event: message_start\ndata: {"a":1}\n\ndata: {"b":2}\n\n: comment\ndata: [DONE]\n\n'],
    ['\r\n', 'event: message_start\r\ndata: {"a":1}\r\n\r\ndata: {"b":2}\r\n\r\n: comment\r\ndata: [DONE]\r\n\r\n'],
  ])('returns whole events whatever the chunking (%j line ends)', (_ends, text) => {
    for (let size = 1; size <= text.length; size++) {
      const parser = new SseParser();
      const events = [];
      for (let i = 0; i < text.length; i += size) events.push(...parser.push(bytes(text.slice(i, i + size))));
      events.push(...parser.end());
      expect(events, `chunks of ${size}`).toEqual([{ event: 'message_start', data: '{"a":1}' }, { data: '{"b":2}' }, { data: '[DONE]' }]);
    }
  });

  it('joins multi-line data, and a multi-byte character split across reads', () => {
    const parser = new SseParser();
    const euro = bytes('data: {"t":"€"}\r\n\r\ndata: a\r\ndata: b\r\n\r\n');
    const events = [...parser.push(euro.slice(0, 14)), ...parser.push(euro.slice(14))];
    expect(events).toEqual([{ data: '{"t":"€"}' }, { data: 'a\nb' }]);
  });

  it('returns a last event that had no blank line after it when the stream ends', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: {"x":1}'))).toEqual([]);
    expect(parser.end()).toEqual([{ data: '{"x":1}' }]);
  });
});
