// Conversations and their history (`/api/conversations`). Live delivery is the WebSocket's
// (`$lib/realtime`); these calls serve pages and catch-up.
import type {
  Conversation,
  ConversationList,
  Message,
  MessageList,
  MessagesQuery,
} from '@twinning/contracts/conversations';
import { apiRequest, type Fetch } from './request';

export type { Conversation, ConversationMember, Message } from '@twinning/contracts/conversations';

/** The user's conversations, latest message first. */
export async function listConversations(fetch: Fetch): Promise<Conversation[]> {
  const reply = await apiRequest<ConversationList>(fetch, '/api/conversations');
  return reply.body.items;
}

/** The direct conversation with a user: the existing one or a new one (403 with the rule). */
export async function startConversation(fetch: Fetch, userId: string): Promise<Conversation> {
  const reply = await apiRequest<Conversation>(fetch, '/api/conversations', {
    method: 'POST',
    body: { userId },
  });
  return reply.body;
}

/** History in ascending seq: after `afterSeq`, the newest before `beforeSeq`, or the newest. */
export async function listMessages(
  fetch: Fetch,
  conversationId: string,
  query: MessagesQuery = {},
): Promise<Message[]> {
  const reply = await apiRequest<MessageList>(
    fetch,
    `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
    { query },
  );
  return reply.body.items;
}
