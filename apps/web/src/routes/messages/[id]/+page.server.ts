// One conversation: its newest 50 messages and who is in it, read on the server (members
// only: the API's 403 becomes the error page). Sending is over the WebSocket, so it needs
// JavaScript; without it the history is still there to read.
import { error } from '@sveltejs/kit';
import { findCountry } from '@twinning/core/vocabulary/countries';
import { listConversations, listMessages, type Message } from '$lib/api/conversations';
import { ApiError } from '$lib/api/request';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { countryOptions } from '$lib/server/country-options';
import { signedInUser } from '$lib/server/page-access';
import type { PageServerLoad } from './$types';

/** Messages shown at first; older ones page in above. */
const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url, fetch, params }) => {
  const user = signedInUser(locals, url);
  let messages: Message[];
  try {
    // History first: it answers 404 / 403 for strangers.
    messages = await listMessages(fetch, params.id, { limit: PAGE_SIZE });
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    if (cause.status === 403) error(403, m.conversation_forbidden());
    if (cause.status === 404) error(404, m.error_not_found_message());
    error(503, m.conversation_unavailable());
  }
  let conversation;
  try {
    conversation = (await listConversations(fetch)).find((c) => c.id === params.id);
  } catch (cause) {
    if (!(cause instanceof ApiError)) throw cause;
    error(503, m.conversation_unavailable());
  }
  if (!conversation) error(404, m.error_not_found_message());
  const options = new Map(countryOptions(getLocale()).map((c) => [c.code, c.name]));
  const countryNames: Record<string, string> = {};
  for (const member of conversation.members) {
    const code = member.country;
    if (code) countryNames[code] = options.get(code) ?? findCountry(code)?.name ?? code;
  }
  return {
    userId: user.id,
    // Others may write to an account whose address is not verified yet; its answers wait for
    // the link (what to do shows in place of the composer).
    emailGate: !user.emailVerified,
    conversation,
    messages,
    // Fewer than a page, or a page that starts at 1: nothing earlier.
    complete: messages.length < PAGE_SIZE || (messages[0]?.seq ?? 1) <= 1,
    countryNames,
  };
};
