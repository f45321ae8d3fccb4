// The seam between what happens (a message stored, a notification stored, a session ended) and
// the sockets that must hear of it. Every process subscribes to every event and delivers to its
// own sockets, so fanning out across processes only needs another implementation of this
// interface (Redis pub/sub, redis-event-bus.ts) — routes and services do not change.
import { EventEmitter } from 'node:events';
import type { Message, Notification } from '@twinning/contracts/conversations';

export type RealtimeEvent =
  | { type: 'message'; memberIds: string[]; message: Message }
  | { type: 'typing'; memberIds: string[]; conversationId: string; userId: string }
  | {
      type: 'read';
      memberIds: string[];
      conversationId: string;
      userId: string;
      seq: number;
      /** The socket that sent it, so it is not echoed back (others of that user hear it). */
      origin?: string;
    }
  | { type: 'notification'; userId: string; notification: Notification }
  | { type: 'logout'; userId: string; sessionId: string };

export interface EventBus {
  publish(event: RealtimeEvent): Promise<void>;
  /** Hears every event published by any process; returns the way to stop. */
  subscribe(handler: (event: RealtimeEvent) => void): () => void;
  /**
   * Hears that events of other processes may have been missed — the bus lost its link to them
   * and has it back — so that listeners catch up from the database (messages, by seq). Never
   * called by the in-process bus. Returns the way to stop.
   */
  onReconnect(handler: () => void): () => void;
  close(): Promise<void>;
}

/** One process: events go straight to this process's subscribers, in publish order. */
export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    async publish(event) {
      emitter.emit('event', event);
    },
    subscribe(handler) {
      emitter.on('event', handler);
      return () => emitter.off('event', handler);
    },
    // One process misses nothing.
    onReconnect: () => () => undefined,
    async close() {
      emitter.removeAllListeners();
    },
  };
}
