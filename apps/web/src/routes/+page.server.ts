// Home: the live platform figures, and for someone signed in a greeting with the next steps of
// their role; the page still renders when the API cannot give either.
import type { StatsSummary } from '@twinning/contracts/stats';
import { getStatsSummary } from '$lib/api/stats';
import { homeGuide, type HomeGuide } from '$lib/server/next-steps';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, locals }) => {
  const [summary, guide] = await Promise.all([
    getStatsSummary(fetch).catch((error: unknown): StatsSummary | null => {
      console.error('Could not load the platform figures', error);
      return null;
    }),
    locals.user
      ? homeGuide(fetch, locals.user, locals.affiliation)
      : Promise.resolve<HomeGuide | null>(null),
  ]);
  return { summary, guide };
};
