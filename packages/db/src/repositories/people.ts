// People as others see them: public profiles, who may see a student's, avatars, and a person's
// record on the platform (their offers and finished partnerships) for the /people/:id page.
import { aliasedTable, and, desc, eq, isNull, or } from 'drizzle-orm';
import type { Role } from '@twinning/core/accounts/roles';
import type { Db } from '../client.ts';
import { tablesFor } from '../dialect.ts';

export interface PersonProfile {
  id: string;
  name: string;
  title: string | null;
  bio: string | null;
  role: Role;
  institutionId: string | null;
  languages: { code: string; level: string }[];
  timeZone: string | null;
  suspended: boolean;
  /** When the avatar was last set (its version), null when there is none. */
  avatarUpdatedAt: Date | null;
}

export interface StoredAvatar {
  contentType: string;
  data: Buffer;
  updatedAt: Date;
}

export interface PersonOffer {
  id: string;
  title: string;
  format: string;
  fields: string[];
  startDate: string;
  endDate: string;
  status: 'open' | 'matched' | 'closed';
}

export interface FinishedPartnership {
  id: string;
  completedAt: Date | null;
  offerId: string;
  offerTitle: string;
  partnerOfferId: string;
  partnerOfferTitle: string;
  partnerId: string;
  partnerName: string;
  partnerInstitutionId: string;
  partnerInstitutionName: string;
}

export function createPeopleRepository(db: Db) {
  const { applications, avatars, institutions, offers, partnerships, users } = tablesFor(db);
  return {
    async findProfile(id: string): Promise<PersonProfile | undefined> {
      const [row] = await db
        .select({
          id: users.id,
          name: users.name,
          title: users.title,
          bio: users.bio,
          role: users.role,
          institutionId: users.institutionId,
          languages: users.languages,
          timeZone: users.timeZone,
          suspendedAt: users.suspendedAt,
          avatarUpdatedAt: avatars.updatedAt,
        })
        .from(users)
        .leftJoin(avatars, eq(avatars.userId, users.id))
        .where(eq(users.id, id));
      if (!row) return undefined;
      const { suspendedAt, ...profile } = row;
      return { ...profile, suspended: suspendedAt !== null };
    },

    /** Whether the student applied (in any state) to one of the offers `ownerId` posted. */
    async appliedToOfferOf(studentId: string, ownerId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: applications.id })
        .from(applications)
        .innerJoin(offers, eq(offers.id, applications.offerId))
        .where(and(eq(applications.studentId, studentId), eq(offers.ownerId, ownerId)))
        .limit(1);
      return row !== undefined;
    },

    /** The person's offers that others may see (not hidden by moderation), newest first. */
    async offersOf(ownerId: string): Promise<PersonOffer[]> {
      return db
        .select({
          id: offers.id,
          title: offers.title,
          format: offers.format,
          fields: offers.fields,
          startDate: offers.startDate,
          endDate: offers.endDate,
          status: offers.status,
        })
        .from(offers)
        .where(and(eq(offers.ownerId, ownerId), isNull(offers.hiddenAt)))
        .orderBy(desc(offers.createdAt), desc(offers.id));
    },

    /** Completed partnerships in which one of the two offers is the person's, latest first. */
    async finishedPartnershipsOf(userId: string): Promise<FinishedPartnership[]> {
      const a = aliasedTable(offers, 'a');
      const b = aliasedTable(offers, 'b');
      const rows = await db
        .select({
          id: partnerships.id,
          completedAt: partnerships.completedAt,
          a: { id: a.id, title: a.title, ownerId: a.ownerId, institutionId: a.institutionId },
          b: { id: b.id, title: b.title, ownerId: b.ownerId, institutionId: b.institutionId },
        })
        .from(partnerships)
        .innerJoin(a, eq(a.id, partnerships.offerId))
        .innerJoin(b, eq(b.id, partnerships.partnerOfferId))
        .where(
          and(
            eq(partnerships.status, 'completed'),
            or(eq(a.ownerId, userId), eq(b.ownerId, userId)),
          ),
        )
        .orderBy(desc(partnerships.completedAt), desc(partnerships.id));
      if (rows.length === 0) return [];
      const people = new Map<string, string>();
      const places = new Map<string, string>();
      for (const row of rows) {
        const partner = row.a.ownerId === userId ? row.b : row.a;
        if (!people.has(partner.ownerId)) {
          const [person] = await db
            .select({ name: users.name })
            .from(users)
            .where(eq(users.id, partner.ownerId));
          people.set(partner.ownerId, person?.name ?? '');
        }
        if (!places.has(partner.institutionId)) {
          const [place] = await db
            .select({ name: institutions.name })
            .from(institutions)
            .where(eq(institutions.id, partner.institutionId));
          places.set(partner.institutionId, place?.name ?? '');
        }
      }
      return rows.map((row) => {
        const [own, partner] = row.a.ownerId === userId ? [row.a, row.b] : [row.b, row.a];
        return {
          id: row.id,
          completedAt: row.completedAt,
          offerId: own.id,
          offerTitle: own.title,
          partnerOfferId: partner.id,
          partnerOfferTitle: partner.title,
          partnerId: partner.ownerId,
          partnerName: people.get(partner.ownerId) ?? '',
          partnerInstitutionId: partner.institutionId,
          partnerInstitutionName: places.get(partner.institutionId) ?? '',
        };
      });
    },

    async findAvatar(userId: string): Promise<StoredAvatar | undefined> {
      const [row] = await db
        .select({
          contentType: avatars.contentType,
          data: avatars.data,
          updatedAt: avatars.updatedAt,
        })
        .from(avatars)
        .where(eq(avatars.userId, userId));
      return row ? { ...row, data: Buffer.from(row.data) } : undefined;
    },

    /** Sets (or replaces) the person's avatar. */
    async putAvatar(userId: string, avatar: StoredAvatar): Promise<void> {
      await db
        .insert(avatars)
        .values({ userId, ...avatar })
        .onConflictDoUpdate({
          target: avatars.userId,
          set: { contentType: avatar.contentType, data: avatar.data, updatedAt: avatar.updatedAt },
        });
    },

    /** Removes the avatar; whether there was one. */
    async deleteAvatar(userId: string): Promise<boolean> {
      const removed = await db
        .delete(avatars)
        .where(eq(avatars.userId, userId))
        .returning({ userId: avatars.userId });
      return removed.length > 0;
    },
  };
}

export type PeopleRepository = ReturnType<typeof createPeopleRepository>;
