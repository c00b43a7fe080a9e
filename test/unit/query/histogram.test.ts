import { describe, expect, it } from 'vitest';
import { histogram, trimForPercentile } from '../../../gateway/src/query/histogram.js';

describe('histogram', () => {
  it('counts sorted values in ten equal-width bins', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const bins = histogram(values);
    expect(bins).toHaveLength(10);
    expect(bins.map((bin) => bin.value)).toEqual(Array(10).fill(10));
    expect(bins[0]).toEqual({ range_start: '0', range_end: '9.9', value: 10 });
    expect(bins[9]!.range_end).toBe('99');
  });

  it('handles one distinct value, no values, and more values than a spread call could take', () => {
    expect(histogram([3, 3, 3])).toEqual([{ range_start: '3', range_end: '3', value: 3 }]);
    expect(histogram([])).toEqual([]);
    const many = Array.from({ length: 300_000 }, (_, i) => i);
    expect(histogram(many).reduce((total, bin) => total + bin.value, 0)).toBe(300_000);
  });

  it('trims at a percentile, or to the interquartile range, and sorts', () => {
    const values = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(trimForPercentile(values, 'p50', false)).toEqual([1, 2, 3, 4, 5]);
    expect(trimForPercentile(values, 'p75', true)).toEqual([3, 4, 5, 6, 7, 8]);
  });
});
