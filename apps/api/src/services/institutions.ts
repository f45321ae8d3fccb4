// Institutions: the directory, registration by an admin, verification by the secretariat.
import { isDomainName } from '@twinning/core/accounts/credentials';
import { institutionDomainProblem } from '@twinning/core/accounts/institution-domains';
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { Repositories } from '@twinning/db/repositories';
import type {
  InstitutionFilter,
  InstitutionReview,
  InstitutionType,
  ReviewStatus,
} from '@twinning/db/repositories/institutions';
import type { User } from '@twinning/db/repositories/users';
import type { AffiliationStatus } from '@twinning/db/repositories/affiliations';
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import { conflict, FieldProblems, forbidden, invalidInput, notFound } from '../errors.ts';
import {
  isSecretariat,
  requireAdminOrSecretariat,
  requireOwnAdmin,
  requireOwnAdminOrSecretariat,
  requireRole,
  requireSecretariat,
  requireVerifiedEmail,
} from './guards.ts';
import type { NotificationService } from './notifications.ts';

const institutionTypes = ['university', 'tvet', 'college', 'other'];

export interface CreateInstitutionInput {
  name: string;
  country: string;
  city?: string | null;
  website?: string | null;
  domains: string[];
  type: string;
}

/** Checks every field of an institution and returns them normalised, or throws a 400 naming each. */
function checkInstitution(input: CreateInstitutionInput) {
  const problems = new FieldProblems();
  const name = input.name.trim();
  if (name.length < 3 || name.length > 200) problems.add('name', 'must be 3–200 characters');
  const country = findCountry(input.country);
  if (!country) problems.add('country', 'must be an ASEM partner country (ISO 3166-1 alpha-2)');
  if (!institutionTypes.includes(input.type)) {
    problems.add('type', `must be one of: ${institutionTypes.join(', ')}`);
  }
  const domains = input.domains.map((d) => d.trim().toLowerCase());
  if (domains.length === 0)
    problems.add('domains', 'name at least one web domain, e.g. uni-example.edu');
  if (domains.length > 20) problems.add('domains', 'name at most 20 web domains');
  domains.forEach((d, i) => {
    if (!isDomainName(d)) {
      problems.add(`domains.${i}`, 'must be a web domain such as uni-example.edu');
      return;
    }
    const problem = institutionDomainProblem(d);
    if (problem) problems.add(`domains.${i}`, problem);
  });
  let website: string | null = null;
  if (input.website && input.website.trim() !== '') {
    try {
      const url = new URL(input.website.trim());
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
      website = url.toString();
    } catch {
      problems.add('website', 'must be an http(s) address');
    }
  }
  const city = input.city?.trim() || null;
  if (city && city.length > 120) problems.add('city', 'must be at most 120 characters');
  problems.throwIfAny();
  return {
    name,
    country: country!.code,
    region: country!.region,
    city,
    website,
    domains,
    type: input.type as InstitutionType,
  };
}

/** A required text: trimmed, 1 to `max` characters, or a 400 naming the field. */
function requiredText(field: string, value: string, max: number): string {
  const text = value.trim();
  const problems = new FieldProblems();
  if (text.length === 0) problems.add(field, 'must not be empty');
  else if (text.length > max) problems.add(field, `must be at most ${max} characters`);
  problems.throwIfAny();
  return text;
}

export function reviewView(review: InstitutionReview) {
  return {
    ...review,
    reviewedAt: review.reviewedAt?.toISOString() ?? null,
    answeredAt: review.answeredAt?.toISOString() ?? null,
  };
}

