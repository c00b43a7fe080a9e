/** The bins of a score distribution (evals/score-distribution.ts). */
import { describe, expect, it } from 'vitest';
import { binsFor } from '../../../gateway/src/evals/score-distribution.js';

describe('binsFor', () => {
  it('one bin per value for whole numbers spanning at most ten', () => {
    expect(binsFor({ min: 1, max: 3, whole: true })).toEqual([
      { lower: 1, upper: 2, closed: false },
      { lower: 2, upper: 3, closed: false },
      { lower: 3, upper: 4, closed: true },
    ]);
    expect(binsFor({ min: 0, max: 9, whole: true })).toHaveLength(10);
  });

  it('ten equal bins otherwise, the last ending at the maximum itself', () => {
    const bins = binsFor({ min: 0, max: 100, whole: true });
    expect(bins).toHaveLength(10);
    expect(bins[0]).toEqual({ lower: 0, upper: 10, closed: false });
    expect(bins[9]).toEqual({ lower: 90, upper: 100, closed: true });
    const fractional = binsFor({ min: 0.1, max: 0.7, whole: false });
    expect(fractional[9]!.upper).toBe(0.7);
    expect(fractional.every((bin, i) => i === 0 || bin.lower === fractional[i - 1]!.upper)).toBe(true);
  });

  it('a single value is one closed bin', () => {
    expect(binsFor({ min: 4.5, max: 4.5, whole: false })).toEqual([{ lower: 4.5, upper: 4.5, closed: true }]);
  });
});
