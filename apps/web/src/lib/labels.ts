// Words for the domain's codes (roles, regions, institution types), in the user's language.
import type { Role } from '@twinning/contracts/accounts';
import type { InstitutionType } from '@twinning/contracts/institutions';
import { m } from '$lib/paraglide/messages';

export function roleLabel(role: Role): string {
  switch (role) {
    case 'student':
      return m.role_student();
    case 'lecturer':
      return m.role_lecturer();
    case 'institution_admin':
      return m.role_institution_admin();
    case 'secretariat':
      return m.role_secretariat();
  }
}

export function regionLabel(region: 'asia' | 'europe'): string {
  return region === 'asia' ? m.region_asia() : m.region_europe();
}

export function institutionTypeLabel(type: InstitutionType): string {
  switch (type) {
    case 'university':
      return m.institution_type_university();
    case 'tvet':
      return m.institution_type_tvet();
    case 'college':
      return m.institution_type_college();
    case 'other':
      return m.institution_type_other();
  }
}

/** The line under an institution's name: "University in Kyoto, Japan." (the city if known). */
export function institutionLead(
  institution: { type: InstitutionType; city: string | null },
  countryName: string,
): string {
  const type = institutionTypeLabel(institution.type);
  return institution.city
    ? m.institution_lead_city({ type, city: institution.city, country: countryName })
    : m.institution_lead({ type, country: countryName });
}
