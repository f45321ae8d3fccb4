// Matching rounds and their proposals. A round is stored as running when it starts, and finishes
// in one transaction with all its proposals and the notifications to both lecturers of each — so
// a round is either whole or marked failed, never half-written.
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changedRows, isUniqueViolation, tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';

export type RoundStatus = 'running' | 'done' | 'failed';

export interface ProposalRow {
  offerId: string;
  partnerOfferId: string;
  score: number;
  partnershipId: string | null;
}

export interface RoundProgress {
  phase: 'candidates' | 'assignment';
  done: number;
  total: number;
}

export interface RoundRow {
  id: string;
  createdBy: string | null;
  status: RoundStatus;
  totalScore: number | null;
  parameters: Record<string, unknown> | null;
  error: string | null;
  asiaOffers: number | null;
  europeOffers: number | null;
  candidatePairs: number | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** While running: the running process's last sign of life, and how far it got. */
  heartbeatAt: Date | null;
  progress: RoundProgress | null;
}

/** What starting a round found: it started, or another one runs (the database allows one). */
export type RoundStart = { started: true } | { started: false; runningId: string };

/** Finishing a round that is no longer running (another process judged it dead). */
export class RoundNotRunningError extends Error {
  constructor(readonly roundId: string) {
    super(`Matching round ${roundId} is no longer running.`);
  }
}

