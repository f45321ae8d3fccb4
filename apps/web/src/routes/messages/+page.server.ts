// Messages: the user's conversations, newest first, read on the server so the list works
// without JavaScript; with it, the real-time client keeps the list live.
import { error } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { listConversations, type Conversation } from '$lib/api/conversations';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { signedInUser } from '$lib/server/page-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, fetch }) => {
  const user = signedInUser(locals, url);
  let conversations: Conversation[];
  try {
    conversations = await listConversations(fetch);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(cause.status === 401 ? 401 : 503, m.messages_unavailable());
  }
  // Country names for every member, in the page's language.
  const codes = new Set(conversations.flatMap((c) => c.members.map((mb) => mb.country ?? '')));
  const options = new Map(countryOptions(getLocale()).map((c) => [c.code, c.name]));
  const countryNames: Record<string, string> = {};
  for (const code of codes) {
    if (code) countryNames[code] = options.get(code) ?? findCountry(code)?.name ?? code;
  }
  return { userId: user.id, conversations, countryNames, now: Date.now() };
};
