// Institutions: the directory, registration by an admin, verification by the secretariat.
import { isDomainName } from '@twinning/core/accounts/credentials';
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { Repositories } from '@twinning/db/repositories';
import type { InstitutionFilter, InstitutionType } from '@twinning/db/repositories/institutions';
import type { User } from '@twinning/db/repositories/users';
import type { AffiliationStatus } from '@twinning/db/repositories/affiliations';
import { isoDateOf } from '@twinning/core/offers/dates';
import { BadCursorError } from '@twinning/db/paging';
import { conflict, FieldProblems, forbidden, invalidInput, notFound } from '../errors.ts';
import {
  isSecretariat,
  requireAdminOrSecretariat,
  requireRole,
  requireSecretariat,
} from './guards.ts';

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
    if (!isDomainName(d))
      problems.add(`domains.${i}`, 'must be a web domain such as uni-example.edu');
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

export function createInstitutionService({
  repositories,
  now,
  newId,
}: {
  repositories: Pick<Repositories, 'institutions' | 'offers' | 'affiliations'>;
  now: () => Date;
  newId: () => string;
}) {
  const { institutions, offers, affiliations } = repositories;
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
      if (admin.institutionId) throw conflict('You are the admin of an institution already.');
      const fields = checkInstitution(input);
      return institutions.create(
        { ...fields, id: newId(), verified: false, source: 'registered', createdBy: admin.id },
        { userId: admin.id, affiliationId: newId() },
      );
    },

    async update(admin: User, id: string, patch: Partial<CreateInstitutionInput>) {
      const current = await institutions.findById(id);
      if (!current) throw notFound('institution');
      requireRole(admin, ['institution_admin'], 'Only the institution’s own admin edits it.');
      if (admin.institutionId !== id) throw forbidden('Only the institution’s own admin edits it.');
      const fields = checkInstitution({
        name: patch.name ?? current.name,
        country: patch.country ?? current.country,
        city: patch.city === undefined ? current.city : patch.city,
        website: patch.website === undefined ? current.website : patch.website,
        domains: patch.domains ?? current.domains,
        type: patch.type ?? current.type,
      });
      const updated = await institutions.update(id, fields);
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
      requireAdminOrSecretariat(user, id);
      return { items: await affiliations.listForInstitution(id, status) };
    },

    async decideAffiliation(user: User, affiliationId: string, status: 'verified' | 'refused') {
      const affiliation = await affiliations.findById(affiliationId);
      if (!affiliation) throw notFound('affiliation');
      requireAdminOrSecretariat(user, affiliation.institutionId);
      if (affiliation.userId === user.id) throw forbidden('Nobody confirms their own affiliation.');
      const method = isSecretariat(user) ? 'secretariat' : 'admin';
      if (!(await affiliations.decide(affiliationId, status, user.id, method, now()))) {
        throw conflict(`The affiliation is ${affiliation.status} already.`);
      }
      const decided = await affiliations.findById(affiliationId);
      if (!decided) throw notFound('affiliation');
      return decided;
    },

    async verify(secretariat: User, id: string) {
      requireSecretariat(secretariat, 'verifies institutions');
      if (!(await institutions.verify(id, secretariat.id, now()))) throw notFound('institution');
      const verified = await institutions.findById(id);
      if (!verified) throw notFound('institution');
      return verified;
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
