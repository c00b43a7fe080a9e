import { describe, expect, it } from 'vitest';
import { presentedKey } from '../../../gateway/src/auth/gateway-keys.js';

// The model path reads Node's headersDistinct (every value a list); other routes read headers.
describe('presentedKey', () => {
  it('reads Helicone-Auth before Authorization, from either view of the headers', () => {
    expect(presentedKey({ 'helicone-auth': 'Bearer sk-h', authorization: 'Bearer sk-a' })).toEqual({ key: 'sk-h', fromHeliconeAuth: true });
    expect(presentedKey({ 'helicone-auth': ['Bearer sk-h'], authorization: ['Bearer sk-a'] })).toEqual({ key: 'sk-h', fromHeliconeAuth: true });
    expect(presentedKey({ authorization: ['Bearer sk-a'] })).toEqual({ key: 'sk-a', fromHeliconeAuth: false });
  });

  it('takes the first of a repeated header, as Node keeps the first Authorization', () => {
    expect(presentedKey({ authorization: ['Bearer sk-first', 'Bearer sk-second'] }).key).toBe('sk-first');
  });

  it('falls back to the route’s own key header, and finds no key in a blank one', () => {
    expect(presentedKey({ 'x-api-key': [' sk-x '] }, 'X-Api-Key')).toEqual({ key: 'sk-x', fromHeliconeAuth: false });
    expect(presentedKey({ 'x-api-key': ['  '] }, 'x-api-key')).toEqual({ fromHeliconeAuth: false });
    expect(presentedKey({ 'x-api-key': ['sk-x'] })).toEqual({ fromHeliconeAuth: false });
  });
});
