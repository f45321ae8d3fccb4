// Words for the statistics pages: dimensions, presets, the period and region in a sentence.
import type { BreakdownDimension } from '@twinning/contracts/stats';
import { m } from '$lib/paraglide/messages';
import type { PresetId, StatsRegion } from './filters';
import { formatDay, formatShare } from './format';
import { pointsFromTarget } from './shape';

/** The switcher's name of a dimension ("By country"). */
export function dimensionName(by: BreakdownDimension): string {
  switch (by) {
    case 'country':
      return m.stats_by_country();
    case 'regionPair':
      return m.stats_by_region_pair();
    case 'format':
      return m.stats_by_format();
    case 'field':
      return m.stats_by_field();
    case 'sdg':
      return m.stats_by_sdg();
    case 'theme':
      return m.stats_by_theme();
    case 'month':
      return m.stats_by_month();
  }
}

/** The key column's heading ("Country"; "Narrow field in 07" when drilled down). */
export function dimensionHeading(by: BreakdownDimension, field: string | null = null): string {
  switch (by) {
    case 'country':
      return m.stats_col_country();
    case 'regionPair':
      return m.stats_col_region_pair();
    case 'format':
      return m.stats_col_format();
    case 'field':
      return field ? m.stats_col_narrow_field({ field }) : m.stats_col_field();
    case 'sdg':
      return m.stats_col_sdg();
    case 'theme':
      return m.stats_col_theme();
    case 'month':
      return m.stats_col_month();
  }
}

export function presetName(id: PresetId): string {
  if (id === 'last12') return m.stats_preset_last12();
  if (id === 'year') return m.stats_preset_year();
  return m.stats_preset_all();
}

/** "all time", "from 1 Jan 2026", "until …", "1 Jan 2026 to 29 Nov 2026". */
export function periodText(from: string | null, to: string | null, locale: string): string {
  if (from && to) {
    return m.stats_period_between({ from: formatDay(from, locale), to: formatDay(to, locale) });
  }
  if (from) return m.stats_period_from({ from: formatDay(from, locale) });
  if (to) return m.stats_period_to({ to: formatDay(to, locale) });
  return m.stats_period_all();
}

export function regionText(region: StatsRegion | null): string {
  if (region === 'asia') return m.stats_region_asia_only();
  if (region === 'europe') return m.stats_region_europe_only();
  return m.stats_region_both();
}

/** "Asia 45 % · Europe 55 % · target for Asia 50 %". */
export function shareLine(
  balance: { asiaShare: number | null; europeShare: number | null; target: number },
  locale: string,
): string {
  return m.stats_share_line({
    asia: formatShare(balance.asiaShare, locale),
    europe: formatShare(balance.europeShare, locale),
    target: formatShare(balance.target, locale),
  });
}

/** How far Asia's share stands from the target, in words. */
export function gapText(asiaShare: number | null, target: number): string {
  const gap = pointsFromTarget(asiaShare, target);
  if (gap === null) return m.stats_gap_none();
  if (gap === 0) return m.stats_gap_on_target();
  return gap > 0 ? m.stats_gap_above({ points: gap }) : m.stats_gap_below({ points: -gap });
}

/** The words of the balance trend chart: its title, description, series names and "no data". */
export function trendChartWords(target: number, locale: string) {
  return {
    title: m.stats_trend_heading(),
    description: m.stats_trend_desc({ target: formatShare(target, locale) }),
    names: {
      asia: m.stats_from_asia(),
      europe: m.stats_from_europe(),
      share: m.stats_asia_share(),
      target: m.stats_target(),
    },
    empty: m.stats_no_partnerships(),
  };
}

/** The words of a breakdown's bar chart, keyed by `heading` over `period`. */
export function breakdownChartWords(heading: string, period: string) {
  return {
    title: m.stats_breakdown_chart_title({ by: heading }),
    description: m.stats_breakdown_chart_desc({ period }),
    series: [m.stats_col_offers(), m.stats_col_accepted()],
    empty: m.stats_no_rows(),
  };
}
