// Exchange opportunities for students: the open offers that take students, no account needed.
import { loadOfferSearch } from '$lib/server/offer-search-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadOfferSearch(event, { studentsOnly: true });
