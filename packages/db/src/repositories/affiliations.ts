// Links between people and institutions: who waits for an admin, and the admin's decision.
import { and, asc, count, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { emailIsOnDomains } from '@twinning/core/accounts/credentials';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';
import { transaction } from '../transaction.ts';
import { writeNotifications, type NotificationInput } from './notifications.ts';

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

/** An admin's claim on an institution that waits for approval, for the secretariat's queue. */
export interface AdminClaim extends AffiliationRequest {
  institutionName: string;
  institutionVerified: boolean;
}

/**
 * The domain rule, once the address is proven: each pending lecturer affiliation of the user
 * whose institution has the address's domain among its APPROVED domains becomes verified
 * (method `email_domain`), and the user joins that institution. Admins' claims never pass this
 * way. Run in the verification's own transaction (`db` is its `tx`); returns the institutions
 * joined.
 */
export async function verifyAffiliationsByEmailDomain(
  db: Db,
  userId: string,
  email: string,
  at: Date,
): Promise<string[]> {
  const { affiliations, institutionDomains, users } = tablesFor(db);
  const pending = await db
    .select({ id: affiliations.id, institutionId: affiliations.institutionId })
    .from(affiliations)
    .where(
      and(
        eq(affiliations.userId, userId),
        eq(affiliations.role, 'lecturer'),
        eq(affiliations.status, 'pending'),
      ),
    );
  const joined: string[] = [];
  for (const affiliation of pending) {
    const domains = await db
      .select({ domain: institutionDomains.domain })
      .from(institutionDomains)
      .where(
        and(
          eq(institutionDomains.institutionId, affiliation.institutionId),
          eq(institutionDomains.status, 'approved'),
        ),
      );
    if (
      !emailIsOnDomains(
        email,
        domains.map((d) => d.domain),
      )
    )
      continue;
    await db
      .update(affiliations)
      .set({ status: 'verified', method: 'email_domain', decidedBy: null, decidedAt: at })
      .where(and(eq(affiliations.id, affiliation.id), eq(affiliations.status, 'pending')));
    // The first institution joined is the user's (one lecturer, one institution).
    await db
      .update(users)
      .set({ institutionId: affiliation.institutionId })
      .where(and(eq(users.id, userId), isNull(users.institutionId)));
    joined.push(affiliation.institutionId);
  }
  return joined;
}

/**
 * The pending admin claims of an institution the secretariat has just verified: verifying the
 * institution accepts the people who asked for it (method `secretariat`). Run in the
 * verification's transaction (`db` is its `tx`).
 */
export async function approvePendingAdminClaims(
  db: Db,
  institutionId: string,
  by: string,
  at: Date,
): Promise<void> {
  const { affiliations, users } = tablesFor(db);
  const pending = await db
    .select({ id: affiliations.id, userId: affiliations.userId })
    .from(affiliations)
    .where(
      and(
        eq(affiliations.institutionId, institutionId),
        eq(affiliations.role, 'admin'),
        eq(affiliations.status, 'pending'),
      ),
    );
  if (pending.length === 0) return;
  await db
    .update(affiliations)
    .set({ status: 'verified', method: 'secretariat', decidedBy: by, decidedAt: at })
    .where(
      inArray(
        affiliations.id,
        pending.map((p) => p.id),
      ),
    );
  await db
    .update(users)
    .set({ institutionId })
    .where(
      and(
        inArray(
          users.id,
          pending.map((p) => p.userId),
        ),
        isNull(users.institutionId),
        ne(users.role, 'secretariat'),
      ),
    );
}

export function createAffiliationRepository(db: Db) {
  const { affiliations, institutions, users } = tablesFor(db);
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
      tell: NotificationInput[] = [],
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
        await writeNotifications(tx, tell, at);
        changed = true;
      });
      return changed;
    },

    /**
     * Ends a verified affiliation (the institution's admin or the secretariat removes someone):
     * it is marked refused, by whom and when, so the person cannot slip back in by signing up
     * again on the domain; the person leaves the institution; `tell` is written in the same
     * transaction. False when it was not verified.
     */
    async remove(id: string, by: string, at: Date, tell: NotificationInput[]): Promise<boolean> {
      return transaction(db, async (tx) => {
        const [row] = await tx.select().from(affiliations).where(eq(affiliations.id, id));
        if (!row || row.status !== 'verified') return false;
        await tx
          .update(affiliations)
          .set({ status: 'refused', method: null, decidedBy: by, decidedAt: at })
          .where(and(eq(affiliations.id, id), eq(affiliations.status, 'verified')));
        await tx
          .update(users)
          .set({ institutionId: null })
          .where(and(eq(users.id, row.userId), eq(users.institutionId, row.institutionId)));
        await writeNotifications(tx, tell, at);
        return true;
      });
    },

    /** The verified admins of an institution: who may approve a new admin's claim. */
    async verifiedAdminIds(institutionId: string): Promise<string[]> {
      const rows = await db
        .select({ userId: affiliations.userId })
        .from(affiliations)
        .where(
          and(
            eq(affiliations.institutionId, institutionId),
            eq(affiliations.role, 'admin'),
            eq(affiliations.status, 'verified'),
          ),
        );
      return rows.map((r) => r.userId);
    },

    /**
     * Admins' claims on VERIFIED institutions that wait for approval (an unverified
     * institution's claim is its verification request, in the institution queue), oldest first.
     */
    async pendingAdminClaims(limit = 200): Promise<AdminClaim[]> {
      return db
        .select({
          ...columns,
          institutionName: institutions.name,
          institutionVerified: institutions.verified,
        })
        .from(affiliations)
        .innerJoin(users, eq(users.id, affiliations.userId))
        .innerJoin(institutions, eq(institutions.id, affiliations.institutionId))
        .where(
          and(
            eq(affiliations.role, 'admin'),
            eq(affiliations.status, 'pending'),
            eq(institutions.verified, true),
          ),
        )
        .orderBy(asc(affiliations.createdAt), asc(affiliations.id))
        .limit(limit);
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
