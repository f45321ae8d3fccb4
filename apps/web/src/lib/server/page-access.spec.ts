import { describe, expect, it } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import type { User } from '@twinning/contracts/accounts';
import { returnPath, secretariatUser, signedInUser, userWithRole } from './page-access';

function user(role: User['role']): User {
  return {
    id: 'u1',
    email: 'someone@example.org',
    name: 'Someone',
    role,
    institutionId: null,
    languages: [],
    timeZone: null,
    emailVerified: true,
    demo: false,
    title: null,
    bio: null,
    locale: null,
    emailNotifications: 'instant',
  } as User;
}

const locals = (who: User | null) => ({ user: who }) as App.Locals;

/** What a guard threw: a redirect's location or an error's status, or what it returned. */
function outcome(run: () => unknown): string {
  try {
    return `returned ${(run() as User).role}`;
  } catch (thrown) {
    if (isRedirect(thrown)) return `redirect ${thrown.location}`;
    if (isHttpError(thrown)) return `error ${thrown.status}: ${thrown.body.message}`;
    throw thrown;
  }
}

describe('page guards', () => {
  it('send visitors to log in and back to this page, without a form action’s name', () => {
    const url = new URL('http://x/secretariat/moderation?from=2026-01-01&/suspend');
    expect(returnPath(url)).toBe('/secretariat/moderation?from=2026-01-01');
    expect(returnPath(new URL('http://x/offers/o1?/message'))).toBe('/offers/o1');
    expect(outcome(() => signedInUser(locals(null), url))).toBe(
      `redirect /login?redirectTo=${encodeURIComponent('/secretariat/moderation?from=2026-01-01')}`,
    );
  });

  it('let the role through and refuse the others with a sentence', () => {
    const url = new URL('http://x/secretariat/statistics');
    expect(outcome(() => secretariatUser(locals(user('secretariat')), url))).toBe(
      'returned secretariat',
    );
    expect(outcome(() => secretariatUser(locals(user('lecturer')), url))).toMatch(/^error 403: /);
    expect(
      outcome(() => userWithRole(locals(user('lecturer')), url, 'student', 'Students only.')),
    ).toBe('error 403: Students only.');
    expect(outcome(() => userWithRole(locals(user('student')), url, 'student', 'x'))).toBe(
      'returned student',
    );
  });
});
