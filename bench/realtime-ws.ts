// The `ws` package for the real-time benchmarks. It is a dependency of @twinning/api, not of the
// workspace root, and pnpm does not hoist it, so bench/ borrows the very copy the API runs on
// (same version, same build) through a require rooted in apps/api; the few types used are below.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

export interface WsSocket {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'open', listener: () => void): this;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): this;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): this;
  on(event: 'error', listener: (error: Error) => void): this;
  on(
    event: 'unexpected-response',
    listener: (request: unknown, response: { statusCode?: number }) => void,
  ): this;
}

export interface WsServer {
  on(event: 'connection', listener: (socket: WsSocket) => void): this;
  on(event: 'listening', listener: () => void): this;
  address(): AddressInfo | string | null;
  close(callback?: () => void): void;
}

interface WsModule {
  WebSocket: new (url: string, options?: { headers?: Record<string, string> }) => WsSocket;
  WebSocketServer: new (options: {
    host: string;
    port: number;
    maxPayload?: number;
    perMessageDeflate?: boolean;
  }) => WsServer;
}

const require = createRequire(new URL('../apps/api/package.json', import.meta.url));
export const { WebSocket, WebSocketServer } = require('ws') as WsModule;
export const OPEN = 1;
