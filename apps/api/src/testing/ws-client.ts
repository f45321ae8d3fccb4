// A real WebSocket client for tests (the `ws` package over TCP against a listening app): keeps
// every frame it receives and lets a test wait for the one it expects.
import type { IncomingHttpHeaders } from 'node:http';
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type: string };

export class TestSocket {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | undefined;
  #waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  #closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    /** The headers of the handshake's 101 answer (a proxy's own among them). */
    readonly upgradeHeaders: IncomingHttpHeaders,
  ) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.#waiters = this.#waiters.filter((w) => {
        if (!w.match(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      for (const resolve of this.#closeWaiters) resolve(this.closed);
    });
  }

  static open(baseUrl: string, cookie?: string, origin = baseUrl): Promise<TestSocket> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/ws`, {
      headers: { ...(cookie ? { cookie } : {}), origin },
    });
    let upgradeHeaders: IncomingHttpHeaders = {};
    ws.once('upgrade', (res) => (upgradeHeaders = res.headers));
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestSocket(ws, upgradeHeaders)));
      ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused: ${res.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  send(frame: object | string): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /**
   * The first frame (already received or still to come) that matches. The wait is long (a
   * loaded machine is slow) but shorter than a test's, so a missing frame is named.
   */
  next(match: (f: Frame) => boolean, timeoutMs = 20_000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching frame in ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`,
            ),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        match,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
    });
  }

  /** Frames of a type, in arrival order. */
  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  waitClosed(timeoutMs = 20_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.#closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  close(): void {
    this.ws.terminate();
  }
}
