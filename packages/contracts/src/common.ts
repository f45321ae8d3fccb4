// Shapes every route shares: the error reply and cursor-paged lists (API.md, "Conventions").
import { Type, type Static, type TSchema } from 'typebox';

export const ErrorDetail = Type.Object({
  field: Type.String({ description: 'Path of the bad field, e.g. `email` or `languages.0.level`' }),
  message: Type.String(),
});
export type ErrorDetail = Static<typeof ErrorDetail>;

export const ErrorReply = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable machine-readable code, e.g. `invalid_input`' }),
      message: Type.String(),
      details: Type.Optional(Type.Array(ErrorDetail)),
    }),
  },
  { $id: 'ErrorReply', description: 'The one error shape of the API' },
);
export type ErrorReply = Static<typeof ErrorReply>;

export const errorResponses = {
  400: Type.Ref('ErrorReply'),
  401: Type.Ref('ErrorReply'),
  403: Type.Ref('ErrorReply'),
  404: Type.Ref('ErrorReply'),
  409: Type.Ref('ErrorReply'),
  413: Type.Ref('ErrorReply'),
  429: Type.Ref('ErrorReply'),
};

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 500 })),
};

export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()]),
  });
}

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export type IdParams = Static<typeof IdParams>;

export const Health = Type.Object({
  status: Type.Literal('ok'),
  redis: Type.Optional(
    Type.Union([Type.Literal('connected'), Type.Literal('unavailable')], {
      description:
        'Only with REDIS_URL: unavailable while this process cannot reach Redis (it still serves its own sockets)',
    }),
  ),
});
