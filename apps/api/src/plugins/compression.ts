// HTTP compression, by the client's Accept-Encoding (brotli, else gzip): API replies through
// @fastify/compress, pages through a middleware around SvelteKit's handler. Static assets are
// compressed once at build time (adapter-node's `precompress`) and served as they are.
import { constants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import compression from 'compression';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Replies smaller than this go out as they are: the saving would not pay for the work. */
const threshold = 1024;
/** Brotli's quality 4 compresses text nearly as well as 11 at a small part of the cost. */
const brotliQuality = 4;

/** Compresses every Fastify reply (JSON, CSV, the API docs); routes may opt out. */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    global: true,
    threshold,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality } },
  });
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Compresses what SvelteKit writes to the raw response. Each write is flushed through the
 * compressor at once, so a streamed page (its shell first, awaited data later) still reaches
 * the browser piece by piece. Files sirv serves precompressed carry their Content-Encoding
 * already and pass untouched.
 */
export const compressPages: Middleware = compression({
  threshold,
  flush: constants.Z_SYNC_FLUSH,
  brotli: {
    flush: constants.BROTLI_OPERATION_FLUSH,
    params: { [constants.BROTLI_PARAM_QUALITY]: brotliQuality },
  },
}) as unknown as Middleware;
