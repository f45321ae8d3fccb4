// Who may do what: the access rules services check first, each named once so a reader finds
// them here and a refusal always says the same thing. `what` finishes the sentence of the
// refusal ("Only the secretariat sets the balance goals.").
import type { Institution } from '@twinning/db/repositories/institutions';
import type { User } from '@twinning/db/repositories/users';
import { forbidden, HttpError } from '../errors.ts';

export function isSecretariat(user: Pick<User, 'role'>): boolean {
  return user.role === 'secretariat';
}

/** A lecturer or an institution admin: the people who post offers and partner. */
export function isStaff(user: Pick<User, 'role'>): boolean {
  return user.role === 'lecturer' || user.role === 'institution_admin';
}

/** Refuses everyone but the secretariat: "Only the secretariat {what}." */
export function requireSecretariat(user: User, what: string): void {
  if (!isSecretariat(user)) throw forbidden(`Only the secretariat ${what}.`);
}

/**
 * Refuses everyone but the owner of a thing: an offer (its poster), an application's offer, an
 * application (the student who applied).
 */
export function requireOwner(user: User, ownerId: string, refusal: string): void {
  if (user.id !== ownerId) throw forbidden(refusal);
}

/** Refuses everyone but the owner and the secretariat, who oversees everything. */
export function requireOwnerOrSecretariat(user: User, ownerId: string, refusal: string): void {
  if (user.id !== ownerId && !isSecretariat(user)) throw forbidden(refusal);
}

/** Refuses everyone whose role is not one of `roles`. */
export function requireRole(user: User, roles: readonly User['role'][], refusal: string): void {
  if (!roles.includes(user.role)) throw forbidden(refusal);
}

/** The institution admin of `institutionId`, or the secretariat. */
export function requireAdminOrSecretariat(user: User, institutionId: string): void {
  const ownAdmin = user.role === 'institution_admin' && user.institutionId === institutionId;
  if (!ownAdmin && !isSecretariat(user)) {
    throw forbidden('Only the institution’s admin or the secretariat may do that.');
  }
}

/**
 * One of the institution's own admins: an institution admin who registered it or claimed it and
 * was not refused (`adminIds`, the institution's admins), even while that claim waits for
 * confirmation — the people the secretariat's review speaks to.
 */
export function isOwnAdmin(user: Pick<User, 'id' | 'role'>, adminIds: readonly string[]): boolean {
  return user.role === 'institution_admin' && adminIds.includes(user.id);
}

/** Refuses everyone but the institution's own admins (`adminIds`). */
export function requireOwnAdmin(user: User, adminIds: readonly string[], refusal: string): void {
  if (!isOwnAdmin(user, adminIds)) throw forbidden(refusal);
}

/** Refuses everyone but the institution's own admins (`adminIds`) and the secretariat. */
export function requireOwnAdminOrSecretariat(
  user: User,
  adminIds: readonly string[],
  refusal: string,
): void {
  if (!isOwnAdmin(user, adminIds) && !isSecretariat(user)) throw forbidden(refusal);
}

/**
 * A lecturer or institution admin whose affiliation is confirmed, at an institution the
 * secretariat verified: who may post offers. Returns that institution; each refusal says which
 * step is missing.
 */
export async function requireVerifiedStaff(
  user: User,
  findInstitution: (id: string) => Promise<Institution | undefined>,
): Promise<Institution> {
  if (!isStaff(user)) throw forbidden('Only lecturers and institution admins post offers.');
  requireVerifiedEmail(user, 'post offers');
  if (!user.institutionId) {
    throw forbidden(
      'Your affiliation with an institution is not confirmed yet, so you cannot post offers.',
    );
  }
  const institution = await findInstitution(user.institutionId);
  if (!institution?.verified) {
    throw forbidden(
      'Your institution is not verified by the secretariat yet, so it cannot post offers.',
    );
  }
  return institution;
}

/**
 * Refuses an account whose e-mail address is not verified yet from anything that acts in
 * someone's name (an offer, a request, an answer to one, an application, an institution, a
 * message): 403 `email_unverified`, saying how to get there. `what` finishes "…before you
 * {what}." Signing in, browsing and one's own profile and settings stay open.
 */
export function requireVerifiedEmail(
  user: Pick<User, 'email' | 'emailVerified'>,
  what: string,
): void {
  if (!user.emailVerified) throw emailUnverified(user.email, what);
}

/** The refusal of requireVerifiedEmail. */
export function emailUnverified(email: string, what: string): HttpError {
  return new HttpError(
    403,
    'email_unverified',
    `Confirm your e-mail address before you ${what}: open the link we sent to ${email}, or ask for a new one with “send the link again” on /verify-email (POST /api/auth/verify-email/resend).`,
  );
}
