// The catalogue of open offers: for lecturers looking for a partner class, readable by anyone.
import { loadOfferSearch } from '$lib/server/offer-search-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => loadOfferSearch(event);
