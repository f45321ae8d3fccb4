// The 17 UN Sustainable Development Goals.
import sdgData from './data/sdgs.json' with { type: 'json' };

export interface Sdg {
  number: number;
  name: string;
}

export const sdgs: readonly Sdg[] = sdgData.goals;

export function isSdg(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= sdgs.length;
}
