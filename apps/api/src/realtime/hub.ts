// This process's sockets and what each listens to. Events from the bus (any process) reach the
// sockets of the users they name; a socket gets a conversation's messages only once it has
// subscribed, and each exactly once, in seq order: while it catches up from the database, live
// messages wait in a buffer and those it has already read are dropped by seq (after Zulip's
// last_event_id catch-up). Seqs have no gaps, so a live message past the next seq means one is
// missing — another process's still on its way through Redis, or lost while Redis was away: the
// socket waits for it as during a catch-up and reads what it lacks from the database. When the
// bus says it may have missed events (Redis came back), every live subscription catches up so.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Message } from '@twinning/contracts/conversations';
import type { ServerFrame } from '@twinning/contracts/realtime';
import { HttpError } from '../errors.ts';
import type { Actor } from '../services/conversations.ts';
import type { EventBus, RealtimeEvent } from './event-bus.ts';

export interface HubOptions {
  /** How often sockets are pinged; one without a pong by the next round is closed. */
  heartbeatMs: number;
  /** A member's messages after `afterSeq`, ascending (the service's, which checks membership). */
  history(
    actor: Actor,
    conversationId: string,
    query: { afterSeq: number; limit: number },
  ): Promise<Message[]>;
  /** Where a failed catch-up is told (pino's `error`). */
  logError?(object: object, message: string): void;
  /**
   * How long a socket waits for a missing seq to arrive live (another process's message still
   * on its way) before reading it from the database (default 50 ms).
   */
  gapWaitMs?: number;
}

/** Messages read per page while catching up. */
const catchUpPage = 500;

export interface Subscription {
  live: boolean;
  /** The last seq this socket has been sent (or was told it has). */
  lastSeq: number;
  /** Live messages that arrived during the catch-up (null: none yet). */
  buffer: Message[] | null;
  /** Set while a gap waits to be filled live, before the database is asked. */
  gapTimer?: NodeJS.Timeout | null;
}

/** Frames a second a socket may send, and the burst it may save up. */
const frameRate = 10;
const frameBurst = 20;
/**
 * Frames refused by the rate limit that make a socket a flood (closed, 1008). They are forgiven
 * at `strikesForgivenPerSecond`, not all at once by the next allowed frame: a steady flood
 * (every tenth frame allowed) adds up, a client a little over the rate never does.
 */
const floodStrikes = 40;
const strikesForgivenPerSecond = 5;
/** Refused frames are not answered one by one: one `rate_limited` notice a second at most. */
const refusalNoticeMs = 1000;

/** Live sockets one session, and one user (all sessions), may hold in one process. */
export const socketsPerSession = 16;
export const socketsPerUser = 32;

/** What to do with a frame that just arrived. */
export type FrameVerdict =
  /** Within the rate: answer it. */
  | 'answer'
  /** Over the rate: drop it and say so (the first refusal in a second). */
  | 'refuse'
  /** Over the rate: drop it silently (already said so this second). */
  | 'drop'
  /** Flooding: close the socket (1008). */
  | 'flood';

/** The connection a socket carries (shared listeners find it here: no closure per socket). */
const kConnection = Symbol('connection');
type Carrier = WebSocket & { [kConnection]?: Connection };

export function connectionOf(socket: WebSocket): Connection | undefined {
  return (socket as Carrier)[kConnection];
}

/*
 * A socket is named by a number counted in this process (a small integer costs no memory of its
 * own; a random 32-character id cost ~50 bytes a socket), and across processes by this
 * process's random tag with it (`origin`), made only when an event must name it. The counter is
 * module state on purpose: names must not repeat within the process, whichever hub is asked.
 */
const processTag = randomBytes(6).toString('hex');
let connections = 0;

/** The socket an event's origin names, if it is one of this process's. */
function originKey(origin: string | undefined): number | undefined {
  if (origin?.startsWith(`${processTag}.`) !== true) return undefined;
  return Number(origin.slice(processTag.length + 1));
}

