// The API as a Fastify plugin tree: external plugins first, then the app's own hooks, then routes.
import Fastify, {
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
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
import { finiteNumbers } from './plugins/finite-numbers.ts';
import { internalCallHeader, registerClientAddress } from './plugins/client-address.ts';
import { fastifyRateLimitStore } from './rate-limit/fastify-store.ts';
import { createLoginLimit } from './rate-limit/login-limit.ts';
import { databaseRateLimitStore, type RateLimitStore } from './rate-limit/rate-limit-store.ts';
import { checkOriginOnWrites } from './plugins/origin-check.ts';
import { registerSessions } from './plugins/sessions.ts';
import applicationRoutes from './routes/applications.ts';
import authRoutes from './routes/auth.ts';
import balanceGoalRoutes from './routes/balance-goals.ts';
import conversationRoutes from './routes/conversations.ts';
import healthRoutes from './routes/health.ts';
import mailRoutes from './routes/mail.ts';
import matchingRoundRoutes from './routes/matching-rounds.ts';
import moderationRoutes from './routes/moderation.ts';
import notificationRoutes from './routes/notifications.ts';
import institutionRoutes from './routes/institutions.ts';
import offerRoutes from './routes/offers.ts';
import partnershipRoutes from './routes/partnerships.ts';
import peopleRoutes from './routes/people.ts';
import statisticsRoutes from './routes/statistics.ts';
import realtimeRoutes, { hardFrameCap } from './routes/realtime.ts';
import type { EventBus } from './realtime/event-bus.ts';
import { Hub } from './realtime/hub.ts';
import { createRedisEventBus } from './realtime/redis-event-bus.ts';
import { redisRateLimitStore } from './rate-limit/redis-rate-limit-store.ts';
import { openRedisLink, type RedisLink } from './redis/redis-link.ts';
import type { RouteContext } from './routes/types.ts';
import type { FollowUpService } from './services/follow-ups.ts';
import { createStillOpenService, type StillOpenService } from './services/still-open.ts';
import { createServices } from './services/services.ts';
import { hostname } from 'node:os';
import { newId } from './ids.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { createNotificationMail, type NotificationMail } from './mail/notification-mail.ts';
import { smtpTransport } from './mail/transport.ts';
import { createUnsubscribeTokens } from './mail/unsubscribe.ts';
import {
  createMailWorker,
  type MailTransport,
  type MailWorker,
  type MailWorkerOptions,
} from './mail/worker.ts';
import { openApiOptions } from './openapi.ts';
import { sharedSchemaCompilers } from './plugins/schema-compilers.ts';

export interface AppOptions {
  config: Config;
  repositories: Repositories;
  now?: () => Date;
  /** Pino options; tests pass `false`. */
  logger?: FastifyServerOptions['logger'];
  /** The event bus between processes; in-process by default. */
  events?: EventBus;
  /** Rate-limit counters shared by the processes; in the database by default. */
  rateLimitStore?: RateLimitStore;
  /** The mail worker's timing (tests); the transport comes from config.smtpUrl. */
  mail?: Pick<MailWorkerOptions, 'intervalMs' | 'leaseMs' | 'maxAttempts' | 'backoffMs'> & {
    /** Instead of SMTP_URL's transport (tests that watch what is sent). */
    transport?: MailTransport;
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's link to Redis (REDIS_URL), or null: one process on its own. */
    redis: RedisLink | null;
    /** Reminds of and expires unanswered partnership requests (the server runs it on a timer). */
    followUps: FollowUpService;
    /** "Still open?" mails at 60 days unconfirmed; lapsed offers leave the matcher (server.ts runs it). */
    stillOpen: StillOpenService;
    /** This process's mail: the seam services enqueue through, and the worker that sends. */
    mail: { mailer: Mailer; worker: MailWorker; on: boolean };
    /** Mails notifications as each person chose (the server runs it every minute). */
    notificationMail: NotificationMail;
  }
}

export const redactedLogPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  `req.headers["${internalCallHeader}"]`,
];

function notFoundReply(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    error: {
      code: 'not_found',
      message: `No route ${request.method} ${request.url.split('?')[0]}.`,
    },
  });
}

