// Who may open a page — the one set of page guards: signed-in pages send visitors to log in
// (and back again), pages of one role answer 403 to the others with a sentence saying whose they
// are, and the admin of an institution is the institution admin whose verified affiliation
// names it. The API checks every call again; these guards only decide what a page shows.
import { error, redirect } from '@sveltejs/kit';
import type { Affiliation, Role, User } from '@twinning/contracts/accounts';
import { m } from '$lib/paraglide/messages';

/** Where to come back to after logging in: this page, without a form action's `/name`. */
export function returnPath(url: URL): string {
  const search = new URLSearchParams(url.search);
  for (const key of [...search.keys()]) if (key.startsWith('/')) search.delete(key);
  const query = search.toString();
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** The signed-in user, or a redirect to `/login` that comes back to this page. */
export function signedInUser(locals: App.Locals, url: URL): User {
  if (!locals.user) {
    redirect(303, `/login?redirectTo=${encodeURIComponent(returnPath(url))}`);
  }
  return locals.user;
}

/** The signed-in user of `role`; others get a 403 page saying `refusal`. */
export function userWithRole(locals: App.Locals, url: URL, role: Role, refusal: string): User {
  const user = signedInUser(locals, url);
  if (user.role !== role) error(403, refusal);
  return user;
}

/** A secretariat page's user: visitors log in first, everyone else gets a 403 page. */
export function secretariatUser(locals: App.Locals, url: URL): User {
  return userWithRole(locals, url, 'secretariat', m.verify_secretariat_only());
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
