// Chart geometry for the hand-written SVG charts: a "nice" axis maximum and its ticks, the
// rows a bar chart shows, the shade class of a country tile and the path of a line. Pure.

/** The smallest 1, 2, 2.5 or 5 × 10ⁿ at or above `value` (1 for nothing to show). */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * power >= value) return step * power;
  }
  return 10 * power;
}

/** `count` evenly spaced ticks from 0 to `max` inclusive, whole numbers when max allows. */
export function axisTicks(max: number, count = 4): number[] {
  const ticks: number[] = [];
  for (let i = 0; i <= count; i += 1) ticks.push((max * i) / count);
  return max >= count ? ticks.map((t) => Math.round(t * 100) / 100) : ticks;
}

export interface BarItem {
  key: string;
  label: string;
  values: number[];
}

/**
 * The rows a bar chart draws: at most `limit`, the largest first by the first value (ties by
 * label), unless `keepOrder` (months stay in time order, the newest `limit`).
 */
export function chartRows(items: BarItem[], limit: number, keepOrder = false): BarItem[] {
  if (keepOrder) return items.slice(Math.max(0, items.length - limit));
  return [...items]
    .sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || a.label.localeCompare(b.label))
    .slice(0, limit);
}

/** A value's length along an axis of `length` units going up to `max`. */
export function scale(value: number, max: number, length: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.min(length, (value / max) * length);
}

/**
 * The shade class (0 to `classes`) of a count among counts up to `max`: 0 only for zero, then
 * equal steps, so the smallest non-zero count is still visible.
 */
export function shadeClass(value: number, max: number, classes = 5): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(classes, Math.max(1, Math.ceil((value / max) * classes)));
}

export interface ShadeStep {
  shade: number;
  /** Lowest and highest count in the class (whole numbers; equal for a single count). */
  from: number;
  to: number;
}

/** The legend of `shadeClass`: the classes that hold at least one whole count. */
export function shadeLegend(max: number, classes = 5): ShadeStep[] {
  const steps: ShadeStep[] = [{ shade: 0, from: 0, to: 0 }];
  if (max <= 0) return steps;
  for (let shade = 1; shade <= classes; shade += 1) {
    const from = Math.floor(((shade - 1) * max) / classes) + 1;
    const to = Math.floor((shade * max) / classes);
    if (to >= from) steps.push({ shade, from, to });
  }
  return steps;
}

/**
 * An SVG path through the points `(x(i), y(value))`; a null value breaks the line, and a
 * point with no neighbour is drawn as a dot-sized segment so it stays visible.
 */
export function linePath(
  values: (number | null)[],
  x: (index: number) => number,
  y: (value: number) => number,
): string {
  const parts: string[] = [];
  let open = false;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      open = false;
      return;
    }
    const px = Math.round(x(index) * 10) / 10;
    const py = Math.round(y(value) * 10) / 10;
    const next = values[index + 1];
    const lonely = !open && (next === null || next === undefined);
    parts.push(`${open ? 'L' : 'M'}${px} ${py}${lonely ? ` h0.1` : ''}`);
    open = true;
  });
  return parts.join(' ');
}

/** Every n-th label so that at most `room` show (the last one always does). */
export function labelStep(count: number, room: number): number {
  return count <= room ? 1 : Math.ceil(count / room);
}
