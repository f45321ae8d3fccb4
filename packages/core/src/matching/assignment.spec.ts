import { describe, expect, it } from 'vitest';
import { createRandom } from '../random.ts';
import {
  auctionMatching,
  bruteForceMatching,
  hungarianMatching,
  type WeightedEdge,
} from './assignment.ts';

function randomInstance(seed: string, left: number, right: number, density: number) {
  const random = createRandom(seed);
  const weights = Array.from({ length: left }, () =>
    Array.from({ length: right }, () => (random.chance(density) ? random.int(1, 1000) : 0)),
  );
  const edges: WeightedEdge[] = [];
  weights.forEach((row, l) =>
    row.forEach((weight, r) => {
      if (weight > 0) edges.push({ left: l, right: r, weight });
    }),
  );
  return { weights, edges };
}

function isMatching(pairs: [number, number][]): boolean {
  return (
    new Set(pairs.map(([l]) => l)).size === pairs.length &&
    new Set(pairs.map(([, r]) => r)).size === pairs.length
  );
}

describe('assignment solvers', () => {
  it('agree with trying every matching on 300 small instances, sparse to dense', () => {
    for (let i = 0; i < 300; i++) {
      const left = 1 + (i % 7);
      const right = 1 + ((i * 5) % 8);
      const { weights, edges } = randomInstance(`small-${i}`, left, right, [0.2, 0.5, 1][i % 3]!);
      const exact = bruteForceMatching(weights);
      const auction = auctionMatching(left, right, edges);
      const hungarian = hungarianMatching(weights);
      expect(auction.total, `instance ${i}`).toBe(exact.total);
      expect(hungarian.total, `instance ${i}`).toBe(exact.total);
      expect(isMatching(auction.pairs)).toBe(true);
      for (const [l, r] of auction.pairs) expect(weights[l]![r]).toBeGreaterThan(0);
    }
  });

  it('auction equals Hungarian on larger sparse instances', () => {
    for (const [left, right, density] of [
      [60, 80, 0.05],
      [120, 100, 0.03],
      [200, 200, 0.1],
    ] as const) {
      const { weights, edges } = randomInstance(`large-${left}`, left, right, density);
      expect(auctionMatching(left, right, edges).total).toBe(hungarianMatching(weights).total);
    }
  });

  it('prefers one strong pair to two weak ones only when it is worth more', () => {
    // a0–b0 900; a0–b1 500, a1–b0 500: two pairs (1000) beat the single best edge (900).
    const edges = [
      { left: 0, right: 0, weight: 900 },
      { left: 0, right: 1, weight: 500 },
      { left: 1, right: 0, weight: 500 },
    ];
    expect(auctionMatching(2, 2, edges).pairs).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(
      auctionMatching(2, 2, [{ ...edges[0]!, weight: 1100 }, ...edges.slice(1)]).pairs,
    ).toEqual([[0, 0]]);
  });

  it('handles empty graphs and rejects edges outside the graph or with fractional weights', () => {
    expect(auctionMatching(3, 2, [])).toEqual({ pairs: [], total: 0 });
    expect(hungarianMatching([])).toEqual({ pairs: [], total: 0 });
    expect(() => auctionMatching(1, 1, [{ left: 1, right: 0, weight: 5 }])).toThrow(/outside/);
    expect(() => auctionMatching(1, 1, [{ left: 0, right: 0, weight: 0.5 }])).toThrow(/whole/);
  });
});