/**
 * A session, as a socket remembers it: the first 48 bits of its id (hex of a SHA-256), whole
 * in a double. Compared only among one user's own sockets, two sessions of one user share it
 * with odds of 2⁻⁴⁸; logging out of one would then also close the other's sockets, which
 * reconnect at once.
 */
export function sessionKeyOf(sessionId: string): number {
  return Number.parseInt(sessionId.slice(0, 12), 16);
}

/*
 * Frames to one socket within one turn of the event loop leave in one write. A round of delivery
 * (a group commit's messages to their rooms, an author's ack after its own message) corks each
 * TCP socket it writes to, and the round's end uncorks them all: one system call a socket
 * instead of one a frame. On loopback a write costs ~14 µs of kernel time (measured), most of a
 * delivery's price. The round ends in the tick after the promise continuations of the turn —
 * queued from a microtask, so it comes after them whether the round began in one or in a plain
 * callback (where a tick would run before them). Module state on purpose: one process-wide list
 * of corked sockets, whichever hub wrote.
 */
let round = 1;
let corked: Socket[] = [];

function endRound(): void {
  const sockets = corked;
  corked = [];
  round++;
  for (const tcp of sockets) {
    // One socket failing must not leave the others corked.
    try {
      tcp.uncork();
    } catch {
      tcp.destroy();
    }
  }
}

function scheduleEndRound(): void {
  process.nextTick(endRound);
}

function onPong(this: WebSocket): void {
  const connection = connectionOf(this);
  if (connection) connection.alive = true;
}

/*
 * One socket's state, kept small: a server holds ten thousand of these. Frame handling lives in
 * shared functions, the rate limit is two numbers, and subscriptions are a short flat list.
 */
export class Connection {
  readonly key = ++connections;
  alive = true;
  /** The last frame being answered (frames are answered in order); null when idle. */
  queue: Promise<void> | null = null;
  /**
   * Thousandths of a frame, and whole milliseconds: small integers that V8 keeps unboxed (the
   * milliseconds for a process's first 12 days; after that, boxed — correct, a little larger).
   */
  #milliTokens = frameBurst * 1000;
  /** Thousandths of a refused frame not yet forgiven. */
  #milliStrikes = 0;
  #at = Math.floor(performance.now());
  /** When the last `rate_limited` notice went out. */
  #noticeAt = -refusalNoticeMs;
  /** The delivery round this socket's TCP socket was last corked in. */
  #round = 0;
  /** Conversation id, then its subscription, for each: a socket holds few. */
  #subscriptions: (string | Subscription)[] = [];

  constructor(
    readonly socket: WebSocket,
    /**
     * The TCP socket under `socket` (the upgrade's), corked during a round of delivery; null
     * when there is none (a socket injected in tests): its frames then leave one by one.
     */
    readonly tcp: Socket | null,
    readonly userId: string,
    readonly suspended: boolean,
    /** sessionKeyOf(the session's id). */
    readonly session: number,
  ) {
    (socket as Carrier)[kConnection] = this;
  }

  /**
   * Whether the user's address was verified when the socket opened (true unless told: sockets
   * made in tests); the conversation service looks again while it is false.
   */
  emailVerified = true;

  /** The user, for the services (made when a frame needs it: a socket does not keep one). */
  get actor(): Actor {
    return { id: this.userId, suspended: this.suspended, emailVerified: this.emailVerified };
  }

  /** This socket's name across processes (a `read` event's origin). */
  get origin(): string {
    return `${processTag}.${this.key}`;
  }

