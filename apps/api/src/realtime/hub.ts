// This process's sockets and what each listens to. Events from the bus (any process) reach the
// sockets of the users they name; a socket gets a conversation's messages only once it has
// subscribed, and each exactly once, in seq order: while it catches up from the database, live
// messages wait in a buffer and those it has already read are dropped by seq (after Zulip's
// last_event_id catch-up).
import type { WebSocket } from 'ws';
import type { EventBus, MessageView, RealtimeEvent } from './event-bus.ts';

export interface HubOptions {
  /** How often sockets are pinged; one without a pong by the next round is closed. */
  heartbeatMs: number;
}

interface Subscription {
  live: boolean;
  /** The last seq this socket has been sent (or was told it has). */
  lastSeq: number;
  buffer: MessageView[];
}

/** One function for every bucket (a closure per bucket would cost each socket its own). */
const monotonicMs = () => performance.now();

/** A token bucket: `rate` frames a second, bursts up to `capacity`. */
export class TokenBucket {
  #tokens: number;
  #at: number;
  constructor(
    readonly rate: number,
    readonly capacity: number,
    private readonly clock: () => number = monotonicMs,
  ) {
    this.#tokens = capacity;
    this.#at = clock();
  }

  take(): boolean {
    const now = this.clock();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) / 1000) * this.rate);
    this.#at = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

export class Connection {
  readonly subscriptions = new Map<string, Subscription>();
  alive = true;
  /** Frames refused by the rate limit in a row: past a limit the socket is closed (1008). */
  strikes = 0;
  readonly bucket = new TokenBucket(10, 20);

  constructor(
    readonly id: string,
    readonly socket: WebSocket,
    readonly userId: string,
    readonly sessionId: string,
  ) {}

  send(frame: object): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  /** Registers the subscription before the catch-up reads, so nothing published meanwhile is lost. */
  beginSubscription(conversationId: string, afterSeq: number): Subscription {
    const subscription: Subscription = { live: false, lastSeq: afterSeq, buffer: [] };
    this.subscriptions.set(conversationId, subscription);
    return subscription;
  }

  /** A message from the database during catch-up, or live (`frame`: already serialised). */
  replay(subscription: Subscription, message: MessageView, frame?: string): void {
    if (message.seq <= subscription.lastSeq) return;
    subscription.lastSeq = message.seq;
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame ?? JSON.stringify({ type: 'message', message }));
  }

  /** Catch-up done: what arrived meanwhile, in order and without repeats, then live. */
  goLive(subscription: Subscription): void {
    subscription.buffer.sort((x, y) => x.seq - y.seq);
    for (const message of subscription.buffer) this.replay(subscription, message);
    subscription.buffer = [];
    subscription.live = true;
  }

  deliver(message: MessageView, frame: string): void {
    const subscription = this.subscriptions.get(message.conversationId);
    if (!subscription) return;
    if (!subscription.live) subscription.buffer.push(message);
    else this.replay(subscription, message, frame);
  }
}

export class Hub {
  readonly #byUser = new Map<string, Set<Connection>>();
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(events: EventBus, options: HubOptions) {
    this.#unsubscribe = events.subscribe((event) => this.#route(event));
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs);
    this.#heartbeat.unref();
  }

  get size(): number {
    let n = 0;
    for (const set of this.#byUser.values()) n += set.size;
    return n;
  }

  add(connection: Connection): void {
    let set = this.#byUser.get(connection.userId);
    if (!set) {
      set = new Set();
      this.#byUser.set(connection.userId, set);
    }
    set.add(connection);
    connection.socket.on('pong', () => {
      connection.alive = true;
    });
  }

  remove(connection: Connection): void {
    const set = this.#byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.#byUser.delete(connection.userId);
  }

  #route(event: RealtimeEvent): void {
    switch (event.type) {
      case 'message': {
        // Serialised once for every recipient: fan-out to a room of 30 is 30 sends, not 30 stringifies.
        const frame = JSON.stringify({ type: 'message', message: event.message });
        for (const userId of event.memberIds) {
          for (const c of this.#byUser.get(userId) ?? []) c.deliver(event.message, frame);
        }
        return;
      }
      case 'typing':
        for (const userId of event.memberIds) {
          if (userId === event.userId) continue;
          for (const c of this.#byUser.get(userId) ?? []) {
            c.send({ type: 'typing', conversationId: event.conversationId, userId: event.userId });
          }
        }
        return;
      case 'read':
        // The other members, and the reader's other sockets (their unread counts follow).
        for (const userId of event.memberIds) {
          for (const c of this.#byUser.get(userId) ?? []) {
            if (c.id === event.origin) continue;
            c.send({
              type: 'read',
              conversationId: event.conversationId,
              userId: event.userId,
              seq: event.seq,
            });
          }
        }
        return;
      case 'notification':
        for (const c of this.#byUser.get(event.userId) ?? []) {
          c.send({ type: 'notification', notification: event.notification });
        }
        return;
      case 'logout':
        for (const c of [...(this.#byUser.get(event.userId) ?? [])]) {
          if (c.sessionId === event.sessionId) c.socket.close(4001, 'logged out');
        }
        return;
    }
  }

  #beat(): void {
    for (const set of this.#byUser.values()) {
      for (const c of set) {
        if (!c.alive) {
          c.socket.terminate();
          continue;
        }
        c.alive = false;
        c.socket.ping();
      }
    }
  }

  close(): void {
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
    for (const set of this.#byUser.values()) {
      for (const c of set) c.socket.close(1001, 'server shutting down');
    }
    this.#byUser.clear();
  }
}
