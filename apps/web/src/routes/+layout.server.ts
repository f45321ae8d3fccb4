// Every page knows who is signed in (read from the API by `handle`).
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
  user: locals.user,
  affiliation: locals.affiliation,
});