  /**
   * Admits a frame that arrived `now` (ms): a token bucket of `frameRate` frames a second with
   * bursts up to `frameBurst`, and, for the frames it refuses, strikes forgiven over time.
   */
  admit(now = Math.floor(performance.now())): FrameVerdict {
    // Never negative: a clock given in tests may start before the connection was made.
    const elapsed = Math.max(0, now - this.#at);
    this.#at = now;
    this.#milliTokens = Math.min(frameBurst * 1000, this.#milliTokens + elapsed * frameRate);
    this.#milliStrikes = Math.max(0, this.#milliStrikes - elapsed * strikesForgivenPerSecond);
    if (this.#milliTokens >= 1000) {
      this.#milliTokens -= 1000;
      return 'answer';
    }
    this.#milliStrikes += 1000;
    if (this.#milliStrikes >= floodStrikes * 1000) return 'flood';
    if (now - this.#noticeAt < refusalNoticeMs) return 'drop';
    this.#noticeAt = now;
    return 'refuse';
  }

  send(frame: ServerFrame): void {
    this.write(JSON.stringify(frame));
  }

  /** A text frame, already serialised (a Buffer when shared by many sockets: encoded once). */
  write(data: string | Buffer): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.#round !== round && this.tcp) {
      this.#round = round;
      this.tcp.cork();
      if (corked.length === 0) queueMicrotask(scheduleEndRound);
      corked.push(this.tcp);
    }
    if (typeof data === 'string') this.socket.send(data);
    else this.socket.send(data, { binary: false });
  }

  subscription(conversationId: string): Subscription | undefined {
    const list = this.#subscriptions;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === conversationId) return list[i + 1] as Subscription;
    }
    return undefined;
  }

  /** Sets (or, with undefined, removes) the subscription to a conversation. */
  setSubscription(conversationId: string, subscription: Subscription | undefined): void {
    const list = this.#subscriptions;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] !== conversationId) continue;
      if (subscription) list[i + 1] = subscription;
      else list.splice(i, 2);
      return;
    }
    if (subscription) list.push(conversationId, subscription);
  }

  /** Registers the subscription before the catch-up reads, so nothing published meanwhile is lost. */
  beginSubscription(conversationId: string, afterSeq: number): Subscription {
    const subscription: Subscription = { live: false, lastSeq: afterSeq, buffer: null };
    this.setSubscription(conversationId, subscription);
    return subscription;
  }

  /** A message from the database during catch-up, or live (`frame`: already serialised). */
  replay(subscription: Subscription, message: Message, frame?: Buffer): void {
    if (message.seq <= subscription.lastSeq) return;
    subscription.lastSeq = message.seq;
    this.write(frame ?? JSON.stringify({ type: 'message', message } satisfies ServerFrame));
  }

  /**
   * Catch-up done: what arrived meanwhile, in order and without repeats, then live — unless a
   * seq is still missing before some of it (false: those wait, and the caller reads again).
   * `acceptGaps` sends them all the same (the database has nothing more to give).
   */
  goLive(subscription: Subscription, acceptGaps = false): boolean {
    const buffer = subscription.buffer ?? [];
    buffer.sort((x, y) => x.seq - y.seq);
    for (let i = 0; i < buffer.length; i++) {
      const message = buffer[i]!;
      if (message.seq > subscription.lastSeq + 1 && !acceptGaps) {
        subscription.buffer = buffer.slice(i);
        return false;
      }
      this.replay(subscription, message);
    }
    subscription.buffer = null;
    subscription.live = true;
    return true;
  }

  /**
   * A live message for this socket. Returns the subscription when the message leaves a gap
   * (it waits, with what follows, until the missing ones are read from the database).
   */
  deliver(message: Message, frame: Buffer): Subscription | undefined {
    const subscription = this.subscription(message.conversationId);
    if (!subscription) return undefined;
    if (!subscription.live) {
      (subscription.buffer ??= []).push(message);
      // Waiting for a gap: the missing message may be this one; then live again, no read.
      if (subscription.gapTimer && this.goLive(subscription)) {
        clearTimeout(subscription.gapTimer);
        subscription.gapTimer = null;
      }
      return undefined;
    }
    if (message.seq > subscription.lastSeq + 1) {
      subscription.live = false;
      subscription.buffer = [message];
      return subscription;
    }
    this.replay(subscription, message, frame);
    return undefined;
  }

  /** The conversations this socket listens to live, with their subscriptions. */
  liveSubscriptions(): [string, Subscription][] {
    const live: [string, Subscription][] = [];
    const list = this.#subscriptions;
    for (let i = 0; i < list.length; i += 2) {
      const subscription = list[i + 1] as Subscription;
      if (subscription.live) live.push([list[i] as string, subscription]);
    }
    return live;
  }
}

