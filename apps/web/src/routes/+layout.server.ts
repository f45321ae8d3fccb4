// Every page knows who is signed in (read from the API by `handle`) and the time zone it
// shows times in.
import { viewerTimeZone } from '$lib/server/viewer-zone';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, cookies }) => ({
  user: locals.user,
  affiliation: locals.affiliation,
  viewerZone: viewerTimeZone(locals.user, cookies),
});
