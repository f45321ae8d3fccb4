import { describe, expect, it } from 'vitest';
import { partLevel, percent } from './score-levels';

describe('score levels', () => {
  it('rounds and clamps a part to a percentage', () => {
    expect(percent(0.734)).toBe(73);
    expect(percent(1.2)).toBe(100);
    expect(percent(-0.1)).toBe(0);
  });
  it('names strong, fair and weak parts at 70 and 40 %', () => {
    expect([100, 70, 69, 40, 39, 0].map(partLevel)).toEqual([
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
  });
});
