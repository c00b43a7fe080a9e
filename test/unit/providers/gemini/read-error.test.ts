import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../../../gateway/src/providers/gemini/index.js';
import { readFixture } from './helpers.js';

describe('gemini readError', () => {
  it('reads google-429-retry-info.json', () => {
    expect(geminiAdapter.readError(429, readFixture('google-429-retry-info.json'))).toEqual({
      message: 'You exceeded your current quota, please check your plan.',
      type: 'RESOURCE_EXHAUSTED',
    });
  });

  it('reads an error wrapped in an array', () => {
    const body = JSON.stringify([
      { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT' } },
    ]);
    expect(geminiAdapter.readError(400, body)).toEqual({
      message: 'API key not valid. Please pass a valid API key.',
      type: 'INVALID_ARGUMENT',
    });
  });

  it('uses trimmed text for non-JSON bodies, capped at 500 characters', () => {
    expect(geminiAdapter.readError(502, '  <html>Bad Gateway</html>\n')).toEqual({ message: '<html>Bad Gateway</html>' });
    expect(geminiAdapter.readError(500, 'x'.repeat(800)).message).toHaveLength(500);
  });

  it('falls back to the status code for an empty body', () => {
    expect(geminiAdapter.readError(503, '   ')).toEqual({ message: 'Gemini returned HTTP 503' });
  });

  it('keeps JSON that is not a Google error as text', () => {
    expect(geminiAdapter.readError(500, '{"detail":"oops"}')).toEqual({ message: '{"detail":"oops"}' });
  });
});
