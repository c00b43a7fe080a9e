import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filterTree, FilterSyntaxError } from '../../../gateway/dashboard/src/pages/requests/request-filters.js';

const now = Date.parse('2026-03-01T12:00:00.000Z');
const filters = (query: string) => filtersFromQuery(new URLSearchParams(query));

describe('the requests page filters as a Helicone filter tree', () => {
  it('is "all" with nothing set', () => {
    expect(filterTree(filters(''), now)).toBe('all');
  });

  it('ands one request_response_rmt leaf per field, in order', () => {
    expect(filterTree(filters('range=1h&model=gpt&user=alice&propertyKey=Environment&propertyValue=prod'), now)).toEqual({
      left: {
        left: {
          left: { request_response_rmt: { request_created_at: { gte: '2026-03-01T11:00:00.000Z' } } },
          operator: 'and',
          right: { request_response_rmt: { model: { contains: 'gpt' } } },
        },
        operator: 'and',
        right: { request_response_rmt: { user_id: { equals: 'alice' } } },
      },
      operator: 'and',
      right: { request_response_rmt: { properties: { Environment: { equals: 'prod' } } } },
    });
  });

  it('reads a failure as status 400 and above, or a cancelled request', () => {
    expect(filterTree(filters('status=error'), now)).toEqual({
      left: { request_response_rmt: { status: { gte: 400 } } },
      operator: 'or',
      right: { request_response_rmt: { status: { lt: 0 } } },
    });
    expect(filterTree(filters('status=429'), now)).toEqual({ request_response_rmt: { status: { equals: 429 } } });
  });

  it('filters a session by its id property, as Helicone stores it', () => {
    expect(filterTree(filters('session=s-1'), now)).toEqual({ request_response_rmt: { properties: { 'Helicone-Session-Id': { equals: 's-1' } } } });
  });

  it('ands a raw filter tree, and says when it does not parse', () => {
    const raw = { request_response_rmt: { latency: { gte: 1000 } } };
    expect(filterTree(filters(`provider=openai&raw=${encodeURIComponent(JSON.stringify(raw))}`), now)).toEqual({
      left: { request_response_rmt: { provider: { equals: 'openai' } } },
      operator: 'and',
      right: raw,
    });
    expect(() => filterTree(filters('raw={nope'), now)).toThrow(FilterSyntaxError);
  });

  it('ignores an unknown time range', () => {
    expect(filters('range=forever').range).toBe('all');
  });
});
