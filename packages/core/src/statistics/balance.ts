// The Asia↔Europe balance of exchange flows, as the secretariat's goals define it.
import { share } from './median.ts';

export interface FlowCounts {
  /** Agreed partnerships (accepted or completed) whose request came from an Asian offer. */
  fromAsia: number;
  fromEurope: number;
  studentsAsia: number;
  studentsEurope: number;
}

export interface BalanceFigures {
  asiaShare: number | null;
  europeShare: number | null;
  target: number;
  studentsAsia: number;
  studentsEurope: number;
}

/**
 * The share of agreed partnerships started from each region: the "direction of flows" of
 * PRODUCT.md. A target of 0.5 asks for as many initiatives from Asia as from Europe.
 */
export function balanceFigures(flows: FlowCounts, asiaShareTarget: number): BalanceFigures {
  const total = flows.fromAsia + flows.fromEurope;
  return {
    asiaShare: share(flows.fromAsia, total),
    europeShare: share(flows.fromEurope, total),
    target: asiaShareTarget,
    studentsAsia: flows.studentsAsia,
    studentsEurope: flows.studentsEurope,
  };
}
