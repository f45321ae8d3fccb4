// The browser's real-time client: one WebSocket per tab to `/api/ws` (API.md, "Conversations
// and real time"). It reconnects with backoff and jitter, re-subscribes every conversation it
// knows from the last seq it holds (the server replays what was missed; duplicates are dropped
// by seq), resends unacked messages with the same clientMessageId (the server stores a retry
// once), pings every 25 s and keeps what pages show as Svelte state: the connection, the
// conversation list with unread counts, open conversations' messages, typing and read
// cursors, and notifications. Outgoing frames go through a small token bucket, below the
// server's rate limit (10 a second, bursts of 20).
import { SvelteMap } from 'svelte/reactivity';
import type {
  Conversation,
  ConversationList,
  Message,
  MessageList,
  Notification,
  NotificationList,
  NotificationsMarked,
} from '@twinning/contracts/conversations';
import type { ClientFrame, ErrorFrame, ServerFrame } from '@twinning/contracts/realtime';
import { apiRequest } from '$lib/api/request';
import { backoffDelay, lastSeqOf, mergeBySeq } from './message-list';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** A message the user sent that the server has not acked yet. */
export interface Outgoing {
  clientMessageId: string;
  conversationId: string;
  body: string;
  state: 'sending' | 'failed';
  error: string | null;
  createdAt: string;
}

/** What the client holds of one conversation. */
export class ConversationState {
  summary: Conversation = $state(null as unknown as Conversation);
  /** Messages of an open view: contiguous, ascending seq. */
  messages = $state<Message[]>([]);
  /** Whether `messages` reaches back to seq 1. */
  complete = $state(false);
  /** The user's own read cursor. */
  myReadSeq = $state(0);
  /** Other members' read cursors by user id. */
  readCursors = $state<Record<string, number>>({});
  /** Members typing now: user id → until when (ms). */
  typing = $state<Record<string, number>>({});
  /** Subscribed and caught up on the current socket. */
  live = $state(false);
  /** After a dropped socket, until the catch-up of this conversation is done. */
  catchingUp = $state(false);
  /** An error frame about this conversation (forbidden, not found …). */
  error = $state<string | null>(null);
  /** Whether a page shows this conversation's messages. */
  open = false;
  lastTypingSent = 0;
  lastReadSent = 0;

  constructor(summary: Conversation, userId: string) {
    this.summary = summary;
    this.myReadSeq = summary.members.find((m) => m.id === userId)?.lastReadSeq ?? 0;
    for (const member of summary.members) {
      if (member.id !== userId) this.readCursors[member.id] = member.lastReadSeq;
    }
  }

  get unread(): number {
    return Math.max(0, this.summary.lastSeq - this.myReadSeq);
  }

  /** The last seq this client holds for catch-up. */
  get heldSeq(): number {
    return this.open ? lastSeqOf(this.messages) : this.summary.lastSeq;
  }
}

/** The current time as an ISO string. */
const nowIso = () => new Date(Date.now()).toISOString();

const PING_MS = 25_000;
const TYPING_SHOWN_MS = 4_000;
const TYPING_SEND_MS = 2_000;
const ACK_TIMEOUT_MS = 15_000;
/** Client-side frame budget: a little under the server's 10 a second, bursts of 20. */
const BUCKET_RATE = 8;
const BUCKET_CAPACITY = 16;

export class RealtimeClient {
  state = $state<ConnectionState>('connecting');
  /** Set once the first socket has opened: a later drop is "reconnecting", not "connecting". */
  everConnected = $state(false);
  conversations = new SvelteMap<string, ConversationState>();
  /** Whether the conversation list has been read once. */
  listLoaded = $state(false);
  outgoing = $state<Outgoing[]>([]);
  notifications = $state<Notification[]>([]);
  notificationsUnread = $state(0);
  /** The last error frame not tied to a message or conversation (rate limit …). */
  lastError = $state<string | null>(null);

