// The event bus across processes (REDIS_URL): every event is delivered to this process's own
// subscribers at once, then published on one Redis channel that every process listens to; a
// process skips what it published itself (its random tag leads each payload), so each socket
// hears an event once. Order: within a process, publish order; across processes, Redis's
// arrival order — which for two processes' messages in one conversation may differ from seq
// order, so the hub puts messages back in seq order and fills any gap from the database.
//
// Without Redis a process goes on alone: its own sockets still hear everything published here.
// What it could not publish meanwhile (all but typing, at most `maxPending` events, oldest
// dropped first) is published when Redis is back, and once its subscription is back it tells
// its listeners (`onReconnect`) to catch up on the messages others sent meanwhile, from the
// database by seq.
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { RedisLink, RedisLog } from '../redis/redis-link.ts';
import type { EventBus, RealtimeEvent } from './event-bus.ts';

export interface RedisEventBusOptions {
  link: RedisLink;
  log: RedisLog;
  /** One channel for the platform: every process hears every event (default twinning:events). */
  channel?: string;
  /** Events kept while Redis is away, to publish when it is back. */
  maxPending?: number;
}

export function createRedisEventBus({
  link,
  log,
  channel = 'twinning:events',
  maxPending = 10_000,
}: RedisEventBusOptions): EventBus & { listening(): Promise<void> } {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const reconnects = new EventEmitter();
  reconnects.setMaxListeners(0);
  const { commands, subscriber } = link;
  // Payloads are `<tag> <json>`: this process recognises its own without parsing them.
  const tag = randomBytes(8).toString('hex');
  const own = `${tag} `;

  let pending: string[] = [];
  let dropped = 0;
  let flushing = false;

  function keep(payloads: string[]): void {
    pending.push(...payloads);
    if (pending.length > maxPending) {
      const over = pending.length - maxPending;
      pending = pending.slice(over);
      if (dropped === 0) {
        log.warn(
          { kept: maxPending },
          'Redis away too long: the oldest unpublished events are dropped (other processes catch up on messages by seq)',
        );
      }
      dropped += over;
    }
  }

  /** Publishes what was kept, in order, in batches; stops (keeping the rest) if Redis goes. */
  async function flush(): Promise<void> {
    if (flushing) return;
    flushing = true;
    try {
      while (pending.length > 0 && commands.status === 'ready') {
        const batch = pending.slice(0, 500);
        const pipeline = commands.pipeline();
        for (const payload of batch) pipeline.publish(channel, payload);
        const results = await pipeline.exec().catch(() => null);
        if (results === null || results.some(([error]) => error)) break;
        pending = pending.slice(batch.length);
      }
      if (pending.length === 0 && dropped > 0) {
        log.warn({ dropped }, 'Redis is back; events dropped while it was away');
        dropped = 0;
      }
    } finally {
      flushing = false;
    }
  }

  function publishRemote(event: RealtimeEvent): void {
    const ready = commands.status === 'ready' && pending.length === 0;
    // Typing is of the moment: not kept for later.
    if (!ready && event.type === 'typing') return;
    const payload = own + JSON.stringify(event);
    if (!ready) {
      keep([payload]);
      return;
    }
    commands.publish(channel, payload).catch(() => {
      if (event.type === 'typing') return;
      keep([payload]);
      // Still connected (a refused command, not a lost link): try again now, not at the next
      // reconnect.
      if (commands.status === 'ready') void flush();
    });
  }

  const onCommandsReady = () => void flush();
  commands.on('ready', onCommandsReady);

  function onMessage(from: string, payload: string): void {
    if (from !== channel || payload.startsWith(own)) return;
    let event: RealtimeEvent;
    try {
      event = JSON.parse(payload.slice(payload.indexOf(' ') + 1)) as RealtimeEvent;
    } catch {
      log.warn({ channel }, 'Unreadable event on the Redis channel, skipped');
      return;
    }
    local.emit('event', event);
  }
  subscriber.on('message', onMessage);

  // Subscribes on every 'ready' (the connection's first, and after each reconnect); from the
  // second on, the listeners are told they may have missed events.
  let subscribedBefore = false;
  let closed = false;
  let heard: () => void = () => undefined;
  const firstSubscription = new Promise<void>((resolve) => (heard = resolve));
  async function listen(): Promise<void> {
    try {
      await subscriber.subscribe(channel);
    } catch (error) {
      // The connection went again: its next 'ready' tries again.
      if (!closed)
        log.warn({ err: (error as Error).message }, 'Redis subscription failed; retrying');
      return;
    }
    if (subscribedBefore) reconnects.emit('reconnect');
    subscribedBefore = true;
    heard();
  }
  const onSubscriberReady = () => void listen();
  subscriber.on('ready', onSubscriberReady);
  if (subscriber.status === 'ready') void listen();

  return {
    async publish(event) {
      local.emit('event', event);
      publishRemote(event);
    },
    subscribe(handler) {
      local.on('event', handler);
      return () => local.off('event', handler);
    },
    /** Resolves once the channel is subscribed (the first time). */
    listening: () => firstSubscription,
    onReconnect(handler) {
      reconnects.on('reconnect', handler);
      return () => reconnects.off('reconnect', handler);
    },
    async close() {
      closed = true;
      await flush();
      commands.off('ready', onCommandsReady);
      subscriber.off('ready', onSubscriberReady);
      subscriber.off('message', onMessage);
      if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => null);
      local.removeAllListeners();
      reconnects.removeAllListeners();
    },
  };
}
