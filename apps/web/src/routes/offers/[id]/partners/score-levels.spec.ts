import { describe, expect, it } from 'vitest';
import { partLevel } from './score-levels';

describe('score levels', () => {
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
