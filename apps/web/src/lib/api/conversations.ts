// Conversations and their history (`/api/conversations`). Live delivery is the WebSocket's
// (`$lib/realtime`); these calls serve pages and catch-up.
// The shapes follow `@twinning/contracts/conversations`.
import { apiRequest, type Fetch } from './request';

/** `seq` counts 1, 2, 3 … within a conversation, with no gaps; `body` is plain text. */
export interface Message {
  id: string;
  conversationId: string;
  seq: number;
  authorId: string;
  body: string;
  clientMessageId: string;
  createdAt: string;
}

export interface ConversationMember {
  id: string;
  name: string;
  role: string;
  institutionId: string | null;
  institutionName: string | null;
  country: string | null;
  /** The member's read cursor. */
  lastReadSeq: number;
}

export interface Conversation {
  id: string;
  kind: 'partnership' | 'direct';
  title: string;
  lastSeq: number;
  members: ConversationMember[];
  unread: number;
  lastMessage: Message | null;
}

/** The user's conversations, latest message first. */
export async function listConversations(fetch: Fetch): Promise<Conversation[]> {
  const reply = await apiRequest<{ items: Conversation[] }>(fetch, '/api/conversations');
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
  query: { afterSeq?: number; beforeSeq?: number; limit?: number } = {},
): Promise<Message[]> {
  const reply = await apiRequest<{ items: Message[] }>(
    fetch,
    `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
    { query },
  );
  return reply.body.items;
}
