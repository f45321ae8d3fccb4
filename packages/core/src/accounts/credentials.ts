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

/** Who a password belongs to: what it must not contain. */
export interface PasswordOwner {
  email: string;
  name: string;
}

/** The least zxcvbn score (0–4) a password needs: 3 is "safely unguessable" to an offline attack. */
export const passwordMinScore = 3;

/** How to pick a good password: the second half of every "too weak" message. */
export const passwordAdvice =
  'Pick a long passphrase of four or more unrelated words that only you would put together, or let a password manager make one; leave out your name and email.';

// Fragments shorter than this ("Li", "an") occur inside ordinary words and would refuse too much.
const personalFragmentMinLength = 3;

/**
 * The parts of the owner's identity a password must not contain, lower-cased: the email, its
 * local part and that part's pieces, the name and each word of it.
 */
export function personalFragments(owner: PasswordOwner): string[] {
  const email = normalizeEmail(owner.email);
  const local = email.split('@')[0] ?? '';
  const name = owner.name.trim().toLowerCase();
  const fragments = [
    email,
    local,
    ...local.split(/[._+-]+/),
    name,
    name.replace(/\s+/g, ''),
    ...name.split(/[\s.,'-]+/u),
  ];
  // Longest first, so a message names the whole of what was found ("miachen", not "mia").
  return [...new Set(fragments.filter((f) => f.length >= personalFragmentMinLength))].sort(
    (a, b) => b.length - a.length,
  );
}

/**
 * The length rule and, when the owner is known, the rule that a password must not contain
 * their email or name. Dictionary strength is judged separately (`strengthProblem`).
 */
export function passwordProblem(password: string, owner?: PasswordOwner): string | undefined {
  if (password.length < passwordMinLength)
    return `must be at least ${passwordMinLength} characters`;
  if (password.length > passwordMaxLength) return `must be at most ${passwordMaxLength} characters`;
  if (owner) {
    const lower = password.toLowerCase();
    const found = personalFragments(owner).find((f) => lower.includes(f));
    if (found !== undefined) {
      const what = normalizeEmail(owner.email).includes(found) ? 'your email' : 'your name';
      return `must not contain ${what} ("${found}"): it is the first thing an attacker tries. ${passwordAdvice}`;
    }
  }
  return undefined;
}

/** What a strength estimator (zxcvbn) says of a password. */
export interface StrengthEstimate {
  score: number;
  warning: string | null;
  suggestions: readonly string[];
}

/** Why an estimated password is too weak, with how to pick a better one; undefined when strong. */
export function strengthProblem(estimate: StrengthEstimate): string | undefined {
  if (estimate.score >= passwordMinScore) return undefined;
  const why = [estimate.warning, ...estimate.suggestions]
    .filter((s): s is string => !!s && s.trim().length > 0)
    .join(' ');
  return `is too easy to guess (strength ${estimate.score} of 4, ${passwordMinScore} needed).${why ? ` ${why}` : ''} ${passwordAdvice}`;
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