export class Hub {
  /** Each user's socket, or sockets when more than one (most users have one: no array). */
  readonly #byUser = new Map<string, Connection | Connection[]>();
  readonly #unsubscribe: () => void;
  readonly #unsubscribeReconnect: () => void;
  readonly #heartbeat: NodeJS.Timeout;
  readonly #options: HubOptions;

  constructor(events: EventBus, options: HubOptions) {
    this.#options = options;
    this.#unsubscribe = events.subscribe((event) => this.#route(event));
    this.#unsubscribeReconnect = events.onReconnect(() => this.#catchUpAll());
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#heartbeat.unref();
  }

  /**
   * Sends `subscription` every message after its lastSeq from the database, then what waited
   * meanwhile, and makes it live; reads again while a seq is missing. Throws what the history
   * throws (not a member: 403/404). Stops if the socket subscribed anew meanwhile.
   */
  async catchUp(
    connection: Connection,
    conversationId: string,
    subscription: Subscription,
  ): Promise<void> {
    for (;;) {
      let read = 0;
      for (;;) {
        const page = await this.#options.history(connection.actor, conversationId, {
          afterSeq: subscription.lastSeq,
          limit: catchUpPage,
        });
        if (connection.subscription(conversationId) !== subscription) return;
        for (const message of page) connection.replay(subscription, message);
        read += page.length;
        if (page.length < catchUpPage) break;
      }
      // A message waits for a seq the database did not have either: nothing more will come
      // (it cannot happen while seqs are gap-free, but a socket must never stall on it).
      if (connection.goLive(subscription, read === 0)) return;
    }
  }

  /**
   * A live gap: the missing messages usually arrive within moments (the other process's
   * message and this one's crossed); only if they do not is the database read.
   */
  #awaitGap(connection: Connection, conversationId: string, subscription: Subscription): void {
    subscription.gapTimer = setTimeout(() => {
      subscription.gapTimer = null;
      if (!subscription.live) this.#fill(connection, conversationId, subscription);
    }, this.#options.gapWaitMs ?? 50);
    subscription.gapTimer.unref();
  }

  /** catchUp for a live gap or a reconnect: failures end the subscription or are logged. */
  #fill(connection: Connection, conversationId: string, subscription: Subscription): void {
    if (connection.socket.readyState !== connection.socket.OPEN) return;
    this.catchUp(connection, conversationId, subscription).catch((failure: unknown) => {
      if (connection.subscription(conversationId) !== subscription) return;
      if (failure instanceof HttpError) {
        // No longer a member (or the conversation is gone): nothing more to hear of it.
        connection.setSubscription(conversationId, undefined);
        return;
      }
      this.#options.logError?.(
        { err: failure, conversationId, connection: connection.origin },
        'Real-time catch-up failed; sending what arrived',
      );
      connection.goLive(subscription, true);
    });
  }

  /** The bus may have missed other processes' events: every live subscription catches up. */
  #catchUpAll(): void {
    for (const c of this.#all()) {
      for (const [conversationId, subscription] of c.liveSubscriptions()) {
        subscription.live = false;
        subscription.buffer = [];
        this.#fill(c, conversationId, subscription);
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const entry of this.#byUser.values()) n += entry instanceof Connection ? 1 : entry.length;
    return n;
  }

  /** A user's sockets here (a copy when several: callers may close them meanwhile). */
  #socketsOf(userId: string): readonly Connection[] {
    const entry = this.#byUser.get(userId);
    if (entry === undefined) return [];
    return entry instanceof Connection ? [entry] : [...entry];
  }

  /**
   * Adds a socket, unless its session or its user holds as many as allowed here already: then
   * it is not added, and the answer says why (the socket is to be closed, 4029).
   */
  add(connection: Connection): string | null {
    const entry = this.#byUser.get(connection.userId);
    if (Array.isArray(entry)) {
      if (entry.length >= socketsPerUser) {
        return `At most ${socketsPerUser} live connections per account: close some tabs or windows.`;
      }
      let sameSession = 0;
      for (const c of entry) if (c.session === connection.session) sameSession++;
      if (sameSession >= socketsPerSession) {
        return `At most ${socketsPerSession} live connections per browser session: close some tabs.`;
      }
    }
    if (entry === undefined) this.#byUser.set(connection.userId, connection);
    else if (entry instanceof Connection) this.#byUser.set(connection.userId, [entry, connection]);
    else entry.push(connection);
    connection.socket.on('pong', onPong);
    return null;
  }

  remove(connection: Connection): void {
    const entry = this.#byUser.get(connection.userId);
    if (entry === connection) this.#byUser.delete(connection.userId);
    else if (Array.isArray(entry)) {
      const i = entry.indexOf(connection);
      if (i >= 0) entry.splice(i, 1);
      if (entry.length === 1) this.#byUser.set(connection.userId, entry[0]!);
    }
  }

  #route(event: RealtimeEvent): void {
    switch (event.type) {
      case 'message': {
        // Serialised and encoded once for every recipient: fan-out to a room of 30 is 30 sends
        // of one buffer, not 30 stringifies and 30 UTF-8 encodings.
        const frame = Buffer.from(
          JSON.stringify({ type: 'message', message: event.message } satisfies ServerFrame),
        );
        const { message } = event;
        for (const userId of event.memberIds) {
          const entry = this.#byUser.get(userId);
          if (entry instanceof Connection) {
            const gap = entry.deliver(message, frame);
            if (gap) this.#awaitGap(entry, message.conversationId, gap);
          } else if (entry) {
            for (const c of entry) {
              const gap = c.deliver(message, frame);
              if (gap) this.#awaitGap(c, message.conversationId, gap);
            }
          }
        }
        return;
      }
      case 'typing': {
        // One frame for all of them, as for messages.
        const frame = JSON.stringify({
          type: 'typing',
          conversationId: event.conversationId,
          userId: event.userId,
        } satisfies ServerFrame);
        for (const userId of event.memberIds) {
          if (userId === event.userId) continue;
          for (const c of this.#socketsOf(userId)) c.write(frame);
        }
        return;
      }
      case 'read': {
        // The other members, and the reader's other sockets (their unread counts follow).
        const origin = originKey(event.origin);
        const frame = JSON.stringify({
          type: 'read',
          conversationId: event.conversationId,
          userId: event.userId,
          seq: event.seq,
        } satisfies ServerFrame);
        for (const userId of event.memberIds) {
          for (const c of this.#socketsOf(userId)) {
            if (c.key !== origin) c.write(frame);
          }
        }
        return;
      }
      case 'notification':
        for (const c of this.#socketsOf(event.userId)) {
          c.send({ type: 'notification', notification: event.notification });
        }
        return;
      case 'logout': {
        const session = sessionKeyOf(event.sessionId);
        for (const c of this.#socketsOf(event.userId)) {
          if (c.session === session) c.socket.close(4001, 'logged out');
        }
        return;
      }
    }
  }

  /** Every socket here, listed first: closing one changes the map. */
  #all(): Connection[] {
    const all: Connection[] = [];
    for (const entry of this.#byUser.values()) {
      if (entry instanceof Connection) all.push(entry);
      else all.push(...entry);
    }
    return all;
  }

  #beat(): void {
    for (const c of this.#all()) {
      if (!c.alive) {
        c.socket.terminate();
        continue;
      }
      c.alive = false;
      c.socket.ping();
    }
  }

  close(): void {
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
    this.#unsubscribeReconnect();
    for (const c of this.#all()) c.socket.close(1001, 'server shutting down');
    this.#byUser.clear();
  }
}