export async function buildApp({
  config,
  repositories,
  now,
  logger,
  events,
  rateLimitStore,
  mail: mailOptions = {},
}: AppOptions) {
  const app = Fastify({
    logger: logger ?? {
      level: config.logLevel,
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
    },
    // X-Forwarded-* only from the proxies TRUST_PROXY names (none by default); the pages' own
    // calls name their client another way (plugins/client-address.ts).
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    // What fails before routing (a malformed percent-encoding, a path segment over 100
    // characters) gets the API's error shape too, not Fastify's own with its internal code.
    frameworkErrors: (error, _request, reply) => {
      const [status, code, message] =
        error.code === 'FST_ERR_BAD_URL'
          ? [400, 'invalid_input', 'The URL is malformed (a bad percent-encoding?).']
          : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? [414, 'uri_too_long', 'A part of the URL is too long.']
            : [500, 'internal', 'Internal Server Error'];
      if (status === 500) reply.log.error({ err: error }, 'routing failed');
      void (reply as unknown as FastifyReply).status(status).send({ error: { code, message } });
    },
    ajv: {
      customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false },
      // Coercion turns "Infinity" and "1e309" into numbers that no bound stops: refused here.
      plugins: [finiteNumbers],
    },
    schemaController: { compilersFactory: sharedSchemaCompilers },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // With REDIS_URL: events, rate-limit counters (and server.ts's upkeep claim) through Redis.
  const redis = config.redisUrl ? openRedisLink(config.redisUrl, app.log) : null;
  app.decorate('redis', redis);
  const redisBus = redis && !events ? createRedisEventBus({ link: redis, log: app.log }) : null;
  const bus = events ?? redisBus ?? undefined;
  // Ready means connected to Redis and listening to the other processes (or a clear error that
  // names the server: start refuses to run half-connected).
  if (redis) {
    app.addHook('onReady', async () => {
      // Within Fastify's 10 s for a hook, so the error that says why is the one reported.
      await redis.ready(5_000);
      await redisBus?.listening();
    });
  }
  const clock = now ?? (() => new Date());
  // Mail: stored in the outbox by services, sent by this process's worker (and any other's).
  const transport =
    mailOptions.transport ?? (config.smtpUrl ? smtpTransport(config.smtpUrl) : null);
  const worker = createMailWorker({
    ...mailOptions,
    outbox: repositories.mailOutbox,
    transport,
    from: config.mailFrom,
    log: app.log,
    now: clock,
    owner: `${hostname()}:${process.pid}:${newId()}`,
  });
  const unsubscribeTokens = createUnsubscribeTokens(repositories.platformSettings);
  const mailer = createMailer({
    outbox: repositories.mailOutbox,
    tokens: unsubscribeTokens,
    origin: config.origin ?? `http://localhost:${config.port}`,
    now: clock,
    newId,
    wake: () => void worker.wake(),
  });
  app.decorate('mail', { mailer, worker, on: transport !== null });
  app.addHook('onReady', async () => {
    // The signing secret is read (or made) now, not in the middle of a request's transaction.
    await unsubscribeTokens.sign('');
    worker.start();
  });
  app.addHook('onClose', () => worker.stop());
  const services = createServices(repositories, now, bus, mailer);
  app.decorate('followUps', services.followUps);
  app.decorate(
    'stillOpen',
    createStillOpenService({ repositories, mailer, tokens: unsubscribeTokens, now: clock }),
  );
  app.decorate(
    'notificationMail',
    createNotificationMail({ repositories, mailer, now: clock, notes: services.notifications }),
  );
  const databaseLimits = databaseRateLimitStore(repositories.rateLimits, clock);
  const limits =
    rateLimitStore ??
    (redis
      ? redisRateLimitStore({ redis: redis.commands, fallback: databaseLimits })
      : databaseLimits);
  const hub = new Hub(services.events, {
    heartbeatMs: config.wsHeartbeatMs,
    history: (actor, conversationId, query) =>
      services.conversations.history(actor, conversationId, query),
    logError: (object, message) => app.log.error(object, message),
  });
  app.addHook('onClose', async () => {
    hub.close();
    // What this app opened, it closes (a bus passed in belongs to the caller).
    if (redis) {
      await redisBus?.close();
      await redis.close();
    }
  });
  const context: RouteContext = {
    services,
    config,
    hub,
    loginLimit: config.rateLimitAuth > 0 ? createLoginLimit(limits) : null,
    unsubscribeTokens,
  };

  app.addSchema(ErrorReply);
  app.addSchema(User);
  app.addSchema(Institution);

  registerClientAddress(app, config.internalSecret);
  // Also for what plugins outside /api's own scope cannot find (the docs' static files).
  app.setNotFoundHandler(notFoundReply);
  await app.register(cookie);
  await registerCompression(app);
  await app.register(rateLimit, {
    global: false,
    store: fastifyRateLimitStore(limits),
    keyGenerator: (request) => request.clientAddress,
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
      api.setNotFoundHandler(notFoundReply);
      // Every other path under /api, whatever the method, is the API's own 404 (JSON): without
      // these, the pages' catch-all (web.ts) would answer them with the HTML 404 page.
      for (const url of ['/', '/*']) {
        api.all(url, { schema: { hide: true } }, (_request, reply) => reply.callNotFound());
      }
      for (const routes of [
        healthRoutes,
        authRoutes,
        institutionRoutes,
        offerRoutes,
        applicationRoutes,
        partnershipRoutes,
        balanceGoalRoutes,
        matchingRoundRoutes,
        statisticsRoutes,
        moderationRoutes,
        conversationRoutes,
        notificationRoutes,
        mailRoutes,
        peopleRoutes,
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
