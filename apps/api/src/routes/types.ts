// What every route module receives: the app typed for TypeBox, and the services it may call.
import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Services } from '../services/services.ts';
import type { Config } from '../config.ts';
import type { Hub } from '../realtime/hub.ts';
import type { LoginLimit } from '../rate-limit/login-limit.ts';
import type { UnsubscribeTokens } from '../mail/unsubscribe.ts';

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface RouteContext {
  services: Services;
  config: Config;
  /** This process's WebSocket connections. */
  hub: Hub;
  /** Failed log-ins per account (null when RATE_LIMIT_AUTH is 0). */
  loginLimit: LoginLimit | null;
  /** Signs and checks one-click unsubscribe links. */
  unsubscribeTokens: UnsubscribeTokens;
}
