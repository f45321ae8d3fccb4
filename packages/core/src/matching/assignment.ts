// Maximum-weight bipartite matching: each left and each right node in at most one pair, the sum
// of the chosen pairs' weights as large as possible (pairs may stay unmatched). Two solvers:
//
// - `auctionMatching`, for the sparse graphs of a matching round: Bertsekas' auction with
//   ε-scaling on integer weights. Weights are multiplied by (n + 1) so that the last phase, at
//   ε = 1, is below 1/n of one weight unit — which makes the result exactly optimal for the
//   integer weights (Bertsekas 1988). Unmatched nodes become a perfect-assignment problem with
//   zero-weight "stay alone" objects: left node a may take its own dummy a′; right node b's
//   dummy person b′ may take b (b stays alone) or the dummy a′ of any a adjacent to b (so b′ is
//   free when b is paired). A perfect assignment always exists, and its best one is the best
//   matching. The graph stays sparse: about three times the edges.
// - `hungarianMatching`, dense O(n³) Kuhn–Munkres with potentials, for checking the auction on
//   instances small enough to solve every pair, and for the benchmark's 2k-offer sample.
//
// Written here rather than taken from a library: it is the heart of matching rounds, and the npm
// packages found do dense Hungarian only (O(n³) memory and time at 5,000 × 5,000 is too much).

export interface WeightedEdge {
  /** Left node, 0 … left − 1. */
  left: number;
  /** Right node, 0 … right − 1. */
  right: number;
  /** A whole number ≥ 0 (matching rounds use the score in thousandths). */
  weight: number;
}

export interface Matching {
  /** `pairs[i]` = [left, right]; sorted by left. */
  pairs: [number, number][];
  total: number;
}

function matchingOf(
  leftToRight: Int32Array,
  weightOf: (left: number, right: number) => number,
): Matching {
  const pairs: [number, number][] = [];
  let total = 0;
  leftToRight.forEach((right, left) => {
    if (right < 0) return;
    const weight = weightOf(left, right);
    if (weight <= 0) return;
    pairs.push([left, right]);
    total += weight;
  });
  return { pairs, total };
}

/** Progress of a long solve: phase k of about `phases`, bids so far. */
export type AuctionProgress = { phase: number; phases: number; bids: number };

/**
 * The best matching of a sparse bipartite graph with whole-number weights (exact). Edges of
 * weight 0 are pointless (leaving both alone scores the same) and are dropped. `onPhase` hears
 * of each ε phase, so a caller can report progress.
 */
