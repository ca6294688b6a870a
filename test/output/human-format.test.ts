import { describe, expect, it } from 'vitest';
import { groupedCount, humanDuration, percent } from '../../src/output/human-format.ts';

describe('numbers for people', () => {
  it.each([
    [0, '0 s'],
    [0.25, '0.25 s'],
    [59, '59 s'],
    [95.5, '1 min 35 s'],
    [3600, '1 h'],
    [20640, '5 h 44 min'],
    [32760, '9 h 6 min'],
    [86400, '1 d'],
    [90061, '1 d 1 h'],
  ])('duration %d s is "%s"', (s, text) => {
    expect(humanDuration(s)).toBe(text);
  });

  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [1247500, '1,247,500'],
    [-4071, '-4,071'],
  ])('count %d is "%s"', (n, text) => {
    expect(groupedCount(n)).toBe(text);
  });

  it('keeps decimals only when asked, without trailing zeros', () => {
    expect(groupedCount(1234.5, 2)).toBe('1,234.5');
    expect(groupedCount(7.7, 1)).toBe('7.7');
  });

  it.each([
    [0.889778, '89%'],
    [1, '100%'],
    [0.023, '2.3%'],
    [0, '0%'],
  ])('ratio %d is "%s"', (r, text) => {
    expect(percent(r)).toBe(text);
  });
});
