// Rules for the identifiers and secrets people sign up with.
export const passwordMinLength = 10;
export const passwordMaxLength = 256;
export const nameMaxLength = 120;

/** Lower-cased and trimmed, so one mailbox is one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Deliberately simple: one @, a dot in the domain, no spaces. Real proof of address is a later step.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isEmail(value: string): boolean {
  return value.length <= 254 && emailPattern.test(value.trim());
}

export function passwordProblem(password: string): string | undefined {
  if (password.length < passwordMinLength)
    return `must be at least ${passwordMinLength} characters`;
  if (password.length > passwordMaxLength) return `must be at most ${passwordMaxLength} characters`;
  return undefined;
}

export function emailDomain(email: string): string {
  return normalizeEmail(email).split('@').pop() ?? '';
}

/**
 * An email is on an institution's domain when its host is that domain or a subdomain of it
 * (`cs.uni-example.de` belongs to `uni-example.de`), which is how university mail is usually split.
 */
export function emailIsOnDomains(email: string, domains: readonly string[]): boolean {
  const host = emailDomain(email);
  return domains.some((d) => {
    const domain = d.trim().toLowerCase().replace(/^\.+/, '');
    return domain.length > 0 && (host === domain || host.endsWith(`.${domain}`));
  });
}

/** A web domain as institutions list it: letters, digits, hyphens, dots, at least one dot. */
export function isDomainName(value: string): boolean {
  return /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(value);
}
