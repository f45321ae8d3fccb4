// How much a candidate's side deserves a lift under the secretariat's balance goals: countries
// the secretariat names, countries with few agreed partnerships, and the short direction of flows.
import type { BalanceGoals } from '../balance/goals.ts';
import type { Region } from '../vocabulary/countries.ts';

export interface PartnershipCounts {
  /** Agreed (accepted or completed) partnerships per country, counting each side once. */
  byCountry: ReadonlyMap<string, number>;
  total: number;
  /** Agreed partnerships whose request came from each region. */
  fromAsia: number;
  fromEurope: number;
}

/**
 * 1 for a country the secretariat prioritises; otherwise the mean of two needs in [0, 1]:
 * the country's room under `maxCountryShare` (a country without partnerships needs most), and
 * whether the candidate's region is the short side of the flows measured against
 * `asiaShareTarget` (the requester here is the other side, so a European candidate answers a flow
 * from Asia). The ranker scales this into its small, bounded lift.
 */
export function balanceNeed(
  candidate: { country: string; region: Region },
  counts: PartnershipCounts,
  goals: Pick<BalanceGoals, 'maxCountryShare' | 'asiaShareTarget' | 'priorityCountries'>,
): number {
  if (goals.priorityCountries.includes(candidate.country)) return 1;
  const countryShare =
    counts.total > 0 ? (counts.byCountry.get(candidate.country) ?? 0) / counts.total : 0;
  const room =
    goals.maxCountryShare > 0 ? Math.max(0, 1 - countryShare / goals.maxCountryShare) : 0;
  const flows = counts.fromAsia + counts.fromEurope;
  const asiaShare = flows > 0 ? counts.fromAsia / flows : goals.asiaShareTarget;
  // A pairing with a European candidate is started from Asia, and the other way round.
  const shortOfAsianFlows = asiaShare < goals.asiaShareTarget;
  const direction =
    asiaShare === goals.asiaShareTarget
      ? 0
      : (candidate.region === 'europe') === shortOfAsianFlows
        ? Math.min(1, Math.abs(asiaShare - goals.asiaShareTarget) * 4)
        : 0;
  return (room + direction) / 2;
}
