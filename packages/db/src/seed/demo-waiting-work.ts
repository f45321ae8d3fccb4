// Work that waits for people in the demo, so each role has something to do on first log-in:
// institutions, a web domain and an admin's claim in the secretariat's verification queue,
// lecturers and a would-be admin waiting for the demo admin,
// and "last active" times taken from each person's latest message.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { transaction } from '../transaction.ts';
import { tablesFor } from '../dialect.ts';
import { directoryId } from './directory.ts';

/** Institutions of under-represented countries whose admins have claimed them. */
const claims = [
  {
    institution: 'National University of Laos',
    country: 'LA',
    admin: 'Souksavanh Phommachanh',
    email: 'international@nuol.edu.la',
  },
  {
    institution: 'Angkor University',
    country: 'KH',
    admin: 'Sokha Chea',
    email: 'partnerships@angkor.edu.kh',
  },
  {
    institution: 'Health sciences University of Mongolia',
    country: 'MN',
    admin: 'Bolormaa Ganbaatar',
    email: 'ir@hsum-ac.mn',
  },
];

/**
 * At the demo admin's institution: a colleague who claims to be its admin too (the demo admin or
 * the secretariat approves), and a web domain the demo admin added, waiting for the secretariat.
 */
const waitingAdmin = { name: 'Lena Hoffmann', local: 'l.hoffmann' };
const waitingDomain = 'uke.de';

/** Lecturers who signed up at the demo admin's institution with a private address. */
const waitingLecturers = [
  { name: 'Miriam Okafor', email: 'miriam.okafor@gmail.com' },
  { name: 'Tobias Lindqvist', email: 't.lindqvist@outlook.com' },
];

export async function seedDemoWaitingWork(db: Db, now: Date): Promise<void> {
  const { affiliations, institutionDomains, institutions, messages, users } = tablesFor(db);
  const dayMs = 86_400_000;
  await transaction(db, async (tx) => {
    const [template] = await tx
      .select({
        id: users.id,
        passwordHash: users.passwordHash,
        institutionId: users.institutionId,
      })
      .from(users)
      .where(eq(users.email, 'admin@twinning.test'));
    if (!template) return;
    for (const [i, claim] of claims.entries()) {
      const institutionId = directoryId(claim.institution, claim.country);
      const [exists] = await tx
        .select({ id: institutions.id })
        .from(institutions)
        .where(eq(institutions.id, institutionId));
      if (!exists) continue;
      const userId = `demoadmin${i}${institutionId.slice(0, 14)}`;
      const at = new Date(now.getTime() - (3 + i * 2) * dayMs);
      await tx.insert(users).values({
        id: userId,
        email: claim.email,
        passwordHash: template.passwordHash,
        name: claim.admin,
        role: 'institution_admin',
        // Their claims wait: verifying the institution accepts them (never the address's domain).
        institutionId: null,
        createdAt: at,
        lastActiveAt: at,
        emailVerifiedAt: at,
        demo: true,
      });
      await tx.insert(affiliations).values({
        id: `democlaim${i}${institutionId.slice(0, 14)}`,
        userId,
        institutionId,
        role: 'admin',
        status: 'pending',
        createdAt: at,
      });
    }
    if (template.institutionId) {
      for (const [i, lecturer] of waitingLecturers.entries()) {
        const userId = `demowaiting${i}${template.institutionId!.slice(0, 12)}`;
        const at = new Date(now.getTime() - (1 + i) * dayMs);
        await tx.insert(users).values({
          id: userId,
          email: lecturer.email,
          passwordHash: template.passwordHash,
          name: lecturer.name,
          role: 'lecturer',
          createdAt: at,
          lastActiveAt: at,
          emailVerifiedAt: at,
          demo: true,
        });
        await tx.insert(affiliations).values({
          id: `demoaffil${i}${template.institutionId!.slice(0, 14)}`,
          userId,
          institutionId: template.institutionId!,
          role: 'lecturer',
          status: 'pending',
          createdAt: at,
        });
      }
    }
    if (template.institutionId) {
      const institutionId = template.institutionId;
      const [own] = await tx
        .select({ domain: institutionDomains.domain })
        .from(institutionDomains)
        .where(eq(institutionDomains.institutionId, institutionId))
        .orderBy(institutionDomains.domain)
        .limit(1);
      const at = new Date(now.getTime() - 2 * dayMs);
      if (own) {
        const userId = `democlaimer${institutionId.slice(0, 12)}`;
        await tx.insert(users).values({
          id: userId,
          email: `${waitingAdmin.local}@${own.domain}`,
          passwordHash: template.passwordHash,
          name: waitingAdmin.name,
          role: 'institution_admin',
          institutionId: null,
          createdAt: at,
          lastActiveAt: at,
          emailVerifiedAt: at,
          demo: true,
        });
        await tx.insert(affiliations).values({
          id: `democlaimer${institutionId.slice(0, 12)}`,
          userId,
          institutionId,
          role: 'admin',
          status: 'pending',
          createdAt: at,
        });
      }
      await tx
        .insert(institutionDomains)
        .values({
          institutionId,
          domain: waitingDomain,
          status: 'pending',
          requestedBy: template.id,
          requestedAt: at,
        })
        .onConflictDoNothing();
    }
    // Last active: the latest message each person wrote, where they wrote any.
    await tx
      .update(users)
      .set({
        lastActiveAt: sql`(select max(${messages.createdAt}) from ${messages} where ${messages.authorId} = ${users.id})`,
      })
      .where(
        and(
          isNull(users.lastActiveAt),
          inArray(users.role, ['lecturer', 'institution_admin', 'student']),
        ),
      );
  });
}
