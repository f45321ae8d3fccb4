// Help: the weights, the balance lift and the minimum shared term are read from the matcher
// itself, so the explanation cannot drift from what it does.
import { minOverlapDays } from '@twinning/core/matching/constraints';
import { matchWeights, maxBalanceLift } from '@twinning/core/matching/rank';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
  weights: { ...matchWeights },
  balancePoints: Math.round(maxBalanceLift * 100),
  minOverlapDays,
});
