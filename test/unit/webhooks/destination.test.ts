import { describe, expect, it } from 'vitest';
import { destinationOrigin, destinationProblem, isPrivateAddress } from '../../../gateway/src/webhooks/destination.js';

describe('webhook destinations', () => {
  it('allows public https URLs only, by default', () => {
    expect(destinationProblem('https://hooks.example.com/helicone?token=x', false)).toBeNull();
    expect(destinationProblem('http://hooks.example.com/', false)).toMatch(/https/);
    expect(destinationProblem('ftp://hooks.example.com/', false)).toMatch(/http\(s\)/);
    expect(destinationProblem('not a url', false)).toMatch(/absolute/);
    expect(destinationProblem('https://user:pw@hooks.example.com/', false)).toMatch(/password/);
    for (const host of ['127.0.0.1', 'localhost', '10.1.2.3', '172.20.0.1', '192.168.1.1', '169.254.169.254', '[::1]', '[fd00::1]', '[::ffff:127.0.0.1]', '0.0.0.0']) {
      expect(destinationProblem(`https://${host}/hook`, false), host).toMatch(/private or loopback/);
    }
  });

  it('allows http and private hosts with SWITCHYARD_WEBHOOK_ALLOW_PRIVATE, still only http(s)', () => {
    expect(destinationProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
    expect(destinationProblem('file:///etc/passwd', true)).toMatch(/http\(s\)/);
  });

  it('classifies addresses', () => {
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700::1111')).toBe(false);
    expect(isPrivateAddress('127.0.0.53')).toBe(true);
    expect(isPrivateAddress('fe80::1')).toBe(true);
  });

  it('shows only the origin in logs (a path or query may hold a token)', () => {
    expect(destinationOrigin('https://hooks.example.com/secret/path?token=abc')).toBe('https://hooks.example.com');
  });
});
