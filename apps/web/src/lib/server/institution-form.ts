// The institution form (register and edit): what was typed, the API body made from it, and
// the API's verdicts placed next to their fields — `domains.2` names the domain it is about.
import type { ActionFailure } from '@sveltejs/kit';
import type { CreateInstitutionBody } from '@twinning/contracts/institutions';
import { ApiError } from '$lib/api/request';
import { domainIndexOf, parseDomains, websiteForApi } from '$lib/institution-input';
import { m } from '$lib/paraglide/messages';
import { failFromApiError, type FormFailure } from './form-failure';

export interface InstitutionFormValues {
  name: string;
  country: string;
  city: string;
  website: string;
  /** As typed: one per line or separated by commas. */
  domains: string;
  type: string;
}

export const institutionFormFields = ['name', 'country', 'city', 'website', 'domains', 'type'];

export function readInstitutionForm(form: FormData): {
  values: InstitutionFormValues;
  body: CreateInstitutionBody;
} {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const values: InstitutionFormValues = {
    name: text('name'),
    country: text('country').toUpperCase(),
    city: text('city'),
    website: text('website'),
    domains: String(form.get('domains') ?? ''),
    type: text('type'),
  };
  return {
    values,
    body: {
      name: values.name,
      country: values.country,
      city: values.city || null,
      website: websiteForApi(values.website),
      domains: parseDomains(values.domains),
      type: values.type,
    },
  };
}

/**
 * `fail()` for the API's answer: problems with single domains (`domains.0`, `domains.3`)
 * become one message on the domains field that names each domain.
 */
export function failInstitutionForm(
  error: unknown,
  values: InstitutionFormValues,
  domains: readonly string[],
): ActionFailure<FormFailure<InstitutionFormValues>> {
  if (!(error instanceof ApiError) || error.status !== 400) {
    return failFromApiError(error, values, institutionFormFields);
  }
  // A choice left empty: say so in words, rather than list the codes the API accepts.
  const unchosen: Record<string, string> = {};
  if (!values.country) unchosen.country = m.inst_country_missing();
  if (!values.type) unchosen.type = m.inst_type_missing();
  const domainProblems: string[] = [];
  const details = error.details.filter((detail) => {
    const index = domainIndexOf(detail.field);
    if (index === null) return true;
    domainProblems.push(
      m.inst_domain_problem({ domain: domains[index] ?? '', problem: detail.message }),
    );
    return false;
  });
  const placed =
    domainProblems.length > 0
      ? new ApiError(error.status, error.code, error.message, [
          ...details,
          { field: 'domains', message: domainProblems.join(' ') },
        ])
      : error;
  return failFromApiError(placed, values, institutionFormFields, unchosen);
}
