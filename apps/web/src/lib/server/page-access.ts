// Who may open a page: signed-in pages send visitors to log in (and back again), and the
// admin of an institution is the institution admin whose verified affiliation names it.
import { redirect } from '@sveltejs/kit';
import type { Affiliation, User } from '@twinning/contracts/accounts';

/** The signed-in user, or a redirect to `/login` that comes back to this page. */
export function signedInUser(locals: App.Locals, url: URL): User {
  if (!locals.user) {
    redirect(303, `/login?redirectTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
  }
  return locals.user;
}

export function isAdminOf(
  user: User | null,
  affiliation: Affiliation | null,
  institutionId: string,
): boolean {
  if (user?.role !== 'institution_admin') return false;
  if (user.institutionId === institutionId) return true;
  return (
    affiliation?.institutionId === institutionId &&
    affiliation.role === 'admin' &&
    affiliation.status === 'verified'
  );
}
