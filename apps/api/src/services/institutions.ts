// Institutions: the directory, registration by an admin, verification by the secretariat.
import { isDomainName } from '@twinning/core/accounts/credentials';
import { findCountry } from '@twinning/core/vocabulary/countries';
import type { Repositories } from '@twinning/db/repositories';
import type { InstitutionFilter, InstitutionType } from '@twinning/db/repositories/institutions';
import type { User } from '@twinning/db/repositories/users';
import { BadCursorError } from '@twinning/db/paging';
import { conflict, FieldProblems, forbidden, invalidInput, notFound } from '../errors.ts';

const institutionTypes = ['university', 'tvet', 'college', 'other'];

export interface CreateInstitutionInput {
  name: string;
  country: string;
  city?: string | null;
  website?: string | null;
  domains: string[];
  type: string;
}

export function createInstitutionService({
  repositories,
  now,
  newId,
}: {
  repositories: Pick<Repositories, 'institutions'>;
  now: () => Date;
  newId: () => string;
}) {
  const { institutions } = repositories;
  return {
    async list(filter: InstitutionFilter) {
      const problems = new FieldProblems();
      if (filter.country && !findCountry(filter.country)) {
        problems.add('country', 'is not an ASEM partner country (ISO 3166-1 alpha-2)');
      }
      problems.throwIfAny();
      try {
        return await institutions.list({
          ...filter,
          country: filter.country?.toUpperCase(),
        });
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
      if (admin.role !== 'institution_admin')
        throw forbidden('Only institution admins register institutions.');
      if (admin.institutionId) throw conflict('You are the admin of an institution already.');
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
      problems.throwIfAny();
      return institutions.create(
        {
          id: newId(),
          name,
          country: country!.code,
          region: country!.region,
          city: input.city?.trim() || null,
          website,
          domains,
          type: input.type as InstitutionType,
          verified: false,
          source: 'registered',
          createdBy: admin.id,
        },
        { userId: admin.id, affiliationId: newId() },
      );
    },

    async verify(secretariat: User, id: string) {
      if (!(await institutions.verify(id, secretariat.id, now()))) throw notFound('institution');
      return (await institutions.findById(id))!;
    },
  };
}

export type InstitutionService = ReturnType<typeof createInstitutionService>;
