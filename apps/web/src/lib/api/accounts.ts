// Accounts and sessions: sign-up, log-in, log-out and the signed-in user (`/api/auth/*`, `/api/me`).
// Replies carry the API's `Set-Cookie` lines so the server can relay the session to the browser.
import type {
  AccountSession,
  Affiliation,
  ChangePasswordBody,
  LoginBody,
  MeReply,
  PasswordResetConfirmBody,
  SessionListReply,
  SignupBody,
  User,
  UserReply,
} from '@twinning/contracts/accounts';
import { apiRequest, type Fetch } from './request';

export interface SessionReply {
  user: User;
  /** The raw `Set-Cookie` lines of the reply. */
  setCookies: string[];
}

function setCookiesOf(headers: Headers): string[] {
  return typeof headers.getSetCookie === 'function'
    ? headers.getSetCookie()
    : (headers.get('set-cookie')?.split(/,(?=\s*[^;=\s]+=)/) ?? []);
}

export async function signup(fetch: Fetch, body: SignupBody): Promise<SessionReply> {
  const reply = await apiRequest<UserReply>(fetch, '/api/auth/signup', { method: 'POST', body });
  return { user: reply.body.user, setCookies: setCookiesOf(reply.headers) };
}

export async function login(fetch: Fetch, body: LoginBody): Promise<SessionReply> {
  const reply = await apiRequest<UserReply>(fetch, '/api/auth/login', { method: 'POST', body });
  return { user: reply.body.user, setCookies: setCookiesOf(reply.headers) };
}

export async function logout(fetch: Fetch): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/logout', { method: 'POST' });
}

export interface CurrentUser {
  user: User;
  affiliation: Affiliation | null;
  setCookies: string[];
}

export async function getCurrentUser(fetch: Fetch): Promise<CurrentUser> {
  const reply = await apiRequest<MeReply>(fetch, '/api/me');
  return {
    user: reply.body.user,
    affiliation: reply.body.affiliation ?? null,
    setCookies: setCookiesOf(reply.headers),
  };
}

/** One-click unsubscribe with the token of a notification mail's link. */
export async function unsubscribe(fetch: Fetch, token: string): Promise<void> {
  await apiRequest(fetch, '/api/mail/unsubscribe', { method: 'POST', query: { token }, body: {} });
}

/** Uses the token of a verification mail's link; resolves to the verified user. */
export async function verifyEmail(fetch: Fetch, token: string): Promise<User> {
  const reply = await apiRequest<{ user: User }>(fetch, '/api/auth/verify-email', {
    method: 'POST',
    body: { token },
  });
  return reply.body.user;
}

/** Sends the signed-in user's verification mail again. */
export async function resendVerification(fetch: Fetch): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/verify-email/resend', { method: 'POST' });
}

/** Asks for a password-reset mail; the API answers alike whether or not the address exists. */
export async function requestPasswordReset(fetch: Fetch, email: string): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/password-reset', {
    method: 'POST',
    body: { email },
  });
}

/** Sets a new password with a reset mail's token; the API ends every session of the user. */
export async function confirmPasswordReset(
  fetch: Fetch,
  body: PasswordResetConfirmBody,
): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/password-reset/confirm', { method: 'POST', body });
}

/** Changes the password; the API ends every other session of the user. */
export async function changePassword(fetch: Fetch, body: ChangePasswordBody): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/password', { method: 'POST', body });
}

/** The signed-in user's sessions, the one in use marked `current`. */
export async function listSessions(fetch: Fetch): Promise<AccountSession[]> {
  return (await apiRequest<SessionListReply>(fetch, '/api/auth/sessions')).body.items;
}

export async function endSession(fetch: Fetch, id: string): Promise<void> {
  await apiRequest<undefined>(fetch, `/api/auth/sessions/${encodeURIComponent(id)}`, {
    method: 'DELETE',
  });
}

/** Log out everywhere else. */
export async function endOtherSessions(fetch: Fetch): Promise<void> {
  await apiRequest<undefined>(fetch, '/api/auth/sessions/revoke-others', { method: 'POST' });
}
