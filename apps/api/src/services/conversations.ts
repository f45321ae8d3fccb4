// Conversations and messages (API.md, "Conversations and real time"), and who may start a
// direct conversation with whom. Every stored message is published on the event bus at once;
// the WebSocket hub delivers it to the sockets that should hear it.
import type { Message } from '@twinning/contracts/conversations';
import type { Repositories } from '@twinning/db/repositories';
import type { Message as StoredMessage } from '@twinning/db/repositories/conversations';
import type { User } from '@twinning/db/repositories/users';
import { forbidden, invalidInput, notFound } from '../errors.ts';
import type { EventBus } from '../realtime/event-bus.ts';
import { isSecretariat, isStaff, requireVerifiedEmail } from './guards.ts';

/** Who acts in a conversation: all the real-time path keeps of a user for a socket's lifetime. */
/**
 * Who sends a frame: what a socket keeps of its user. `emailVerified` is as it was when the
 * socket opened; a send re-reads the account while it says false (the address may have been
 * verified since).
 */
export type Actor = Pick<User, 'id' | 'suspended' | 'emailVerified'>;

/** A stored message as the API shows it. */
export function messageView(m: StoredMessage): Message {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    authorId: m.authorId,
    body: m.body,
    clientMessageId: m.clientMessageId,
    createdAt: m.createdAt.toISOString(),
  };
}

export function createConversationService({
  repositories,
  now,
  newId,
  events,
}: {
  repositories: Pick<Repositories, 'conversations' | 'users' | 'institutions'>;
  now: () => Date;
  newId: () => string;
  events: EventBus;
}) {
  const { conversations, users, institutions } = repositories;

  /*
   * Members never change once a conversation exists (partnership and direct conversations are
   * made with both sides), so they are kept in memory after the first look: every send and
   * subscribe asks. Bounded: the oldest entries go first.
   */
  const membersCache = new Map<string, string[]>();
  async function membersOf(conversationId: string): Promise<string[]> {
    const cached = membersCache.get(conversationId);
    if (cached) return cached;
    const members = await conversations.memberIds(conversationId);
    if (members.length > 0) {
      if (membersCache.size >= 20_000) membersCache.delete(membersCache.keys().next().value!);
      membersCache.set(conversationId, members);
    }
    return members;
  }

  /** 404 for a conversation that does not exist, 403 for one the user is not in. */
  async function requireMember(user: Actor, conversationId: string): Promise<string[]> {
    const members = await membersOf(conversationId);
    if (members.length === 0 && !(await conversations.exists(conversationId))) {
      throw notFound('conversation');
    }
    if (!members.includes(user.id)) throw forbidden('Only members read or write a conversation.');
    return members;
  }

  /** A lecturer or admin whose affiliation and institution are both verified. */
  async function verifiedStaff(user: User): Promise<boolean> {
    if (!isStaff(user)) return false;
    const affiliation = await users.affiliationOf(user.id);
    if (affiliation?.status !== 'verified') return false;
    return (await institutions.findById(affiliation.institutionId))?.verified === true;
  }

  /*
   * Who may start a direct conversation with whom — enough for real work, closed to strangers:
   * the secretariat with anyone; verified lecturers and admins (verified affiliation at a
   * verified institution) with each other; a student with the owner of an offer they applied
   * to, and that owner with the student. Everything else is refused with the rule in the message.
   */
  async function mayTalk(a: User, b: User): Promise<boolean> {
    if (isSecretariat(a) || isSecretariat(b)) return true;
    if ((await verifiedStaff(a)) && (await verifiedStaff(b))) return true;
    if (a.role === 'student') return conversations.appliedToOwner(a.id, b.id);
    if (b.role === 'student') return conversations.appliedToOwner(b.id, a.id);
    return false;
  }

  return {
    async list(user: User) {
      return conversations.listFor(user.id);
    },

    /** The direct conversation with `otherId`: the existing one, or a new one (`created`). */
    async startDirect(user: User, otherId: string) {
      requireVerifiedEmail(user, 'start conversations');
      if (otherId === user.id) {
        throw invalidInput([{ field: 'userId', message: 'must be someone else' }]);
      }
      const other = await users.findById(otherId);
      if (!other || other.suspended) throw notFound('user');
      if (user.suspended) throw forbidden('A suspended account cannot start conversations.');
      if (!(await mayTalk(user, other))) {
        throw forbidden(
          'Direct conversations are open between verified lecturers and admins, between a student and the owner of an offer the student applied to, and with the secretariat.',
        );
      }
      const { id, created } = await conversations.findOrCreateDirect({
        id: newId(),
        userIds: [user.id, other.id],
        title: `${user.name} and ${other.name}`.slice(0, 120),
        at: now(),
      });
      const conversation = await conversations.summary(id, user.id);
      if (!conversation) throw notFound('conversation');
      return { conversation, created };
    },

    async history(
      user: Actor,
      conversationId: string,
      query: { afterSeq?: number; beforeSeq?: number; limit: number },
    ) {
      await requireMember(user, conversationId);
      const items = await conversations.history(conversationId, query);
      return items.map(messageView);
    },

    /**
     * Stores a message (or finds the first one with this clientMessageId: a retry) and, if new,
     * publishes it to every member. Returns the message the sender is acked with. The frame's
     * shape (ids, a body of 1–4000 characters that is not blank) was checked against its schema.
     */
    async send(
      user: Actor,
      input: { conversationId: string; clientMessageId: string; body: string },
    ): Promise<Message> {
      const members = await requireMember(user, input.conversationId);
      if (user.suspended) throw forbidden('A suspended account cannot send messages.');
      if (!user.emailVerified) {
        const account = await users.findById(user.id);
        if (!account) throw notFound('user');
        requireVerifiedEmail(account, 'send messages');
      }
      const { message, duplicate } = await conversations.append({
        id: newId(),
        conversationId: input.conversationId,
        authorId: user.id,
        body: input.body,
        clientMessageId: input.clientMessageId,
        at: now(),
      });
      const view = messageView(message);
      if (!duplicate) await events.publish({ type: 'message', memberIds: members, message: view });
      return view;
    },

    async typing(user: Actor, conversationId: string) {
      const members = await requireMember(user, conversationId);
      await events.publish({ type: 'typing', memberIds: members, conversationId, userId: user.id });
    },

    /** Moves the read cursor forward; returns where it stands. */
    async read(user: Actor, conversationId: string, seq: number, origin?: string) {
      const members = await requireMember(user, conversationId);
      const at = await conversations.markRead(conversationId, user.id, seq);
      if (at === undefined) throw forbidden('Only members read a conversation.');
      await events.publish({
        type: 'read',
        memberIds: members,
        conversationId,
        userId: user.id,
        seq: at,
        ...(origin ? { origin } : {}),
      });
      return at;
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
