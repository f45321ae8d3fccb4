// A person's profile: who they are, where they teach and in which languages, their local time
// now, their open offers and finished partnerships. A person the API does not show to this
// viewer (a student, a suspended account) is the same 404 as one that does not exist.
import { error } from '@sveltejs/kit';
import { languageName } from '@twinning/core/vocabulary/languages';
import type { PersonActivity, PublicProfile } from '@twinning/contracts/people';
import { getInstitution } from '$lib/api/institutions';
import { getActivity, getProfile } from '$lib/api/people';
import { ApiError } from '$lib/api/request';
import { summarise } from '$lib/meta-description';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch, locals }) => {
  let profile: PublicProfile;
  let activity: PersonActivity;
  try {
    [profile, activity] = await Promise.all([
      getProfile(fetch, params.id),
      getActivity(fetch, params.id),
    ]);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 404 || cause.status === 400) error(404, m.people_not_found());
    error(503, m.people_unavailable());
  }
  const institution = profile.institutionId
    ? await getInstitution(fetch, profile.institutionId).catch((cause: unknown) => {
        if (!(cause instanceof ApiError)) throw cause;
        return null;
      })
    : null;
  const locale = getLocale();
  return {
    profile,
    activity,
    institution: institution ? { id: institution.id, name: institution.name } : null,
    languages: profile.languages.map((l) => ({ ...l, name: languageName(l.code, locale) })),
    own: locals.user?.id === profile.id,
    now: Date.now(),
    meta: {
      title: profile.name,
      description: summarise(profile.bio ?? m.people_profile_of({ name: profile.name })),
      type: 'article' as const,
    },
  };
};
