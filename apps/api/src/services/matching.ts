// Partner suggestions and matching rounds. Both read one in-memory MatchingIndex of the open
// offers (packages/core), built on first use and brought up to date before each use with the
// offers written since (any process's writes: the database's `updated_at` says which), so
// ranking never reloads the catalogue. The pure ranker and the round solver decide; this file
// loads, checks rights, stores and notifies. A round can be previewed first (nothing stored or
// sent); the preview's token then makes the stored round exactly the one previewed.
import { createHash } from 'node:crypto';
import { isoDateOf } from '@twinning/core/offers/dates';
import { hasLapsed, stillOpenBounds } from '@twinning/core/offers/still-open';
import { MatchingIndex, type BalanceState } from '@twinning/core/matching/matching-index';
import {
  runRound,
  roundCandidatesPerOffer,
  type RoundProgress,
  type RoundResult,
} from '@twinning/core/matching/round';
import { roundFingerprint, sampleRanks, scoreSpread } from '@twinning/core/matching/round-preview';
import type { Repositories } from '@twinning/db/repositories';
import type { MatchableOffer } from '@twinning/db/repositories/offers';
import type { User } from '@twinning/db/repositories/users';
import {
  RoundNotRunningError,
  type ProposalRow,
  type RoundRow,
} from '@twinning/db/repositories/matching-rounds';
import { conflict, HttpError, notFound } from '../errors.ts';
import { requireOwnerOrSecretariat, requireSecretariat } from './guards.ts';
import type { NotificationService } from './notifications.ts';

/** Pairs a preview shows. */
const PREVIEW_SAMPLE = 10;

/** The token of a round's result: equal tokens, equal rounds (pairs, scores, figures). */
function previewTokenOf(result: RoundResult): string {
  return createHash('sha256').update(roundFingerprint(result)).digest('base64url');
}

/** The confirmed preview is no longer what the round would store. */
const previewOutdated = () =>
  new HttpError(
    409,
    'preview_outdated',
    'The open offers or the balance goals changed since the preview, so the round would propose something else. Nothing was stored or sent: preview the round again.',
  );

