// Accounts and sessions: sign-up, log-in, log-out and the signed-in user (`/api/auth/*`, `/api/me`).
// Replies carry the API's `Set-Cookie` lines so the server can relay the session to the browser.
import type {
  Affiliation,
  LoginBody,
  MeReply,
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
