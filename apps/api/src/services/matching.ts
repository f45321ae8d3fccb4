// Partner suggestions and matching rounds. Both read one in-memory MatchingIndex of the open
// offers (packages/core), built on first use and brought up to date before each use with the
// offers written since (any process's writes: the database's `updated_at` says which), so
// ranking never reloads the catalogue. The pure ranker and the round solver decide; this file
// loads, checks rights, stores and notifies.
import { isoDateOf } from '@twinning/core/offers/dates';
import { MatchingIndex, type BalanceState } from '@twinning/core/matching/matching-index';
import { runRound, roundCandidatesPerOffer } from '@twinning/core/matching/round';
import type { Repositories } from '@twinning/db/repositories';
import type { MatchableOffer } from '@twinning/db/repositories/offers';
import type { User } from '@twinning/db/repositories/users';
import type { RoundRow, ProposalRow } from '@twinning/db/repositories/matching-rounds';
import { conflict, forbidden, notFound } from '../errors.ts';

type MatchingRepositories = Pick<
  Repositories,
  'offers' | 'institutions' | 'stats' | 'balanceGoals' | 'matchingRounds'
>;

/** The index, kept up to date with writes; syncs run one at a time. */
function createLiveIndex(repositories: MatchingRepositories, now: () => Date) {
  const { offers } = repositories;
  let index: MatchingIndex<MatchableOffer> | undefined;
  let watermark: Date | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function sync(): Promise<MatchingIndex<MatchableOffer>> {
    if (!index) {
      // Read the watermark first: a write landing during the load is fetched again next time.
      watermark = await offers.latestWrite();
      index = new MatchingIndex(await offers.listForMatching(isoDateOf(now())));
      return index;
    }
    if (watermark) {
      const { offers: changed, latest } = await offers.changedSince(watermark);
      for (const offer of changed) {
        if (offer.hidden || offer.status !== 'open') index.remove(offer.id);
        else index.upsert(offer);
      }
      if (latest) watermark = latest;
    } else {
      const latest = await offers.latestWrite();
      if (latest) {
        index = undefined;
        return sync();
      }
    }
    return index;
  }

  return {
    current(): Promise<MatchingIndex<MatchableOffer>> {
      const next = queue.then(sync, sync);
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

export function createMatchingService({
  repositories,
  now,
  newId,
  notify = async () => undefined,
}: {
  repositories: MatchingRepositories;
  now: () => Date;
  newId: () => string;
  /** Pushes stored notifications to their users' sockets. */
  notify?: (ids: string[]) => Promise<void>;
}) {
  const { offers, institutions, stats, balanceGoals, matchingRounds } = repositories;
  const live = createLiveIndex(repositories, now);
  /** Progress of the round running in this process, if any. */
  let active: { id: string; progress: RoundProgressView } | undefined;

  async function balanceState(): Promise<BalanceState> {
    const [goals, counts] = await Promise.all([balanceGoals.current(), stats.partnershipCounts()]);
    return { goals, counts };
  }

  function requireSecretariat(user: User, what: string) {
    if (user.role !== 'secretariat') throw forbidden(`Only the secretariat ${what}.`);
  }

  async function roundView(round: RoundRow & { proposals: ProposalRow[] }) {
    const ids = round.proposals.flatMap((p) => [p.offerId, p.partnerOfferId]);
    const summaries = await offers.summaries(ids);
    return {
      id: round.id,
      status: round.status,
      progress: active?.id === round.id ? active.progress : null,
      totalScore: round.totalScore ?? 0,
      asiaOffers: round.asiaOffers,
      europeOffers: round.europeOffers,
      candidatePairs: round.candidatePairs,
      error: round.error,
      createdAt: round.createdAt.toISOString(),
      finishedAt: round.finishedAt?.toISOString() ?? null,
      proposals: round.proposals.map((p) => ({
        offerId: p.offerId,
        partnerOfferId: p.partnerOfferId,
        score: p.score,
        partnershipId: p.partnershipId,
        offer: summaries.get(p.offerId) ?? null,
        partnerOffer: summaries.get(p.partnerOfferId) ?? null,
      })),
    };
  }

  async function run(id: string, balance: BalanceState) {
    const today = isoDateOf(now());
    const index = await live.current();
    const steps = runRound(index, { today, balance });
    let step = steps.next();
    while (!step.done) {
      if (active?.id === id) active.progress = step.value;
      // Let other requests in between steps: a round over thousands of offers takes seconds.
      await new Promise((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    const result = step.value;
    const owners = await matchingRounds.ownersOf(
      result.proposals.flatMap((p) => [p.offerId, p.partnerOfferId]),
    );
    const notifications = result.proposals.flatMap((p) =>
      [
        [p.offerId, p.partnerOfferId],
        [p.partnerOfferId, p.offerId],
      ].map(([own, partner]) => ({
        id: newId(),
        userId: owners.get(own!)!,
        kind: 'round_proposal',
        payload: { roundId: id, offerId: own, partnerOfferId: partner, score: p.score },
      })),
    );
    const stored = notifications.filter((n) => n.userId);
    await matchingRounds.finish({
      id,
      totalScore: result.totalScore,
      asiaOffers: result.asiaOffers,
      europeOffers: result.europeOffers,
      candidatePairs: result.candidatePairs,
      proposals: result.proposals,
      notifications: stored,
      at: now(),
    });
    await notify(stored.map((n) => n.id));
  }

  return {
    /** Ranked partners for an offer (its owner or the secretariat). */
    async suggest(user: User, offerId: string, limit: number) {
      const offer = await offers.findForMatching(offerId);
      if (!offer) throw notFound('offer');
      if (offer.ownerId !== user.id && user.role !== 'secretariat') {
        throw forbidden('Only the offer’s owner and the secretariat see its partner suggestions.');
      }
      const [index, balance] = await Promise.all([live.current(), balanceState()]);
      const ranked = index.rank(offer, { today: isoDateOf(now()), balance }, limit);
      return Promise.all(
        ranked.map(async (match) => {
          const partner = index.offer(match.offerId)!;
          return {
            offer: partner,
            institution: (await institutions.findById(partner.institutionId))!,
            score: match.score,
            breakdown: match.breakdown,
            reasons: match.reasons,
            cautions: match.cautions,
          };
        }),
      );
    },

    /**
     * Starts a round over every open offer and resolves when it is stored. One round at a time:
     * a second request while one runs gets 409 with the running round's id.
     */
    async startRound(user: User) {
      requireSecretariat(user, 'runs matching rounds');
      if (active) {
        throw conflict(
          `A matching round is running already (${active.id}); wait for it to finish.`,
        );
      }
      // Claimed before the first await, so two requests at once cannot both start one.
      const id = newId();
      active = { id, progress: { phase: 'candidates', done: 0, total: 0 } };
      try {
        const balance = await balanceState();
        await matchingRounds.start({
          id,
          createdBy: user.id,
          parameters: { ...balance.goals, candidatesPerOffer: roundCandidatesPerOffer },
          at: now(),
        });
        try {
          await run(id, balance);
        } catch (error) {
          await matchingRounds.fail(
            id,
            error instanceof Error ? error.message : String(error),
            now(),
          );
          throw error;
        }
      } finally {
        active = undefined;
      }
      return roundView((await matchingRounds.findById(id))!);
    },

    async round(user: User, id: string) {
      requireSecretariat(user, 'sees matching rounds');
      const round = await matchingRounds.findById(id);
      if (!round) throw notFound('matching round');
      return roundView(round);
    },

    async rounds(user: User, limit: number) {
      requireSecretariat(user, 'sees matching rounds');
      const rows = await matchingRounds.list(limit);
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        progress: active?.id === r.id ? active.progress : null,
        totalScore: r.totalScore ?? 0,
        proposalCount: r.proposalCount,
        asiaOffers: r.asiaOffers,
        europeOffers: r.europeOffers,
        createdAt: r.createdAt.toISOString(),
        finishedAt: r.finishedAt?.toISOString() ?? null,
      }));
    },

    /** The newest round's proposal for an offer (its owner or the secretariat), or null. */
    async proposalFor(user: User, offerId: string) {
      const offer = await offers.findForMatching(offerId);
      if (!offer) throw notFound('offer');
      if (offer.ownerId !== user.id && user.role !== 'secretariat') {
        throw forbidden('Only the offer’s owner and the secretariat see its round proposal.');
      }
      const proposal = await matchingRounds.latestProposalFor(offerId);
      if (!proposal) return { proposal: null };
      const partnerId = proposal.offerId === offerId ? proposal.partnerOfferId : proposal.offerId;
      const partner = await offers.findById(partnerId);
      if (!partner) return { proposal: null };
      return {
        proposal: {
          roundId: proposal.roundId,
          roundAt: proposal.roundAt.toISOString(),
          score: proposal.score,
          partnershipId: proposal.partnershipId,
          offer: partner,
          institution: (await institutions.findById(partner.institutionId))!,
        },
      };
    },
  };
}

export type RoundProgressView = {
  phase: 'candidates' | 'assignment';
  done: number;
  total: number;
};
