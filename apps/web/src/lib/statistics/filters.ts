// The period and region every secretariat figure is narrowed to, read from the page's query
// string (the filter form is a plain GET form) and written back into links and API paths.
// Pure: no SvelteKit, no messages, so it is unit-tested on its own.
import { breakdownDimensions, type BreakdownDimension } from '@twinning/contracts/stats';

export type StatsRegion = 'asia' | 'europe';

/** The breakdowns in the order the dashboard offers them: the API's own list. */
export const dimensions = breakdownDimensions;

export interface StatsFilters {
  from: string | null;
  to: string | null;
  region: StatsRegion | null;
}

export interface StatsView extends StatsFilters {
  by: BreakdownDimension;
  /** With `by=field`: the broad field (two digits) whose narrow fields are shown. */
  field: string | null;
}

export type PresetId = 'all' | 'last12' | 'year';

export interface PeriodPreset {
  id: PresetId;
  from: string | null;
  to: string | null;
}

/** `YYYY-MM-DD` when it is a real calendar date, else null. */
export function readIsoDate(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  return date.toISOString().slice(0, 10) === value ? value : null;
}

export function readRegion(value: string | null | undefined): StatsRegion | null {
  return value === 'asia' || value === 'europe' ? value : null;
}

export function readDimension(value: string | null | undefined): BreakdownDimension {
  return (dimensions as readonly string[]).includes(value ?? '')
    ? (value as BreakdownDimension)
    : 'country';
}

/** The filters in a query string; a period given backwards is turned round. */
export function readFilters(params: URLSearchParams): StatsFilters {
  let from = readIsoDate(params.get('from'));
  let to = readIsoDate(params.get('to'));
  if (from && to && from > to) [from, to] = [to, from];
  return { from, to, region: readRegion(params.get('region')) };
}

export function readView(params: URLSearchParams): StatsView {
  const by = readDimension(params.get('by'));
  const rawField = params.get('field') ?? '';
  const field = by === 'field' && /^\d{2}$/.test(rawField) ? rawField : null;
  return { ...readFilters(params), by, field };
}

/** Query values for the API (`apiPath` leaves the empty ones out). */
export function filterQuery(filters: StatsFilters): Record<string, string | null> {
  return { from: filters.from, to: filters.to, region: filters.region };
}

export function viewQuery(view: StatsView): Record<string, string | null> {
  return { by: view.by, ...filterQuery(view), field: view.field };
}

/** A query string (without `?`) of the non-empty values, in a stable order. */
export function queryString(values: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value) search.set(name, value);
  }
  return search.toString();
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** All time, the last 12 months (to today) and this calendar year, in UTC days. */
export function periodPresets(today: Date): PeriodPreset[] {
  const to = isoDay(today);
  const yearAgo = new Date(
    Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth(), today.getUTCDate() + 1),
  );
  return [
    { id: 'all', from: null, to: null },
    { id: 'last12', from: isoDay(yearAgo), to },
    { id: 'year', from: `${today.getUTCFullYear()}-01-01`, to },
  ];
}

/** The preset the filters match, or null for a period of one's own. */
export function activePreset(filters: StatsFilters, presets: PeriodPreset[]): PresetId | null {
  return presets.find((p) => p.from === filters.from && p.to === filters.to)?.id ?? null;
}
