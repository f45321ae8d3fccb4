import { describe, expect, it } from 'vitest';
import {
  axisTicks,
  chartRows,
  labelStep,
  linePath,
  niceMax,
  scale,
  shadeClass,
  shadeLegend,
} from './charts';

describe('niceMax and axisTicks', () => {
  it('rounds up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(13)).toBe(20);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(240)).toBe(250);
    expect(niceMax(1)).toBe(1);
  });

  it('spaces ticks evenly from zero', () => {
    expect(axisTicks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(axisTicks(1, 2)).toEqual([0, 0.5, 1]);
  });
});

describe('chartRows', () => {
  const items = [
    { key: 'a', label: 'Austria', values: [2, 1] },
    { key: 'b', label: 'Belgium', values: [5, 0] },
    { key: 'c', label: 'China', values: [2, 2] },
  ];

  it('keeps the largest first, ties by label', () => {
    expect(chartRows(items, 2).map((r) => r.key)).toEqual(['b', 'a']);
  });

  it('keeps time order and the newest rows when asked', () => {
    expect(chartRows(items, 2, true).map((r) => r.key)).toEqual(['b', 'c']);
  });
});

describe('scale', () => {
  it('maps a value onto the axis and never past it', () => {
    expect(scale(5, 10, 300)).toBe(150);
    expect(scale(20, 10, 300)).toBe(300);
    expect(scale(3, 0, 300)).toBe(0);
  });
});

describe('shading', () => {
  it('gives zero its own class and the smallest count a visible one', () => {
    expect(shadeClass(0, 12)).toBe(0);
    expect(shadeClass(1, 12)).toBe(1);
    expect(shadeClass(12, 12)).toBe(5);
    expect(shadeClass(7, 12)).toBe(3);
  });

  it('explains each class in the legend', () => {
    expect(shadeLegend(0)).toEqual([{ shade: 0, from: 0, to: 0 }]);
    expect(shadeLegend(3)).toEqual([
      { shade: 0, from: 0, to: 0 },
      { shade: 2, from: 1, to: 1 },
      { shade: 4, from: 2, to: 2 },
      { shade: 5, from: 3, to: 3 },
    ]);
    for (let value = 1; value <= 12; value += 1) {
      const step = shadeLegend(12).find((s) => value >= s.from && value <= s.to);
      expect(step?.shade).toBe(shadeClass(value, 12));
    }
  });
});

describe('linePath', () => {
  it('breaks the line at a missing value and keeps a lone point visible', () => {
    const path = linePath(
      [0.5, 1, null, 0],
      (i) => i * 10,
      (v) => 100 - v * 100,
    );
    expect(path).toBe('M0 50 L10 0 M30 100 h0.1');
  });
});

describe('labelStep', () => {
  it('thins labels to fit', () => {
    expect(labelStep(6, 12)).toBe(1);
    expect(labelStep(24, 12)).toBe(2);
    expect(labelStep(25, 12)).toBe(3);
  });
});
