// The secretariat's balance goals: what the matcher lifts and what the statistics measure against.
export interface BalanceGoals {
  /** Wanted share of agreed partnerships started from Asia (0–1). */
  asiaShareTarget: number;
  /** No country should hold more than this share of partnerships (0–1). */
  maxCountryShare: number;
  /** How much balance may move a score (0–0.2); kept small so it only breaks near-ties. */
  balanceWeight: number;
  /** Under-represented countries the secretariat wants lifted (ISO codes). */
  priorityCountries: string[];
}

export const defaultBalanceGoals: BalanceGoals = {
  asiaShareTarget: 0.5,
  maxCountryShare: 0.1,
  balanceWeight: 0.1,
  priorityCountries: [],
};
