import { describe, it, expect } from 'vitest';
import { anthropicAdapter } from '../../../../gateway/src/providers/anthropic/index.js';

describe('anthropic readError', () => {
  it('reads the message and type of an Anthropic error body', () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
      request_id: 'req_011',
    });
    expect(anthropicAdapter.readError(400, body)).toEqual({
      message: 'max_tokens: Field required',
      type: 'invalid_request_error',
    });
  });

  it('reads overloaded errors', () => {
    const body = '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}';
    expect(anthropicAdapter.readError(529, body)).toEqual({ message: 'Overloaded', type: 'overloaded_error' });
  });

  it('uses trimmed text for non-JSON bodies, cut at 500 characters', () => {
    expect(anthropicAdapter.readError(502, '  <html>Bad Gateway</html>\n')).toEqual({ message: '<html>Bad Gateway</html>' });
    expect(anthropicAdapter.readError(502, 'x'.repeat(800)).message).toBe('x'.repeat(500));
  });

  it('falls back to the HTTP status for an empty body', () => {
    expect(anthropicAdapter.readError(503, '   ')).toEqual({ message: 'Anthropic returned HTTP 503' });
  });

  it('uses the raw text for JSON that is not an Anthropic error', () => {
    expect(anthropicAdapter.readError(500, '{"detail":"boom"}')).toEqual({ message: '{"detail":"boom"}' });
  });
});
