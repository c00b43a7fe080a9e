import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { newRequestId } from '../../../gateway/src/log/request-id.js';

describe('newRequestId', () => {
  it('is a version 7 UUID whose first 48 bits are the time in ms', () => {
    const now = Date.parse('2026-11-27T12:00:00.123Z');
    const id = newRequestId(now);
    expect(z.uuid().safeParse(id).success).toBe(true);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(now);
  });

  it('sorts by time and never repeats', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => newRequestId(1_700_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 2000 }, () => newRequestId(1_700_000_000_000))).size).toBe(2000);
  });
});