export function createInstitutionService({
  repositories,
  now,
  newId,
  notifications,
}: {
  repositories: Pick<Repositories, 'institutions' | 'offers' | 'affiliations'>;
  now: () => Date;
  newId: () => string;
  notifications: NotificationService;
}) {
  const { institutions, offers, affiliations } = repositories;

  /**
   * Who may decide on the institution's people: a verified admin of it, or the secretariat. An
   * admin whose own claim still waits is told so, rather than a bare refusal.
   */
  async function requireSpeaksFor(user: User, institutionId: string): Promise<void> {
    if (isSecretariat(user)) return;
    if (user.role === 'institution_admin' && user.institutionId !== institutionId) {
      const claims = await affiliations.listForInstitution(institutionId, 'pending');
      if (claims.some((a) => a.userId === user.id && a.role === 'admin')) {
        throw forbidden(
          'Your claim to be an admin of this institution waits for approval by its admin or the ASEM secretariat; until then you cannot approve or remove anyone there.',
        );
      }
    }
    requireAdminOrSecretariat(user, institutionId);
  }

  return {
    async list(filter: InstitutionFilter) {
      const problems = new FieldProblems();
      if (filter.country && !findCountry(filter.country)) {
        problems.add('country', 'is not an ASEM partner country (ISO 3166-1 alpha-2)');
      }
      problems.throwIfAny();
      try {
        return await institutions.list({ ...filter, country: filter.country?.toUpperCase() });
      } catch (error) {
        if (error instanceof BadCursorError) {
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        }
        throw error;
      }
    },

    async get(id: string) {
      const institution = await institutions.findById(id);
      if (!institution) throw notFound('institution');
      return institution;
    },

    async create(admin: User, input: CreateInstitutionInput) {
      requireRole(admin, ['institution_admin'], 'Only institution admins register institutions.');
      requireVerifiedEmail(admin, 'register an institution');
      if (admin.institutionId) throw conflict('You are the admin of an institution already.');
      const fields = checkInstitution(input);
      return institutions.create(
        { ...fields, id: newId(), verified: false, source: 'registered', createdBy: admin.id },
        { userId: admin.id, affiliationId: newId(), at: now() },
      );
    },

    async update(admin: User, id: string, patch: Partial<CreateInstitutionInput>) {
      const current = await institutions.findById(id);
      if (!current) throw notFound('institution');
      requireRole(admin, ['institution_admin'], 'Only the institution’s own admin edits it.');
      if (admin.institutionId !== id) throw forbidden('Only the institution’s own admin edits it.');
      requireVerifiedEmail(admin, 'edit your institution');
      const fields = checkInstitution({
        name: patch.name ?? current.name,
        country: patch.country ?? current.country,
        city: patch.city === undefined ? current.city : patch.city,
        website: patch.website === undefined ? current.website : patch.website,
        domains: patch.domains ?? current.domains,
        type: patch.type ?? current.type,
      });
      // Domains it did not have wait for the secretariat before they count.
      const updated = await institutions.update(id, fields, { by: admin.id, at: now() });
      if (!updated) throw notFound('institution');
      return updated;
    },

    async summary(id: string) {
      if (!(await institutions.findById(id))) throw notFound('institution');
      const [figures, lecturers] = await Promise.all([
        offers.summaryOfInstitution(id, isoDateOf(now())),
        affiliations.countVerifiedLecturers(id),
      ]);
      return { ...figures, lecturers };
    },

    async affiliations(user: User, id: string, status?: AffiliationStatus) {
      if (!(await institutions.findById(id))) throw notFound('institution');
      await requireSpeaksFor(user, id);
      return { items: await affiliations.listForInstitution(id, status) };
    },

    async decideAffiliation(user: User, affiliationId: string, status: 'verified' | 'refused') {
      const affiliation = await affiliations.findById(affiliationId);
      if (!affiliation) throw notFound('affiliation');
      await requireSpeaksFor(user, affiliation.institutionId);
      if (affiliation.userId === user.id) throw forbidden('Nobody confirms their own affiliation.');
      requireVerifiedEmail(user, 'decide on affiliations');
      const method = isSecretariat(user) ? 'secretariat' : 'admin';
      const institution = await institutions.findById(affiliation.institutionId);
      const tell =
        status === 'verified' && institution
          ? [
              notifications.draft(affiliation.userId, 'affiliation_verified', {
                institutionId: institution.id,
                institutionName: institution.name,
              }),
            ]
          : [];
      if (!(await affiliations.decide(affiliationId, status, user.id, method, now(), tell))) {
        throw conflict(`The affiliation is ${affiliation.status} already.`);
      }
      await notifications.publish(tell.map((n) => n.id));
      const decided = await affiliations.findById(affiliationId);
      if (!decided) throw notFound('affiliation');
      return decided;
    },

    /**
     * Removes a verified affiliation: the institution's admins remove lecturers, the
     * secretariat anyone; the person leaves the institution and is told.
     */
    async removeAffiliation(user: User, affiliationId: string) {
      const affiliation = await affiliations.findById(affiliationId);
      if (!affiliation) throw notFound('affiliation');
      await requireSpeaksFor(user, affiliation.institutionId);
      if (affiliation.userId === user.id) {
        throw forbidden(
          'Nobody removes their own affiliation here; ask the secretariat to end it.',
        );
      }
      if (affiliation.role === 'admin' && !isSecretariat(user)) {
        throw forbidden('Only the secretariat removes an institution’s admin.');
      }
      if (affiliation.status !== 'verified') {
        throw conflict(
          `The affiliation is ${affiliation.status}: only a verified one is removed (refuse a pending one).`,
        );
      }
      const institution = await institutions.findById(affiliation.institutionId);
      if (!institution) throw notFound('institution');
      const tell = [
        notifications.draft(affiliation.userId, 'affiliation_removed', {
          institutionId: institution.id,
          institutionName: institution.name,
          byName: isSecretariat(user) ? 'the ASEM secretariat' : user.name,
        }),
      ];
      if (!(await affiliations.remove(affiliationId, user.id, now(), tell))) {
        throw conflict('The affiliation changed meanwhile; reload it.');
      }
      await notifications.publish(tell.map((n) => n.id));
      const removed = await affiliations.findById(affiliationId);
      if (!removed) throw notFound('affiliation');
      return removed;
    },

    /** The institution's domains with their state (its own admins, the secretariat). */
    async domains(user: User, id: string) {
      if (!(await institutions.findById(id))) throw notFound('institution');
      requireAdminOrSecretariat(user, id);
      const items = await institutions.domainsOf(id);
      return {
        items: items.map((d) => ({ ...d, requestedAt: d.requestedAt?.toISOString() ?? null })),
      };
    },

    /** Domains admins added that wait for the secretariat, with who asked and when. */
    async pendingDomains(secretariat: User) {
      requireSecretariat(secretariat, 'sees the domains that wait for approval');
      const items = await institutions.pendingDomains();
      return {
        items: items.map((d) => ({ ...d, requestedAt: d.requestedAt?.toISOString() ?? null })),
      };
    },

    /**
     * The secretariat approves a pending domain (it counts for affiliations from now on:
     * lecturers waiting with a proven address on it join at once) or refuses it (it is
     * removed). The admin who asked is told.
     */
    async decideDomain(
      secretariat: User,
      institutionId: string,
      domainInput: string,
      decision: 'approved' | 'refused',
    ) {
      requireSecretariat(secretariat, 'approves or refuses web domains');
      const domain = domainInput.trim().toLowerCase();
      const institution = await institutions.findById(institutionId);
      if (!institution) throw notFound('institution');
      const current = (await institutions.domainsOf(institutionId)).find(
        (d) => d.domain === domain,
      );
      if (current?.status === 'approved') {
        throw conflict(`${domain} is approved for ${institution.name} already.`);
      }
      if (!current) throw notFound('pending domain');
      if (decision === 'approved') {
        const problem = institutionDomainProblem(domain);
        if (problem) throw conflict(problem);
      }
      const asker = current.requestedBy;
      const tell = asker
        ? [
            notifications.draft(asker.id, 'domain_decided', {
              institutionId,
              institutionName: institution.name,
              domain,
              status: decision,
            }),
          ]
        : [];
      if (!(await institutions.decideDomain(institutionId, domain, decision, now(), tell))) {
        throw conflict(`The domain ${domain} was decided meanwhile; reload the queue.`);
      }
      await notifications.publish(tell.map((n) => n.id));
      const after = await institutions.findById(institutionId);
      if (!after) throw notFound('institution');
      return after;
    },

    /** Admins' claims on verified institutions that wait for approval (secretariat). */
    async adminClaims(secretariat: User) {
      requireSecretariat(secretariat, 'sees the admins’ claims that wait');
      return { items: await affiliations.pendingAdminClaims() };
    },

    /** Marks it verified; its admins are told. */
    async verify(secretariat: User, id: string) {
      requireSecretariat(secretariat, 'verifies institutions');
      const institution = await institutions.findById(id);
      if (!institution) throw notFound('institution');
      // Its admins hear of it once: verifying it again tells nobody.
      const tell = institution.verified
        ? []
        : (await institutions.adminIds(id)).map((userId) =>
            notifications.draft(userId, 'institution_verified', {
              institutionId: id,
              institutionName: institution.name,
            }),
          );
      // Verifying an institution accepts the admins who asked for it (the queue names them).
      const approveClaims = !institution.verified;
      if (!(await institutions.verify(id, secretariat.id, now(), tell, approveClaims))) {
        throw notFound('institution');
      }
      await notifications.publish(tell.map((n) => n.id));
      const verified = await institutions.findById(id);
      if (!verified) throw notFound('institution');
      return verified;
    },

    /**
     * Refuses an unverified institution with a reason, or asks its admin for more information;
     * its admins are told (the notification carries the reason or question).
     */
    async review(
      secretariat: User,
      id: string,
      change:
        { status: 'refused'; reason: string } | { status: 'info_requested'; question: string },
    ) {
      requireSecretariat(secretariat, 'reviews institutions');
      const note =
        change.status === 'refused'
          ? requiredText('reason', change.reason, 1000)
          : requiredText('question', change.question, 2000);
      const institution = await institutions.findById(id);
      const current = await institutions.review(id);
      if (!institution || !current) throw notFound('institution');
      if (institution.verified) throw conflict(`${institution.name} is verified already.`);
      if (current.status === 'refused') throw conflict(`${institution.name} was refused already.`);
      const admins = await institutions.adminIds(id);
      if (admins.length === 0) {
        throw conflict(`Nobody asked to verify ${institution.name}: it has no admin to tell.`);
      }
      const named = { institutionId: id, institutionName: institution.name };
      const tell = admins.map((userId) =>
        change.status === 'refused'
          ? notifications.draft(userId, 'institution_refused', { ...named, reason: note })
          : notifications.draft(userId, 'institution_info_requested', {
              ...named,
              question: note,
            }),
      );
      const from: ReviewStatus[] = ['pending', 'info_requested'];
      const stored = await institutions.setReview(
        id,
        { status: change.status, note, by: secretariat.id, at: now() },
        from,
        tell,
      );
      if (!stored)
        throw conflict(`The review of ${institution.name} changed meanwhile; reload it.`);
      await notifications.publish(tell.map((n) => n.id));
      const reviewed = await institutions.review(id);
      if (!reviewed) throw notFound('institution');
      return reviewView(reviewed);
    },

    /** The admin answers the secretariat's question: the institution is back in the queue. */
    async answerReview(admin: User, id: string, answer: string) {
      const refusal = 'Only the institution’s own admin answers for it.';
      requireRole(admin, ['institution_admin'], refusal);
      const text = requiredText('answer', answer, 4000);
      if (!(await institutions.findById(id))) throw notFound('institution');
      requireOwnAdmin(admin, await institutions.adminIds(id), refusal);
      requireVerifiedEmail(admin, 'answer for your institution');
      if (!(await institutions.answerReview(id, text, now()))) {
        throw conflict('The secretariat has not asked anything about this institution.');
      }
      const review = await institutions.review(id);
      if (!review) throw notFound('institution');
      return reviewView(review);
    },

    /** Where the review stands (the institution's own admins, the secretariat). */
    async reviewOf(user: User, id: string) {
      const review = await institutions.review(id);
      if (!review) throw notFound('institution');
      requireOwnAdminOrSecretariat(
        user,
        await institutions.adminIds(id),
        'Only the institution’s admin or the secretariat may see its review.',
      );
      return reviewView(review);
    },

    /** The verification queue in one review state, with who asked and when (secretariat). */
    async verificationQueue(
      secretariat: User,
      filter: { status?: ReviewStatus; limit: number; cursor?: string },
    ) {
      requireSecretariat(secretariat, 'sees the verification queue');
      try {
        const page = await institutions.verificationQueue({
          status: filter.status ?? 'pending',
          limit: filter.limit,
          cursor: filter.cursor,
        });
        return {
          items: page.items.map((entry) => ({
            ...entry,
            requestedAt: entry.requestedAt.toISOString(),
            review: reviewView(entry.review),
          })),
          nextCursor: page.nextCursor,
        };
      } catch (error) {
        if (error instanceof BadCursorError) {
          throw invalidInput([{ field: 'cursor', message: error.message }]);
        }
        throw error;
      }
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
