// @fastify/rate-limit's `store` option over a RateLimitStore: the plugin's limits count in the
// shared store, not in one process's memory. Keys come namespaced from each limit's key
// generator, so every limit (every `child`) shares the one store.
import type { RateLimitStore } from './rate-limit-store.ts';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

export function fastifyRateLimitStore(store: RateLimitStore) {
  return class SharedRateLimitStore {
    incr(key: string, callback: Callback, timeWindow: number): void {
      store.hit(key, timeWindow).then(
        (window) => callback(null, { current: window.count, ttl: window.resetInMs }),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback): void {
      store.peek(key).then(
        (window) => callback(null, { current: window.count, ttl: window.resetInMs }),
        (error: Error) => callback(error),
      );
    }

    child(): SharedRateLimitStore {
      return this;
    }
  };
}