export function auctionMatching(
  left: number,
  right: number,
  edges: readonly WeightedEdge[],
  onPhase?: (progress: AuctionProgress) => void,
): Matching {
  const useful = edges.filter((e) => e.weight > 0);
  const weights = new Map<number, number>();
  for (const e of useful) {
    if (e.left < 0 || e.left >= left || e.right < 0 || e.right >= right) {
      throw new RangeError(`edge ${e.left}–${e.right} is outside ${left} × ${right}`);
    }
    if (!Number.isInteger(e.weight)) throw new RangeError(`weight ${e.weight} is not whole`);
    const key = e.left * right + e.right;
    weights.set(key, Math.max(weights.get(key) ?? 0, e.weight));
  }
  const weightOf = (l: number, r: number) => weights.get(l * right + r) ?? 0;
  const n = left + right;
  // Persons: 0 … left−1 are left nodes, left … n−1 the right nodes' dummies (b′ = left + b).
  // Objects: 0 … right−1 are right nodes, right … n−1 the left nodes' dummies (a′ = right + a).
  const scale = n + 1;
  const adjacency: number[][] = Array.from({ length: n }, () => []);
  const benefit: number[][] = Array.from({ length: n }, () => []);
  const add = (person: number, object: number, value: number) => {
    adjacency[person]!.push(object);
    benefit[person]!.push(value * scale);
  };
  for (const [key, weight] of weights) {
    const l = Math.floor(key / right);
    const r = key % right;
    add(l, r, weight);
    add(left + r, right + l, 0);
  }
  for (let a = 0; a < left; a++) add(a, right + a, 0);
  for (let b = 0; b < right; b++) add(left + b, b, 0);

  // Flat arrays: the bidding loop reads them millions of times.
  const offsets = new Int32Array(n + 1);
  for (let p = 0; p < n; p++) offsets[p + 1] = offsets[p]! + adjacency[p]!.length;
  const objects = new Int32Array(offsets[n]!);
  const values = new Float64Array(offsets[n]!);
  for (let p = 0; p < n; p++) {
    objects.set(adjacency[p]!, offsets[p]!);
    values.set(benefit[p]!, offsets[p]!);
  }

  let maxWeight = 0;
  for (const w of weights.values()) maxWeight = Math.max(maxWeight, w);
  const prices = new Float64Array(n);
  const owner = new Int32Array(n);
  const assigned = new Int32Array(n);
  const queue = new Int32Array(n);
  let epsilon = Math.max(1, Math.floor((maxWeight * scale) / 4));
  const phases = Math.max(1, Math.ceil(Math.log(epsilon) / Math.log(6)) + 1);
  let phase = 0;
  let bids = 0;
  for (;;) {
    phase++;
    owner.fill(-1);
    assigned.fill(-1);
    // A circular queue of unassigned persons: each person is in it at most once.
    for (let p = 0; p < n; p++) queue[p] = p;
    let head = 0;
    let waiting = n;
    while (waiting > 0) {
      const person = queue[head]!;
      head = (head + 1) % n;
      waiting--;
      let best = -Infinity;
      let second = -Infinity;
      let bestObject = -1;
      for (let k = offsets[person]!; k < offsets[person + 1]!; k++) {
        const value = values[k]! - prices[objects[k]!]!;
        if (value > best) {
          second = best;
          best = value;
          bestObject = objects[k]!;
        } else if (value > second) second = value;
      }
      // One choice only: bid as if the second were worth nothing at all at this price level.
      const increment = (second === -Infinity ? maxWeight * scale : best - second) + epsilon;
      prices[bestObject] = prices[bestObject]! + increment;
      const previous = owner[bestObject]!;
      owner[bestObject] = person;
      assigned[person] = bestObject;
      bids++;
      if (previous >= 0) {
        assigned[previous] = -1;
        queue[(head + waiting) % n] = previous;
        waiting++;
      }
    }
    onPhase?.({ phase, phases, bids });
    if (epsilon === 1) break;
    epsilon = Math.max(1, Math.floor(epsilon / 6));
  }
  const leftToRight = new Int32Array(left).fill(-1);
  for (let a = 0; a < left; a++) {
    const object = assigned[a]!;
    if (object >= 0 && object < right) leftToRight[a] = object;
  }
  return matchingOf(leftToRight, weightOf);
}

/**
 * The best matching by the Hungarian method on the full weight matrix (`weights[l][r]`, 0 where
 * no pair is possible): exact, O(n³) time, O(n²) memory. For checks and small instances.
 */
export function hungarianMatching(weights: readonly (readonly number[])[]): Matching {
  const left = weights.length;
  const right = left > 0 ? weights[0]!.length : 0;
  const n = Math.max(left, right);
  if (n === 0) return { pairs: [], total: 0 };
  // Minimise cost = −weight on a square n × n matrix (missing rows/columns weigh 0).
  const cost = (i: number, j: number) => -(i < left && j < right ? weights[i]![j]! : 0);
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1); // p[j] = row matched to column j (1-based), 0 = none
  const way = new Int32Array(n + 1);
  const minv = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const current = cost(i0 - 1, j - 1) - u[i0]! - v[j]!;
        if (current < minv[j]!) {
          minv[j] = current;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const leftToRight = new Int32Array(left).fill(-1);
  for (let j = 1; j <= n; j++) {
    const i = p[j]! - 1;
    if (i >= 0 && i < left && j - 1 < right) leftToRight[i] = j - 1;
  }
  return matchingOf(leftToRight, (l, r) => weights[l]![r]!);
}

/** The best matching by trying every one: for tests on tiny instances (left ≤ 8). */
export function bruteForceMatching(weights: readonly (readonly number[])[]): Matching {
  const left = weights.length;
  const right = left > 0 ? weights[0]!.length : 0;
  if (left > 8) throw new RangeError('brute force is for at most 8 left nodes');
  let best: Matching = { pairs: [], total: 0 };
  const chosen: [number, number][] = [];
  const walk = (l: number, usedRight: number, total: number) => {
    if (l === left) {
      if (total > best.total) best = { pairs: chosen.map((x) => [...x]), total };
      return;
    }
    walk(l + 1, usedRight, total);
    for (let r = 0; r < right; r++) {
      const w = weights[l]![r]!;
      if (w <= 0 || usedRight & (1 << r)) continue;
      chosen.push([l, r]);
      walk(l + 1, usedRight | (1 << r), total + w);
      chosen.pop();
    }
  };
  walk(0, 0, 0);
  return best;
}