type MatchingRepositories = Pick<
  Repositories,
  'offers' | 'institutions' | 'statistics' | 'balanceGoals' | 'matchingRounds'
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
      const at = now();
      index = new MatchingIndex(
        await offers.listForMatching(isoDateOf(at), stillOpenBounds(at).lapseBefore),
      );
      return index;
    }
    if (watermark) {
      const { offers: changed, latest } = await offers.changedSince(watermark);
      for (const offer of changed) {
        // A lapsed offer (75 days unconfirmed) is written once by the still-open job, to leave.
        if (offer.hidden || offer.status !== 'open' || hasLapsed(offer, now()))
          index.remove(offer.id);
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

/** How often a running round tells the database it is alive (and how far it got). */
const heartbeatMs = 1_000;
/** A running round silent this long was left by a process that stopped: it is marked failed. */
export const roundStaleAfterMs = 60_000;
const staleRoundMessage = 'The server running the round stopped.';

export function createMatchingService({
  repositories,
  now,
  newId,
  notifications,
}: {
  repositories: MatchingRepositories;
  now: () => Date;
  newId: () => string;
  notifications: NotificationService;
}) {
  const { offers, institutions, statistics, balanceGoals, matchingRounds } = repositories;
  const live = createLiveIndex(repositories, now);
  /** Progress of the round running in this process, if any (others read it from the row). */
  let active: { id: string; progress: RoundProgressView } | undefined;

  /** Rounds whose process stopped are failed before anyone reads or starts one. */
  const failStaleRounds = () =>
    matchingRounds.failStale(
      staleRoundMessage,
      new Date(now().getTime() - roundStaleAfterMs),
      now(),
    );

  async function balanceState(): Promise<BalanceState> {
    const [goals, counts] = await Promise.all([
      balanceGoals.current(),
      statistics.partnershipCounts(),
    ]);
    return { goals, counts };
  }

  function progressOf(round: RoundRow): RoundProgressView | null {
    if (round.status !== 'running') return null;
    return active?.id === round.id ? active.progress : round.progress;
  }

  async function roundView(round: RoundRow & { proposals: ProposalRow[] }) {
    const ids = round.proposals.flatMap((p) => [p.offerId, p.partnerOfferId]);
    const summaries = await offers.summaries(ids);
    return {
      id: round.id,
      status: round.status,
      progress: progressOf(round),
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

  /** Works a round out over the open offers, step by step, without storing anything. */
  async function compute(
    balance: BalanceState,
    onProgress: (progress: RoundProgress) => void | Promise<void> = () => undefined,
  ): Promise<RoundResult> {
    const today = isoDateOf(now());
    const index = await live.current();
    const steps = runRound(index, { today, balance });
    let step = steps.next();
    while (!step.done) {
      await onProgress(step.value);
      // Let other requests in between steps: a round over thousands of offers takes seconds.
      await new Promise((resolve) => setImmediate(resolve));
      step = steps.next();
    }
    return step.value;
  }

  async function run(id: string, balance: BalanceState, previewToken?: string) {
    let beat = Date.now();
    const result = await compute(balance, async (progress) => {
      if (active?.id === id) active.progress = progress;
      // The running round's sign of life in the database, with how far it got.
      if (Date.now() - beat >= heartbeatMs) {
        beat = Date.now();
        await matchingRounds.heartbeat(id, progress, now());
      }
    });
    if (previewToken !== undefined && previewTokenOf(result) !== previewToken) {
      throw previewOutdated();
    }
    const owners = await matchingRounds.ownersOf(
      result.proposals.flatMap((p) => [p.offerId, p.partnerOfferId]),
    );
    // Each owner of a proposed pair hears of it, naming both offers; an offer gone meanwhile
    // has no one to tell.
    const stored = result.proposals.flatMap((p) =>
      (
        [
          [p.offerId, p.partnerOfferId],
          [p.partnerOfferId, p.offerId],
        ] as const
      ).flatMap(([ownId, partnerId]) => {
        const own = owners.get(ownId);
        const partner = owners.get(partnerId);
        if (!own || !partner) return [];
        return [
          notifications.draft(own.ownerId, 'round_proposal', {
            roundId: id,
            offerId: ownId,
            offerTitle: own.title,
            partnerOfferId: partnerId,
            partnerOfferTitle: partner.title,
            score: p.score,
          }),
        ];
      }),
    );
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
    await notifications.publish(stored.map((n) => n.id));
  }

  return {
    /** Ranked partners for an offer (its owner or the secretariat). */
    async suggest(user: User, offerId: string, limit: number) {
      const offer = await offers.findForMatching(offerId);
      if (!offer) throw notFound('offer');
      requireOwnerOrSecretariat(
        user,
        offer.ownerId,
        'Only the offer’s owner and the secretariat see its partner suggestions.',
      );
      const [index, balance] = await Promise.all([live.current(), balanceState()]);
      const ranked = index.rank(offer, { today: isoDateOf(now()), balance }, limit);
      const suggestions = await Promise.all(
        ranked.map(async (match) => {
          const partner = index.offer(match.offerId);
          const institution = partner && (await institutions.findById(partner.institutionId));
          // A partner the index ranked but whose offer or institution is gone is left out.
          if (!partner || !institution) return undefined;
          return {
            offer: partner,
            institution,
            score: match.score,
            breakdown: match.breakdown,
            reasons: match.reasons,
            cautions: match.cautions,
          };
        }),
      );
      return suggestions.filter((s) => s !== undefined);
    },

    /**
     * What a round would propose now, stored nowhere and sent to nobody: its figures, the
     * spread of its scores, a sample of its pairs from best to weakest, how many people it
     * would notify, and the token that stores exactly this round.
     */
    async previewRound(user: User) {
      requireSecretariat(user, 'previews matching rounds');
      const result = await compute(await balanceState());
      const ids = result.proposals.flatMap((p) => [p.offerId, p.partnerOfferId]);
      const owners = await matchingRounds.ownersOf(ids);
      // Whom the round would tell, as `run` does: both owners of each pair whose two offers
      // are still there.
      const notified = result.proposals.flatMap((p) => {
        const own = owners.get(p.offerId);
        const partner = owners.get(p.partnerOfferId);
        return own && partner ? [own.ownerId, partner.ownerId] : [];
      });
      const ranks = sampleRanks(result.proposals.length, PREVIEW_SAMPLE);
      const sample = ranks.map((rank) => ({ rank, ...result.proposals[rank]! }));
      const summaries = await offers.summaries(
        sample.flatMap((p) => [p.offerId, p.partnerOfferId]),
      );
      return {
        previewToken: previewTokenOf(result),
        computedAt: now().toISOString(),
        proposalCount: result.proposals.length,
        totalScore: result.totalScore,
        asiaOffers: result.asiaOffers,
        europeOffers: result.europeOffers,
        candidatePairs: result.candidatePairs,
        lecturers: new Set(notified).size,
        notifications: notified.length,
        scores: scoreSpread(result.proposals.map((p) => p.score)),
        sample: sample.map((p) => ({
          rank: p.rank + 1,
          offerId: p.offerId,
          partnerOfferId: p.partnerOfferId,
          score: p.score,
          offer: summaries.get(p.offerId) ?? null,
          partnerOffer: summaries.get(p.partnerOfferId) ?? null,
        })),
      };
    },

    /**
     * Starts a round over every open offer and resolves when it is stored. One round at a time,
     * across every process on the database: a second request while one runs gets 409 with the
     * running round's id. With a preview's token, the round is stored only when it is exactly
     * that preview: otherwise nothing is stored or sent (409 `preview_outdated`).
     */
    async startRound(user: User, { previewToken }: { previewToken?: string } = {}) {
      requireSecretariat(user, 'runs matching rounds');
      const id = newId();
      const balance = await balanceState();
      const start = () =>
        matchingRounds.start({
          id,
          createdBy: user.id,
          parameters: { ...balance.goals, candidatesPerOffer: roundCandidatesPerOffer },
          at: now(),
        });
      let started = await start();
      // The one running may have been left by a process that stopped: then it is failed now.
      if (!started.started && (await failStaleRounds()) > 0) started = await start();
      if (!started.started) {
        throw conflict(
          `A matching round is running already (${started.runningId}); wait for it to finish.`,
        );
      }
      active = { id, progress: { phase: 'candidates', done: 0, total: 0 } };
      try {
        await run(id, balance, previewToken);
      } catch (error) {
        if (error instanceof RoundNotRunningError) {
          throw conflict('The round took too long to report and was stopped; start it again.');
        }
        // A round that is not the confirmed preview leaves no trace; one that broke is kept as
        // failed, with why.
        if (error instanceof HttpError && error.code === 'preview_outdated') {
          await matchingRounds.discard(id);
          throw error;
        }
        await matchingRounds.fail(
          id,
          error instanceof Error ? error.message : String(error),
          now(),
        );
        throw error;
      } finally {
        active = undefined;
      }
      const stored = await matchingRounds.findById(id);
      if (!stored) throw notFound('matching round');
      return roundView(stored);
    },

    async round(user: User, id: string) {
      requireSecretariat(user, 'sees matching rounds');
      await failStaleRounds();
      const round = await matchingRounds.findById(id);
      if (!round) throw notFound('matching round');
      return roundView(round);
    },

    async rounds(user: User, limit: number) {
      requireSecretariat(user, 'sees matching rounds');
      await failStaleRounds();
      const rows = await matchingRounds.list(limit);
      return rows.map((r) => ({
        id: r.id,
        status: r.status,
        progress: progressOf(r),
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
      requireOwnerOrSecretariat(
        user,
        offer.ownerId,
        'Only the offer’s owner and the secretariat see its round proposal.',
      );
      const proposal = await matchingRounds.latestProposalFor(offerId);
      if (!proposal) return { proposal: null };
      const partnerId = proposal.offerId === offerId ? proposal.partnerOfferId : proposal.offerId;
      const partner = await offers.findById(partnerId);
      // A partner taken down or gone since the round proposes nothing any more.
      const institution = partner && (await institutions.findById(partner.institutionId));
      if (!partner || !institution) return { proposal: null };
      return {
        proposal: {
          roundId: proposal.roundId,
          roundAt: proposal.roundAt.toISOString(),
          score: proposal.score,
          partnershipId: proposal.partnershipId,
          offer: partner,
          institution,
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