export function createMatchingRoundRepository(db: Db) {
  const { matchingProposals, matchingRounds, offers } = tablesFor(db);
  return {
    /**
     * Stores the round as running unless one runs already, in any process: the unique index on
     * running rounds makes the insert itself the lock.
     */
    async start(input: {
      id: string;
      createdBy: string;
      parameters: Record<string, unknown>;
      at: Date;
    }): Promise<RoundStart> {
      for (;;) {
        try {
          await db.insert(matchingRounds).values({
            id: input.id,
            createdBy: input.createdBy,
            status: 'running',
            parameters: input.parameters,
            createdAt: input.at,
            heartbeatAt: input.at,
          });
          return { started: true };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
        const [running] = await db
          .select({ id: matchingRounds.id })
          .from(matchingRounds)
          .where(eq(matchingRounds.status, 'running'));
        // Finished in between: try again.
        if (running) return { started: false, runningId: running.id };
      }
    },

    /** The running process's sign of life, with how far the round got. */
    async heartbeat(id: string, progress: RoundProgress, at: Date): Promise<void> {
      await db
        .update(matchingRounds)
        .set({ heartbeatAt: at, progress })
        .where(and(eq(matchingRounds.id, id), eq(matchingRounds.status, 'running')));
    },

    /** Stores the result, every proposal and every notification at once. */
    async finish(input: {
      id: string;
      totalScore: number;
      asiaOffers: number;
      europeOffers: number;
      candidatePairs: number;
      proposals: { offerId: string; partnerOfferId: string; score: number }[];
      notifications: NotificationInput[];
      at: Date;
    }): Promise<void> {
      await transaction(db, async (tx) => {
        const updated = await tx
          .update(matchingRounds)
          .set({
            status: 'done',
            totalScore: input.totalScore,
            asiaOffers: input.asiaOffers,
            europeOffers: input.europeOffers,
            candidatePairs: input.candidatePairs,
            finishedAt: input.at,
            progress: null,
          })
          .where(and(eq(matchingRounds.id, input.id), eq(matchingRounds.status, 'running')));
        // Judged dead (no heartbeat for too long) and marked failed meanwhile: another round
        // may run now, so this one stores nothing.
        if (changedRows(updated) === 0) throw new RoundNotRunningError(input.id);
        // Chunks keep each statement under SQLite's limit on bound values.
        for (let i = 0; i < input.proposals.length; i += 200) {
          await tx
            .insert(matchingProposals)
            .values(input.proposals.slice(i, i + 200).map((p) => ({ roundId: input.id, ...p })));
        }
        await writeNotifications(tx, input.notifications, input.at);
      });
    },

    /** Removes a round that stored nothing yet (still running): it is as if it never ran. */
    async discard(id: string): Promise<void> {
      await db
        .delete(matchingRounds)
        .where(and(eq(matchingRounds.id, id), eq(matchingRounds.status, 'running')));
    },

    async fail(id: string, error: string, at: Date): Promise<void> {
      await db
        .update(matchingRounds)
        .set({ status: 'failed', error, finishedAt: at, progress: null })
        .where(and(eq(matchingRounds.id, id), eq(matchingRounds.status, 'running')));
    },

    async findById(id: string): Promise<(RoundRow & { proposals: ProposalRow[] }) | undefined> {
      const [round] = await db.select().from(matchingRounds).where(eq(matchingRounds.id, id));
      if (!round) return undefined;
      const proposals = await db
        .select({
          offerId: matchingProposals.offerId,
          partnerOfferId: matchingProposals.partnerOfferId,
          score: matchingProposals.score,
          partnershipId: matchingProposals.partnershipId,
        })
        .from(matchingProposals)
        .where(eq(matchingProposals.roundId, id))
        .orderBy(desc(matchingProposals.score), matchingProposals.offerId);
      return { ...round, proposals };
    },

    /** The newest rounds first, with how many proposals each made. */
    async list(limit: number): Promise<(RoundRow & { proposalCount: number })[]> {
      const rounds = await db
        .select()
        .from(matchingRounds)
        .orderBy(desc(matchingRounds.createdAt), desc(matchingRounds.id))
        .limit(limit);
      if (rounds.length === 0) return [];
      const proposals = await db
        .select({ roundId: matchingProposals.roundId })
        .from(matchingProposals)
        .where(
          inArray(
            matchingProposals.roundId,
            rounds.map((r) => r.id),
          ),
        );
      const counts = new Map<string, number>();
      for (const p of proposals) counts.set(p.roundId, (counts.get(p.roundId) ?? 0) + 1);
      return rounds.map((r) => ({ ...r, proposalCount: counts.get(r.id) ?? 0 }));
    },

    /**
     * A running round with no heartbeat since `staleBefore` was left by a process that stopped
     * and can never finish: marks it failed, so it neither shows as running nor blocks the next.
     */
    async failStale(error: string, staleBefore: Date, at: Date): Promise<number> {
      const stale = and(
        eq(matchingRounds.status, 'running'),
        lt(
          sql`coalesce(${matchingRounds.heartbeatAt}, ${matchingRounds.createdAt})`,
          sql.param(staleBefore, matchingRounds.createdAt),
        ),
      );
      // Read first: readers call this often, and an update takes the write lock even when it
      // changes nothing.
      const [found] = await db
        .select({ id: matchingRounds.id })
        .from(matchingRounds)
        .where(stale)
        .limit(1);
      if (!found) return 0;
      const result = await db
        .update(matchingRounds)
        .set({ status: 'failed', error, finishedAt: at, progress: null })
        .where(stale);
      return changedRows(result);
    },

    /**
     * The proposal of the newest finished round that names this offer, on either side, with the
     * round's id and date; undefined when the newest round did not propose it.
     */
    async latestProposalFor(
      offerId: string,
    ): Promise<(ProposalRow & { roundId: string; roundAt: Date }) | undefined> {
      const [latest] = await db
        .select({ id: matchingRounds.id, at: matchingRounds.createdAt })
        .from(matchingRounds)
        .where(eq(matchingRounds.status, 'done'))
        .orderBy(desc(matchingRounds.createdAt), desc(matchingRounds.id))
        .limit(1);
      if (!latest) return undefined;
      const [row] = await db
        .select({
          offerId: matchingProposals.offerId,
          partnerOfferId: matchingProposals.partnerOfferId,
          score: matchingProposals.score,
          partnershipId: matchingProposals.partnershipId,
        })
        .from(matchingProposals)
        .where(
          and(
            eq(matchingProposals.roundId, latest.id),
            or(
              eq(matchingProposals.offerId, offerId),
              eq(matchingProposals.partnerOfferId, offerId),
            ),
          ),
        );
      return row ? { ...row, roundId: latest.id, roundAt: latest.at } : undefined;
    },

    /** Records that a lecturer opened a partnership from the proposals naming this pair. */
    async linkPartnership(
      offerId: string,
      partnerOfferId: string,
      partnershipId: string,
    ): Promise<void> {
      await db
        .update(matchingProposals)
        .set({ partnershipId })
        .where(
          or(
            and(
              eq(matchingProposals.offerId, offerId),
              eq(matchingProposals.partnerOfferId, partnerOfferId),
            ),
            and(
              eq(matchingProposals.offerId, partnerOfferId),
              eq(matchingProposals.partnerOfferId, offerId),
            ),
          ),
        );
    },

    /** Owners and titles of offers, to notify the owners: id → owner id and title. */
    async ownersOf(offerIds: string[]): Promise<Map<string, { ownerId: string; title: string }>> {
      const owners = new Map<string, { ownerId: string; title: string }>();
      const unique = [...new Set(offerIds)];
      for (let i = 0; i < unique.length; i += 500) {
        const rows = await db
          .select({ id: offers.id, ownerId: offers.ownerId, title: offers.title })
          .from(offers)
          .where(inArray(offers.id, unique.slice(i, i + 500)));
        for (const { id, ...owner } of rows) owners.set(id, owner);
      }
      return owners;
    },
  };
}

export type MatchingRoundRepository = ReturnType<typeof createMatchingRoundRepository>;
