// ISCED-F 2013 fields of education: broad (2 digits) → narrow (3) → detailed (4).
import isced from './data/isced-f-2013.json' with { type: 'json' };

export interface IscedField {
  code: string;
  name: string;
}
export interface IscedNarrow extends IscedField {
  broad: string;
}
export interface IscedDetailed extends IscedField {
  narrow: string;
  broad: string;
}

export const iscedBroad: readonly IscedField[] = isced.broad;
export const iscedNarrow: readonly IscedNarrow[] = isced.narrow;
export const iscedDetailed: readonly IscedDetailed[] = isced.detailed;

const detailedByCode = new Map(iscedDetailed.map((f) => [f.code, f]));
const names = new Map<string, string>(
  [...iscedBroad, ...iscedNarrow, ...iscedDetailed].map((f) => [f.code, f.name]),
);

export function isIscedDetailed(code: string): boolean {
  return detailedByCode.has(code);
}

/** Any level of the hierarchy: `06`, `061` or `0613`. */
export function isIscedCode(code: string): boolean {
  return names.has(code);
}

export function iscedName(code: string): string | undefined {
  return names.get(code);
}

/** The broad and narrow codes a detailed code belongs to. */
export function iscedAncestors(detailed: string): { narrow: string; broad: string } {
  return { narrow: detailed.slice(0, 3), broad: detailed.slice(0, 2) };
}
