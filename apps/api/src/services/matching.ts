// Partner suggestions for one offer: loads the open offers, the text index and the balance
// figures, and lets the pure ranker in @twinning/core decide.
import { balanceNeed } from '@twinning/core/matching/balance';
import { rankPartners } from '@twinning/core/matching/rank';
import { buildTextIndex, textSimilarity } from '@twinning/core/matching/text-similarity';
import { isoDateOf } from '@twinning/core/offers/dates';
import type { Repositories } from '@twinning/db/repositories';
import type { User } from '@twinning/db/repositories/users';
import { forbidden, notFound } from '../errors.ts';

export function createMatchingService({
  repositories,
  now,
}: {
  repositories: Pick<Repositories, 'offers' | 'institutions' | 'stats' | 'balanceGoals'>;
  now: () => Date;
}) {
  const { offers, institutions, stats, balanceGoals } = repositories;
  return {
    /**
     * Ranked partners for an offer (its owner or the secretariat). Each call builds the text
     * index over the open offers: right for the catalogue's size today; precomputed features
     * kept in memory come with the matching benchmark at 100k offers.
     */
    async suggest(user: User, offerId: string, limit: number) {
      const offer = await offers.findForMatching(offerId);
      if (!offer) throw notFound('offer');
      if (offer.ownerId !== user.id && user.role !== 'secretariat') {
        throw forbidden('Only the offer’s owner and the secretariat see its partner suggestions.');
      }
      const today = isoDateOf(now());
      const [candidates, goals, counts] = await Promise.all([
        offers.listForMatching(today),
        balanceGoals.current(),
        stats.partnershipCounts(),
      ]);
      const corpus = candidates.some((c) => c.id === offer.id)
        ? candidates
        : [...candidates, offer];
      const index = buildTextIndex(corpus);
      const ranked = rankPartners(
        offer,
        candidates,
        {
          today,
          textSimilarity: (a, b) => textSimilarity(index, a, b),
          balanceNeed: (candidate) => balanceNeed(candidate, counts, goals),
          balanceWeight: goals.balanceWeight,
        },
        limit,
      );
      const byId = new Map(candidates.map((c) => [c.id, c]));
      return Promise.all(
        ranked.map(async (match) => {
          const partner = byId.get(match.offerId)!;
          return {
            offer: partner,
            institution: (await institutions.findById(partner.institutionId))!,
            score: match.score,
            breakdown: match.breakdown,
            reasons: match.reasons,
          };
        }),
      );
    },
  };
}
