// The API as a Fastify plugin tree: external plugins first, then the app's own hooks, then routes.
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorReply } from '@twinning/contracts/common';
import { Institution } from '@twinning/contracts/institutions';
import { User } from '@twinning/contracts/accounts';
import type { Repositories } from '@twinning/db/repositories';
import type { Config } from './config.ts';
import { HttpError } from './errors.ts';
import { registerCompression } from './plugins/compression.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { checkOriginOnWrites } from './plugins/origin-check.ts';
import { registerSessions } from './plugins/sessions.ts';
import applicationRoutes from './routes/applications.ts';
import authRoutes from './routes/auth.ts';
import balanceGoalRoutes from './routes/balance-goals.ts';
import conversationRoutes from './routes/conversations.ts';
import healthRoutes from './routes/health.ts';
import matchingRoundRoutes from './routes/matching-rounds.ts';
import moderationRoutes from './routes/moderation.ts';
import institutionRoutes from './routes/institutions.ts';
import offerRoutes from './routes/offers.ts';
import partnershipRoutes from './routes/partnerships.ts';
import realtimeRoutes, { hardFrameCap } from './routes/realtime.ts';
import type { EventBus } from './realtime/event-bus.ts';
import { Hub } from './realtime/hub.ts';
import statsRoutes from './routes/stats.ts';
import type { RouteContext } from './routes/types.ts';
import { createServices } from './services/services.ts';
import { openApiOptions } from './openapi.ts';

export interface AppOptions {
  config: Config;
  repositories: Repositories;
  now?: () => Date;
  /** Pino options; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  /** The event bus between processes; in-process by default. */
  events?: EventBus;
}

export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
];

const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

export async function buildApp({ config, repositories, now, logger, events }: AppOptions) {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    // The web server calls the API over loopback on the client's behalf and says who it is.
    trustProxy: loopback,
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const services = createServices(repositories, now, events);
  const hub = new Hub(services.events, { heartbeatMs: config.wsHeartbeatMs });
  app.addHook('onClose', async () => hub.close());
  const context: RouteContext = { services, config, hub };

  app.addSchema(ErrorReply);
  app.addSchema(User);
  app.addSchema(Institution);

  await app.register(cookie);
  await registerCompression(app);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.ip ?? 'inject',
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        'rate_limited',
        `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`,
      ),
  });
  await app.register(websocket, { options: { maxPayload: hardFrameCap } });
  await app.register(swagger, openApiOptions);
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(
    async (api) => {
      await api.register(helmet, { global: true });
      registerErrorHandler(api);
      api.addHook('onRequest', checkOriginOnWrites(config.origin));
      registerSessions(api, services.accounts, { secure: config.cookieSecure });
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          error: {
            code: 'not_found',
            message: `No route ${request.method} ${request.url.split('?')[0]}.`,
          },
        }),
      );
      for (const routes of [
        healthRoutes,
        authRoutes,
        institutionRoutes,
        offerRoutes,
        applicationRoutes,
        partnershipRoutes,
        balanceGoalRoutes,
        matchingRoundRoutes,
        statsRoutes,
        moderationRoutes,
        conversationRoutes,
        realtimeRoutes,
      ]) {
        routes(api.withTypeProvider<TypeBoxTypeProvider>(), context);
      }
    },
    { prefix: '/api' },
  );

  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
