// What the home page says to someone signed in: a greeting (a new user is welcomed, not
// welcomed back) and the next steps of their role, each done, waiting on someone else, or to
// do, with the link that does it. Every figure is best effort: a step without one still shows.
import type { Affiliation, User } from '@twinning/contracts/accounts';
import { listAffiliations } from '$lib/api/affiliations';
import { listApplications } from '$lib/api/applications';
import { getInstitution, listInstitutions } from '$lib/api/institutions';
import { listOffers } from '$lib/api/offers';
import { listPartnerships } from '$lib/api/partnerships';
import { ApiError, type Fetch } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { authoringAccess } from './offer-authoring';
import { emailIsOnDomains } from '@twinning/core/accounts/credentials';

export type StepState = 'done' | 'waiting' | 'todo';

export interface NextStep {
  state: StepState;
  text: string;
  link: { href: string; label: string } | null;
}

export interface HomeGuide {
  /** No offers, partnerships or applications yet: greeted as new. */
  isNew: boolean;
  steps: NextStep[];
}

/** `read()`, or `fallback` when the API cannot answer it. */
async function bestEffort<T>(read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    console.error('Could not read a figure for the home page', cause);
    return fallback;
  }
}

const step = (state: StepState, text: string, link: NextStep['link'] = null): NextStep => ({
  state,
  text,
  link,
});

/** Lecturers and institution admins: belong to a verified institution, then post and partner. */
async function authorGuide(
  fetch: Fetch,
  user: User,
  affiliation: Affiliation | null,
): Promise<HomeGuide> {
  const [access, offers, requests] = await Promise.all([
    authoringAccess(fetch, user, affiliation),
    bestEffort(() => listOffers(fetch, { owner: 'me', status: 'all', limit: 1 }), null),
    bestEffort(() => listPartnerships(fetch, { status: 'pending', limit: 100 }), null),
  ]);
  const offerCount = offers?.total ?? 0;
  const incoming = requests?.items.filter((p) => p.requestedBy !== user.id).length ?? 0;
  const steps: NextStep[] = [];
  const admin = user.role === 'institution_admin';
  const name = access.allowed ? access.institution.name : (access.institutionName ?? '');

  if (access.allowed) {
    steps.push(step('done', m.home_step_institution_done({ institution: name })));
  } else {
    switch (access.reason) {
      case 'affiliation_pending':
        // The domain rule waits for the proven address: on one of the institution's approved
        // domains, confirming it is all that is left.
        steps.push(
          !user.emailVerified && (await onInstitutionDomain(fetch, user, affiliation))
            ? step('todo', m.home_step_affiliation_unconfirmed({ institution: name }))
            : step('waiting', m.home_step_affiliation_pending({ institution: name })),
        );
        break;
      case 'affiliation_refused':
        steps.push(
          step('todo', m.home_step_affiliation_refused({ institution: name }), {
            href: '/institutions',
            label: m.home_cta_institutions(),
          }),
        );
        break;
      case 'institution_unverified':
        steps.push(step('waiting', m.home_step_institution_unverified({ institution: name })));
        break;
      case 'no_institution':
        steps.push(
          admin
            ? step('todo', m.home_step_register_institution(), {
                href: '/institutions/new',
                label: m.home_cta_register_institution(),
              })
            : step('todo', m.home_step_join_institution(), {
                href: '/institutions',
                label: m.home_cta_institutions(),
              }),
        );
        break;
      default:
        break;
    }
  }

  if (admin && access.allowed) {
    const waiting = await bestEffort(
      () => listAffiliations(fetch, access.institution.id, 'pending'),
      [],
    );
    steps.push(
      waiting.length > 0
        ? step('todo', m.home_step_lecturers_waiting({ count: waiting.length }), {
            href: '/my/institution',
            label: m.nav_my_institution(),
          })
        : step(
            'todo',
            access.institution.domains.length > 0
              ? m.home_step_invite_lecturers({ domains: access.institution.domains.join(', ') })
              : m.home_step_invite_lecturers_no_domain(),
            { href: '/my/institution', label: m.nav_my_institution() },
          ),
    );
  }

  if (offerCount === 0) {
    steps.push(
      access.allowed
        ? step('todo', m.home_step_first_offer(), {
            href: '/offers/new',
            label: m.home_cta_first_offer(),
          })
        : step('waiting', m.home_step_first_offer_later()),
    );
  } else {
    steps.push(
      step('todo', m.home_step_find_partners({ count: offerCount }), {
        href: '/my/offers',
        label: m.nav_my_offers(),
      }),
    );
  }
  if (incoming > 0) {
    steps.push(
      step('todo', m.home_step_requests_waiting({ count: incoming }), {
        href: '/my/partnerships',
        label: m.partnerships_nav(),
      }),
    );
  }
  const partnerships = requests ? requests.items.length : 0;
  return { isNew: offerCount === 0 && partnerships === 0, steps };
}

async function studentGuide(fetch: Fetch): Promise<HomeGuide> {
  const applications = await bestEffort(() => listApplications(fetch, { limit: 100 }), null);
  const count = applications?.items.length ?? 0;
  const steps = [
    step('todo', m.home_step_browse_opportunities(), {
      href: '/opportunities',
      label: m.opps_home_cta(),
    }),
  ];
  if (count > 0) {
    steps.push(
      step('todo', m.home_step_follow_applications({ count }), {
        href: '/my/applications',
        label: m.nav_my_applications(),
      }),
    );
  }
  return { isNew: applications !== null && count === 0, steps };
}

async function secretariatGuide(fetch: Fetch): Promise<HomeGuide> {
  const queue = await bestEffort(
    () => listInstitutions(fetch, { awaitingVerification: true, limit: 100 }),
    null,
  );
  const waiting = queue?.items.length ?? 0;
  return {
    isNew: false,
    steps: [
      waiting > 0
        ? step(
            'todo',
            queue?.nextCursor
              ? m.home_step_verify_many({ count: waiting })
              : m.home_step_verify({ count: waiting }),
            { href: '/secretariat/verification', label: m.nav_verification() },
          )
        : step('done', m.home_step_verify_none(), {
            href: '/secretariat/verification',
            label: m.nav_verification(),
          }),
      step('todo', m.home_step_round(), {
        href: '/secretariat/matching-rounds',
        label: m.rounds_nav(),
      }),
      step('todo', m.home_step_statistics(), {
        href: '/secretariat/statistics',
        label: m.nav_statistics(),
      }),
    ],
  };
}

/** Whether the user's address is on an approved web domain of the institution they named. */
async function onInstitutionDomain(
  fetch: Fetch,
  user: User,
  affiliation: Affiliation | null,
): Promise<boolean> {
  if (!affiliation) return false;
  const institution = await getInstitution(fetch, affiliation.institutionId).catch(
    (cause: unknown) => {
      if (cause instanceof ApiError) return null;
      throw cause;
    },
  );
  return institution !== null && emailIsOnDomains(user.email, institution.domains);
}

export async function homeGuide(
  fetch: Fetch,
  user: User,
  affiliation: Affiliation | null,
): Promise<HomeGuide> {
  switch (user.role) {
    case 'lecturer':
    case 'institution_admin':
      return authorGuide(fetch, user, affiliation);
    case 'student':
      return studentGuide(fetch);
    case 'secretariat':
      return secretariatGuide(fetch);
    default:
      return { isNew: false, steps: [] };
  }
}
