import { describe, expect, it } from 'vitest';
import { HeaderError } from '../../../gateway/src/contract/helicone-headers.js';
import { formatPolicy, parsePolicy } from '../../../gateway/src/rate-limit/policy.js';

describe('parsePolicy', () => {
  it.each([
    ['1000;w=3600', { quota: 1000, windowSeconds: 3600, unit: 'request' }],
    ['10000;w=3600', { quota: 10000, windowSeconds: 3600, unit: 'request' }],
    ['1000;w=86400;s=user', { quota: 1000, windowSeconds: 86400, unit: 'request', segment: 'user' }],
    ['500;w=3600;u=cents;s=user', { quota: 500, windowSeconds: 3600, unit: 'cents', segment: 'user' }],
    ['5000;w=3600;s=organization', { quota: 5000, windowSeconds: 3600, unit: 'request', segment: 'organization' }],
    ['10;w=1000;u=cents;s=user', { quota: 10, windowSeconds: 1000, unit: 'cents', segment: 'user' }],
    ['1000;w=86400', { quota: 1000, windowSeconds: 86400, unit: 'request' }],
    ['60;w=60', { quota: 60, windowSeconds: 60, unit: 'request' }],
    ['0.5;w=60;u=CENTS', { quota: 0.5, windowSeconds: 60, unit: 'cents' }],
    ['3;w=31536000;u=request;s=team-a_1', { quota: 3, windowSeconds: 31536000, unit: 'request', segment: 'team-a_1' }],
    ['  7;w=120  ', { quota: 7, windowSeconds: 120, unit: 'request' }],
  ])('accepts %s', (text, expected) => {
    expect(parsePolicy(text)).toEqual(expected);
  });

  it.each([
    'basic-100',
    '',
    '100',
    '100;w=',
    'w=3600;100',
    '100;w=3600;s=user;u=cents', // positional: unit before segment
    '100;w=3600;u=tokens',
    '100;w=3600;u=',
    '100;w=36.5',
    '-1;w=3600',
    '1e3;w=3600',
    '100;w=3600;s=',
    '100;w=3600;s=a.b',
    '100; w=3600',
    '100;w=3600;',
  ])('rejects the bad format %j with the grammar', (text) => {
    const error = catchError(() => parsePolicy(text));
    expect(error).toBeInstanceOf(HeaderError);
    expect(error.header).toBe('Helicone-RateLimit-Policy');
    expect(error.message).toContain('Expected "[quota];w=[window]" with optional ";u=[unit]" and ";s=[segment]"');
  });

  it('rejects a window under 60 seconds', () => {
    const error = catchError(() => parsePolicy('10;w=59'));
    expect(error.message).toContain('window must be at least 60 seconds, got 59');
  });

  it('rejects a window over 31536000 seconds', () => {
    const error = catchError(() => parsePolicy('10;w=31536001'));
    expect(error.message).toContain('window must be at most 31536000 seconds, got 31536001');
  });

  it('rejects a zero quota', () => {
    expect(catchError(() => parsePolicy('0;w=60')).message).toContain('quota must be greater than 0');
  });
});

describe('formatPolicy', () => {
  it('omits u= for request and s= for global', () => {
    expect(formatPolicy(parsePolicy('1000;w=3600;u=request'))).toBe('1000;w=3600');
    expect(formatPolicy(parsePolicy('500;w=3600;u=Cents;s=user'))).toBe('500;w=3600;u=cents;s=user');
    expect(formatPolicy(parsePolicy('5000;w=3600;s=Organization'))).toBe('5000;w=3600;s=Organization');
    expect(formatPolicy(parsePolicy('0.001;w=60;u=cents'))).toBe('0.001;w=60;u=cents');
  });
});

function catchError(fn: () => unknown): HeaderError {
  try {
    fn();
  } catch (error) {
    return error as HeaderError;
  }
  throw new Error('expected an error');
}
