// Links between people and institutions: who waits for an admin, and the admin's decision.
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';

export type AffiliationStatus = 'pending' | 'verified' | 'refused';

export interface AffiliationRequest {
  id: string;
  institutionId: string;
  userId: string;
  name: string;
  email: string;
  role: 'lecturer' | 'admin';
  status: AffiliationStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

export function createAffiliationRepository(db: Db) {
  const { affiliations, users } = tablesFor(db);
  const columns = {
    id: affiliations.id,
    institutionId: affiliations.institutionId,
    userId: affiliations.userId,
    name: users.name,
    email: users.email,
    role: affiliations.role,
    status: affiliations.status,
    createdAt: affiliations.createdAt,
    decidedAt: affiliations.decidedAt,
  };
  return {
    async listForInstitution(
      institutionId: string,
      status?: AffiliationStatus,
    ): Promise<AffiliationRequest[]> {
      const where = [eq(affiliations.institutionId, institutionId)];
      if (status) where.push(eq(affiliations.status, status));
      return db
        .select(columns)
        .from(affiliations)
        .innerJoin(users, eq(users.id, affiliations.userId))
        .where(and(...where))
        .orderBy(desc(affiliations.createdAt))
        .limit(500);
    },

    async findById(id: string): Promise<AffiliationRequest | undefined> {
      const [row] = await db
        .select(columns)
        .from(affiliations)
        .innerJoin(users, eq(users.id, affiliations.userId))
        .where(eq(affiliations.id, id));
      return row;
    },

    /**
     * pending → verified (the person joins the institution) or refused, in one transaction;
     * false when it was no longer pending.
     */
    async decide(
      id: string,
      status: 'verified' | 'refused',
      by: string,
      method: 'admin' | 'secretariat',
      at: Date,
    ) {
      let changed = false;
      await transaction(db, async (tx) => {
        const [row] = await tx.select().from(affiliations).where(eq(affiliations.id, id));
        if (!row || row.status !== 'pending') return;
        await tx
          .update(affiliations)
          .set({
            status,
            method: status === 'verified' ? method : null,
            decidedBy: by,
            decidedAt: at,
          })
          .where(eq(affiliations.id, id));
        if (status === 'verified') {
          await tx
            .update(users)
            .set({ institutionId: row.institutionId })
            .where(eq(users.id, row.userId));
        }
        changed = true;
      });
      return changed;
    },

    async countVerifiedLecturers(institutionId: string): Promise<number> {
      const [row] = await db
        .select({ n: count() })
        .from(affiliations)
        .where(
          and(
            eq(affiliations.institutionId, institutionId),
            eq(affiliations.role, 'lecturer'),
            eq(affiliations.status, 'verified'),
          ),
        );
      return row?.n ?? 0;
    },
  };
}

export type AffiliationRepository = ReturnType<typeof createAffiliationRepository>;
