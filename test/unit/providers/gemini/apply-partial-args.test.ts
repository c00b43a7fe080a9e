import { describe, expect, it } from 'vitest';
import { applyPartialArgs, parseJsonPath } from '../../../../gateway/src/providers/gemini/apply-partial-args.js';

describe('gemini partialArgs', () => {
  it('parses dotted, indexed and quoted JSON path segments', () => {
    expect(parseJsonPath('$.foo.bar[0].data')).toEqual(['foo', 'bar', 0, 'data']);
    expect(parseJsonPath("$['a key'][\"b\"]")).toEqual(['a key', 'b']);
    expect(parseJsonPath('foo')).toBeUndefined();
  });

  it('appends string fragments and sets other values, creating nested containers', () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [
      { jsonPath: '$.query', stringValue: 'New ', willContinue: true },
      { jsonPath: '$.query', stringValue: 'York' },
      { jsonPath: '$.limit', numberValue: 5 },
      { jsonPath: '$.filters.open', boolValue: true },
      { jsonPath: '$.tags[1]', stringValue: 'b' },
      { jsonPath: '$.tags[0]', stringValue: 'a' },
      { jsonPath: '$.cursor', nullValue: 'NULL_VALUE' },
    ]);
    expect(args).toEqual({ query: 'New York', limit: 5, filters: { open: true }, tags: ['a', 'b'], cursor: null });
  });

  it('keeps a "__proto__" key as plain data', () => {
    const args: Record<string, unknown> = {};
    applyPartialArgs(args, [{ jsonPath: '$.__proto__.polluted', boolValue: true }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(args)).toBe('{"__proto__":{"polluted":true}}');
  });
});
