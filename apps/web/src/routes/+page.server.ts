// Home: the live platform figures; the page still renders when the API cannot give them.
import type { StatsSummary } from '@twinning/contracts/stats';
import { getStatsSummary } from '$lib/api/stats';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => {
  let summary: StatsSummary | null = null;
  try {
    summary = await getStatsSummary(fetch);
  } catch (error) {
    console.error('Could not load the platform figures', error);
  }
  return { summary };
};
