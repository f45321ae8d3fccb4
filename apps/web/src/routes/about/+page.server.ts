// About: the partner counts come from the ASEM partner list, so the page stays true to it.
import { countries } from '@twinning/core/vocabulary/countries';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({
  partners: {
    all: countries.length,
    asia: countries.filter((c) => c.region === 'asia').length,
    europe: countries.filter((c) => c.region === 'europe').length,
  },
});