  readonly userId: string;
  #socket: WebSocket | null = null;
  #attempt = 0;
  #stopped = false;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #queue: string[] = [];
  #tokens = BUCKET_CAPACITY;
  #tokensAt = Date.now();
  #pumpTimer: ReturnType<typeof setTimeout> | undefined;
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- timers, not state
  #ackTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #errorTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(userId: string) {
    this.userId = userId;
  }

  /** Total unread messages over all conversations. */
  get unreadMessages(): number {
    let total = 0;
    for (const c of this.conversations.values()) total += c.unread;
    return total;
  }

  /** Conversations, newest message first. */
  get sortedConversations(): ConversationState[] {
    const time = (c: ConversationState) => c.summary.lastMessage?.createdAt ?? '';
    return [...this.conversations.values()].sort((a, b) => time(b).localeCompare(time(a)));
  }

  start(): void {
    this.#stopped = false;
    window.addEventListener('online', this.#onOnline);
    window.addEventListener('offline', this.#onOffline);
    void this.refreshConversations();
    void this.refreshNotifications();
    this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    window.removeEventListener('online', this.#onOnline);
    window.removeEventListener('offline', this.#onOffline);
    clearTimeout(this.#reconnectTimer);
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pumpTimer);
    for (const timer of this.#ackTimers.values()) clearTimeout(timer);
    this.#ackTimers.clear();
    this.#socket?.close(1000, 'bye');
    this.#socket = null;
  }

  // ---------------------------------------------------------------- conversations

  /** Adds or refreshes a conversation from the API's summary (newer data wins). */
  upsert(summary: Conversation): ConversationState {
    const held = this.conversations.get(summary.id);
    if (!held) {
      const state = new ConversationState(summary, this.userId);
      this.conversations.set(summary.id, state);
      this.#subscribe(state);
      return state;
    }
    if (summary.lastSeq >= held.summary.lastSeq) {
      const lastMessage =
        (held.summary.lastMessage?.seq ?? 0) > (summary.lastMessage?.seq ?? 0)
          ? held.summary.lastMessage
          : summary.lastMessage;
      held.summary = {
        ...summary,
        lastMessage,
        lastSeq: Math.max(summary.lastSeq, held.summary.lastSeq),
      };
    }
    const mine = summary.members.find((m) => m.id === this.userId)?.lastReadSeq ?? 0;
    held.myReadSeq = Math.max(held.myReadSeq, mine);
    for (const member of summary.members) {
      if (member.id === this.userId) continue;
      held.readCursors[member.id] = Math.max(held.readCursors[member.id] ?? 0, member.lastReadSeq);
    }
    return held;
  }

  async refreshConversations(): Promise<void> {
    try {
      const reply = await apiRequest<ConversationList>(fetch, '/api/conversations');
      for (const summary of reply.body.items) this.upsert(summary);
      this.listLoaded = true;
    } catch {
      // The list stays as it is; the next reconnect tries again.
    }
  }

  /**
   * A conversation view opens with the history its page loaded: the client holds it, follows
   * it live from its last seq and replays anything newer.
   */
  openConversation(
    summary: Conversation,
    history: Message[],
    complete: boolean,
  ): ConversationState {
    const state = this.upsert(summary);
    const wasOpen = state.open;
    state.open = true;
    if (!wasOpen) {
      // What was held before is only trusted if it joins up with the page's history.
      const held = state.messages;
      const first = history[0]?.seq ?? Infinity;
      state.messages =
        held.length > 0 && lastSeqOf(held) >= first - 1 ? mergeBySeq(held, history) : history;
      state.complete = complete || state.complete;
    } else {
      state.messages = mergeBySeq(state.messages, history);
    }
    state.error = null;
    // Re-subscribe from the last message held: the server replays the rest in order.
    this.#subscribe(state);
    return state;
  }

  closeConversation(id: string): void {
    const state = this.conversations.get(id);
    if (state) state.open = false;
  }

  /** Older messages for "Load earlier messages" (ascending), merged in front. */
  async loadEarlier(id: string, limit = 50): Promise<number> {
    const state = this.conversations.get(id);
    if (!state) return 0;
    const before = state.messages[0]?.seq;
    if (before === undefined || before <= 1) {
      state.complete = true;
      return 0;
    }
    const reply = await apiRequest<MessageList>(
      fetch,
      `/api/conversations/${encodeURIComponent(id)}/messages`,
      { query: { beforeSeq: before, limit } },
    );
    state.messages = mergeBySeq(state.messages, reply.body.items);
    if (reply.body.items.length < limit || (state.messages[0]?.seq ?? 1) <= 1) {
      state.complete = true;
    }
    return reply.body.items.length;
  }

  // ---------------------------------------------------------------- sending

  /** Sends a message; it shows as "sending" until acked and is resent after a reconnect. */
  send(conversationId: string, body: string): Outgoing {
    const outgoing: Outgoing = {
      clientMessageId: crypto.randomUUID(),
      conversationId,
      body,
      state: 'sending',
      error: null,
      createdAt: nowIso(),
    };
    this.outgoing = [...this.outgoing, outgoing];
    this.#sendOutgoing(outgoing.clientMessageId);
    return outgoing;
  }

  /** Sends a failed message again, with the same clientMessageId. */
  retry(clientMessageId: string): void {
    this.#patchOutgoing(clientMessageId, { state: 'sending', error: null });
    this.#sendOutgoing(clientMessageId);
  }

  /** Gives up on a failed message. */
  discard(clientMessageId: string): void {
    this.outgoing = this.outgoing.filter((o) => o.clientMessageId !== clientMessageId);
  }

  #sendOutgoing(clientMessageId: string): void {
    const o = this.outgoing.find((x) => x.clientMessageId === clientMessageId);
    if (!o || this.state !== 'connected') return; // Resent once the socket is back.
    this.#enqueue({
      type: 'send',
      conversationId: o.conversationId,
      clientMessageId,
      body: o.body,
    });
    clearTimeout(this.#ackTimers.get(clientMessageId));
    this.#ackTimers.set(
      clientMessageId,
      setTimeout(() => {
        this.#ackTimers.delete(clientMessageId);
        this.#patchOutgoing(clientMessageId, { state: 'failed', error: null });
      }, ACK_TIMEOUT_MS),
    );
  }

  #patchOutgoing(clientMessageId: string, patch: Partial<Outgoing>): void {
    this.outgoing = this.outgoing.map((o) =>
      o.clientMessageId === clientMessageId ? { ...o, ...patch } : o,
    );
  }

  /** Tells the others the user is typing, at most every 2 s. */
  typing(conversationId: string): void {
    const state = this.conversations.get(conversationId);
    if (!state || this.state !== 'connected') return;
    const now = Date.now();
    if (now - state.lastTypingSent < TYPING_SEND_MS) return;
    state.lastTypingSent = now;
    this.#enqueue({ type: 'typing', conversationId });
  }

  /** Moves the user's read cursor to `seq` (when the view is seen). */
  markRead(conversationId: string, seq: number): void {
    const state = this.conversations.get(conversationId);
    if (!state || seq <= state.myReadSeq || seq <= state.lastReadSent) return;
    state.myReadSeq = seq;
    if (this.state !== 'connected') return; // Sent again after the reconnect.
    state.lastReadSent = seq;
    this.#enqueue({ type: 'read', conversationId, seq });
  }

  // ---------------------------------------------------------------- notifications

  async refreshNotifications(): Promise<void> {
    try {
      const reply = await apiRequest<NotificationList>(fetch, '/api/notifications', {
        query: { limit: 20 },
      });
      this.notifications = reply.body.items;
      this.notificationsUnread = reply.body.unread;
    } catch {
      // Kept as it is.
    }
  }

  async markAllNotificationsRead(): Promise<void> {
    await apiRequest<NotificationsMarked>(fetch, '/api/notifications/read', {
      method: 'POST',
      body: {},
    });
    const now = nowIso();
    this.notifications = this.notifications.map((n) => (n.readAt ? n : { ...n, readAt: now }));
    this.notificationsUnread = 0;
  }

  // ---------------------------------------------------------------- the socket

  #onOnline = () => {
    if (this.#stopped) return;
    clearTimeout(this.#reconnectTimer);
    this.#attempt = 0;
    if (!this.#socket) this.#connect();
  };

  #onOffline = () => {
    this.state = 'offline';
    // The socket may linger; close it so the reconnect starts cleanly when back online.
    this.#socket?.close(4000, 'offline');
  };

  #connect(): void {
    if (this.#stopped) return;
    if (!navigator.onLine) {
      this.state = 'offline';
      return;
    }
    this.state = this.everConnected ? 'reconnecting' : 'connecting';
    const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      this.#scheduleReconnect();
      return;
    }
    this.#socket = socket;
    socket.addEventListener('open', () => {
      if (this.#socket !== socket) return;
      this.#attempt = 0;
      this.everConnected = true;
      this.state = 'connected';
      this.#queue = [];
      for (const c of this.conversations.values()) {
        c.live = false;
        this.#subscribe(c);
      }
      // Unread counts and notifications may have moved while away.
      void this.refreshConversations();
      void this.refreshNotifications();
      clearInterval(this.#pingTimer);
      this.#pingTimer = setInterval(() => this.#enqueue({ type: 'ping' }), PING_MS);
    });
    socket.addEventListener('message', (event) => {
      if (this.#socket !== socket) return;
      let frame: unknown;
      try {
        frame = JSON.parse(String(event.data));
      } catch {
        return;
      }
      // The server sends the frames of the contract; anything else (a newer server) is let be.
      if (typeof frame === 'object' && frame !== null && 'type' in frame) {
        this.#handle(frame as ServerFrame);
      }
    });
    socket.addEventListener('close', (event) => {
      if (this.#socket !== socket) return;
      // 4001: the session logged out (here or in another tab); nothing to reconnect to.
      if (event.code === 4001) this.#stopped = true;
      // 4029: too many tabs hold a socket; try again only after a while (30 s or so), not in a
      // tight loop with the others.
      if (event.code === 4029) this.#attempt = Math.max(this.#attempt, 6);
      this.#socket = null;
      clearInterval(this.#pingTimer);
      for (const c of this.conversations.values()) {
        c.live = false;
        c.catchingUp = true;
      }
      // Unacked sends stay "sending": they go again after the catch-up.
      for (const timer of this.#ackTimers.values()) clearTimeout(timer);
      this.#ackTimers.clear();
      if (this.#stopped) return;
      this.state = navigator.onLine ? 'reconnecting' : 'offline';
      this.#scheduleReconnect();
    });
  }

  #scheduleReconnect(): void {
    if (this.#stopped || !navigator.onLine) return;
    clearTimeout(this.#reconnectTimer);
    const delay = backoffDelay(this.#attempt++);
    this.#reconnectTimer = setTimeout(() => this.#connect(), delay);
  }

  #subscribe(state: ConversationState): void {
    if (this.state !== 'connected') return;
    state.live = false;
    this.#enqueue({ type: 'subscribe', conversationId: state.summary.id, afterSeq: state.heldSeq });
  }

  /** Queues a frame; the bucket lets it out at a pace the server accepts. */
  #enqueue(frame: ClientFrame): void {
    this.#queue.push(JSON.stringify(frame));
    this.#pump();
  }

  #pump(): void {
    clearTimeout(this.#pumpTimer);
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return;
    const now = Date.now();
    this.#tokens = Math.min(
      BUCKET_CAPACITY,
      this.#tokens + ((now - this.#tokensAt) / 1000) * BUCKET_RATE,
    );
    this.#tokensAt = now;
    while (this.#queue.length > 0 && this.#tokens >= 1) {
      socket.send(this.#queue.shift()!);
      this.#tokens -= 1;
    }
    if (this.#queue.length > 0) {
      this.#pumpTimer = setTimeout(() => this.#pump(), Math.ceil(1000 / BUCKET_RATE));
    }
  }

  #handle(frame: ServerFrame): void {
    switch (frame.type) {
      case 'message':
        this.#receive(frame.message);
        return;
      case 'subscribed': {
        const state = this.conversations.get(frame.conversationId);
        if (!state) return;
        state.live = true;
        state.catchingUp = false;
        // Unacked sends of this conversation go again, with their ids: stored at most once.
        for (const o of this.outgoing) {
          if (o.conversationId === state.summary.id && o.state === 'sending') {
            this.#sendOutgoing(o.clientMessageId);
          }
        }
        if (state.myReadSeq > state.lastReadSent) {
          state.lastReadSent = state.myReadSeq;
          this.#enqueue({ type: 'read', conversationId: state.summary.id, seq: state.myReadSeq });
        }
        return;
      }
      case 'ack': {
        const id = frame.clientMessageId;
        clearTimeout(this.#ackTimers.get(id));
        this.#ackTimers.delete(id);
        this.outgoing = this.outgoing.filter((o) => o.clientMessageId !== id);
        this.#receive(frame.message);
        return;
      }
      case 'typing': {
        const state = this.conversations.get(frame.conversationId);
        const userId = frame.userId;
        if (!state || userId === this.userId) return;
        const until = Date.now() + TYPING_SHOWN_MS;
        state.typing = { ...state.typing, [userId]: until };
        setTimeout(() => {
          if ((state.typing[userId] ?? 0) <= Date.now()) {
            const rest = { ...state.typing };
            delete rest[userId];
            state.typing = rest;
          }
        }, TYPING_SHOWN_MS + 50);
        return;
      }
      case 'read': {
        const state = this.conversations.get(frame.conversationId);
        if (!state) return;
        const { seq, userId } = frame;
        if (userId === this.userId) state.myReadSeq = Math.max(state.myReadSeq, seq);
        else state.readCursors[userId] = Math.max(state.readCursors[userId] ?? 0, seq);
        return;
      }
      case 'notification': {
        const notification: Notification = frame.notification;
        if (this.notifications.some((n) => n.id === notification.id)) return;
        this.notifications = [notification, ...this.notifications].slice(0, 20);
        if (!notification.readAt) this.notificationsUnread += 1;
        // A partnership request opens a conversation: pick it up.
        if (notification.kind.startsWith('partnership_')) void this.refreshConversations();
        return;
      }
      case 'error':
        this.#error(frame);
        return;
      default:
        return; // pong and anything new
    }
  }

  #receive(message: Message): void {
    const state = this.conversations.get(message.conversationId);
    if (!state) {
      // A conversation this tab did not know yet: its summary comes with the list.
      void this.refreshConversations();
      return;
    }
    const summary = state.summary;
    if (message.seq > summary.lastSeq || (summary.lastMessage?.seq ?? 0) < message.seq) {
      state.summary = {
        ...summary,
        lastSeq: Math.max(summary.lastSeq, message.seq),
        lastMessage: message,
      };
    }
    if (message.authorId === this.userId) {
      state.myReadSeq = Math.max(state.myReadSeq, message.seq);
    } else if (message.authorId in state.typing) {
      // Their message is here: they are no longer typing it.
      const rest = { ...state.typing };
      delete rest[message.authorId];
      state.typing = rest;
    }
    if (state.open) {
      const last = lastSeqOf(state.messages);
      // Only contiguous messages join the view; a gap is filled by the catch-up replay.
      if (message.seq <= last + 1 || state.messages.length === 0) {
        state.messages = mergeBySeq(state.messages, [message]);
      }
    }
  }

  #error(frame: ErrorFrame): void {
    const ref = frame.ref ?? null;
    const message = frame.message || frame.code;
    const outgoing = ref ? this.outgoing.find((o) => o.clientMessageId === ref) : undefined;
    if (outgoing) {
      clearTimeout(this.#ackTimers.get(outgoing.clientMessageId));
      this.#ackTimers.delete(outgoing.clientMessageId);
      this.#patchOutgoing(outgoing.clientMessageId, { state: 'failed', error: message });
      return;
    }
    const conversation = ref ? this.conversations.get(ref) : undefined;
    if (conversation && frame.code !== 'rate_limited') {
      conversation.error = message;
      return;
    }
    this.lastError = message;
    clearTimeout(this.#errorTimer);
    this.#errorTimer = setTimeout(() => (this.lastError = null), 8_000);
  }
}

let client: RealtimeClient | null = null;

/** The tab's client for the signed-in user, started on first use in the browser. */
export function realtimeFor(userId: string): RealtimeClient {
  if (client && client.userId !== userId) {
    client.stop();
    client = null;
  }
  if (!client) {
    client = new RealtimeClient(userId);
    client.start();
  }
  return client;
}

/** The running client, if any (null on the server and when signed out). */
export function currentRealtime(): RealtimeClient | null {
  return client;
}

/** Stops the client (on log-out). */
export function stopRealtime(): void {
  client?.stop();
  client = null;
}
