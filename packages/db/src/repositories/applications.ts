// Student applications to offers open to students, and the notifications their decisions send.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { changedRows, isUniqueViolation, tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { newestFirstKey, olderThanCursor, pageOf, type Page } from '../paging.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';

export type ApplicationStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface Application {
  id: string;
  offerId: string;
  offerTitle: string;
  offerOwnerId: string;
  studentId: string;
  studentName: string;
  studentEmail: string;
  motivation: string;
  status: ApplicationStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

export class AlreadyAppliedError extends Error {
  constructor() {
    super('already applied');
  }
}

export function createApplicationRepository(db: Db) {
  const { applications, offers, users } = tablesFor(db);
  const columns = {
    id: applications.id,
    offerId: applications.offerId,
    offerTitle: offers.title,
    offerOwnerId: offers.ownerId,
    studentId: applications.studentId,
    studentName: users.name,
    studentEmail: users.email,
    motivation: applications.motivation,
    status: applications.status,
    createdAt: applications.createdAt,
    decidedAt: applications.decidedAt,
  };
  const base = () =>
    db
      .select(columns)
      .from(applications)
      .innerJoin(offers, eq(offers.id, applications.offerId))
      .innerJoin(users, eq(users.id, applications.studentId));

  return {
    /**
     * A new application, pending, with the owner's notification, in one transaction. Applying
     * again after withdrawing reopens the withdrawn application: pass its id (`findOf`), so the
     * notification names the application that is stored. Throws AlreadyAppliedError when the
     * student has an application to the offer that is not that withdrawn one.
     */
    async create(input: {
      id: string;
      offerId: string;
      studentId: string;
      motivation: string;
      createdAt: Date;
      notification: NotificationInput;
    }): Promise<Application> {
      try {
        await transaction(db, async (tx) => {
          const [earlier] = await tx
            .select({ id: applications.id, status: applications.status })
            .from(applications)
            .where(
              and(
                eq(applications.offerId, input.offerId),
                eq(applications.studentId, input.studentId),
              ),
            );
          if (earlier && (earlier.status !== 'withdrawn' || earlier.id !== input.id)) {
            throw new AlreadyAppliedError();
          }
          if (earlier) {
            // Applying again after withdrawing: the same application, pending once more.
            await tx
              .update(applications)
              .set({
                motivation: input.motivation,
                status: 'pending',
                createdAt: input.createdAt,
                decidedAt: null,
              })
              .where(eq(applications.id, input.id));
          } else {
            await tx.insert(applications).values({
              id: input.id,
              offerId: input.offerId,
              studentId: input.studentId,
              motivation: input.motivation,
              status: 'pending',
              createdAt: input.createdAt,
            });
          }
          await writeNotifications(tx, [input.notification], input.createdAt);
        });
      } catch (error) {
        if (error instanceof AlreadyAppliedError) throw error;
        if (isUniqueViolation(error)) throw new AlreadyAppliedError();
        throw error;
      }
      return (await this.findById(input.id))!;
    },

    /** The student's application to the offer, in any state. */
    async findOf(offerId: string, studentId: string): Promise<Application | undefined> {
      const [row] = await base().where(
        and(eq(applications.offerId, offerId), eq(applications.studentId, studentId)),
      );
      return row as Application | undefined;
    },

    async findById(id: string): Promise<Application | undefined> {
      const [row] = await base().where(eq(applications.id, id));
      return row as Application | undefined;
    },

    async list(filter: {
      studentId?: string;
      offerId?: string;
      limit: number;
      cursor?: string;
    }): Promise<Page<Application>> {
      const where = [];
      if (filter.studentId) where.push(eq(applications.studentId, filter.studentId));
      if (filter.offerId) where.push(eq(applications.offerId, filter.offerId));
      if (filter.cursor) {
        where.push(olderThanCursor(applications.createdAt, applications.id, filter.cursor));
      }
      const rows = (await base()
        .where(and(...where))
        .orderBy(desc(applications.createdAt), desc(applications.id))
        .limit(filter.limit + 1)) as Application[];
      const page = pageOf(rows, filter.limit, newestFirstKey);
      return { items: page.rows, nextCursor: page.nextCursor };
    },

    /**
     * pending → accepted/declined, with the student's notification, in one transaction;
     * false when the application was no longer pending.
     */
    async decide(input: {
      id: string;
      status: 'accepted' | 'declined';
      at: Date;
      notification: NotificationInput;
    }): Promise<boolean> {
      let changed = false;
      await transaction(db, async (tx) => {
        const result = await tx
          .update(applications)
          .set({ status: input.status, decidedAt: input.at })
          .where(and(eq(applications.id, input.id), eq(applications.status, 'pending')));
        changed = changedRows(result) > 0;
        if (!changed) return;
        await writeNotifications(tx, [input.notification], input.at);
      });
      return changed;
    },

    /**
     * The student withdraws: pending or accepted → withdrawn, with the owner's notification, in
     * one transaction; false when the application was in neither state any more.
     */
    async withdraw(input: {
      id: string;
      at: Date;
      notification: NotificationInput;
    }): Promise<boolean> {
      let changed = false;
      await transaction(db, async (tx) => {
        const result = await tx
          .update(applications)
          .set({ status: 'withdrawn' })
          .where(
            and(
              eq(applications.id, input.id),
              inArray(applications.status, ['pending', 'accepted']),
            ),
          );
        changed = changedRows(result) > 0;
        if (!changed) return;
        await writeNotifications(tx, [input.notification], input.at);
      });
      return changed;
    },
  };
}

export type ApplicationRepository = ReturnType<typeof createApplicationRepository>;
